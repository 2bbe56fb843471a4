"""Logging of a run (console by level, a rotated file beside the database) and progress bars."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_NAME = "pipeline.log"
LOG_MAX_BYTES = 5 * 1024 * 1024  # rotated when a run starts and the log is bigger than this
LOG_BACKUPS = 5


def log_file_for(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / "logs" / LOG_NAME


def setup_logging(verbose: bool = False, quiet: bool = False) -> logging.Handler:
    """The console gets warnings (errors only with --quiet, everything with -v); the log
    file (added by `add_log_file`) gets INFO and up from every stage."""
    console_level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console.setLevel(console_level)
    root.handlers[:] = [console]
    logging.captureWarnings(True)  # library warnings go to the log, not to cron's mail
    return console


def add_log_file(db_path: Path) -> logging.handlers.RotatingFileHandler:
    path = log_file_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # maxBytes=0: never rolled over mid-run; `rotate_log` rolls it over at the start of a
    # locked run, so two processes never rotate the same file at once
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=0, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler


def rotate_log(handler: logging.handlers.RotatingFileHandler | None) -> None:
    if handler is None:
        return
    try:
        if Path(handler.baseFilename).stat().st_size > LOG_MAX_BYTES:
            handler.doRollover()
    except FileNotFoundError:
        pass


def file_handler() -> logging.handlers.RotatingFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return handler
    return None


def progress_bar(desc: str, unit: str):
    """A tqdm bar factory (called with the total), or None when stdout is not a terminal."""
    if not sys.stdout.isatty():
        return None
    from tqdm import tqdm

    return lambda total=None: tqdm(total=total, desc=desc, unit=unit, leave=False, dynamic_ncols=True)
