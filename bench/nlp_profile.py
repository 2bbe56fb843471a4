#!/usr/bin/env python3
"""Where the NLP stage's time goes: seconds per pipeline component and for the SQLite writes.

Runs the extraction pipeline one component at a time over the same generated articles
(each component sees whole batches, as in `nlp.pipe`), then stores the results with
`save_extraction` in a scratch database, and prints each part's share. The model's own
components are the floor no change to this project's code can lower.

    python bench/nlp_profile.py [--articles 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.articles_db import add_articles
from bench.corpus import articles
from cases.linking import link_new_reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    from nlp.loader import load_pipeline, nlp_version
    from storage import open_db, transaction
    from storage.extractions import save_extraction

    nlp = load_pipeline()
    texts = list(articles(args.articles))
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:16]))  # warm up
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=64))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "profile.db"
        add_articles(path, args.articles)
        db = open_db(path)
        ids = [row[0] for row in db.execute("select id from articles order by rowid")]
        version = nlp_version(nlp)
        started = time.perf_counter()
        for start in range(0, len(docs), 50):  # as the process stage commits
            with transaction(db):
                for doc, article_id in zip(docs[start : start + 50], ids[start : start + 50]):
                    save_extraction(db, article_id, doc.text, doc._.extraction, version)
        seconds["SQLite writes (save_extraction)"] = time.perf_counter() - started
        started = time.perf_counter()
        link_new_reports(db)  # as the process stage does at its end
        seconds["case linking (link_new_reports)"] = time.perf_counter() - started
        db.close()
    total = sum(seconds.values())
    ours = {
        "accent_norms",
        "paragraph_boundaries",
        "trafficking_gazetteer",
        "trafficking_entities",
        "possible_victims",
        "court_sentences",
        "person_roles",
        "case_events",
        "extraction_record",
        "SQLite writes (save_extraction)",
        "case linking (link_new_reports)",
    }
    print(f"command: python bench/nlp_profile.py --articles {args.articles}")
    print(f"corpus: {args.articles} generated articles, {words} words; one process")
    for name, value in seconds.items():
        owner = "ours " if name in ours else "model"
        print(
            f"  {owner} {name:32s} {value:6.2f} s  {100 * value / total:5.1f} %  "
            f"{1000 * value / args.articles:5.1f} ms/article"
        )
    model = sum(v for k, v in seconds.items() if k not in ours)
    print(
        f"model components {100 * model / total:.1f} %, this project's components and writes "
        f"{100 * (total - model) / total:.1f} %; {words / total:.0f} words/s in one process"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
