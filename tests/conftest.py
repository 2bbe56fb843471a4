"""Shared fixtures: the real NLP pipeline, the demo site on 127.0.0.1, a crawled demo DB."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((ROOT / "demo" / "expected.json").read_text(encoding="utf-8")) \
    if (ROOT / "demo" / "expected.json").exists() else None


def run_pipeline(*args: str, check: bool = True, timeout: int = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run `python pipeline.py ARGS` as a user would, from a different working directory."""
    result = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *args], capture_output=True,
                            text=True, timeout=timeout, cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"pipeline.py {' '.join(args)} exited {result.returncode}\n"
                             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr[-4000:]}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
