"""The bench scripts run and print every figure (at toy sizes; no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.conftest import ROOT

NUMBER = r"[\d.]+"


def bench(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.startswith(f"command: python bench/{script}"), result.stdout
    return result.stdout


def test_add_articles_stores_the_generated_articles_and_counts_their_words(tmp_path):
    """bench's articles go in through testbed.database.store_articles, as the tests' do."""
    import sqlite_utils

    from bench.articles_db import add_articles

    words = add_articles(tmp_path / "bench.db", 5, start=3)
    rows = list(sqlite_utils.Database(tmp_path / "bench.db")["articles"].rows)
    assert {r["url"] for r in rows} == {f"https://bench.example.org/news/{n:06d}" for n in range(3, 8)}
    assert words == sum(len(r["text"].split()) for r in rows) > 0
    assert all(r["relevant"] == 1 and r["published"].startswith("2025-") for r in rows)


def test_nlp_throughput_prints_both_rates_and_the_ratio():
    out = bench("nlp_throughput.py", "--articles", "12", "--workers", "2", "--timeout", "120")
    assert re.search(rf"raw nlp.pipe .* {NUMBER} words/s", out)
    assert re.search(rf"pipeline.py process .* {NUMBER} words/s", out)
    assert re.search(rf"ratio process / raw: {NUMBER}", out)


def test_nlp_throughput_names_a_child_that_overruns_and_shows_its_stack():
    """A hung child (here: one given 0.2 s) fails the bench with its side and its stack, not a silent wait."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "nlp_throughput.py"), "--articles", "4", "--workers", "1"]
        + ["--timeout", "0.2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "raw nlp.pipe (spacy, 1 process(es)) did not finish within 0.2 s; its stack:" in result.stderr
    assert "File " in result.stderr.split("its stack:")[1]


def test_nlp_profile_lists_every_component_and_the_writes():
    out = bench("nlp_profile.py", "--articles", "8")
    for part in ("tok2vec", "ner", "parser", "trafficking_entities", "court_sentences", "SQLite writes"):
        assert re.search(rf"{part}[^\n]*\s{NUMBER} s\s+{NUMBER} %", out), part


def test_process_scaling_prints_time_per_article_and_memory_at_each_size():
    out = bench("process_scaling.py", "--sizes", "6,12", "--workers", "2")
    lines = re.findall(
        r"archive\s+(\d+) articles: processed\s+(\d+) new in .* ms/article; "
        r"peak RSS main (\d+) MB, largest worker (\d+) MB",
        out,
    )
    assert [(size, new) for size, new, _, _ in lines] == [("6", "6"), ("12", "6")]
    assert all(int(main) > 50 and int(worker) > 50 for _, _, main, worker in lines)


def test_case_linking_prints_the_nightly_cost_per_new_article_at_each_size():
    out = bench("case_linking.py", "--sizes", "40,120", "--new", "10")
    rows = re.findall(rf"^\s*(\d+)\s+(\d+)\s+10\s+(\d+)\s+({NUMBER}) ms\s+({NUMBER}) s$", out, re.M)
    assert len(rows) == 2, out
    assert int(rows[0][0]) >= 40 and int(rows[1][0]) >= 120  # stored cases before the night
    assert all(int(new_reports) >= 10 for _, _, new_reports, _, _ in rows)  # every new article's reports linked


def test_crawl_throughput_fetches_every_page_and_times_the_no_op_nightly():
    out = bench("crawl_throughput.py", "--pages", "30")
    assert "first crawl: 33 requests, 30 article pages fetched, 27 stored, 3 irrelevant" in out
    assert re.search(rf"pages/second: {NUMBER} \(first to last request\)", out)
    assert "second crawl of the unchanged site: 3 requests, 0 article pages fetched" in out
    assert re.search(rf"no-op nightly .*: {NUMBER} s wall, 3 requests, exit 0", out)


def test_datasette_latency_times_search_and_prosecutions():
    articles = 500
    out = bench("datasette_latency.py", "--articles", str(articles), "--requests", "5")
    assert f"database: {articles} articles, {articles // 5} sentences" in out
    for label in (
        "FTS search (canned query search_articles",
        "prosecutions view filtered by province",
        "home page alone",
    ):
        assert re.search(rf"{re.escape(label)}.*: p50 {NUMBER} ms, p95 {NUMBER} ms over 5 requests", out), label
    assert re.search(rf"home page with 20 clients at once: p50 {NUMBER} ms, p95 {NUMBER} ms over 20 requests", out)


def test_hostile_site_figures_prints_every_figure():
    out = bench("hostile_site_figures.py", "--articles", "200")
    for name in (
        "non_http_urls_stored",
        "sources_tracebacks",
        "sources_accepted",
        "peak_rss_mb_4_randomblob",
        "peak_rss_mb_4_many_rows",
        "home_ms_p50_alone",
        "home_ms_p50_20_clients",
    ):
        assert re.search(rf"^{name}: {NUMBER}$", out, re.M), name
    assert re.search(r"^non_http_urls_stored: 0$", out, re.M)
    assert re.search(r"^sources_tracebacks: 0$", out, re.M) and re.search(r"^sources_accepted: 0$", out, re.M)


def test_hostile_nlp_prints_victims_pending_and_time_per_name():
    out = bench("hostile_nlp.py", "--names", "300", "--sizes", "100,200")
    phrasings = tomllib.loads((ROOT / "tests" / "data" / "victim_phrasings.toml").read_text("utf-8"))["phrasing"]
    assert re.search(rf"victim_phrasings\s+{sum(bool(p['victims']) for p in phrasings)}\b", out)
    assert re.search(r"victim_names_stored\s+0\b", out)
    assert re.search(r"pending_after_two_runs\s+0\b", out)
    assert re.search(r"bad_set_second_exit\s+0\b", out)
    assert re.search(rf"process_seconds_300_names\s+{NUMBER}", out)
    for n in (100, 200):
        assert re.search(rf"rule_ms_per_name_{n}\s+{NUMBER}", out)
