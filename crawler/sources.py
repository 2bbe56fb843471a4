"""The sources file: which news sites to crawl and where their articles are listed.

A TOML file with one [[source]] table per outlet. Errors name the file, the source and
the field, so an operator can fix a typo without reading code.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class SourcesFileError(ValueError):
    """The sources file is missing, not TOML, or a source in it is incomplete."""


@dataclass
class Source:
    id: str
    name: str
    homepage: str
    start_urls: list[str]
    allowed_domains: list[str]
    country: str | None = None
    language: str = "en"
    article_pattern: str | None = None
    max_pages: int = 3
    max_articles: int | None = None
    languages: list[str] = field(default_factory=lambda: ["en"])

    def is_article_url(self, url: str) -> bool:
        if self.article_pattern:
            return re.search(self.article_pattern, url) is not None
        return looks_like_article(url)

    def allows(self, url: str) -> bool:
        host = (urlparse(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def looks_like_article(url: str) -> bool:
    """Default guess for listing links: a path with a long slug or a numeric id."""
    path = urlparse(url).path.rstrip("/")
    if not path or re.search(r"/(tag|tags|category|section|author|page|search|about|contact)(/|$)", path):
        return False
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(html?|php|aspx?)$", "", last)
    return last.count("-") >= 3 or bool(re.search(r"\d{5,}", last))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_sources(path: str | Path) -> list[Source]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"{path}: not valid TOML: {exc}") from None
    raw_sources = data.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SourcesFileError(f"{path}: no [[source]] tables found")
    sources, seen = [], set()
    for number, raw in enumerate(raw_sources, 1):
        where = f"{path}: source #{number} ({raw.get('name', 'unnamed')})"
        if not isinstance(raw, dict):
            raise SourcesFileError(f"{where}: must be a table")
        for key in ("name", "homepage", "start_urls"):
            if not raw.get(key):
                raise SourcesFileError(f"{where}: missing required field '{key}'")
        start_urls = raw["start_urls"]
        if isinstance(start_urls, str):
            start_urls = [start_urls]
        if not isinstance(start_urls, list) or not all(isinstance(u, str) for u in start_urls):
            raise SourcesFileError(f"{where}: 'start_urls' must be a list of URLs")
        for url in [raw["homepage"], *start_urls]:
            if urlparse(url).scheme not in {"http", "https"} or not urlparse(url).hostname:
                raise SourcesFileError(f"{where}: not an http(s) URL: {url!r}")
        allowed = raw.get("allowed_domains") or [urlparse(raw["homepage"]).hostname]
        source_id = raw.get("id") or _slug(raw["name"])
        if source_id in seen:
            raise SourcesFileError(f"{where}: duplicate source id {source_id!r}")
        seen.add(source_id)
        pattern = raw.get("article_pattern")
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise SourcesFileError(f"{where}: bad article_pattern: {exc}") from None
        try:
            max_pages = int(raw.get("max_pages", 3))
            max_articles = int(raw["max_articles"]) if raw.get("max_articles") else None
        except (TypeError, ValueError):
            raise SourcesFileError(f"{where}: max_pages/max_articles must be integers") from None
        language = raw.get("language", "en")
        sources.append(Source(
            id=source_id, name=raw["name"], homepage=raw["homepage"], start_urls=start_urls,
            allowed_domains=[d.lower() for d in allowed], country=raw.get("country"),
            language=language, article_pattern=pattern, max_pages=max_pages,
            max_articles=max_articles, languages=raw.get("languages") or [language],
        ))
    return sources
