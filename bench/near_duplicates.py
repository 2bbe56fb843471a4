#!/usr/bin/env python3
"""How far apart SimHash puts edited copies and different articles (picks NEAR_DUPLICATE_*).

Texts: the demo site's articles and the first 80 pages of the public extraction
benchmark, extracted with `crawler.article_html.read_article_html`. For every pair of
different articles it reports the Hamming distance; for each article, the distance and
shingle Jaccard to copies with typical wire-copy edits (a dateline, three changed words,
a replaced sentence, an added paragraph, the last quarter cut, all of the first three).

    python bench/near_duplicates.py [--bench DIR]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.article_html import read_article_html
from crawler.dedup import distance, jaccard, shingles, simhash

DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "article-extraction"


def edit(text: str, kind: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if kind == "dateline":
        return "PHNOM PENH (Wire) — " + text
    if kind == "3 words":
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = "changed"
        return " ".join(words)
    if kind == "1 sentence":
        sentences[len(sentences) // 2] = "A spokesman for the ministry declined to comment on the case on Tuesday."
        return " ".join(sentences)
    if kind == "added paragraph":
        return text + " Additional reporting by Sok Dara in Phnom Penh. Read more: police arrest three in Poipet."
    if kind == "last quarter cut":
        return " ".join(sentences[: max(1, int(len(sentences) * 0.75))])
    if kind == "dateline+sentence+paragraph":
        return edit(edit(edit(text, "dateline", rng), "1 sentence", rng), "added paragraph", rng)
    raise ValueError(kind)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args()
    texts = []
    for path in sorted((ROOT / "demo" / "site" / "news").rglob("*.html")):
        texts.append(read_article_html(path.read_text(encoding="utf-8"), "http://127.0.0.1/" + path.name)["text"])
    for path in sorted((args.bench / "html").glob("*.html.gz"))[:80]:
        texts.append(read_article_html(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))["text"])
    texts = [t for t in texts if t and len(t) >= 400]  # the crawler's minimum article length
    fingerprints = [simhash(t) for t in texts]
    pairs = [distance(a, b) for a, b in itertools.combinations(fingerprints, 2)]
    print("command: python bench/near_duplicates.py")
    print(f"articles: {len(texts)}; pairs of different articles: {len(pairs)}")
    print(
        f"different articles: min distance {min(pairs)}, 1st percentile "
        f"{sorted(pairs)[len(pairs) // 100]}, mean {statistics.mean(pairs):.1f} bits"
    )
    rng = random.Random(4)
    print(f"{'edit':30} {'max dist':>8} {'mean':>6} {'min Jaccard':>11} {'found (<=16 bits, J>=0.5)':>26}")
    for kind in (
        "dateline",
        "3 words",
        "1 sentence",
        "added paragraph",
        "last quarter cut",
        "dateline+sentence+paragraph",
    ):
        rows = []
        for text, fingerprint in zip(texts, fingerprints):
            copy = edit(text, kind, rng)
            rows.append((distance(fingerprint, simhash(copy)), jaccard(shingles(text), shingles(copy))))
        found = sum(d <= 16 and j >= 0.5 for d, j in rows)
        print(
            f"{kind:30} {max(d for d, _ in rows):8d} {statistics.mean(d for d, _ in rows):6.1f} "
            f"{min(j for _, j in rows):11.2f} {found:>20d}/{len(rows)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
