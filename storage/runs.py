"""Run history: one `runs` row per command, written at start and finished with counts."""
from __future__ import annotations

import json

import sqlite_utils

from storage.articles import utc_now

COUNT_COLUMNS = (
    "sources_tried", "sources_failed", "pages_fetched", "articles_new", "articles_updated",
    "articles_unchanged", "articles_irrelevant", "pages_skipped", "errors",
    "articles_processed", "entities_added", "mentions_added", "sentences_added",
    "requests", "listings_fetched", "listings_not_modified", "urls_known", "urls_too_old",
    "articles_duplicate",
)


def start_run(db: sqlite_utils.Database, command: str) -> int:
    with db.conn:
        db.execute("update runs set status = 'interrupted' where status = 'running'")
        cursor = db.execute(
            "insert into runs (command, status, started_at) values (?, 'running', ?)",
            [command, utc_now()],
        )
    return cursor.lastrowid


def add_counts(db: sqlite_utils.Database, run_id: int, counts: dict) -> None:
    """Add to a run's counters (a nightly run sums its crawl and process stages)."""
    sets = [f"{c} = coalesce({c}, 0) + ?" for c in COUNT_COLUMNS if c in counts]
    values = [int(counts[c]) for c in COUNT_COLUMNS if c in counts]
    problems = counts.get("problem_counts")
    with db.conn:
        if problems:
            row = db.execute("select problem_counts from runs where id = ?", [run_id]).fetchone()
            merged = json.loads(row[0]) if row and row[0] else {}
            for code, n in problems.items():
                merged[code] = merged.get(code, 0) + int(n)
            sets.append("problem_counts = ?")
            values.append(json.dumps(dict(sorted(merged.items()))))
        if sets:
            db.execute(f"update runs set {', '.join(sets)} where id = ?", [*values, run_id])


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, message: str = "",
               **fields) -> None:
    with db.conn:
        db["runs"].update(
            run_id, {"status": status, "finished_at": utc_now(), "message": message, **fields}
        )


def record_error(db: sqlite_utils.Database, run_id: int | None, url: str, reason: str,
                 code: str | None = None, source_id: str | None = None) -> None:
    with db.conn:
        db["run_errors"].insert(
            {"run_id": run_id, "url": url, "reason": reason[:1000], "at": utc_now(),
             "code": code, "source_id": source_id}
        )


def get_run(db: sqlite_utils.Database, run_id: int) -> dict:
    return db["runs"].get(run_id)
