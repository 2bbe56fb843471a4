#!/usr/bin/env python3
"""Discovery under hostile listings: figures for issue #12 (items 2 and 10).

1. An endless chain of sitemap indexes (each index lists new child indexes, forever),
   served on 127.0.0.1 by `testbed/hostile_site.py` and crawled by `pipeline.py crawl` with
   the default settings: how many requests the chain costs and whether the limit that
   stopped it is in `run_errors`. Two shapes: narrow (3 children per index, the default
   max_pages 3: stopped by NEWS_SITEMAP_MAX_DEPTH) and wide (1,000 children per index,
   max_pages 1000: stopped by the per-source NEWS_MAX_LISTINGS budget).
2. `../shared/external-checks/discovery/score.py` (other projects' feed and sitemap tests):
   feeds not sniffed as feeds and URLs requested that the listing does not give (targets 0
   and 0). Left out, with a note, when ../shared is not there.

    python bench/hostile_discovery.py
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from testbed.hostile_site import source_toml, start_hostile_site

SCORER = ROOT.parent / "shared" / "external-checks" / "discovery" / "score.py"
CHAINS = {"narrow": ("/endless/w3/0.xml", 3), "wide": ("/endless/w1000/0.xml", 1000)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sitemap_chains() -> dict[str, int]:
    """Requests each endless chain made, its run_errors rows, and the crawl's exit code."""
    site = start_hostile_site(dead_port=_free_port())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sources = Path(tmp) / "sources.toml"
            sources.write_text(
                "".join(
                    source_toml(f"chain-{name}", [site.main + path], max_pages=pages)
                    for name, (path, pages) in CHAINS.items()
                ),
                encoding="utf-8",
            )
            db_path = Path(tmp) / "chain.db"
            crawl = subprocess.run(
                [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--sources", str(sources), "--db", str(db_path)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            with sqlite3.connect(db_path) as db:
                recorded = dict(
                    db.execute(
                        "select source_id, count(*) from run_errors "
                        "where code in ('sitemap_depth', 'listing_budget') group by source_id"
                    )
                )
    finally:
        site.shutdown()
    figures = {}
    for name, (path, _) in CHAINS.items():
        prefix = path.rsplit("/", 1)[0] + "/"
        figures[f"sitemap_chain_{name}_requests"] = sum(1 for h in site.log if h.path.startswith(prefix))
        figures[f"sitemap_chain_{name}_recorded"] = recorded.get(f"chain-{name}", 0)
    figures["sitemap_chain_crawl_exit"] = crawl.returncode
    return figures


def external_discovery() -> dict[str, int]:
    """Feeds not sniffed, extra URLs and crashes from the external discovery scorer."""
    if not SCORER.exists():
        print(f"note: {SCORER} not found (a public clone has no ../shared): external figures left out")
        return {}
    result = subprocess.run(
        [sys.executable, "-W", "ignore", str(SCORER), "--project", str(ROOT), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("HEADLINE ")), None)
    if line is None:
        raise RuntimeError(f"discovery scorer printed no HEADLINE:\n{result.stdout}\n{result.stderr[-3000:]}")
    summary = json.loads(line[len("HEADLINE ") :])
    return {
        "feeds_not_sniffed": summary["feed_not_sniffed"],
        "extra_urls": summary["feed_extra"] + summary.get("usp_extra", 0),
        "discovery_crashes": summary["crashes"],
    }


def measure() -> dict[str, int]:
    return {**sitemap_chains(), **external_discovery()}


def main() -> int:
    print("command: python bench/hostile_discovery.py")
    for name, value in measure().items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
