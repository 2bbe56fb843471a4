"""Victims and heavy articles (issue 12, items 1 and 3): names stored, pending articles, time.

Stores the fictional phrasings of tests/data/victim_phrasings.toml as articles, runs
`pipeline.py process`, and counts the places a victim's name is found: a text column of a
table or view, or a full-text index (target 0; the search of tests/test_victims.py). Then a
bad set (a 9 MB page, an article naming 10,000 people, an empty and a binary-looking text)
through `process` twice: articles still
pending after the second run (target 0) and both runs' exit codes (target 0), the seconds the
10,000-name article took in `process` on its own (target < 30), and the rule steps' seconds
per name at 1,000, 2,000 and 4,000 names (near-linear: the ratio stays near 1).

    python bench/hostile_nlp.py [--names 10000] [--sizes 1000,2000,4000]
"""

from __future__ import annotations

import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from testbed.database import names_found, store
from testbed.texts import HUGE, SHORT, names_text

PHRASINGS = tomllib.loads((ROOT / "tests" / "data" / "victim_phrasings.toml").read_text("utf-8"))["phrasing"]


def pipeline(*args: str):
    import subprocess

    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *args], cwd=ROOT, capture_output=True, text=True)


def victim_names_stored(folder: Path) -> int:
    import sqlite_utils

    db_path = folder / "victims.db"
    store(db_path, {p["id"]: p["text"] + "\n\n" + SHORT for p in PHRASINGS})
    pipeline("process", "--db", str(db_path))
    names = sorted({v for p in PHRASINGS for v in p["victims"]})
    return len(names_found(sqlite_utils.Database(db_path), names))


def bad_set(folder: Path, names: int) -> dict[str, float]:
    import sqlite_utils

    db_path = folder / "bad.db"
    store(db_path, {"huge": HUGE, "short": SHORT, "empty": " \n", "binary": "\x00\x01\ufffd" * 500})
    first, second = pipeline("process", "--db", str(db_path)), pipeline("process", "--db", str(db_path))
    pending = (
        sqlite_utils.Database(db_path)
        .execute("select count(*) from articles where relevant = 1 and processed_at is null")
        .fetchone()[0]
    )
    names_db = folder / "names.db"
    store(names_db, {"names": names_text(names)})
    started = time.perf_counter()
    pipeline("process", "--db", str(names_db))
    return {
        "bad_set_first_exit": first.returncode,
        "bad_set_second_exit": second.returncode,
        "pending_after_two_runs": pending,
        f"process_seconds_{names}_names": round(time.perf_counter() - started, 1),
    }


def rule_seconds_per_name(sizes) -> dict[str, float]:
    """The rule steps alone (after the model), unclipped, on 1,000/2,000/4,000 names."""
    from nlp.loader import load_pipeline

    nlp = load_pipeline()
    nlp.max_length = 10_000_000
    model = [
        name
        for name in nlp.pipe_names
        if name
        in {
            "tok2vec",
            "tagger",
            "parser",
            "attribute_ruler",
            "lemmatizer",
            "ner",
            "accent_norms",
            "paragraph_boundaries",
            "trafficking_gazetteer",
            "senter",
        }
    ]
    figures = {}
    for n in sizes:
        doc = nlp.make_doc(names_text(n))
        for name in model:
            doc = nlp.get_pipe(name)(doc)
        started = time.perf_counter()
        for name in [p for p in nlp.pipe_names if p not in model]:
            doc = nlp.get_pipe(name)(doc)
        figures[f"rule_ms_per_name_{n}"] = round(1000 * (time.perf_counter() - started) / n, 2)
    return figures


def measure(names: int = 10_000, sizes=(1000, 2000, 4000)) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures = {
            "victim_phrasings": sum(bool(p["victims"]) for p in PHRASINGS),
            "victim_names_stored": victim_names_stored(folder),
        }
        figures.update(bad_set(folder, names))
    figures.update(rule_seconds_per_name(sizes))
    return figures


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--sizes", default="1000,2000,4000")
    args = parser.parse_args()
    print(f"command: python bench/hostile_nlp.py --names {args.names} --sizes {args.sizes}")
    sizes = [int(n) for n in args.sizes.split(",")]
    for key, value in measure(args.names, sizes).items():
        print(f"{key:<32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
