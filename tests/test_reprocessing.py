"""Reprocessing by NLP version, NLP failures on single articles, and `parse --reextract`."""

from __future__ import annotations

import sqlite3
import sys
from types import SimpleNamespace

import pytest

from cases.linking import link_cases
from nlp import loader as nlp_loader
from nlp.loader import nlp_version
from nlp.names import lookup_key
from nlp.process import process_articles
from storage import open_db
from storage.extractions import count_pending, entity_id
from storage.schema import stable_id
from tests.conftest import ROOT, run_on_terminal, run_pipeline

NLP_TABLES = ("entities", "mentions", "sentences", "events", "cases")


def copy_of(source, target):
    conn = sqlite3.connect(source)
    conn.execute("vacuum into ?", [str(target)])
    conn.close()
    return target


def nlp_rows(db) -> dict:
    return {t: sorted(db.execute(f"select * from {t}").fetchall()) for t in NLP_TABLES}


def test_a_new_rules_version_reprocesses_everything_and_replaces(crawled_demo_db, nlp, tmp_path, monkeypatch):
    db = open_db(copy_of(crawled_demo_db, tmp_path / "news.db"))
    before = nlp_rows(db)
    old_version = nlp_version(nlp)
    articles = db.execute("select count(*) from articles").fetchone()[0]
    assert count_pending(db, old_version) == 0
    # what an older rules version found and this one does not: one wrong entity and sentence
    aid = db.execute("select id from articles order by id limit 1").fetchone()[0]
    wrong = entity_id("person", lookup_key("Wrongly Found"))
    db["entities"].insert({"id": wrong, "kind": "person", "name": "Wrongly Found"})
    db["mentions"].insert(
        {
            "id": stable_id(aid, wrong, 0),
            "article_id": aid,
            "entity_id": wrong,
            "surface": "Wrongly Found",
            "start": 0,
            "end": 13,
        }
    )
    db["sentences"].insert(
        {
            "id": stable_id(aid, "wrongly found"),
            "article_id": aid,
            "defendant_id": wrong,
            "defendant": "Wrongly Found",
            "prison_months": 1,
        }
    )

    monkeypatch.setattr(nlp_loader, "RULES_VERSION", nlp_loader.RULES_VERSION + "-next")
    new_version = nlp_version(nlp)
    assert new_version != old_version
    assert count_pending(db, new_version) == articles  # a new version: everything is pending by itself
    totals = process_articles(db, nlp=nlp)
    link_cases(db)  # as `pipeline.py process` does after the NLP stage
    assert totals["articles_processed"] == articles and totals["errors"] == 0
    assert nlp_rows(db) == before  # replaced, not added to: the wrong rows are gone, nothing doubled
    assert db.execute("select distinct nlp_version from articles").fetchall() == [(new_version,)]
    assert process_articles(db, nlp=nlp)["articles_processed"] == 0  # and then it is done
    db.close()


class FailsOn:
    """The real pipeline, except that it raises on one article (a component bug, a giant text)."""

    def __init__(self, nlp, marker):
        self._nlp, self._marker = nlp, marker

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def _check(self, text):
        if self._marker in text:
            raise ValueError("component crashed")

    def __call__(self, text):
        self._check(text)
        return self._nlp(text)

    def pipe(self, items, **kwargs):
        for text, context in items:
            self._check(text)
            yield self._nlp(text), context


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_the_nlp_fails_on_is_recorded_and_the_others_are_processed(crawled_demo_db, nlp, tmp_path, workers):
    db = open_db(copy_of(crawled_demo_db, tmp_path / "news.db"))
    articles = db.execute("select count(*) from articles where relevant = 1").fetchone()[0]
    bad_id, bad_url = db.execute(
        "select id, url from articles where relevant = 1 order by id limit 1 offset 5"
    ).fetchone()
    db.execute("update articles set text = text || ' BOOM' where id = ?", [bad_id])
    # batches of 4: the failing article sits inside a batch, which is redone one article at a time
    totals = process_articles(db, nlp=FailsOn(nlp, "BOOM"), reprocess=True, workers=workers, batch_size=4)
    assert totals["articles_processed"] == articles - 1 and totals["errors"] == 1
    error = db.execute("select url, code, reason from run_errors").fetchone()
    assert error[0] == bad_url and error[1] == "nlp_error" and "component crashed" in error[2]
    # a deterministic failure is not retried on every run, only under a new NLP version
    assert count_pending(db, nlp_version(nlp)) == 0
    warnings = db.execute("select nlp_warnings from articles where id = ?", [bad_id]).fetchone()[0]
    assert warnings.startswith("failed: ValueError: component crashed")
    again = process_articles(db, nlp=FailsOn(nlp, "BOOM"), workers=workers, batch_size=4)
    assert again["articles_processed"] == 0 and again["errors"] == 0
    assert count_pending(db, nlp_version(nlp) + "-next") == articles
    db.close()


def test_worker_processes_store_exactly_what_one_process_stores(crawled_demo_db, nlp, tmp_path):
    db = open_db(copy_of(crawled_demo_db, tmp_path / "news.db"))
    one_process = nlp_rows(db)
    articles = db.execute("select count(*) from articles where relevant = 1").fetchone()[0]
    # small batches and commits, so several batches are in flight in the two workers
    totals = process_articles(db, nlp=nlp, reprocess=True, workers=2, batch_size=3, commit_every=4)
    link_cases(db)
    assert totals["articles_processed"] == articles and totals["errors"] == 0
    assert nlp_rows(db) == one_process
    db.close()


