"""The run lock (storage/lock.py) and run history rules that depend on it (storage/runs.py)."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from storage import open_db
from storage.lock import LockBusy, RunLock, lock_holder, lock_path
from storage.runs import LockRequired, finish_run, start_run
from tests.conftest import ROOT


def test_lock_file_lives_beside_the_database(tmp_path):
    assert lock_path(tmp_path / "data" / "news.db") == tmp_path / "data" / "news.db.lock"


def test_second_lock_is_refused_and_names_the_holder(tmp_path):
    db = tmp_path / "news.db"
    with RunLock(db, command="nightly") as held:
        assert held.held
        with pytest.raises(LockBusy) as busy:
            RunLock(db, command="process").acquire()
        assert busy.value.holder["pid"] == os.getpid()
        assert busy.value.holder["command"] == "nightly"
        assert str(lock_path(db)) in str(busy.value) and "nightly" in str(busy.value)
        assert lock_holder(db)["pid"] == os.getpid()
    assert lock_holder(db) is None  # released: the file stays, empty
    assert lock_path(db).exists() and lock_path(db).read_text() == ""
    with RunLock(db):
        pass


def _locking_child(db, *, fork_grandchild: bool = False) -> subprocess.Popen:
    """A process that takes the lock and prints 'locked <pid>' (optionally forking a child that
    outlives it), then sleeps."""
    code = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from storage.lock import RunLock
lock = RunLock({str(db)!r}, command="test").acquire()
if {fork_grandchild!r}:
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(ready_w, b"x")  # the at-fork hooks have run
        time.sleep(60)
        os._exit(0)
    os.read(ready_r, 1)
    print("locked", pid, flush=True)
    os._exit(0)
print("locked", os.getpid(), flush=True)
time.sleep(60)
"""
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_lock_of_a_killed_process_never_blocks_the_next_run(tmp_path):
    db = tmp_path / "news.db"
    child = _locking_child(db)
    try:
        assert child.stdout.readline().startswith("locked")
        with pytest.raises(LockBusy):
            RunLock(db).acquire()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert json.loads(lock_path(db).read_text())["pid"] == child.pid  # stale file...
        with RunLock(db) as lock:  # ...but no stale lock
            assert lock.held
    finally:
        child.kill()
        child.wait()


def test_forked_children_do_not_inherit_the_lock(tmp_path):
    """spaCy --workers forks processes: they must not keep the lock after their parent died."""
    db = tmp_path / "news.db"
    parent = _locking_child(db, fork_grandchild=True)
    grandchild = int(parent.stdout.readline().split()[1])
    parent.wait(timeout=10)
    try:
        os.kill(grandchild, 0)  # still alive
        with RunLock(db) as lock:
            assert lock.held
    finally:
        os.kill(grandchild, signal.SIGKILL)


def test_start_run_needs_the_held_lock_and_marks_dead_runs_interrupted(tmp_path):
    path = tmp_path / "news.db"
    db = open_db(path)
    with pytest.raises(LockRequired):
        start_run(db, "nightly", lock=RunLock(path))
    assert db["runs"].count == 0
    with RunLock(path) as lock:
        first = start_run(db, "nightly", lock=lock)  # then the process is "killed"
    with RunLock(path) as lock:
        second = start_run(db, "nightly", lock=lock)
        row = db["runs"].get(first)
        assert row["status"] == "interrupted" and "interrupted" in row["message"]
        assert db["runs"].get(second)["status"] == "running"
        assert db["runs"].get(second)["pid"] == os.getpid()
        finish_run(db, second, "ok")
    assert [r["status"] for r in db.query("select status from runs order by id")] == ["interrupted", "ok"]


def test_lock_is_taken_before_anything_heavy_is_imported(tmp_path):
    """A second nightly exits at once: the lock comes before Scrapy and spaCy are imported."""
    db = tmp_path / "news.db"
    with RunLock(db, command="nightly"):
        began = time.monotonic()
        result = subprocess.run(
            [sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        elapsed = time.monotonic() - began
    assert result.returncode == 4, result.stderr
    assert "another run holds the lock" in result.stderr and "nightly" in result.stderr
    assert result.stdout == ""
    assert elapsed < 20
    assert not db.exists() or open_db(db)["runs"].count == 0  # nothing written, nothing marked


@pytest.mark.parametrize("via", ["file", "folder"])
def test_a_symlinked_db_path_takes_the_same_lock(tmp_path, via):
    """A run holds the lock through the real path; `pipeline.py process --db <symlink>` (to the
    file, or through a symlinked folder) finds it held and exits 4, and the other way round."""
    data = tmp_path / "data"
    data.mkdir()
    real = data / "news.db"
    open_db(real).close()
    if via == "file":
        link = tmp_path / "elsewhere.db"
        link.symlink_to(real)
    else:
        (tmp_path / "data-link").symlink_to(data, target_is_directory=True)
        link = tmp_path / "data-link" / "news.db"
    for held, other in ((real, link), (link, real)):
        child = _locking_child(held)
        try:
            assert child.stdout.readline().startswith("locked")
            result = subprocess.run(
                [sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(other)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 4, result.stderr
            assert "another run holds the lock" in result.stderr and str(data / "news.db.lock") in result.stderr
        finally:
            child.kill()
            child.wait()
    assert open_db(real)["runs"].count == 0  # nothing ran while the lock was held
    assert lock_path(link) == lock_path(real) == data / "news.db.lock"
