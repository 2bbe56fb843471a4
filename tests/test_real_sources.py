"""The default sources file: enough real outlets across the region, each internally consistent.

The outlets' URLs cannot be fetched from tests (no network); this checks what can be
checked offline: coverage, ids, and that every start URL is within the source's domains.
"""

from urllib.parse import urlparse

from crawler.sources import load_sources
from tests.conftest import ROOT

SOURCES = load_sources(ROOT / "crawler" / "sources.toml")


def test_at_least_twelve_outlets_across_south_east_asia():
    assert len(SOURCES) >= 12
    countries = {s.country for s in SOURCES}
    assert {"KH", "TH", "VN", "MY", "ID", "PH", "MM"} <= countries
    assert len({s.id for s in SOURCES}) == len(SOURCES)
    assert len({s.homepage for s in SOURCES}) == len(SOURCES)


def test_each_source_is_consistent():
    for source in SOURCES:
        assert source.homepage.startswith("https://"), source.id
        assert source.language == "en" and source.languages == ["en"], source.id
        for url in [source.homepage, *source.start_urls]:
            assert source.allows(url), f"{source.id}: {url} is outside {source.allowed_domains}"
            assert urlparse(url).scheme == "https", source.id
        assert 1 <= source.max_pages <= 10, source.id
