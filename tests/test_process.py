"""`pipeline.py process`: fills entities, mentions, sentences; a second run changes nothing."""

import sqlite_utils

from tests.conftest import run_pipeline

TABLES = ("entities", "mentions", "sentences")


def snapshot(db_path):
    db = sqlite_utils.Database(db_path)
    return {t: sorted(db.execute(f"select * from {t}").fetchall()) for t in TABLES}


def test_process_fills_tables_and_is_idempotent(crawled_demo_db):
    db = sqlite_utils.Database(crawled_demo_db)
    for table in TABLES:
        assert db[table].count > 0, table
    assert db.execute("select count(*) from articles where processed_at is null").fetchone()[0] == 0
    before = snapshot(crawled_demo_db)
    result = run_pipeline("process", "--db", str(crawled_demo_db))
    assert "articles_processed=0" in result.stdout
    assert snapshot(crawled_demo_db) == before


def test_reprocess_replaces_rather_than_duplicates(crawled_demo_db, tmp_path):
    db_copy = tmp_path / "copy.db"
    source = sqlite_utils.Database(crawled_demo_db)
    source.execute(f"vacuum into '{db_copy}'")
    before = snapshot(db_copy)
    run_pipeline("process", "--db", str(db_copy), "--reprocess")
    assert snapshot(db_copy) == before


def test_foreign_keys_and_integrity(crawled_demo_db):
    db = sqlite_utils.Database(crawled_demo_db)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    fks = {(fk.column, fk.other_table) for fk in db["sentences"].foreign_keys}
    assert {("article_id", "articles"), ("defendant_id", "entities")} <= fks


def test_a_night_with_nothing_pending_never_loads_the_model(crawled_demo_db, tmp_path, monkeypatch):
    """`process` reads the NLP version from the model's meta: with every article processed
    under it, the model is not loaded at all (seconds and hundreds of MB every night)."""
    import pipeline

    db_copy = tmp_path / "copy.db"
    sqlite_utils.Database(crawled_demo_db).execute(f"vacuum into '{db_copy}'")

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although nothing was pending")

    monkeypatch.setattr("nlp.loader.load_pipeline", no_model)
    monkeypatch.setattr("nlp.process.load_pipeline", no_model)
    monkeypatch.setattr("pipeline.install_signal_handlers", lambda: None)  # pytest keeps its own
    assert pipeline.main(["process", "--db", str(db_copy)]) == 0
    db = sqlite_utils.Database(db_copy)
    status, processed, version = db.execute(
        "select status, articles_processed, nlp_version from runs order by id desc limit 1"
    ).fetchone()
    assert (status, processed) == ("ok", 0)
    assert version == db.execute("select max(nlp_version) from articles").fetchone()[0]


def _children(pid: int) -> list[int]:
    from pathlib import Path

    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def test_forked_workers_stop_quietly_at_the_end_and_on_sigterm(tmp_path):
    """The pool's workers are forked from a parent whose SIGTERM handler raises `Stopped`:
    they must not keep it (raised inside the pool's queue locks when the pool terminates
    them, it printed a traceback per worker and can leave a lock taken, hanging the
    shutdown). A run ends with no worker traceback; a SIGTERM while the workers run stops
    the run promptly, recorded as interrupted, the database intact."""
    import signal
    import subprocess
    import sys
    import time

    from bench.articles_db import add_articles
    from tests.conftest import ROOT

    small, large = tmp_path / "small.db", tmp_path / "large.db"
    add_articles(small, 12)
    add_articles(large, 300)
    result = run_pipeline("process", "--db", str(small), "--workers", "2")
    assert "Traceback" not in result.stderr and "Stopped" not in result.stderr, result.stderr[-3000:]

    run = subprocess.Popen(
        [sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(large), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while len(_children(run.pid)) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the run ended before its workers were seen"
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 1, stderr[-3000:]
    assert "ForkPoolWorker" not in stderr, stderr[-3000:]
    db = sqlite_utils.Database(large)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select status from runs order by id desc limit 1").fetchone()[0] == "interrupted"
