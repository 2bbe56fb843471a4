"""The extraction eval sets (`python -m nlp.evaluate`, part of `make eval`): the real-news check
set loads, names only texts of the benchmark, never overlaps the tuned real-news set, and
`--errors` never lists its errors."""

import json

import pytest

from nlp import evaluate
from tests.conftest import needs_shared


@pytest.fixture
def benchmark():
    """The benchmark's bodies: skipped on a public clone, failed under CI (which has ../shared)."""
    return needs_shared("benchmarks", "article-extraction", "ground-truth.json")


def _rows(name):
    return [json.loads(line) for line in (evaluate.EVAL_DIR / name).open(encoding="utf-8") if line.strip()]


def test_the_check_set_is_its_own_set_with_errors_hidden():
    by_name = {s.name: s for s in evaluate.EVAL_SETS}
    assert by_name["real-news-check"].errors_shown is False
    assert by_name["real-news-check"].needs == evaluate.BENCHMARK
    assert by_name["real-news"].errors_shown is True


def test_the_check_set_holds_ids_and_names_only_and_no_tuned_text():
    check, tuned = _rows("real-news-check.gold.jsonl"), _rows("real-news.gold.jsonl")
    ids = [row["id"] for row in check]
    assert len(ids) == 40 == len(set(ids))
    assert not set(ids) & {row["id"] for row in tuned}
    for row in check:
        assert set(row) == {"id", "chars", "gold", "optional", "aliases"}, row["id"]
        assert set(row["gold"]) == set(row["optional"]) == {"persons", "organizations", "places"}
        assert all(canonical in sum(row["gold"].values(), []) for canonical in row["aliases"]), row["id"]


def test_every_check_id_is_a_benchmark_text_and_every_gold_name_is_in_it(benchmark):
    bodies = json.loads(benchmark.read_text(encoding="utf-8"))
    texts = {t.id: t.text for t in evaluate.real_news_check()}
    assert len(texts) == 40
    for row in _rows("real-news-check.gold.jsonl"):
        assert row["id"] in bodies
        text = bodies[row["id"]]["articleBody"][: row["chars"]]
        assert texts[row["id"][:12]] == text
        words = f" {evaluate.norm(text)} "
        for kind in row["gold"]:
            for name in row["gold"][kind]:
                forms = [name, *row["aliases"].get(name, [])]
                assert any(f" {evaluate.norm(f)} " in words for f in forms), (row["id"][:12], name)


def test_errors_are_refused_for_the_check_set(benchmark, monkeypatch, capsys):
    """`--errors` prints the figures of the check set but not one of its errors."""
    monkeypatch.setattr("nlp.loader.load_pipeline", lambda model=None: None)

    def fake_score_set(nlp, texts):
        scores = {k: evaluate.Score() for k in (*evaluate.KINDS, "sentence defendants", "sentence terms")}
        scores["persons"].add("doc", ["Somebody Extra"], [{"somebody missed"}], "person")
        info = dict.fromkeys(
            (
                "crashes",
                "warnings",
                "unnamed_sentences",
                "victims_gold",
                "victims_exposed",
                "roles_total",
                "roles_right",
            ),
            0,
        )
        return scores, {**info, "role_errors": ["doc role of somebody: None (gold victim)"], "texts": len(texts)}

    monkeypatch.setattr(evaluate, "score_set", fake_score_set)
    assert evaluate.main(["--set", "real-news-check", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "== real-news-check (40 texts)" in out
    assert "--errors refused for real-news-check" in out
    assert "Somebody Extra" not in out and "missed" not in out and "role of" not in out

    assert evaluate.main(["--set", "real-news", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "person extra: Somebody Extra" in out  # the tuned set lists them
    assert "doc role of somebody: None (gold victim)" in out


def test_the_tuned_set_holds_141_distinct_benchmark_texts_and_every_gold_name_is_in_its_text(benchmark):
    """real-news grew from 60 to 90, 115, then 141 hand-annotated texts (all the benchmark but the check set); each gold name (or an alias) is in its text."""
    bodies = json.loads(benchmark.read_text(encoding="utf-8"))
    rows = _rows("real-news.gold.jsonl")
    assert len(rows) == 141 == len({row["id"] for row in rows})
    for row in rows:
        words = f" {evaluate.norm(bodies[row['id']]['articleBody'][: row['chars']])} "
        for kind in row["gold"]:
            for name in row["gold"][kind]:
                forms = [name, *row["aliases"].get(name, [])]
                assert any(f" {evaluate.norm(f)} " in words for f in forms), (row["id"][:12], name)
