"""Every hostile-input figure of issue 12 in one run: victims and heavy articles, broken
bytes, discovery, the site. Each area's module runs alone too and says what it measures.

    python bench/hostile.py [--only nlp,bytes,discovery,site]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AREAS = {
    "nlp": "bench.hostile_nlp",
    "bytes": "bench.hostile_bytes",
    "discovery": "bench.hostile_discovery",
    "site": "bench.hostile_site_figures",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(AREAS), help="comma-separated areas")
    args = parser.parse_args()
    print(f"command: python bench/hostile.py --only {args.only}")
    for area in args.only.split(","):
        started = time.perf_counter()
        figures = importlib.import_module(AREAS[area]).measure()
        print(f"\n== {area} ({time.perf_counter() - started:.0f} s)")
        for key, value in figures.items():
            print(f"{key:<40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
