"""Malformed sources files, as an operator could write them, and how the command line answers.

Shared by tests/test_sources.py and bench/hostile_site_figures.py. Every URL is on
127.0.0.1's discard port, so a file accepted by mistake crawls nothing anywhere.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEAD = "http://127.0.0.1:9"
BASE = {"name": '"Site Example"', "homepage": f'"{DEAD}/"', "start_urls": f'["{DEAD}/feed.xml"]'}


def source_table(**fields: str | None) -> str:
    """A [[source]] table: BASE with `fields` changed (None drops the field); values are TOML."""
    lines = {**BASE, **fields}
    return "[[source]]\n" + "".join(f"{key} = {value}\n" for key, value in lines.items() if value is not None)


# (case id, file text, the field the error must name)
MALFORMED: list[tuple[str, str, str]] = [
    # crashed with a traceback before
    ("name-integer", source_table(name="42"), "name"),
    ("homepage-integer", source_table(homepage="8299"), "homepage"),
    ("pattern-integer", source_table(article_pattern="5"), "article_pattern"),
    ("domains-integers", source_table(allowed_domains="[127]"), "allowed_domains"),
    ("source-integers", "source = [1, 2]\n", "source"),
    # accepted silently before
    ("domains-string", source_table(allowed_domains='"site.example"'), "allowed_domains"),
    ("typo-max_article", source_table(max_article="5"), "max_article"),
    ("typo-start_url", source_table(start_urls=None, start_url=f'["{DEAD}/feed.xml"]'), "start_url"),
    ("typo-allowd_domains", source_table(allowd_domains='["127.0.0.1"]'), "allowd_domains"),
    ("typo-article_patern", source_table(article_patern='"/news/"'), "article_patern"),
    ("typo-maxpages", source_table(maxpages="2"), "maxpages"),
    ("typo-sources-table", "[[sources]]\n" + source_table().split("\n", 1)[1], "sources"),
    ("domains-url", source_table(allowed_domains=f'["{DEAD}/"]'), "allowed_domains"),
    ("domains-empty", source_table(allowed_domains="[]"), "allowed_domains"),
    ("languages-string", source_table(languages='"en"'), "languages"),
    # other wrong types and values
    ("name-empty", source_table(name='""'), "name"),
    ("name-array", source_table(name='["Site"]'), "name"),
    ("name-boolean", source_table(name="true"), "name"),
    ("name-missing", source_table(name=None), "name"),
    ("homepage-missing", source_table(homepage=None), "homepage"),
    ("homepage-no-scheme", source_table(homepage='"site.example"'), "homepage"),
    ("homepage-javascript", source_table(homepage='"javascript://127.0.0.1/%0aalert(1)"'), "homepage"),
    ("start-urls-empty", source_table(start_urls="[]"), "start_urls"),
    ("start-urls-integer", source_table(start_urls="5"), "start_urls"),
    ("start-urls-mixed", source_table(start_urls=f'["{DEAD}/feed.xml", 7]'), "start_urls"),
    ("start-urls-ftp", source_table(start_urls='["ftp://127.0.0.1/feed.xml"]'), "start_urls"),
    ("pattern-bad-regex", source_table(article_pattern='"(["'), "article_pattern"),
    ("max-pages-string", source_table(max_pages='"3"'), "max_pages"),
    ("max-pages-negative", source_table(max_pages="-1"), "max_pages"),
    ("max-pages-float", source_table(max_pages="2.5"), "max_pages"),
    ("max-pages-boolean", source_table(max_pages="true"), "max_pages"),
    ("max-articles-string", source_table(max_articles='"ten"'), "max_articles"),
    ("max-articles-negative", source_table(max_articles="-5"), "max_articles"),
    ("languages-empty", source_table(languages="[]"), "languages"),
    ("languages-mixed", source_table(languages='["en", 5]'), "languages"),
    ("language-integer", source_table(language="1"), "language"),
    ("country-integer", source_table(country="116"), "country"),
    ("id-integer", source_table(id="7"), "id"),
    ("id-empty", source_table(id='""'), "id"),
    ("id-duplicate", source_table(id='"same"') + "\n" + source_table(id='"same"', name='"Other"'), "id"),
    ("source-single-table", "[source]\n" + source_table().split("\n", 1)[1], "source"),
    ("source-string", 'source = "Site Example"\n', "source"),
]


@dataclass
class CliAnswer:
    returncode: int
    stderr: str

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    @property
    def accepted(self) -> bool:
        """The command went on as if the file were fine (no exit 2, no traceback either)."""
        return self.returncode != 2 and not self.traceback


def run_crawl(sources: Path, db: Path) -> CliAnswer:
    """`pipeline.py crawl --sources FILE --db DB`, as an operator runs it."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--sources", str(sources), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    return CliAnswer(result.returncode, result.stderr)


def crawl_each(folder: Path) -> dict[str, tuple[Path, CliAnswer]]:
    """Every malformed file written to `folder` and given to the command line (two at a time)."""
    files = {}
    for case, text, _ in MALFORMED:
        path = folder / f"{case}.toml"
        path.write_text(text, encoding="utf-8")
        files[case] = path
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = pool.map(lambda case: run_crawl(files[case], folder / f"{case}.db"), files)
        return {case: (files[case], answer) for case, answer in zip(files, answers)}
