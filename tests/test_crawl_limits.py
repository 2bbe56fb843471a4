"""Listings a hostile site can make endless, and relative links in listings, over real HTTP.

The sites are the /endless/ and /relative/ parts of `testbed/hostile_site.py`; each test
writes its own sources file and runs `pipeline.py` as cron would.
"""

from __future__ import annotations

import pytest
import sqlite_utils

from testbed.hostile_site import RELATIVE, source_toml, start_hostile_site
from tests.conftest import free_port, run_pipeline


@pytest.fixture(scope="module")
def site():
    site = start_hostile_site(dead_port=free_port())
    yield site
    site.shutdown()


def requests_under(site, prefix: str) -> int:
    with site.lock:
        return sum(1 for h in site.log if h.path.startswith(prefix))


def test_endless_sitemap_index_chains_are_bounded_and_recorded(site, tmp_path):
    """Each index lists new child indexes, forever. With the default settings the narrow chain
    stops at NEWS_SITEMAP_MAX_DEPTH = 3 (1 + 2 + 4 + 8 indexes read), the wide one at the
    source's budget of NEWS_MAX_LISTINGS = 200 listing requests; each is recorded once, and
    `nightly` goes on to the NLP stage."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        source_toml("endless-deep", [site.main + "/endless/w2/0.xml"], max_pages=3)
        + source_toml("endless-wide", [site.main + "/endless/w50/0.xml"], max_pages=50),
        encoding="utf-8",
    )
    db_path = tmp_path / "t.db"
    site.reset()
    result = run_pipeline("nightly", "--sources", str(sources), "--db", str(db_path), check=False, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert requests_under(site, "/endless/w2/") == 15
    assert requests_under(site, "/endless/w50/") == 200
    db = sqlite_utils.Database(db_path)
    rows = [
        (r["source_id"], r["code"], r["url"], r["reason"])
        for r in db.query("select source_id, code, url, reason from run_errors order by source_id")
    ]
    assert [(source, code) for source, code, _, _ in rows] == [
        ("endless-deep", "sitemap_depth"),
        ("endless-wide", "listing_budget"),
    ]
    (_, _, deep_url, deep_reason), (_, _, wide_url, wide_reason) = rows
    assert deep_url.startswith(site.main + "/endless/w2/0-") and "NEWS_SITEMAP_MAX_DEPTH = 3" in deep_reason
    assert wide_url.startswith(site.main + "/endless/w50/") and "NEWS_MAX_LISTINGS = 200" in wide_reason
    run = next(db.query("select * from runs"))
    assert (run["status"], run["stage"]) == ("ok", "done")
    assert run["process_seconds"] is not None, "the NLP stage ran"
    assert run["listings_fetched"] == 215 and db["feed_state"].count == 215


def test_listing_limits_are_settings(site, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(source_toml("endless-deep", [site.main + "/endless/w2/0.xml"], max_pages=3), encoding="utf-8")
    site.reset()
    result = run_pipeline(
        "crawl",
        "--sources",
        str(sources),
        "--db",
        str(tmp_path / "a.db"),
        "--set",
        "NEWS_SITEMAP_MAX_DEPTH=1",
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert requests_under(site, "/endless/") == 3
    site.reset()
    result = run_pipeline(
        "crawl",
        "--sources",
        str(sources),
        "--db",
        str(tmp_path / "b.db"),
        "--set",
        "NEWS_MAX_LISTINGS=5",
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert requests_under(site, "/endless/") == 5
    codes = [r[0] for r in sqlite_utils.Database(tmp_path / "b.db").execute("select code from run_errors")]
    assert codes == ["listing_budget"]


def test_relative_links_resolve_against_content_location_and_base(site, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        source_toml(
            "relative", [site.main + "/relative/feed.xml", site.main + "/relative/section/"], article_pattern="/story-"
        ),
        encoding="utf-8",
    )
    site.reset()
    result = run_pipeline("crawl", "--sources", str(sources), "--db", str(tmp_path / "t.db"), check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    with site.lock:
        requested = {h.path for h in site.log}
    assert set(RELATIVE["requested"]) <= requested
    assert not set(RELATIVE["not_requested"]) & requested
