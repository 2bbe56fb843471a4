"""Score case events and case linking on the linking dev set (`make eval`).

    python -m cases.evaluate [--errors] [--model NAME] [--devset FILE]

Two dev sets of short reports, each with the people it names, the case each belongs to and
the stages it reports for them: `cases/eval/linking-tune.toml`, which the rules were tuned
on, and `cases/eval/linking-check.toml`, written after those changes and never used to make
one (`--errors` does not list its errors). One table per set. The articles go through
the real NLP stage and the real linker in a scratch database, exactly as `process` runs them;
then:

- *links*: every pair of gold mentions from two articles is one case in the gold or not; a
  pair is linked when both reports ended in the same case. Precision and recall over the
  gold-same pairs; the hard negatives (different cases whose names match or share a part:
  namesakes, brothers, a family name) are counted apart, and a pair the linker kept
  for review is not a link;
- *stages*: a report's stage is the latest of its events (the order of `cases.linking`);
  stage accuracy is the share of gold reports whose latest stage (and appeal outcome) came
  out right, a report the stage missed counting as wrong; event precision and recall are
  over (article, person, stage) triples.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from cases.linking import STAGE_ORDER, link_cases
from cases.names import compare_names, name_parts
from nlp.evaluate import norm
from nlp.loader import load_pipeline
from nlp.process import process_articles
from storage import open_db

EVAL_DIR = Path(__file__).parent / "eval"
DEV_SETS = {"linking-tune": EVAL_DIR / "linking-tune.toml", "linking-check": EVAL_DIR / "linking-check.toml"}
ERRORS_HIDDEN = {"linking-check"}
TARGETS = {"link precision": 0.95, "link recall": 0.85, "stage accuracy": 0.90}  # issue 14


@dataclass(frozen=True)
class Mention:
    article_id: str
    name: str
    case: str
    stages: frozenset[str]  # "sentenced", "appeal_decided:reduced"


def load(path: Path) -> tuple[list[dict], list[dict], list[Mention]]:
    """(sources, articles, gold mentions) of a dev-set file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    mentions = [
        Mention(article["id"], name, gold["case"], frozenset(gold["stages"]))
        for article in data["article"]
        for name, gold in article.get("gold", {}).items()
    ]
    return data["source"], data["article"], mentions


def run_dev_set(nlp, sources: list[dict], articles: list[dict], workdir: Path) -> tuple[list[dict], dict]:
    """The stored events (with their case) after `process` and the linker ran on the articles,
    and the linker's verdict on each pair of cases it compared."""
    db = open_db(workdir / "linking-eval.db")
    db["sources"].insert_all(sources, pk="id")
    store_articles(db, articles)
    process_articles(db, nlp=nlp)
    link_cases(db)
    events = list(db.query("select article_id, person, stage, outcome, case_id from events"))
    verdicts = {
        (row["case_id"], row["other_case_id"]): row["verdict"]
        for row in db.query("select case_id, other_case_id, verdict from case_links")
    }
    db.close()
    for event in events:
        event["label"] = event["stage"] + (f":{event['outcome']}" if event["outcome"] else "")
    return events, verdicts


def store_articles(db, articles: list[dict]) -> None:
    """The dev set's articles as the crawler would have stored them (relevant, not processed)."""
    for article in articles:
        db["articles"].insert(
            {
                "id": article["id"],
                "url": f"https://{article['source']}.example/{article['id']}",
                "source_id": article["source"],
                "published": article["published"],
                "title": article["id"],
                "text": article["text"],
                "relevant": 1,
                "fetched_at": article["published"],
            }
        )


def _hard_negative(a: str, b: str) -> bool:
    """Two people of different cases whom a linker could take for one: the names match, or
    they share a name part (brothers, a family name)."""
    return compare_names(a, b) is not None or bool(set(name_parts(a)) & set(name_parts(b)))


def _latest(labels) -> str | None:
    return max(labels, key=lambda label: STAGE_ORDER.index(label.split(":")[0]), default=None)


