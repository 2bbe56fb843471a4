"""Long and name-heavy articles: read the same way by `process` and `extract`, bounded in
time per text, never left pending, and no everyone-with-everyone pairs.

The texts are generated here (no real article is anywhere near these sizes).
"""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from nlp.loader import ARTICLE_CHAR_LIMIT
from storage.schema import CO_MENTION_LIMIT
from testbed.database import store
from testbed.texts import HUGE, SHORT, names_text
from tests.conftest import run_pipeline


def warnings_of(db, key: str) -> str:
    return (
        db.execute("select nlp_warnings from articles where url = ?", [f"https://t.example/{key}"]).fetchone()[0] or ""
    )


@pytest.fixture(scope="module")
def long_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "long.db"
    store(path, {"huge": HUGE, "short": SHORT, "empty-ish": "   \n ", "binary-ish": "\x00\x01\ufffd" * 500})
    first = run_pipeline("process", "--db", str(path), check=False)
    second = run_pipeline("process", "--db", str(path), check=False)
    return {"path": path, "db": sqlite_utils.Database(path), "runs": (first, second)}


def test_a_run_after_bad_articles_exits_0_with_nothing_pending(long_db):
    first, second = long_db["runs"]
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    assert second.returncode == 0 and "articles_processed=0" in second.stdout
    db = long_db["db"]
    assert db.execute("select count(*) from articles where relevant = 1 and processed_at is null").fetchone()[0] == 0


def test_an_over_long_text_is_clipped_and_the_article_kept_whole(long_db):
    db = long_db["db"]
    note = warnings_of(db, "huge")
    assert note.startswith(f"text clipped: {len(HUGE)} characters, only the first ")
    read = int(note.split("only the first ")[1].split()[0])
    assert ARTICLE_CHAR_LIMIT * 0.9 <= read <= ARTICLE_CHAR_LIMIT
    stored = db.execute("select length(text) from articles where url = 'https://t.example/huge'").fetchone()[0]
    assert stored == len(HUGE)  # what the page said stays; only the NLP reads less
    assert warnings_of(db, "short") == ""
    assert db.execute("select count(*) from sentences where defendant = 'Chea Sophal'").fetchone()[0] == 1


def test_extract_clips_the_same_way(long_db, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(HUGE, encoding="utf-8")
    result = run_pipeline("extract", str(path), str(tmp_path / "missing.txt"), check=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2 and "error" in lines[1]
    assert lines[0]["warnings"][0] == warnings_of(long_db["db"], "huge")


def test_a_text_over_its_time_budget_keeps_no_name_and_says_why(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text(names_text(1500), encoding="utf-8")
    result = run_pipeline("extract", "--article-seconds", "0.2", str(path), check=False)
    line = json.loads(result.stdout)
    assert any("time budget of 0.2 s" in w for w in line["warnings"]), line["warnings"]
    assert all(p["role"] == "victim" for p in line["persons"])  # withheld, not published
    db_path = tmp_path / "budget.db"
    store(db_path, {"names": names_text(1500), "short": SHORT})
    run = run_pipeline("process", "--db", str(db_path), "--article-seconds", "0.2", check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    db = sqlite_utils.Database(db_path)
    assert "time budget" in warnings_of(db, "names")
    persons = db.execute(
        "select count(*) from mentions m join articles a on a.id = m.article_id "
        "join entities e on e.id = m.entity_id where a.url = 'https://t.example/names' "
        "and e.kind = 'person'"
    ).fetchone()[0]
    assert persons == 0
    assert db.execute("select count(*) from sentences where defendant = 'Chea Sophal'").fetchone()[0] == 1


def test_an_article_naming_hundreds_adds_no_pairs_and_reprocessing_keeps_pairs_exact(tmp_path):
    from storage import open_db
    from storage.schema import REBUILD

    db_path = tmp_path / "pairs.db"
    store(db_path, {"roster": names_text(3 * CO_MENTION_LIMIT), "short": SHORT})
    run_pipeline("process", "--db", str(db_path))
    db = sqlite_utils.Database(db_path)
    flags = dict(db.execute("select title, co_mentioned from articles").fetchall())
    assert flags == {"roster": 0, "short": 1}
    pairs = db.execute("select count(*) from entity_pairs").fetchone()[0]
    assert 0 < pairs < 50  # the short story's few entities, pairwise
    run_pipeline("process", "--db", str(db_path), "--reprocess")
    db = open_db(db_path)
    kept = sorted(db.execute("select entity_id, other_id, articles from entity_pairs").fetchall())
    db.execute("delete from entity_pairs")
    db.execute(REBUILD["entity_pairs"])
    assert sorted(db.execute("select entity_id, other_id, articles from entity_pairs").fetchall()) == kept
    assert len(kept) == pairs
