#!/usr/bin/env python3
"""The fleet on one machine: pages/s with 1, 2 and 4 crawler processes sharing a frontier on
Redis, against one plain spider process; the idle wait; items/s through the one writer.

A generated news site (testbed/sitegen.py; 90% on topic) is served on 127.0.0.1, a fresh
Debian redis-server is started on 127.0.0.1 for each fleet run, and the processes are the
real commands: `pipeline.py crawl` (one machine), `pipeline.py store --redis` (the writer)
and N × `pipeline.py crawl --redis`. Pages/s count article requests at the server, from the
first to the last. Every fleet run is checked: each article page requested once, every
article stored. The idle wait is the same 2-crawler run with NEWS_REDIS_IDLE_POLL=0, i.e.
Scrapy's 5 s engine heartbeat (scrapy-redis issues #74, #203). The writer figure: the
crawlers push a whole crawl to Redis with no writer running, then the writer's code
(`fleet.writer.Writer`, in this process) writes the backlog: items/s from first take to
last commit. The NLP figure: a smaller generated site (--nlp-pages) crawled once, then
`pipeline.py process --redis` (the writer) with 1 and 2 `process --redis --worker`
processes, timed from the writer's start, once the workers have loaded the model, to its
end, against one plain `pipeline.py process` from its start (model loading included).

    python bench/distributed.py [--pages 2000] [--crawlers 1,2,4] [--nlp-pages 200] [--nlp-workers 1,2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from testbed.counting_site import serve_counting
from testbed.redis_server import redis_server
from testbed.sitegen import bench_sources, generate_site

PIPELINE = [sys.executable, str(ROOT / "pipeline.py")]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*PIPELINE, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen, what: str) -> str:
    out, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"{what} failed ({proc.returncode}):\n{out[-3000:]}")
    return out


def article_rate(server) -> tuple[int, float]:
    """(article requests, article pages/s from the first article request to the last)."""
    times = [t for t, path in server.times if path.startswith("/news/")]
    return len(times), len(times) / (times[-1] - times[0]) if len(times) > 1 else 0.0


def check(server, db: Path, paths: list[str], what: str) -> int:
    """Each article page requested once and stored (or found irrelevant); returns articles stored."""
    twice = {p: n for p, n in server.requests.items() if p.startswith("/news/") and n > 1}
    missing = set(paths) - set(server.requests)
    conn = sqlite3.connect(db)
    stored = conn.execute("select count(*) from articles").fetchone()[0]
    seen = conn.execute("select count(*) from fetched_urls where status in ('article', 'irrelevant')").fetchone()[0]
    conn.close()
    if twice or missing or seen != len(paths):
        sys.exit(f"{what}: {len(twice)} pages requested twice, {len(missing)} never, {seen} of {len(paths)} recorded")
    return stored


def fleet_crawl(server, sources: Path, db: Path, crawlers: int, settings: tuple[str, ...] = ()) -> dict:
    server.requests.clear()
    server.times.clear()
    with redis_server() as url:
        writer = start("store", "--redis", url, "--db", str(db))
        began = time.perf_counter()
        sets = [a for s in settings for a in ("--set", s)]
        procs = [start("crawl", "--redis", url, "--sources", str(sources), *sets) for _ in range(crawlers)]
        outs = [finish(p, "crawl --redis") for p in procs]
        crawl_wall = time.perf_counter() - began
        finish(writer, "store --redis")
        wall = time.perf_counter() - began
    fetched, rate = article_rate(server)
    idle = sum(
        int(line.rsplit(" idle waits", 1)[0].rsplit(" ", 1)[-1])
        for o in outs
        for line in o.splitlines()
        if " idle waits" in line
    )
    load = os.getloadavg()[0]  # other work on the machine: the figures are only comparable at equal load
    return {"fetched": fetched, "rate": rate, "crawl_wall": crawl_wall, "wall": wall, "idle_waits": idle, "load": load}


def writer_rate(server, sources: Path, db: Path, batch: int) -> tuple[int, int, float]:
    """(items, messages, items/s) of the writer's code over a backlog the crawlers left in Redis."""
    from fleet.keys import Keys, connect
    from fleet.writer import Writer, published_run
    from storage import open_db

    server.requests.clear()
    with redis_server() as url:
        first = start("store", "--redis", url, "--db", str(db))
        redis = connect(url)
        while not redis.exists(Keys().run):
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)  # the run is published; the writer comes later
        first.wait()
        for proc in [start("crawl", "--redis", url, "--sources", str(sources)) for _ in range(2)]:
            finish(proc, "crawl --redis")
        database = open_db(db)
        keys = Keys()
        writer = Writer(database, redis, keys, published_run(redis, keys), batch=batch)
        messages = redis.llen(keys.messages)
        began = time.perf_counter()
        while redis.llen(keys.messages):  # not timing the wait for a message after the last
            writer.step(timeout=0.1)
        seconds = time.perf_counter() - began
        items = database.execute("select count(*) from handoff_messages where kind = 'item'").fetchone()[0]
        database.close()
    return items, messages, items / seconds


