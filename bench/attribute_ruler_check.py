#!/usr/bin/env python3
"""The faster attribute_ruler (nlp.loader: TokenRuleMatcher, _set_rule_attrs) against spaCy's own.

Runs the plain model twice over the same texts, once with spaCy's Matcher in the
attribute_ruler and once with ours, and compares every token's POS, TAG, DEP, MORPH and
LEMMA, and the ruler's match lists. Texts: the generated bench corpus, the evaluation
sets (nlp/eval/*.jsonl) and the real texts of tests/data.

    python bench/attribute_ruler_check.py [--articles 600]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import articles


def texts_to_check(count: int) -> list[str]:
    texts = list(articles(count))
    for path in sorted((ROOT / "nlp" / "eval").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                record = json.loads(line)
                text = record.get("text") or record.get("body")
                if isinstance(text, str):
                    texts.append(text)
    texts += [p.read_text() for p in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    import spacy

    from nlp.loader import DEFAULT_MODEL, TokenRuleMatcher

    texts = texts_to_check(args.articles)
    nlp = spacy.load(DEFAULT_MODEL)
    from nlp.loader import _set_rule_attrs

    ruler = nlp.get_pipe("attribute_ruler")
    ours = TokenRuleMatcher(ruler)
    assert ours.supported, "the model's attribute_ruler has patterns TokenRuleMatcher does not handle"
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    after = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") + 1 :]
    differing = tokens = 0
    seconds = {"spacy": 0.0, "ours": 0.0}
    for doc in nlp.pipe(texts, batch_size=64, disable=["attribute_ruler", *after]):
        results = {}
        spacy_ruler = (type(ruler).match.__get__(ruler), type(ruler).set_annotations.__get__(ruler))
        ours_ruler = (ours, lambda doc, matches: _set_rule_attrs(ruler, doc, matches))
        for name, (match, set_annotations) in (("spacy", spacy_ruler), ("ours", ours_ruler)):
            copy = doc.copy()
            started = time.perf_counter()
            matches = match(copy)
            set_annotations(copy, matches)
            seconds[name] += time.perf_counter() - started
            for component in after:
                copy = nlp.get_pipe(component)(copy)
            results[name] = (
                sorted(set(matches)),
                [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in copy],
                [(e.start, e.end, e.label_) for e in copy.ents],
            )
        tokens += len(doc)
        if results["spacy"] != results["ours"]:
            differing += 1
            print("DIFFERENT:", doc.text[:80].replace("\n", " "))
    print(f"command: python bench/attribute_ruler_check.py --articles {args.articles}")
    print(
        f"{len(texts)} texts, {tokens} tokens (before: {', '.join(before)}; after: {', '.join(after)}): "
        f"{differing} differ; ruler time spaCy Matcher {seconds['spacy']:.2f} s, ours {seconds['ours']:.2f} s"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
