#!/usr/bin/env python3
"""Score `pipeline.py parse` on the public article-extraction benchmark.

Metric as the benchmark's README describes it: per document, \\w+ tokens, 4-token
shingles, TP/FP/FN as multiset overlaps normalised to sum to 1; precision and recall
averaged over documents (1 when both are empty); F1 their harmonic mean; accuracy the
share of documents whose token lists match exactly.

    python bench/article_extraction.py [--bench DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_document(predicted: str, gold: str) -> tuple[float, float]:
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    return precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--show-worst", type=int, default=0, help="print the N worst documents")
    args = parser.parse_args()
    truth = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    files = sorted((args.bench / "html").glob("*.html.gz"))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "parse", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    predicted = {}
    for line in result.stdout.splitlines():
        row = json.loads(line)
        predicted[Path(row["file"]).name.split(".")[0]] = row.get("text") or ""
    precisions, recalls, exact, per_doc = [], [], 0, []
    for key, gold in truth.items():
        pred = predicted.get(key, "")
        p, r = score_document(pred, gold["articleBody"])
        precisions.append(p)
        recalls.append(r)
        exact += TOKEN.findall(pred) == TOKEN.findall(gold["articleBody"])
        per_doc.append((2 * p * r / (p + r) if p + r else 0.0, key, p, r))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"command: python bench/article_extraction.py --bench {args.bench}")
    print(f"documents: {len(truth)}")
    print(f"F1: {f1:.3f}")
    print(f"precision: {precision:.3f}")
    print(f"recall: {recall:.3f}")
    print(f"accuracy: {exact / len(truth):.3f}")
    print(f"pages/second: {len(files) / elapsed:.1f} (including interpreter start-up)")
    for f, key, p, r in sorted(per_doc)[: args.show_worst]:
        print(f"  worst: {key[:12]} f1={f:.2f} p={p:.2f} r={r:.2f} {truth[key]['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
