"""`pipeline.py nightly`: crawl then process in one command, quiet for cron when all is well."""

import sqlite_utils

from tests.conftest import EXPECTED, run_pipeline


def test_nightly_crawls_and_processes_quietly(demo_sources, tmp_path):
    db_path = tmp_path / "nightly.db"
    result = run_pipeline("nightly", "--sources", str(demo_sources), "--db", str(db_path), "--quiet", cwd="/")
    assert result.returncode == 0
    assert result.stdout == ""  # cron mails only when something went wrong
    db = sqlite_utils.Database(db_path)
    on_topic = sum(a["on_topic"] for a in EXPECTED["articles"])
    assert db["articles"].count == on_topic
    assert db.execute("select count(*) from articles where processed_at is null").fetchone()[0] == 0
    assert db["sentences"].count > 0
    runs = list(db.query("select * from runs order by id"))
    assert [(r["command"], r["status"], r["exit_code"]) for r in runs] == [("nightly", "ok", 0)]
    assert runs[0]["crawl_seconds"] > 0 and runs[0]["process_seconds"] > 0
    assert runs[0]["articles_new"] == on_topic == runs[0]["articles_processed"]


def test_nightly_reports_failed_sources_with_exit_3(tmp_path):
    sources = tmp_path / "dead.toml"
    sources.write_text(
        '[[source]]\nname = "Dead"\nhomepage = "http://127.0.0.1:9/"\nstart_urls = ["http://127.0.0.1:9/feed.xml"]\n'
    )
    result = run_pipeline("nightly", "--sources", str(sources), "--db", str(tmp_path / "n.db"), "--quiet", check=False)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "partial" in result.stdout
    db = sqlite_utils.Database(tmp_path / "n.db")
    assert db["run_errors"].count >= 1
    assert "127.0.0.1:9" in next(db.query("select url from run_errors"))["url"]
