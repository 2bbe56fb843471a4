"""A text the rules fail on costs nothing but itself: no crash, one output line per input,
what the earlier steps found is kept, and the failure is said (issue: extraction on real
articles, part 1)."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Span

from nlp import entities as entities_module
from nlp import sentencing as sentencing_module
from nlp.entities import _widen_person_names
from nlp.extract import doc_to_contract
from tests.conftest import needs_shared, run_pipeline


def test_two_names_widening_into_one_gap_do_not_share_a_token(nlp):
    """The root of `[E1010] ... included in more than one span`: "Sokha" widened right and
    "Dara Pen" widened left into the same untagged "Chan"."""
    doc = nlp.make_doc("Police named Sokha Chan Dara Pen as the owner.")
    for name, component in nlp.pipeline:
        if name == "trafficking_entities":
            break
        doc = component(doc)
    doc.ents = [Span(doc, 2, 3, label="PERSON"), Span(doc, 4, 6, label="PERSON")]
    widened = _widen_person_names(doc)
    tokens = [i for span in widened for i in range(span.start, span.end)]
    assert len(tokens) == len(set(tokens))
    doc.ents = widened  # raised ValueError E1010 before the fix
    assert [e.text for e in doc.ents][0] == "Sokha Chan"


TEXT = (
    "The Siem Reap Provincial Court sentenced Chan Dara, 33, to 12 years in prison for "
    "trafficking two women to Thailand, prosecutor Keo Sokha said."
)


def test_a_failing_span_repair_keeps_the_rest_and_says_so(nlp, monkeypatch):
    def broken_repair(doc):
        raise RuntimeError("repair bug")

    monkeypatch.setattr(entities_module, "SPAN_REPAIRS", (*entities_module.SPAN_REPAIRS, broken_repair))
    out = doc_to_contract(nlp(TEXT))
    assert "Chan Dara" in {p["name"] for p in out["persons"]}
    assert [(s["defendant"], s["prison_months"]) for s in out["sentences"]] == [("Chan Dara", 144)]
    assert any("broken_repair" in w and "repair bug" in w for w in out["warnings"])


def test_a_failing_component_keeps_what_the_earlier_ones_found(nlp, monkeypatch):
    def broken(self, doc):
        raise ValueError("sentencing bug")

    monkeypatch.setattr(sentencing_module.SentenceExtractor, "__call__", broken)
    out = doc_to_contract(nlp(TEXT))
    assert out["sentences"] == []
    assert {"Chan Dara", "Keo Sokha"} <= {p["name"] for p in out["persons"]}
    assert "Siem Reap Provincial Court" in {a["name"] for a in out["agencies"]}
    assert any("court_sentences" in w and "sentencing bug" in w for w in out["warnings"])


def test_without_roles_every_unroled_person_is_withheld(nlp, monkeypatch):
    """If the role step fails, a victim cannot be told apart: nobody unroled is published."""

    def broken(doc, entities):
        raise KeyError("roles bug")

    monkeypatch.setattr("nlp.components.assign_roles", broken)
    out = doc_to_contract(
        nlp("The girl, Srey Neang, 14, was rescued from a karaoke bar in Poipet, police officer Touch Vanna said.")
    )
    roles = {p["name"]: p["role"] for p in out["persons"]}
    assert roles.get("Srey Neang") == "victim" and None not in roles.values()
    assert out["warnings"]


def test_extract_gives_one_line_per_input_even_for_a_missing_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    result = run_pipeline("extract", str(good), str(tmp_path / "missing.txt"), str(good), check=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0] == lines[2] and lines[0]["sentences"][0]["defendant"] == "Chan Dara"
    assert lines[1]["persons"] == [] and "missing.txt" in lines[1]["error"]
    assert result.returncode == 3 and "missing.txt" in result.stderr


def _real_texts() -> list[tuple[str, str]]:
    bodies = json.loads(needs_shared("benchmarks", "article-extraction", "ground-truth.json").read_text("utf-8"))
    texts = [(f"news-{key[:12]}", bodies[key]["articleBody"]) for key in sorted(bodies)]
    with needs_shared("real-texts", "us-government-texts.jsonl").open(encoding="utf-8") as lines:
        texts += [(row["id"], row["text"]) for row in map(json.loads, lines)]
    return texts


@pytest.mark.timeout(900)
def test_extract_never_fails_on_the_real_texts(tmp_path):
    """Every gold body of the article benchmark (181 real news texts) and every real
    government text (56), through `pipeline.py extract` in one call."""
    texts = _real_texts()
    assert len(texts) == 237
    paths = []
    for name, text in texts:
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = run_pipeline("extract", *paths, check=False, timeout=900)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(texts)
    failed = [name for (name, _), line in zip(texts, lines) if "error" in line or line.get("warnings")]
    assert failed == [], result.stderr[-2000:]
    assert result.returncode == 0
    assert all(set(line) >= {"persons", "agencies", "places", "sentences"} for line in lines)
