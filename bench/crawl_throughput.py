#!/usr/bin/env python3
"""Crawl throughput: generate a local news site, serve it on 127.0.0.1, crawl it, print pages/second.

The site has N generated article pages (default 1,000; 90% on topic, 10% off topic),
listed in one XML sitemap and in paginated section pages, and a robots.txt. It is served
by a threaded HTTP server on 127.0.0.1 in this process; `pipeline.py crawl` runs as a
subprocess, as cron would run it. Politeness is off because every source is on loopback
(crawler/runner.py); everything else is the production path: robots.txt, sitemap parsing,
the known-URL check, trafilatura extraction, the topic filter, dedup, SQLite writes.
A second crawl of the unchanged site shows the cost of a night with nothing new; then,
with every article marked processed, `pipeline.py nightly` is timed as cron would run it.

    python bench/crawl_throughput.py [--pages 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.server import SiteHandler
from testbed.sitegen import PER_SECTION_PAGE, bench_sources, generate_site


class TimedHandler(SiteHandler):
    """The demo site's static handler, noting when each request arrives."""

    def do_GET(self):
        self.server.times.append(time.perf_counter())
        super().do_GET()


def crawl(sources: Path, db: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--sources", str(sources), "--db", str(db)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"crawl failed ({result.returncode}):\n{result.stderr[-3000:]}")
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    run = dict(conn.execute("select * from runs order by id desc limit 1").fetchone())
    conn.close()
    return elapsed, run


def mark_processed(db: Path) -> None:
    """Record every stored article as processed by the installed NLP version, as a finished
    `process` run would (its cost is measured by the NLP benchmarks, not here): the nightly
    run after it then has nothing new to crawl or process."""
    from nlp.loader import expected_version
    from storage.schema import utc_now

    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "update articles set processed_at = ?, nlp_version = ? where relevant = 1", [utc_now(), expected_version()]
        )
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="article pages to generate (default 1000)")
    parser.add_argument("--keep", type=Path, help="keep the site and database in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    paths = generate_site(site, args.pages)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(TimedHandler, directory=str(site)))
    server.daemon_threads = True
    server.times = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    sources = folder / "sources.toml"
    sources.write_text(bench_sources(origin, args.pages), encoding="utf-8")
    db = folder / "bench.db"
    if db.exists():
        db.unlink()
    try:
        wall, run = crawl(sources, db)
        first, last = server.times[0], server.times[-1]
        server.times.clear()
        wall2, rerun = crawl(sources, db)
        mark_processed(db)
        server.times.clear()
        started = time.perf_counter()
        nightly = subprocess.run(
            [
                sys.executable,
                str(ROOT / "pipeline.py"),
                "nightly",
                "--quiet",
                "--sources",
                str(sources),
                "--db",
                str(db),
            ],
            capture_output=True,
            text=True,
        )
        wall3 = time.perf_counter() - started
        nightly_requests = len(server.times)
    finally:
        server.shutdown()
    fetched = run["pages_fetched"]
    print("command: python bench/crawl_throughput.py --pages", args.pages)
    print(
        f"site: {len(paths)} generated article pages on {origin} (sitemap + {args.pages // PER_SECTION_PAGE} "
        f"section pages), politeness off for loopback"
    )
    print(
        f"first crawl: {run['requests']} requests, {fetched} article pages fetched, "
        f"{run['articles_new']} stored, {run['articles_irrelevant']} irrelevant, "
        f"{run['articles_duplicate']} duplicates, {run['pages_skipped']} skipped"
    )
    print(f"pages/second: {fetched / (last - first):.1f} (first to last request)")
    print(
        f"pages/second: {fetched / wall:.1f} (whole command, including interpreter and Scrapy start-up, {wall:.1f} s)"
    )
    print(
        f"second crawl of the unchanged site: {rerun['requests']} requests, {rerun['pages_fetched']} article "
        f"pages fetched, {rerun['urls_known']} listed URLs skipped as known, {wall2:.1f} s"
    )
    print(
        f"no-op nightly (everything stored and processed): {wall3:.1f} s wall, {nightly_requests} requests, "
        f"exit {nightly.returncode} (target < 20 s)"
    )
    print("problems:", json.loads(run["problem_counts"] or "{}") or "none")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if fetched == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
