"""Run history: one `runs` row per command run, written at start and finished with counts.

A run starts as `running` and finishes `ok`, `partial` (some sources failed, or some
articles could not be processed), `failed` or `interrupted` (stopped by a signal). A row
still `running` when the next run starts belongs to a process that was killed: the next
run marks it `interrupted`. Only the holder of the run lock (`storage.lock.RunLock`) may
start a run, so a run that is alive is never marked.
"""

from __future__ import annotations

import json
import os
import socket

import sqlite_utils

from storage.schema import COUNT_COLUMNS, transaction, utc_now


class LockRequired(RuntimeError):
    """start_run() was called without holding the database's run lock."""


def start_run(db: sqlite_utils.Database, command: str, lock=None, **fields) -> int:
    """Insert a `running` row for this process; older `running` rows become `interrupted`.

    `lock`, when given, must be the held `RunLock` of this database: the marking of older
    rows is only safe while no other run can be alive.
    """
    if lock is not None and not lock.held:
        raise LockRequired(f"start_run({command!r}) needs the run lock {lock.path}")
    now = utc_now()
    with transaction(db):
        db.execute(
            "update runs set status = 'interrupted', message = trim(coalesce(message, '') || ' ' || ?) "
            "where status = 'running'",
            [f"interrupted: the process stopped without finishing the run (noticed at {now})"],
        )
        cursor = db.execute(
            "insert into runs (command, status, started_at, pid, host) values (?, 'running', ?, ?, ?)",
            [command, now, os.getpid(), socket.gethostname()],
        )
        run_id = cursor.lastrowid
        if fields:
            db["runs"].update(run_id, fields)
    return run_id


def set_fields(db: sqlite_utils.Database, run_id: int, **fields) -> None:
    """Record something about a running run now (its stage, a stage's time...)."""
    with transaction(db):
        db["runs"].update(run_id, fields)


def add_counts(db: sqlite_utils.Database, run_id: int, counts: dict) -> None:
    """Add to a run's counters (a nightly run sums its crawl and process stages)."""
    sets = [f"{c} = coalesce({c}, 0) + ?" for c in COUNT_COLUMNS if c in counts]
    values = [int(counts[c]) for c in COUNT_COLUMNS if c in counts]
    problems = counts.get("problem_counts")
    with transaction(db):
        if problems:
            row = db.execute("select problem_counts from runs where id = ?", [run_id]).fetchone()
            merged = json.loads(row[0]) if row and row[0] else {}
            for code, n in problems.items():
                merged[code] = merged.get(code, 0) + int(n)
            sets.append("problem_counts = ?")
            values.append(json.dumps(dict(sorted(merged.items()))))
        if sets:
            db.execute(f"update runs set {', '.join(sets)} where id = ?", [*values, run_id])


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, message: str = "", **fields) -> None:
    with transaction(db):
        db["runs"].update(run_id, {"status": status, "finished_at": utc_now(), "message": message, **fields})


def record_error(
    db: sqlite_utils.Database,
    run_id: int | None,
    url: str,
    reason: str,
    code: str | None = None,
    source_id: str | None = None,
) -> None:
    with transaction(db):
        db["run_errors"].insert(
            {
                "run_id": run_id,
                "url": url,
                "reason": reason[:1000],
                "at": utc_now(),
                "code": code,
                "source_id": source_id,
            }
        )


def get_run(db: sqlite_utils.Database, run_id: int) -> dict:
    return db["runs"].get(run_id)