def nlp_rate(folder: Path, workers: int | None) -> tuple[int, float, float, float]:
    """(articles processed, articles/s from the start of every process, articles/s once the
    model is loaded, load average) of one NLP run over a copy of the crawled `folder/nlp.db`:
    one plain `process` (workers None; no second rate), or the writer with `workers` workers."""
    from fleet.batches import nlp_keys
    from fleet.keys import connect

    db = folder / f"nlp-{workers or 'plain'}.db"
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(folder / "nlp.db")
    conn.execute("vacuum into ?", [str(db)])
    conn.close()
    began = time.perf_counter()
    if workers is None:
        finish(start("process", "--db", str(db)), "process")
        seconds = loaded = time.perf_counter() - began
    else:
        with redis_server() as url:
            procs = [start("process", "--redis", url, "--worker") for _ in range(workers)]
            redis, keys = connect(url), nlp_keys()
            while redis.scard(keys.crawlers) < workers:  # their model loaded
                time.sleep(0.05)
            ready = time.perf_counter()
            finish(start("process", "--redis", url, "--db", str(db)), "process --redis")
            seconds, loaded = time.perf_counter() - began, time.perf_counter() - ready
            for proc in procs:
                finish(proc, "process --redis --worker")
    conn = sqlite3.connect(db)
    done = conn.execute("select articles_processed from runs order by id desc limit 1").fetchone()[0]
    conn.close()
    return done, done / seconds, done / loaded, os.getloadavg()[0]


def nlp_figures(folder: Path, pages: int, sizes: list[int]) -> None:
    site = folder / "nlp-site"
    if site.exists():
        shutil.rmtree(site)
    generate_site(site, pages)
    server = serve_counting(site)
    try:
        sources = folder / "nlp-sources.toml"
        sources.write_text(bench_sources(f"http://127.0.0.1:{server.server_address[1]}", pages), encoding="utf-8")
        (folder / "nlp.db").unlink(missing_ok=True)
        finish(start("crawl", "--sources", str(sources), "--db", str(folder / "nlp.db")), "crawl")
        done, plain, _, load = nlp_rate(folder, None)
        print(
            f"NLP, one plain `process`: {plain:.1f} articles/s ({done} articles, model loading included, load {load:.1f})"
        )
        for n in sizes:
            done, rate, loaded, load = nlp_rate(folder, n)
            print(
                f"NLP, {n} worker{'s' if n > 1 else ''} + writer: {rate:.1f} articles/s from the workers' start "
                f"({rate / plain:.2f}× one plain process), {loaded:.1f} once their model is loaded "
                f"({done} articles, load {load:.1f})"
            )
    finally:
        server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages to generate (default 2000)")
    parser.add_argument("--crawlers", default="1,2,4", help="crawler processes per fleet run (default 1,2,4)")
    parser.add_argument("--batch", type=int, default=200, help="the writer's messages per transaction")
    parser.add_argument("--nlp-pages", type=int, default=200, help="article pages of the NLP site (default 200)")
    parser.add_argument("--nlp-workers", default="1,2", help="NLP worker processes per run (default 1,2; '' = none)")
    parser.add_argument("--keep", type=Path, help="keep the site and databases in this folder")
    args = parser.parse_args()
    sizes = [int(n) for n in args.crawlers.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fleet-bench-"))
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    paths = generate_site(site, args.pages)
    server = serve_counting(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    sources = folder / "sources.toml"
    sources.write_text(bench_sources(origin, args.pages), encoding="utf-8")
    print(
        f"command: python bench/distributed.py --pages {args.pages} --crawlers {args.crawlers} "
        f"--nlp-pages {args.nlp_pages} --nlp-workers {args.nlp_workers!r}"
    )
    print(f"site: {len(paths)} generated article pages on {origin}, politeness off for loopback")
    try:
        plain_db = folder / "plain.db"
        plain_db.unlink(missing_ok=True)
        began = time.perf_counter()
        subprocess.run([*PIPELINE, "crawl", "--sources", str(sources), "--db", str(plain_db)], capture_output=True)
        plain_wall = time.perf_counter() - began
        stored = check(server, plain_db, paths, "plain crawl")
        fetched, plain = article_rate(server)
        print(
            f"one plain spider process: {plain:.1f} pages/s first to last article request "
            f"({fetched} fetched, {stored} stored, {plain_wall:.1f} s for the command, "
            f"load average {os.getloadavg()[0]:.1f})"
        )
        runs = {}
        for n in sizes:
            db = folder / f"fleet-{n}.db"
            db.unlink(missing_ok=True)
            runs[n] = run = fleet_crawl(server, sources, db, n)
            stored = check(server, db, paths, f"{n} crawlers")
            print(
                f"{n} crawler process{'es' if n > 1 else ''} + writer: {run['rate']:.1f} pages/s "
                f"({run['rate'] / plain:.2f}× one plain spider), {stored} stored, each page once; "
                f"crawl {run['crawl_wall']:.1f} s, writer done {run['wall']:.1f} s, {run['idle_waits']} idle waits, "
                f"load average {run['load']:.1f}"
            )
        if 2 in sizes:
            db = folder / "fleet-2-heartbeat.db"
            db.unlink(missing_ok=True)
            slow = fleet_crawl(server, sources, db, 2, ("NEWS_REDIS_IDLE_POLL=0",))
            check(server, db, paths, "2 crawlers, Scrapy's heartbeat")
            print(
                f"idle wait: 2 crawlers looking again on Scrapy's 5 s heartbeat (NEWS_REDIS_IDLE_POLL=0): "
                f"{slow['rate']:.1f} pages/s, crawl {slow['crawl_wall']:.1f} s, {slow['idle_waits']} idle waits; "
                f"every 0.2 s (the default): {runs[2]['rate']:.1f} pages/s, crawl {runs[2]['crawl_wall']:.1f} s"
            )
        db = folder / "writer.db"
        db.unlink(missing_ok=True)
        items, messages, rate = writer_rate(server, sources, db, args.batch)
        print(f"writer: {rate:.0f} items/s ({items} items in {messages} messages, batches of {args.batch})")
        if args.nlp_workers:
            nlp_figures(folder, args.nlp_pages, [int(n) for n in args.nlp_workers.split(",")])
    finally:
        server.shutdown()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
