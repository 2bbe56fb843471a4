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
from testbed.sitegen import article_page, article_text

PER_SECTION_PAGE = 50


class TimedHandler(SiteHandler):
    """The demo site's static handler, noting when each request arrives."""

    def do_GET(self):
        self.server.times.append(time.perf_counter())
        super().do_GET()


def generate_site(folder: Path, pages: int) -> list[str]:
    origin = "http://127.0.0.1:8765"  # replaced by the real origin when served (demo/server.py)
    paths = []
    for n in range(pages):
        on_topic = n % 10 != 9
        path = f"/news/2025/{n % 12 + 1:02d}/story-{n:05d}-{'trafficking-case' if on_topic else 'football-report'}.html"
        title = f"{'Trafficking case' if on_topic else 'Match report'} number {n}"
        html = article_page(
            title,
            article_text(f"bench-{n}", 14, on_topic=on_topic),
            url=origin + path,
            published=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00Z",
            author=f"Reporter {n % 37}",
        )
        target = folder / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        paths.append(path)
    urls = "".join(f"<url><loc>{origin}{p}</loc></url>" for p in paths)
    (folder / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )
    section_pages = (pages + PER_SECTION_PAGE - 1) // PER_SECTION_PAGE
    for page in range(1, section_pages + 1):
        links = "".join(
            f'<li><a href="{p}">{p}</a></li>' for p in paths[(page - 1) * PER_SECTION_PAGE : page * PER_SECTION_PAGE]
        )
        nxt = f'<a rel="next" href="/section/page-{page + 1}.html">Next</a>' if page < section_pages else ""
        (folder / "section").mkdir(exist_ok=True)
        (folder / "section" / f"page-{page}.html").write_text(
            f"<html><body><h1>News, page {page}</h1><ul>{links}</ul>{nxt}</body></html>", encoding="utf-8"
        )
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (folder / "index.html").write_text(
        '<html><body><a href="/section/page-1.html">News</a></body></html>', encoding="utf-8"
    )
    return paths


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
    sources.write_text(
        f"""[[source]]
id = "bench"
name = "Generated bench site"
homepage = "{origin}/"
start_urls = ["{origin}/sitemap.xml", "{origin}/section/page-1.html"]
allowed_domains = ["127.0.0.1"]
article_pattern = "/news/\\\\d{{4}}/"
max_pages = {args.pages // PER_SECTION_PAGE + 1}
""",
        encoding="utf-8",
    )
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
