"""Shared fixtures: the real NLP pipeline, the demo site on 127.0.0.1, a crawled demo DB."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline  # noqa: F401  (sets one BLAS thread per process before numpy loads: tests fork workers too)
from testbed.net import free_port  # noqa: F401  (the tests' port helper)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).parent / "data"


def needs_shared(*relative: str) -> Path:
    """The file of ../shared a test reads: the test skips without it on a public clone, and
    fails under CI, which always has ../shared beside the checkout."""
    path = SHARED.joinpath(*relative)
    if not path.exists():
        reason = f"needs {path} (the project's ../shared folder; a public clone has none)"
        if os.environ.get("CI"):
            pytest.fail(f"under CI ../shared must be there: {reason}")
        pytest.skip(reason)
    return path


EXPECTED = (
    json.loads((ROOT / "demo" / "expected.json").read_text(encoding="utf-8"))
    if (ROOT / "demo" / "expected.json").exists()
    else None
)


def run_pipeline(*args: str, check: bool = True, timeout: int = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run `python pipeline.py ARGS` as a user would, from a different working directory."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=kwargs.pop("cwd", ROOT),
        **kwargs,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"pipeline.py {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr[-4000:]}"
        )
    return result


def run_on_terminal(command: list[str], timeout: int = 300) -> tuple[int, str]:
    """(exit code, everything printed) of `command` run on a pseudo-terminal (Linux), as from
    an interactive shell: stdout is a terminal, so progress bars show."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return proc.wait(timeout=timeout), output.decode(errors="replace")


@pytest.fixture
def db(tmp_path):
    """A fresh, empty project database (schema, FTS, triggers and views)."""
    from storage import open_db

    database = open_db(tmp_path / "t.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def nlp():
    from nlp.loader import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_site():
    """The bundled demo news site, served by a real HTTP server on 127.0.0.1."""
    from demo.server import SITE_DIR, origin_of, serve_directory

    server = serve_directory(SITE_DIR)
    yield origin_of(server)
    server.shutdown()


@pytest.fixture(scope="session")
def demo_sources(demo_site, tmp_path_factory) -> Path:
    from demo.server import write_sources_for

    return write_sources_for(demo_site, tmp_path_factory.mktemp("sources") / "demo_sources.toml")


@pytest.fixture(scope="session")
def crawled_demo_db(demo_sources, tmp_path_factory) -> Path:
    """The demo site crawled and processed once, through the command line."""
    db = tmp_path_factory.mktemp("demo_db") / "trafficking_news.db"
    run_pipeline("crawl", "--sources", str(demo_sources), "--db", str(db))
    run_pipeline("process", "--db", str(db))
    return db


# -- the Datasette site ---------------------------------------------------------
VICTIM = "Sok Mean"  # named in VICTIM_TEXT as a survivor: must never be listed as an entity
VICTIM_TEXT = (
    "KANDAL — The Kandal Provincial Court on Tuesday sentenced Chea Sophal, 41, to nine years in "
    "prison for human trafficking. Sok Mean, a survivor who was trafficked to Malaysia in 2022, "
    "testified against Chea Sophal at the trial. Judge Keo Vuthy said the defendant had sold "
    "girls from the province to a broker."
)
XSS_TITLE = "Takeo court jails broker <script>window.__xss = 3</script>"
XSS_TEXT = (
    "TAKEO — The Takeo Provincial Court sentenced Mao Rith, 38, to five years in prison on Friday for "
    "trafficking workers to a fishing fleet <script>window.__xss = 1</script>. Police said the broker "
    '<img src=x onerror="window.__xss = 2"> had recruited 12 men from Takeo province.'
)


@pytest.fixture(scope="session")
def site_fixture_db(nlp, tmp_path_factory) -> Path:
    """Two articles stored and processed by the real stages: one names a victim, one has HTML
    (a <script> and an <img onerror>) in its title and text."""
    from nlp.process import process_articles
    from storage import open_db
    from storage.articles import store_article

    path = tmp_path_factory.mktemp("site_fixture") / "trafficking_news.db"
    db = open_db(path)
    with db.conn:
        db["sources"].insert({"id": "fixture", "name": "Fixture Gazette"}, pk="id")
    for url, title, text, published in (
        ("https://fixture.example/kandal", "Kandal court jails trafficker", VICTIM_TEXT, "2024-11-05"),
        ("https://fixture.example/takeo", XSS_TITLE, XSS_TEXT, "2024-12-06"),
    ):
        store_article(
            db,
            {
                "url": url,
                "title": title,
                "text": text,
                "published": published,
                "source_id": "fixture",
                "content_hash": url,
                "relevant": True,
                "relevance": 3.0,
            },
        )
    process_articles(db, nlp=nlp)
    db.close()
    return path


def datasette_get(ds, path: str):
    """GET `path` from an in-process Datasette (web.app.datasette_app)."""
    import asyncio

    async def fetch():
        return await ds.client.get(path)

    return asyncio.run(fetch())


@contextlib.contextmanager
def serving(db_path: Path, timeout: float = 60):
    """`pipeline.py serve --db DB --port N` as a user runs it; yields its base URL."""
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "pipeline.py"),
            "serve",
            "--db",
            str(db_path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=5):
                    break
            except OSError as exc:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    raise AssertionError(f"pipeline.py serve did not start:\n{proc.stdout.read()[-3000:]}") from exc
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
