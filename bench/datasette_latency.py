#!/usr/bin/env python3
"""Datasette latency on a large archive: full-text search, prosecutions by province, the home page.

Generates a database of N articles (default 100,000), one sentence per five articles and
the places they name, in the shapes the pipeline writes (straight into SQLite: this
measures serving, not NLP), starts `pipeline.py serve` on 127.0.0.1 and times real HTTP
requests. The home page is timed alone and with `--clients` (20) clients asking at once.
`--keep DIR` keeps the generated database in DIR and reuses it next time.

    python bench/datasette_latency.py [--articles 100000] [--requests 100] [--clients 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import FAMILY, GIVEN, PROVINCES, articles
from nlp.names import lookup_key
from storage import open_db, stable_id, transaction
from storage.extractions import entity_id
from testbed.net import free_port

# A journalist's mix: names and places (selective) and topic words (matching most articles).
SEARCH_WORDS = [
    *(f'"{f} {g}"' for f, g in zip(FAMILY[:8], GIVEN[:8])),
    *PROVINCES[:6],
    "trafficking",
    "recruiter",
    '"forced labour"',
    "compound",
    "broker",
    "verdict",
]


def build(db_path: Path, count: int) -> None:
    db = open_db(db_path)
    rng = random.Random(11)
    with transaction(db):  # the places sentences name, as the NLP stage stores them
        db["entities"].insert_all(
            [
                {
                    "id": entity_id("place", lookup_key(p)),
                    "kind": "place",
                    "name": p,
                    "place_kind": "province",
                    "country": "Cambodia",
                }
                for p in PROVINCES
            ],
            pk="id",
        )
    batch_articles, batch_sentences = [], []
    for n, text in enumerate(articles(count, seed=3)):
        title, _, body = text.partition("\n\n")
        aid = stable_id("bench", n)
        batch_articles.append(
            {
                "id": aid,
                "url": f"https://bench.example.org/{n}",
                "title": title,
                "text": body,
                "published": f"{2015 + n % 11}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "relevant": 1,
                "language": "en",
                "word_count": len(text.split()),
            }
        )
        if n % 5 == 0:
            province = rng.choice(PROVINCES)
            name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            batch_sentences.append(
                {
                    "id": stable_id(aid, name),
                    "article_id": aid,
                    "defendant": name,
                    "prison_months": rng.choice([18, 60, 84, 96, 120, 180]),
                    "life": 0,
                    "death": 0,
                    "court": f"{province} Provincial Court",
                    "place": province,
                    "charge": "human trafficking",
                    "text": body[:200],
                }
            )
        if len(batch_articles) >= 2000:
            with transaction(db):
                db["articles"].insert_all(batch_articles, pk="id")
                db["sentences"].insert_all(batch_sentences, pk="id")
            batch_articles, batch_sentences = [], []
    with transaction(db):
        db["articles"].insert_all(batch_articles, pk="id")
        db["sentences"].insert_all(batch_sentences, pk="id")
    db.execute("analyze")
    db.close()


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - started) * 1000


def concurrent_gets(url: str, clients: int, each: int) -> list[float]:
    """`clients` threads asking for `url` `each` times, all at once; every request's time."""
    timings: list[float] = []
    start = threading.Barrier(clients)

    def client():
        start.wait()
        for _ in range(each):
            timings.append(timed_get(url))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def report(label: str, timings: list[float], target: str = " (target p95 < 100 ms)") -> dict:
    timings = sorted(timings)
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    print(f"{label}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms over {len(timings)} requests{target}")
    return {"p50": statistics.median(timings), "p95": p95}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients for the home page")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the generated database in DIR (reused if there)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = (args.keep or Path(tmp)) / "trafficking_news.db"  # the name the metadata is written for
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        reused = db.exists()
        if not reused:
            build(db, args.articles)
        stored = open_db(db).execute("select count(*) from articles").fetchone()[0]
        print(
            f"command: python bench/datasette_latency.py --articles {args.articles} --requests {args.requests}"
            f" --clients {args.clients}" + (f" --keep {args.keep}" if args.keep else "")
        )
        print(
            f"database: {stored} articles, {stored // 5} sentences ({db.stat().st_size / 1e6:.0f} MB, "
            + ("reused" if reused else f"built in {time.perf_counter() - started:.0f} s")
            + ")"
        )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/trafficking_news"
        try:
            deadline = time.time() + 60
            while True:
                try:
                    timed_get(f"{base}.json")
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.3)
            rng = random.Random(5)
            search = [
                timed_get(f"{base}/search_articles.json?q={urllib.parse.quote(rng.choice(SEARCH_WORDS))}")
                for _ in range(args.requests)
            ]
            table_search = [
                timed_get(f"{base}/articles?_search={urllib.parse.quote(rng.choice(SEARCH_WORDS))}")
                for _ in range(max(5, args.requests // 5))
            ]
            province = [
                timed_get(f"{base}/prosecutions.json?place={urllib.parse.quote(rng.choice(PROVINCES))}")
                for _ in range(args.requests)
            ]
            home = f"http://127.0.0.1:{port}/"
            home_first = timed_get(home)
            home_alone = [timed_get(home) for _ in range(args.requests)]
            home_crowd = concurrent_gets(home, args.clients, max(1, args.requests // args.clients))
        finally:
            server.terminate()
            server.wait(timeout=30)
    report("FTS search (canned query search_articles, the search front door)", search)
    report("FTS search on the articles table page (HTML, with counts and facets)", table_search)
    report("prosecutions view filtered by province", province)
    print(f"home page, first request after start: {home_first:.1f} ms")
    report("home page alone", home_alone, "")
    report(f"home page with {args.clients} clients at once", home_crowd, "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
