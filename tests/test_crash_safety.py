"""`kill -9` at any moment of a nightly run leaves a consistent database, and the next run
finishes the job: same articles, mentions and sentences as an uninterrupted run, no duplicates.

The demo site is served here with ETags (so an interrupted crawl that already read the feed
would find a 304 next time if it kept the feed's new validator) and a small delay per
article page (so the crawl lasts long enough to be killed in the middle). Kill points are
chosen by polling the database for progress, not by sleeping.
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from demo.server import SITE_DIR, SiteHandler, origin_of, write_sources_for
from tests.conftest import ROOT

ARTICLE_DELAY = 0.08  # seconds per article page
CRAWL_SETTINGS = ["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]


class SlowETagHandler(SiteHandler):
    """The demo site, with an ETag on every answer, 304 for If-None-Match, slow article pages."""

    def do_GET(self):
        found = self.page()
        if found is None:
            return
        path, body = found
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        if "/news/" in self.path:
            time.sleep(ARTICLE_DELAY)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def slow_sources(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SlowETagHandler, directory=str(SITE_DIR)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield write_sources_for(origin_of(server), tmp_path_factory.mktemp("slow") / "sources.toml")
    server.shutdown()


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return -1
    finally:
        conn.close()


def first_value(path: Path, sql: str):
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


def start_nightly(sources: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "pipeline.py"),
            "nightly",
            "--quiet",
            "--sources",
            str(sources),
            "--db",
            str(db),
            "--commit-every",
            "1",
            *CRAWL_SETTINGS,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd="/",
    )


def wait_for(proc: subprocess.Popen, db: Path, sql: str | None, target: int, timeout: float = 90) -> bool:
    """Poll the database until `sql` counts `target` (or, without sql, `target` ms pass);
    False if the run ended first."""
    deadline = time.monotonic() + (timeout if sql else target / 1000)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if sql and db.exists() and count(db, sql) >= target:
            return True
        time.sleep(0.01)
    return sql is None


ARTICLES = "select count(*) from articles"
PROCESSING = "select count(*) from runs where pid = {pid} and status = 'running' and stage = 'process'"
PROCESSED = "select count(*) from articles where processed_at is not null"

# (signal, what to wait for, how much, then how many ms more): the crawl and the process
# stage at several points
KILL_POINTS = [
    (signal.SIGKILL, None, 400, 0),  # 0.4 s in: starting up, schema, lock
    (signal.SIGKILL, ARTICLES, 3, 0),  # crawling
    (signal.SIGKILL, ARTICLES, 12, 0),
    (signal.SIGTERM, ARTICLES, 15, 0),  # systemctl stop: Scrapy stops gracefully, run interrupted
    (signal.SIGKILL, PROCESSING, 1, 1500),  # loading the model, running it
    (signal.SIGTERM, PROCESSING, 1, 0),  # the same while loading the model
    (signal.SIGKILL, PROCESSED, 1, 0),  # writing NLP results, one article after another
]


def per_article(path: Path) -> dict[str, tuple]:
    """{article title: (mentions, sentences, processed?)}: comparable across sites on other ports."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        """select a.title, (select count(*) from mentions m where m.article_id = a.id),
                  (select count(*) from sentences s where s.article_id = a.id), a.processed_at is not null
           from articles a"""
    ).fetchall()
    conn.close()
    return {title: (mentions, sentences, bool(done)) for title, mentions, sentences, done in rows}


def check_consistent(path: Path, reference: dict[str, tuple]) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        if one("select count(*) from sqlite_master where name = 'articles'") == 0:
            # killed while creating the schema: its transaction left nothing half-made
            assert one("select count(*) from sqlite_master") == 0
            return
        assert one("select count(*) - count(distinct url) from articles") == 0
        assert one("select count(*) - count(distinct content_hash) from articles") == 0
        assert (
            one("select count(*) - count(distinct article_id || '/' || entity_id || '/' || start) from mentions") == 0
        )
        assert one("select count(*) - count(distinct article_id || '/' || defendant_id) from sentences") == 0
        # a stored article has its HTML and its fetched URL, written in the same transaction
        assert one("select count(*) from articles where id not in (select article_id from article_html)") == 0
        assert (
            one(
                "select count(*) from articles where id not in "
                "(select article_id from fetched_urls where status = 'article')"
            )
            == 0
        )
        assert (
            one(
                "select count(*) from fetched_urls where status = 'article' "
                "and article_id not in (select id from articles)"
            )
            == 0
        )
        assert one("select count(*) from articles_fts") == one("select count(*) from articles")
    finally:
        conn.close()
    # each article is fully processed (as many mentions and sentences as in the uninterrupted
    # run) or not at all (none)
    for title, (mentions, sentences, done) in per_article(path).items():
        expected = reference[title][:2] if done else (0, 0)
        assert (mentions, sentences) == expected, (title, done)


def test_kill_during_crawl_and_process_then_a_clean_run_finishes_the_job(slow_sources, crawled_demo_db, tmp_path):
    reference = per_article(crawled_demo_db)  # crawl + process of the same site, never interrupted
    db = tmp_path / "trafficking_news.db"
    stopped_in = []
    for sig, sql, target, more_ms in KILL_POINTS:
        proc = start_nightly(slow_sources, db)
        sql = sql and sql.format(pid=proc.pid)
        reached = wait_for(proc, db, sql, target) and wait_for(proc, db, None, more_ms)
        if reached:
            stage = first_value(db, f"select stage from runs where pid = {proc.pid}")
            stopped_in.append((sig, stage))  # None: before the run's row was written
            os.kill(proc.pid, sig)
        out, err = proc.communicate(timeout=120)
        if reached and sig == signal.SIGKILL:
            assert proc.returncode == -signal.SIGKILL
        elif reached:  # SIGTERM: the run records itself as interrupted and exits 1
            assert proc.returncode == 1, err[-3000:]
            last = sqlite3.connect(db).execute("select status, message, stage from runs order by id desc").fetchone()
            assert last[0] == "interrupted" and last[2] in ("crawl", "process"), last
            assert last[1] in ("stopped by signal SIGTERM", "stopped by a shutdown signal during the crawl")
        if db.exists():
            check_consistent(db, reference)
    stages = {stage for _, stage in stopped_in}
    assert {"crawl", "process"} <= stages, stopped_in  # both stages were really interrupted
    assert sum(sig == signal.SIGKILL for sig, _ in stopped_in) >= 5

    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "pipeline.py"),
            "nightly",
            "--quiet",
            "--sources",
            str(slow_sources),
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    check_consistent(db, reference)
    final = per_article(db)
    assert final == reference  # same articles, each with the same mentions and sentences, all processed
    conn = sqlite3.connect(db)
    ref = sqlite3.connect(crawled_demo_db)
    for table in ("articles", "article_html", "article_copies", "entities", "mentions", "sentences"):
        assert (
            conn.execute(f"select count(*) from {table}").fetchone()
            == ref.execute(f"select count(*) from {table}").fetchone()
        ), table
    assert sorted(conn.execute("select kind, name from entities").fetchall()) == sorted(
        ref.execute("select kind, name from entities").fetchall()
    )
    statuses = [row[0] for row in conn.execute("select status from runs order by id")]
    assert statuses[-1] == "ok" and "running" not in statuses
    # every stopped run that had written its row is marked interrupted (by itself or by the
    # next run); a run that ended before its kill point came (a loaded machine can let a
    # small stage finish between two polls) was not stopped, and finished ok by itself
    not_stopped = len(KILL_POINTS) - len(stopped_in)
    assert statuses.count("interrupted") == len(statuses) - 1 - not_stopped
    assert statuses.count("ok") == 1 + not_stopped
