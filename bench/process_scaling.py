#!/usr/bin/env python3
"""Process scaling and memory: does per-article cost or memory grow with the archive?

Builds one archive in steps (default 1,000 then 5,000 then 20,000 articles in total)
and after each step runs `pipeline.py process` on the new articles only, as the nightly
job does. Prints time per article and the peak resident memory (RSS) of each run, which
must stay flat while the archive grows.

    python bench/process_scaling.py [--sizes 1000,5000,20000] [--workers 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.articles_db import add_articles

# Runs pipeline.py in a child and reports its peak RSS (with its worker processes) in MB.
RUNNER = """
import resource, runpy, sys
sys.argv = ["pipeline.py"] + sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"PEAK_RSS_MB {own:.0f} {children:.0f}", file=sys.stderr)
sys.exit(code)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"command: python bench/process_scaling.py --sizes {args.sizes} --workers {args.workers}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        stored = 0
        for size in sizes:
            new = size - stored
            add_articles(db, new, start=stored)
            stored = size
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-c", RUNNER, "process", "--db", str(db), "--workers", str(args.workers)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - started
            if result.returncode != 0:
                sys.exit(result.stderr[-3000:])
            own, children = next(
                line.split()[1:] for line in result.stderr.splitlines() if line.startswith("PEAK_RSS_MB")
            )
            print(
                f"archive {size:>6} articles: processed {new:>6} new in {seconds:7.1f} s = "
                f"{1000 * seconds / new:6.1f} ms/article; peak RSS main {own} MB, largest worker {children} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
