"""`pipeline.py serve`: the real Datasette with our plugins, serving while the nightly job writes."""

import json
import sqlite3
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT, free_port, serving
from web import app as web_app


def fetch(url, timeout=10):
    started = time.time()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8"), time.time() - started


def copy_db(source, target):
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def test_datasette_command_uses_our_plugins_and_never_immutable(tmp_path):
    command = web_app.datasette_command(tmp_path / "x.db", "127.0.0.1", 8001, web_app.METADATA)
    assert command[1:4] == ["-m", "datasette", "serve"]
    assert "-i" not in command and "--immutable" not in command  # the nightly job writes the file
    assert command[command.index("--plugins-dir") + 1] == str(ROOT / "web" / "plugins")
    assert command[command.index("--template-dir") + 1] == str(ROOT / "web" / "templates")
    assert command[command.index("--static") + 1] == f"site:{ROOT / 'web' / 'static'}"
    assert command[command.index("--host") + 1] == "127.0.0.1"


def test_serve_answers_while_a_writer_holds_the_database(crawled_demo_db, tmp_path):
    """WAL: Datasette reads while a nightly run is in the middle of a write transaction."""
    db_path = copy_db(crawled_demo_db, tmp_path / "trafficking_news.db")
    with serving(db_path) as base:
        count_url = f"{base}/trafficking_news.json?_shape=array&sql=select+count(*)+as+n+from+articles"
        before = json.loads(fetch(count_url)[1])[0]["n"]
        writer = sqlite3.connect(db_path, isolation_level=None)
        assert writer.execute("pragma journal_mode").fetchone()[0] == "wal"
        writer.execute("begin immediate")
        writer.execute(
            "insert into articles (id, url, title, published, text, relevant) values "
            "('new1', 'https://example.org/new', 'New article', '2025-12-01', 'Text.', 1)"
        )
        try:
            for path in (
                "/",
                "/trafficking_news/prosecutions",
                "/trafficking_news/people",
                "/trafficking_news/search_everything?q=court",
                "/-/dashboards/overview",
            ):
                status, _, seconds = fetch(base + path)
                assert status == 200 and seconds < 5, (path, seconds)
            assert json.loads(fetch(count_url)[1])[0]["n"] == before  # not committed yet
        finally:
            writer.execute("commit")
            writer.close()
        assert json.loads(fetch(count_url)[1])[0]["n"] == before + 1
        _, body, _ = fetch(f"{base}/trafficking_news/articles.json?_shape=array&id=new1")
        assert json.loads(body)[0]["year"] == 2025  # the trigger ran in the writer's transaction


def test_stopping_serve_stops_datasette(crawled_demo_db):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(crawled_demo_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while True:
        try:
            fetch(f"http://127.0.0.1:{port}/-/versions.json")
            break
        except OSError:
            assert time.time() < deadline and proc.poll() is None
            time.sleep(0.3)
    proc.terminate()
    proc.wait(timeout=20)
    time.sleep(0.5)
    try:
        fetch(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
        raise AssertionError("Datasette still answers after `pipeline.py serve` was terminated")
    except OSError:
        pass


def test_serve_help_names_host_and_port():
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "serve", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for flag in ("--host", "--port", "--db", "--metadata"):
        assert flag in result.stdout
