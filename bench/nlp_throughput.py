#!/usr/bin/env python3
"""NLP throughput: raw `nlp.pipe` of en_core_web_sm versus `pipeline.py process` end to end.

Both see the same generated corpus. Raw: the model with all its default components,
`nlp.pipe` in one process, results discarded. Ours: `pipeline.py process` as a
subprocess (model load, our components, canonicalisation, sentence extraction and the
SQLite writes included), with --workers as given.

    python bench/nlp_throughput.py [--articles 2000] [--workers 2]
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

from bench.articles_db import add_articles  # noqa: E402
from bench.corpus import articles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="workers for pipeline.py process")
    args = parser.parse_args()
    import spacy

    from nlp.loader import DEFAULT_MODEL

    texts = list(articles(args.articles))
    words = sum(len(t.split()) for t in texts)
    raw = spacy.load(DEFAULT_MODEL)
    started = time.perf_counter()
    for _ in raw.pipe(texts, batch_size=64):
        pass
    raw_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        add_articles(db, args.articles)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(db),
                        "--workers", str(args.workers)], check=True, capture_output=True)
        ours_seconds = time.perf_counter() - started
    raw_rate, ours_rate = words / raw_seconds, words / ours_seconds
    print(f"command: python bench/nlp_throughput.py --articles {args.articles} --workers {args.workers}")
    print(f"corpus: {args.articles} generated articles, {words} words")
    print(f"raw nlp.pipe ({DEFAULT_MODEL}, all default components, 1 process): "
          f"{raw_rate:.0f} words/s ({raw_seconds:.1f} s)")
    print(f"pipeline.py process (end to end, {args.workers} worker(s), DB writes included): "
          f"{ours_rate:.0f} words/s ({ours_seconds:.1f} s)")
    print(f"ratio process / raw: {ours_rate / raw_rate:.2f} (target >= 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
