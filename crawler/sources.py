"""The sources file: which news sites to crawl and where their articles are listed.

A TOML file with one [[source]] table per outlet. Errors name the file, the source and
the field, so an operator can fix a typo without reading code.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from crawler.urls import web_url

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
    """Every source of the file, or SourcesFileError listing every problem in it (one a line,
    each naming the file, the source and the field)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except OSError as exc:
        raise SourcesFileError(f"{path}: cannot read the sources file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"{path}: not valid TOML: {exc}") from None
    problems = [f"{path}: unknown top-level key '{key}' ({hint})" for key, hint in _unknown(data, ["source"])]
    raw_sources = data.get("source")
    if raw_sources is None or raw_sources == []:
        raise SourcesFileError("\n".join(problems + [f"{path}: no [[source]] tables found"]))
    if not isinstance(raw_sources, list):
        raise SourcesFileError(
            f"{path}: 'source' must be an array of tables ([[source]] ...), not {_shown(raw_sources)}"
        )
    sources, seen = [], set()
    for number, raw in enumerate(raw_sources, 1):
        where = f"{path}: source #{number}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: each 'source' must be a [[source]] table, not {_shown(raw)}")
            continue
        label = next((raw[k] for k in ("name", "id") if isinstance(raw.get(k), str) and raw[k].strip()), None)
        where += f" ({label})" if label else ""
        source, errors = _source(raw)
        problems += [f"{where}: {error}" for error in errors]
        if source is None:
            continue
        if source.id in seen:
            problems.append(f"{where}: field 'id': duplicate source id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    if problems:
        raise SourcesFileError("\n".join(problems))
    return sources


class _Bad(ValueError):
    """One field's value is wrong (the message says what it must be)."""


TOML_TYPES = [
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
]


def _shown(value) -> str:
    kind = next((name for cls, name in TOML_TYPES if isinstance(value, cls)), "a date or time")
    text = repr(value)
    return f"{kind} ({text[:60] + '...' if len(text) > 60 else text})"


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"must be a non-empty string, not {_shown(value)}")
    return value.strip()


def _http_url(value) -> str:
    url = _text(value)
    if not web_url(url):
        raise _Bad(f"not an http(s) URL: {url!r}")
    return url


def _list_of(check, what: str):
    def checked(value) -> list:
        if not isinstance(value, list):
            raise _Bad(f'must be a list of {what} (e.g. ["..."]), not {_shown(value)}')
        if not value:
            raise _Bad(f"must list at least one of {what}")
        try:
            return [check(item) for item in value]
        except _Bad as exc:
            raise _Bad(f"{what}: {exc}") from None

    return checked


def _start_urls(value) -> list[str]:
    return _list_of(_http_url, "URLs")([value] if isinstance(value, str) else value)


def _domain(value) -> str:
    domain = _text(value).lower()
    if not re.fullmatch(r"[^\s/:@?#]+", domain) or domain.startswith(".") or domain.endswith("."):
        raise _Bad(
            f"{value!r} is not a domain: write the host alone, like 'example.org' "
            f"(no scheme, path, port or leading dot)"
        )
    return domain


def _pattern(value) -> str:
    pattern = _text(value)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _Bad(f"bad article_pattern (not a regular expression): {exc}") from None
    return pattern


def _count(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(f"must be a whole number, 0 or more, not {_shown(value)}")
    return value


# field -> (check and normalise, required); the order is the order of the error messages
FIELDS = {
    "id": (_text, False),
    "name": (_text, True),
    "homepage": (_http_url, True),
    "country": (_text, False),
    "start_urls": (_start_urls, True),
    "allowed_domains": (_list_of(_domain, "domains"), False),
    "article_pattern": (_pattern, False),
    "max_pages": (_count, False),
    "max_articles": (_count, False),
    "language": (_text, False),
    "languages": (_list_of(_text, "language codes"), False),
}


def _unknown(table: dict, known) -> list[tuple[str, str]]:
    """(key, hint) for each key not in `known`; the hint suggests the nearest known key."""
    unknown = []
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            unknown.append((key, f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"))
    return unknown


def _source(raw: dict) -> tuple[Source | None, list[str]]:
    """One [[source]] table checked field by field: (the source, or None, and the problems)."""
    problems = [f"field '{key}': unknown field ({hint})" for key, hint in _unknown(raw, FIELDS)]
    values = {}
    for key, (check, required) in FIELDS.items():
        if key not in raw:
            if required:
                problems.append(f"field '{key}': missing required field '{key}'")
            continue
        try:
            values[key] = check(raw[key])
        except _Bad as exc:
            problems.append(f"field '{key}': {exc}")
    if problems:
        return None, problems
    language = values.get("language", "en")
    return Source(
        id=values.get("id") or _slug(values["name"]),
        name=values["name"],
        homepage=values["homepage"],
        start_urls=values["start_urls"],
        allowed_domains=values.get("allowed_domains") or [urlparse(values["homepage"]).hostname.lower()],
        country=values.get("country"),
        language=language,
        article_pattern=values.get("article_pattern"),
        max_pages=values.get("max_pages", 3),
        max_articles=values.get("max_articles"),
        languages=values.get("languages") or [language],
    ), []