def score(mentions: list[Mention], events: list[dict], verdicts: dict) -> tuple[dict, list[str]]:
    """Figures and the error lines."""
    predicted: dict[tuple[str, str], dict] = {}  # (article, normalised person) -> {labels, case}
    for event in events:
        report = predicted.setdefault((event["article_id"], norm(event["person"])), {"labels": set(), "case": None})
        report["labels"].add(event["label"])
        report["case"] = event["case_id"]
    errors: list[str] = []
    found = {m: predicted.get((m.article_id, norm(m.name))) for m in mentions}
    # links
    same = linked = right = hard = hard_linked = review = 0
    for a, b in combinations(mentions, 2):
        if a.article_id == b.article_id:
            continue
        gold_same = a.case == b.case
        ra, rb = found[a], found[b]
        is_linked = bool(ra and rb and ra["case"] == rb["case"])
        same += gold_same
        linked += is_linked
        right += gold_same and is_linked
        if not gold_same and _hard_negative(a.name, b.name):
            hard += 1
            hard_linked += is_linked
        if gold_same and not is_linked:
            kept = ra and rb and {verdicts.get((ra["case"], rb["case"])), verdicts.get((rb["case"], ra["case"]))}
            review += bool(kept and "review" in kept)
            errors.append(
                f"  link missed{' (kept for review)' if kept and 'review' in kept else ''}: "
                f"{a.article_id} {a.name} / {b.article_id} {b.name}"
            )
        elif is_linked and not gold_same:
            errors.append(f"  false link: {a.article_id} {a.name} / {b.article_id} {b.name}")
    # stages
    correct = 0
    gold_events = {(m.article_id, norm(m.name), label) for m in mentions for label in m.stages}
    out_events = {(aid, person, label) for (aid, person), r in predicted.items() for label in r["labels"]}
    for m in mentions:
        got = _latest(found[m]["labels"]) if found[m] else None
        want = _latest(m.stages)
        correct += got == want
        if got != want:
            errors.append(f"  stage: {m.article_id} {m.name}: want {want}, got {got or 'no report'}")
    gold_people = {(m.article_id, norm(m.name)) for m in mentions}
    for (aid, person), r in sorted(predicted.items()):
        if (aid, person) not in gold_people:
            errors.append(f"  report not in the gold: {aid} {person}: {sorted(r['labels'])}")
    hits = len(gold_events & out_events)
    figures = {
        "articles": len({m.article_id for m in mentions}),
        "gold reports": len(mentions),
        "gold-same pairs": same,
        "hard-negative pairs": hard,
        "link precision": right / linked if linked else 0.0,
        "link recall": right / same if same else 0.0,
        "hard negatives linked": hard_linked,
        "same pairs kept for review": review,
        "stage accuracy": correct / len(mentions) if mentions else 0.0,
        "event precision": hits / len(out_events) if out_events else 0.0,
        "event recall": hits / len(gold_events) if gold_events else 0.0,
    }
    return figures, errors


def report(name: str, figures: dict, errors: list[str], show_errors: bool) -> list[str]:
    lines = [
        f"== {name} ({figures['articles']} articles, {figures['gold reports']} reports, "
        f"{figures['gold-same pairs']} gold-same pairs, {figures['hard-negative pairs']} hard-negative pairs)"
    ]
    for key in ("link precision", "link recall", "stage accuracy", "event precision", "event recall"):
        target = TARGETS.get(key)
        mark = "" if target is None else f"   target >= {target:.2f} {'met' if figures[key] >= target else 'MISSED'}"
        lines.append(f"  {key:<16} {figures[key]:.3f}{mark}")
    lines.append(
        f"  hard negatives linked: {figures['hard negatives linked']}; "
        f"gold-same pairs kept for review: {figures['same pairs kept for review']}"
    )
    if show_errors:
        lines.extend(errors)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, help="score this file instead of the two sets")
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true", help="list every missed or false link and wrong stage")
    args = parser.parse_args(argv)
    nlp = load_pipeline(args.model)
    chosen = {args.devset.stem: args.devset} if args.devset else DEV_SETS
    for name, path in chosen.items():
        sources, articles, mentions = load(path)
        with tempfile.TemporaryDirectory() as workdir:
            events, verdicts = run_dev_set(nlp, sources, articles, Path(workdir))
        figures, errors = score(mentions, events, verdicts)
        print("\n".join(report(name, figures, errors, args.errors and name not in ERRORS_HIDDEN)))
        if args.errors and name in ERRORS_HIDDEN:
            print("  (errors of the check set are not listed: it must not shape the rules)")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
