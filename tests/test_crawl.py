"""The spider against the demo site served on 127.0.0.1: what is stored, dropped, counted."""

import sys

import pytest
import sqlite_utils

from tests.conftest import EXPECTED, ROOT, run_on_terminal, run_pipeline


def stored_paths(db):
    return {row[0].split(":", 2)[-1].split("/", 1)[-1] for row in db.execute("select url from articles")}


def test_crawl_stores_on_topic_articles_and_drops_off_topic(crawled_demo_db):
    db = sqlite_utils.Database(crawled_demo_db)
    paths = {"/" + p for p in stored_paths(db)}
    on_topic = {a["path"] for a in EXPECTED["articles"] if a["on_topic"]}
    off_topic = {a["path"] for a in EXPECTED["articles"] if not a["on_topic"]}
    assert on_topic <= paths
    assert not (off_topic & paths)
    run = db.execute("select * from runs where command = 'crawl' order by id limit 1").fetchone()
    run = dict(zip([c[0] for c in db.execute("select * from runs limit 0").description], run))
    assert run["status"] == "ok"
    assert run["articles_new"] == len(on_topic)
    assert run["articles_irrelevant"] == len(off_topic)


def test_articles_have_metadata(crawled_demo_db):
    db = sqlite_utils.Database(crawled_demo_db)
    expected = {a["path"]: a for a in EXPECTED["articles"] if a["on_topic"]}
    rows = list(db.query("select url, title, published, authors, text from articles"))
    for row in rows:
        path = "/" + row["url"].split("/", 3)[3]
        gold = expected[path]
        assert row["title"] == gold["title"]
        assert row["published"] == gold["published"]
        assert gold["author"] in (row["authors"] or "")
        assert len(row["text"]) > 500
        assert "Newsletter" not in row["text"][:200]


def test_second_crawl_adds_no_duplicates(crawled_demo_db, demo_sources):
    db = sqlite_utils.Database(crawled_demo_db)
    before = db["articles"].count
    result = run_pipeline("crawl", "--sources", str(demo_sources), "--db", str(crawled_demo_db))
    assert "articles_new=0" in result.stdout
    assert "pages_fetched=0" in result.stdout  # stored URLs are not fetched again
    assert db["articles"].count == before
    assert (
        db.execute("select count(*) from (select url from articles group by url having count(*) > 1)").fetchone()[0]
        == 0
    )


def test_scrapy_crawl_works_from_the_project_folder(demo_sources, tmp_path):
    """`scrapy crawl news` from crawler/, the ordinary Scrapy way, stores articles too."""
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "scrapy.db"
    crawler_dir = Path(__file__).resolve().parents[1] / "crawler"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            f"sources={demo_sources}",
            "-s",
            f"NEWS_DB_PATH={db}",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=crawler_dir,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    on_topic = sum(a["on_topic"] for a in EXPECTED["articles"])
    assert sqlite_utils.Database(db)["articles"].count == on_topic


@pytest.mark.skipif(sys.platform != "linux", reason="pty")
def test_the_crawl_shows_its_progress_bar_only_on_a_terminal(demo_sources, tmp_path):
    """The crawler.progress extension (EXTENSIONS, switched on by NEWS_PROGRESS)."""
    command = [
        sys.executable,
        str(ROOT / "pipeline.py"),
        "crawl",
        "--sources",
        str(demo_sources),
        "--max-articles",
        "2",
    ]
    piped = run_pipeline(*command[2:], "--db", str(tmp_path / "piped.db"))
    assert "crawl:" not in piped.stdout + piped.stderr and "(crawl): ok" in piped.stdout
    code, text = run_on_terminal([*command, "--db", str(tmp_path / "terminal.db")])
    assert code == 0
    assert "\rcrawl:" in text and "responses" in text and "(crawl): ok" in text
