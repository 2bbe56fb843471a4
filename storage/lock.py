"""One run at a time: an OS file lock beside the database.

`RunLock(db_path)` takes an exclusive `flock` on `<database>.lock` (for
`data/trafficking_news.db`: `data/trafficking_news.db.lock`) without waiting. The path is
resolved first (symlinks followed): a `--db` that is a symlink to the database, or goes
through a symlinked folder, locks the same file as the real path. The kernel
drops the lock when the holder exits, however it exits (`kill -9`, a crash, a reboot), so a
stale lock file never blocks the next run: the file stays, the lock does not. The file is
never deleted (deleting it would let two runs lock two different files of the same name).

While held, the file says who holds it (pid, command, start time, host), for the message
the next run prints. Processes forked by the holder (spaCy's `--workers`) close their copy
of the descriptor, so an orphaned worker cannot keep the lock after its parent died.
Operators can take the same lock from the shell: `flock -n data/trafficking_news.db.lock CMD`.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

_HELD_FDS: set[int] = set()


def _close_in_child() -> None:
    for fd in list(_HELD_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_FDS.clear()


os.register_at_fork(after_in_child=_close_in_child)


class LockBusy(RuntimeError):
    """Another process holds the run lock of this database."""

    def __init__(self, path: Path, holder: dict | None):
        self.path = path
        self.holder = holder or {}
        who = ", ".join(
            f"{k} {self.holder[k]}" for k in ("command", "pid", "host", "since") if self.holder.get(k) is not None
        )
        super().__init__(f"another run holds the lock {path}" + (f" ({who})" if who else ""))


def lock_path(db_path: str | Path) -> Path:
    """`<database>.lock` beside the database file itself: symlinks (to the file, or to a folder on
    the way) are followed, so every path that names one database takes one lock."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


class RunLock:
    """Exclusive, non-blocking run lock of a database; a context manager.

    >>> with RunLock("data/trafficking_news.db", command="nightly"):
    ...     ...  # crawl, process; a second RunLock on the same file raises LockBusy
    """

    def __init__(self, db_path: str | Path, command: str = ""):
        self.path = lock_path(db_path)
        self.command = command
        self.fd: int | None = None

    @property
    def held(self) -> bool:
        return self.fd is not None

    def acquire(self) -> "RunLock":
        if self.fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise LockBusy(self.path, holder) from None
            raise
        self.fd = fd
        _HELD_FDS.add(fd)
        info = {
            "pid": os.getpid(),
            "command": self.command,
            "host": socket.gethostname(),
            "since": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        _HELD_FDS.discard(fd)
        try:
            os.ftruncate(fd, 0)  # nobody holds it now; the file itself stays
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> "RunLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int) -> dict | None:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data.decode("utf-8")) if data.strip() else None
    except (OSError, ValueError):
        return None


def lock_holder(db_path: str | Path) -> dict | None:
    """Who holds the lock of this database (from the lock file), or None if nobody does."""
    path = lock_path(db_path)
    if not path.exists():
        return None
    try:
        with RunLock(db_path):
            return None
    except LockBusy as busy:
        return busy.holder or {}
