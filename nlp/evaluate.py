"""Score the extraction pipeline on the annotated dev set (`make eval`).

    python -m nlp.evaluate [--devset nlp/eval/devset.jsonl] [--errors]

Names are compared after case-folding and dropping a leading "the" and possessives, as
the product owner's held-out scoring does. A predicted agency or place matches a gold one
by its name or any alias the annotator listed. Sentence terms count as right when the
defendant matches and prison months, life and death all agree.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

DEFAULT_DEVSET = Path(__file__).parent / "eval" / "devset.jsonl"


def norm(name: str | None) -> str:
    name = (name or "").replace("\u2019", "'").casefold().strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s$|s'$", lambda m: "" if m.group(0) == "'s" else "s", name)
    return re.sub(r"\s+", " ", name).strip(" .,")


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.errors: list[str] = []

    def add(self, doc_id: str, predicted: list[str], gold: list[set[str]], label: str) -> None:
        """predicted: names; gold: one set of acceptable names per gold item."""
        unmatched = list(gold)
        for name in predicted:
            hit = next((g for g in unmatched if norm(name) in g), None)
            if hit is not None:
                unmatched.remove(hit)
                self.tp += 1
            else:
                self.fp += 1
                self.errors.append(f"{doc_id} {label} extra: {name}")
        self.fn += len(unmatched)
        self.errors += [f"{doc_id} {label} missed: {sorted(g)[0]}" for g in unmatched]

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def term_key(s: dict) -> str:
    """Defendant and term as one comparable string (already normalised, lower case)."""
    if s.get("death"):
        return f"{norm(s['defendant'])}|death"
    if s.get("life"):
        return f"{norm(s['defendant'])}|life"
    return f"{norm(s['defendant'])}|{s.get('prison_months')}".lower()


def evaluate(devset: Path, model: str | None = None) -> tuple[dict[str, Score], dict]:
    from nlp.extract import doc_to_contract
    from nlp.loader import load_pipeline

    rows = [json.loads(line) for line in devset.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline(model)
    scores = {k: Score() for k in ("persons", "agencies", "places", "sentence defendants", "sentence terms")}
    victims = {"gold": 0, "exposed": 0, "hidden": 0, "roles_total": 0, "roles_right": 0, "role_errors": []}
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        out = doc_to_contract(doc)
        rid = row["id"]
        scores["persons"].add(rid, [p["name"] for p in out["persons"]],
                              [{norm(p["name"])} for p in row["persons"]], "person")
        for kind in ("agencies", "places"):
            scores[kind].add(rid, [a["name"] for a in out[kind]],
                             [{norm(a["name"]), *map(norm, a.get("aliases", []))} for a in row[kind]], kind[:-1])
        scores["sentence defendants"].add(rid, [s["defendant"] for s in out["sentences"]],
                                          [{norm(s["defendant"])} for s in row["sentences"]], "defendant")
        scores["sentence terms"].add(rid, [term_key(s) for s in out["sentences"]],
                                     [{term_key(s)} for s in row["sentences"]], "term")
        predicted_roles = {norm(p["name"]): p.get("role") for p in out["persons"]}
        for person in row["persons"]:
            got = predicted_roles.get(norm(person["name"]), "missing")
            if person.get("role") == "victim":
                victims["gold"] += 1
                if got not in ("victim", "missing"):
                    victims["exposed"] += 1
            elif got == "victim":
                victims["hidden"] += 1
            if got != "missing":
                victims["roles_total"] += 1
                victims["roles_right"] += got == person.get("role")
                if got != person.get("role"):
                    victims["role_errors"].append(f"{rid} role {person['name']}: {got} (gold {person.get('role')})")
    return scores, {"texts": len(rows), **victims}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    scores, info = evaluate(args.devset, args.model)
    print(f"dev set: {args.devset} ({info['texts']} texts)")
    print(f"{'type':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, s in scores.items():
        print(f"{name:<22}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    print(f"named victims in gold: {info['gold']}; output without role 'victim': {info['exposed']}; "
          f"others marked victim: {info['hidden']}")
    print(f"person roles right: {info['roles_right']}/{info['roles_total']} "
          f"({info['roles_right'] / max(1, info['roles_total']):.2f})")
    if args.errors:
        for s in scores.values():
            for line in s.errors:
                print("  " + line)
        for line in info["role_errors"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