def test_a_stop_request_ends_the_stage_between_commits_with_whole_articles_saved(crawled_demo_db, nlp, tmp_path):
    db = open_db(copy_of(crawled_demo_db, tmp_path / "news.db"))
    db.execute("update articles set processed_at = null, nlp_version = null")
    asked = []

    def stop_after_two_commits():
        asked.append(1)
        return len(asked) > 2

    totals = process_articles(
        db, nlp=nlp, workers=2, batch_size=2, commit_every=3, commit_seconds=600, should_stop=stop_after_two_commits
    )
    assert totals["articles_processed"] == 6
    assert db.execute("select count(*) from articles where processed_at is not null").fetchone()[0] == 6
    assert count_pending(db, nlp_version(nlp)) > 0  # the rest waits for the next run
    db.close()


def _reextract(db_path, *args):
    return run_pipeline("parse", "--reextract", "--db", str(db_path), *args, check=False)


def test_reextract_restores_text_from_stored_html_and_queues_the_article_for_nlp(crawled_demo_db, nlp, tmp_path):
    path = copy_of(crawled_demo_db, tmp_path / "news.db")
    db = open_db(path)
    before = nlp_rows(db)
    texts = dict(db.execute("select id, text from articles").fetchall())
    aid, old_text = next(iter(sorted(texts.items())))
    assert db.execute("select count(*) from mentions where article_id = ?", [aid]).fetchone()[0] > 0
    # an older extractor kept only the first paragraph of one article
    db.execute("update articles set text = ?, content_hash = 'old' where id = ?", [old_text[:450], aid])
    no_html = sorted(texts)[1]
    db.execute("delete from article_html where article_id = ?", [no_html])
    db.close()

    result = _reextract(path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "(reextract): ok" in result.stdout
    db = open_db(path)
    run = db.execute("select * from runs order by id desc limit 1").fetchone()
    run = dict(zip([c[0] for c in db.execute("select * from runs limit 0").description], run))
    assert run["command"] == "reextract" and run["status"] == "ok"
    assert run["articles_updated"] == 1 and run["articles_unchanged"] == len(texts) - 2
    assert run["pages_skipped"] == 1  # no stored HTML: left alone
    row = db["articles"].get(aid)
    # the page's whole text again (as fetched: any victim's name comes back until `process`
    # withholds it again, below)
    assert len(row["text"]) > 450 and row["processed_at"] is None and row["nlp_version"] is None
    assert db.execute("select count(*) from mentions where article_id = ?", [aid]).fetchone()[0] == 0
    assert {k: v for k, v in db.execute("select id, text from articles").fetchall() if k != aid} == {
        k: v for k, v in texts.items() if k != aid
    }
    assert db.execute("select count(*) from articles_fts where articles_fts match 'trafficking'").fetchone()[0] > 0

    totals = process_articles(db, nlp=nlp)  # what the next nightly run does
    link_cases(db)
    assert totals["articles_processed"] == 1
    assert nlp_rows(db) == before
    assert dict(db.execute("select id, text from articles").fetchall()) == texts
    db.close()
    assert _reextract(path).returncode == 0  # and again: nothing changes
    db = open_db(path)
    assert db.execute("select articles_updated from runs order by id desc limit 1").fetchone()[0] == 0
    db.close()


def test_reextract_keeps_the_stored_text_when_the_html_gives_none(crawled_demo_db, tmp_path):
    import gzip

    path = copy_of(crawled_demo_db, tmp_path / "news.db")
    db = open_db(path)
    aid, url, text = db.execute("select id, url, text from articles order by id limit 1").fetchone()
    db.execute(
        "update article_html set html_gz = ? where article_id = ?",
        [gzip.compress(b"<html><body><nav>Home</nav></body></html>"), aid],
    )
    db.close()
    result = _reextract(path, "--article", aid)
    assert result.returncode == 3, result.stdout + result.stderr[-2000:]  # partial: one article failed
    assert "partial" in result.stdout
    db = open_db(path)
    assert db["articles"].get(aid)["text"] == text
    assert db.execute("select url, code from run_errors").fetchall() == [(url, "no_article_text")]
    db.close()


def test_parse_needs_files_or_reextract(tmp_path):
    assert run_pipeline("parse", check=False).returncode == 2
    result = run_pipeline("parse", "--reextract", "x.html", "--db", str(tmp_path / "n.db"), check=False)
    assert result.returncode == 2 and "no files" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="pty")
def test_progress_bars_only_on_a_terminal(crawled_demo_db, tmp_path):
    import subprocess

    path = copy_of(crawled_demo_db, tmp_path / "news.db")
    command = [sys.executable, str(ROOT / "pipeline.py"), "parse", "--reextract", "--db", str(path)]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and "reextract:" not in piped.stdout + piped.stderr
    code, text = run_on_terminal(command, timeout=60)
    assert code == 0
    assert "\rreextract:" in text and "(reextract): ok" in text


def test_results_are_committed_in_groups_closed_by_count_or_by_time(monkeypatch):
    from nlp import process

    assert [len(g) for g in process._groups(iter(range(7)), 3, 60)] == [3, 3, 1]
    clock = iter([0.0, 0.4, 0.8, 1.2, 5.0, 5.1])  # the time as each result arrives
    monkeypatch.setattr(process, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    slow = iter(range(4))  # 0.4 s apart, then one after a long wait
    assert [len(g) for g in process._groups(slow, 50, 1.0)] == [3, 1]
