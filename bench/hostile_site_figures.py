#!/usr/bin/env python3
"""Figures of issue #12's site items: script URLs from crafted pages, the SQL box under attack,
malformed sources files, the home page under load.

- `non_http_urls_stored`: URLs not http(s) stored after `pipeline.py crawl` of the crafted site
  (testbed/crafted_urls_site.py: javascript:/data:/vbscript: canonicals and og:urls). Target 0.
- `peak_rss_mb_4_randomblob`: peak RSS of `pipeline.py serve` (Datasette) while 4 clients send
  `?sql=select length(hex(randomblob(400000000)))` at once; `..._4_many_rows`: the same with 1,000
  rows of 16 MB values each. Target < 500 MB. (The server runs with a 4 GB address-space limit,
  so a regression fails here instead of swapping the machine.)
- `sources_tracebacks`, `sources_accepted`: over the malformed sources files of
  testbed/malformed_sources.py, how many made `pipeline.py crawl` print a traceback, and how many
  it did not refuse with exit 2. Targets 0 and 0.
- `home_ms_first`, `home_ms_p50_alone`, `home_ms_p50_20_clients`: the home page on a generated
  archive (bench/datasette_latency.py's), the first request, then alone and with 20 clients at once.

    python bench/hostile_site_figures.py [--articles 20000] [--clients 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.datasette_latency import build, concurrent_gets, timed_get
from storage import open_db
from testbed import crafted_urls_site as crafted
from testbed.malformed_sources import MALFORMED, crawl_each
from testbed.net import free_port

SERVER_ADDRESS_SPACE = 4 * 1024**3
RANDOMBLOB = "select length(hex(randomblob(400000000)))"
MANY_ROWS = (
    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000) "
    "select hex(randomblob(8000000)) from n"
)


@contextmanager
def datasette(db: Path):
    """`pipeline.py serve --db DB` on a free port (it becomes Datasette: same pid); (base URL, pid)."""
    port = free_port()

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (SERVER_ADDRESS_SPACE, SERVER_ADDRESS_SPACE))

    server = subprocess.Popen(
        [sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                timed_get(f"{base}/-/versions.json")
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def sql_at_once(base: str, sql: str, clients: int = 4) -> list[int]:
    """HTTP status of each of `clients` simultaneous `?sql=` requests."""
    statuses: list[int] = []
    url = f"{base}/trafficking_news.json?sql={urllib.parse.quote(sql)}"

    def client():
        try:
            with urllib.request.urlopen(url, timeout=300) as response:
                response.read()
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def crafted_urls(folder: Path) -> int:
    server = crafted.serve()
    sources = folder / "crafted.toml"
    sources.write_text(crafted.sources_toml(server), encoding="utf-8")
    db_path = folder / "crafted.db"
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--sources", str(sources), "--db", str(db_path)],
            capture_output=True,
            timeout=600,
            check=True,
        )
    finally:
        server.shutdown()
    db = open_db(db_path)
    try:
        return sum(not u.lower().startswith(("http://", "https://")) for u in crafted.stored_urls(db))
    finally:
        db.close()


def measure(articles: int = 20_000, clients: int = 20) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures["non_http_urls_stored"] = crafted_urls(folder)
        (folder / "sources").mkdir()
        answers = crawl_each(folder / "sources")
        figures["sources_files"] = len(MALFORMED)
        figures["sources_tracebacks"] = sum(a.traceback for _, a in answers.values())
        figures["sources_accepted"] = sum(a.accepted for _, a in answers.values())
        db = folder / "trafficking_news.db"  # the name the metadata is written for
        build(db, articles)
        for name, sql in (("randomblob", RANDOMBLOB), ("many_rows", MANY_ROWS)):
            with datasette(db) as (base, pid):
                statuses = sql_at_once(base, sql)
                figures[f"peak_rss_mb_4_{name}"] = round(peak_rss_mb(pid))
                figures[f"errors_4_{name}"] = sum(s >= 400 for s in statuses)
        with datasette(db) as (base, _):
            figures["home_ms_first"] = round(timed_get(base + "/"), 1)
            figures["home_ms_p50_alone"] = round(statistics.median(timed_get(base + "/") for _ in range(40)), 1)
            crowd = concurrent_gets(base + "/", clients, 5)
            figures[f"home_ms_p50_{clients}_clients"] = round(statistics.median(crowd), 1)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles in the generated archive")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients for the home page")
    args = parser.parse_args()
    print(f"command: python bench/hostile_site_figures.py --articles {args.articles} --clients {args.clients}")
    for name, value in measure(args.articles, args.clients).items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
