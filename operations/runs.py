"""One command run: the database lock, its `runs` row, stage timings, signals, the summary
line and the exit code.

Exit codes: 0 all went well; 1 the run failed (or was stopped by a signal); 2 bad usage
or input; 3 the run finished but some sources (or some articles) failed: partial; 4
another run holds the database's lock, nothing was done.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from pathlib import Path

from operations.logs import file_handler, log_file_for, rotate_log
from storage.lock import LockBusy, RunLock
from storage.schema import COUNT_COLUMNS

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_FOR_STATUS = {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED, "interrupted": EXIT_FAILED}

log = logging.getLogger("pipeline")


class Stopped(BaseException):
    """SIGTERM (systemctl stop, kill) or SIGINT arrived: stop, and record the run as interrupted.
    A BaseException, so no `except Exception` on the way swallows it; open transactions roll back."""

    def __init__(self, what: str):
        super().__init__(what)


_stop_signal: list[str] = []  # the signal that asked this run to stop, once one has


def _raise_stopped(signum, frame):
    # Python drops an exception raised while a weakref callback or __del__ runs, so the
    # signal is also remembered and checked between articles and after each stage.
    _stop_signal.append(f"signal {signal.Signals(signum).name}")
    raise Stopped(_stop_signal[0])


def stop_requested() -> bool:
    return bool(_stop_signal)


def raise_if_stopped() -> None:
    if _stop_signal:
        raise Stopped(_stop_signal[0])


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _raise_stopped)
    signal.signal(signal.SIGINT, _raise_stopped)


class Run:
    """One command run: the database lock, its `runs` row, stage timings, the exit code.

    The lock is taken first; only then is an older `running` row marked `interrupted`
    (its process is gone, or it would hold the lock) and this run's row inserted.
    """

    def __init__(self, db_path: Path, command: str):
        self.db_path = Path(db_path)
        self.command = command
        self.lock = RunLock(self.db_path, command)
        self.db = None
        self.run_id: int | None = None
        self.started = 0.0
        self.failures: list[str] = []  # stage failures: the run is 'failed'
        self.partial = False  # some sources or articles failed: the run is 'partial'
        self.result: tuple[int, dict] | None = None

    def start(self) -> "Run":
        from storage import open_db
        from storage.runs import start_run

        self.lock.acquire()  # LockBusy: another run is alive
        rotate_log(file_handler())
        self.started = time.monotonic()
        self.db = open_db(self.db_path)
        self.run_id = start_run(self.db, self.command, lock=self.lock, log_file=str(log_file_for(self.db_path)))
        log.info("run %d (%s) started by pid %d on %s", self.run_id, self.command, os.getpid(), self.db_path)
        return self

    @contextlib.contextmanager
    def stage(self, name: str):
        """Time a stage into `<name>_seconds`; an exception fails the stage (logged), not the run."""
        from storage.runs import set_fields

        set_fields(self.db, self.run_id, stage=name)
        log.info("run %d: %s started", self.run_id, name)
        began = time.monotonic()
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - recorded in runs.message and the log
            log.exception("run %d: %s failed", self.run_id, name)
            self.failures.append(f"{name}: {type(exc).__name__}: {exc}")
        finally:
            seconds = round(time.monotonic() - began, 2)
            column = f"{name}_seconds"
            if column in self.db["runs"].columns_dict:
                set_fields(self.db, self.run_id, **{column: seconds})
            log.info("run %d: %s finished in %.1f s", self.run_id, name, seconds)

    def finish(self, status: str | None = None, message: str = "", **fields) -> tuple[int, dict]:
        from storage.runs import finish_run, get_run

        if self.result is not None:  # a signal arrived while finishing
            return self.result
        if status is None:
            status = "failed" if self.failures else "partial" if self.partial else "ok"
        message = "; ".join(filter(None, [*self.failures, message]))
        code = EXIT_FOR_STATUS[status]
        if status != "interrupted":  # an interrupted run keeps the stage it stopped in
            fields["stage"] = "done"
        finish_run(
            self.db,
            self.run_id,
            status,
            message,
            duration_seconds=round(time.monotonic() - self.started, 2),
            exit_code=code,
            **fields,
        )
        run = get_run(self.db, self.run_id)
        self.result = code, run
        log.info("%s", summary(run))
        self.db.close()
        self.lock.release()
        return self.result

    def interrupted(self, why: str) -> tuple[int, dict]:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the row be written
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.result is not None:
            return self.result
        log.warning("run %d stopped: %s", self.run_id, why)
        if self.db is not None:
            with contextlib.suppress(Exception):
                self.db.rollback()
        return self.finish("interrupted", f"stopped by {why}")


def run_stages(db_path: Path, command: str, stages, quiet: bool = False) -> int:
    """Take the lock, start the `runs` row, run `stages(run)`, finish the row, print a summary."""
    run = Run(db_path, command)
    try:
        run.start()
    except LockBusy as busy:
        log.info("%s: %s", command, busy)  # to the log file; the console gets the line below
        print(f"{command}: {busy}; nothing done (exit {EXIT_LOCKED})", file=sys.stderr)
        return EXIT_LOCKED
    try:
        stages(run)
        raise_if_stopped()
        code, row = run.finish()
    except Stopped as stop:
        code, row = run.interrupted(str(stop))
    except KeyboardInterrupt:
        code, row = run.interrupted("signal SIGINT")
    if not quiet or code != EXIT_OK:
        print(summary(row))
        if code != EXIT_OK:
            print(f"details: {log_file_for(db_path)} and the run_errors table (run_id = {row['id']})")
    return code


def summary(run: dict) -> str:
    keys = (*COUNT_COLUMNS, "articles_pending")
    counts = ", ".join(f"{k}={run[k]}" for k in keys if run.get(k) is not None)
    text = f"run {run['id']} ({run['command']}): {run['status']}; {counts}"
    if run.get("problem_counts") and run["problem_counts"] != "{}":
        text += f"; problems {run['problem_counts']}"
    timings = [
        f"{stage} {run[f'{stage}_seconds']:.1f} s"
        for stage in ("crawl", "process")
        if run.get(f"{stage}_seconds") is not None
    ]
    if run.get("duration_seconds") is not None:
        timings.append(f"total {run['duration_seconds']:.1f} s")
    if timings:
        text += "; " + ", ".join(timings)
    if run.get("message"):
        text += f"; {run['message']}"
    return text
