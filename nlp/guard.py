"""Per-document degradation: a rule that fails on one text must not cost the others.

A failing step leaves the Doc as the earlier steps made it, and says so in
`doc.user_data["warnings"]`, which the extraction record carries: `extract` prints it, and
`process` stores what was found and records the warning instead of retrying the article.

A step that takes too long fails the same way: each text has `ARTICLE_SECONDS` for all the
budgeted steps together (the rule steps after the model; the model itself is linear in the
clipped text), enforced with SIGALRM where the process's main thread runs the pipeline
(`process` with one worker or many, `extract`), so no article can hold a run for hours.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Callable

from spacy.tokens import Doc

logger = logging.getLogger(__name__)

ARTICLE_SECONDS = 60.0  # per text, for the budgeted steps together; 0 = no budget
DEADLINE_KEY = "_deadline"


class OverBudget(BaseException):
    """The text used up its time budget. Not an Exception, so that the rules' own
    `except Exception` (one odd span must not cost the article) cannot swallow it."""


def set_article_seconds(seconds: float) -> None:
    """The budget for the texts processed from now on (a forked worker inherits it)."""
    global ARTICLE_SECONDS
    ARTICLE_SECONDS = float(seconds)


def _remaining(doc: Doc) -> float:
    deadline = doc.user_data.get(DEADLINE_KEY)
    if deadline is None:
        deadline = doc.user_data[DEADLINE_KEY] = time.monotonic() + ARTICLE_SECONDS
    return deadline - time.monotonic()


@contextlib.contextmanager
def _alarm(seconds: float):
    """Raise OverBudget in this block after `seconds` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def over(signum, frame):
        raise OverBudget(f"time budget of {ARTICLE_SECONDS:g} s per text used up")

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def warn(doc: Doc, where: str, exc: BaseException) -> None:
    """Note that `where` failed on this document (and log it once)."""
    message = f"{where}: {type(exc).__name__}: {exc}"[:500]
    logger.warning("extraction degraded on one text (%d characters): %s", len(doc.text), message)
    doc.user_data.setdefault("warnings", []).append(message)


def warnings_of(doc: Doc) -> list[str]:
    return list(doc.user_data.get("warnings", []))


def run_guarded(
    doc: Doc,
    where: str,
    step: Callable[[Doc], Doc],
    fallback: Callable[[Doc], None] | None = None,
    budgeted: bool = True,
) -> Doc:
    """`step(doc)`, or, if it raises or runs out of the text's time, the doc as it was (after
    `fallback(doc)`) plus a warning. KeyboardInterrupt and SystemExit are not caught: a stop
    request stays a stop request."""
    try:
        if not budgeted or ARTICLE_SECONDS <= 0:
            return step(doc)
        remaining = _remaining(doc)
        if remaining <= 0:
            raise OverBudget(f"time budget of {ARTICLE_SECONDS:g} s per text used up before this step")
        with _alarm(remaining):
            return step(doc)
    except (Exception, OverBudget) as exc:  # noqa: BLE001 - the point is to survive any rule's bug
        warn(doc, where, exc)
        if fallback is not None:
            try:
                fallback(doc)
            except Exception as again:  # noqa: BLE001
                warn(doc, f"{where} fallback", again)
        return doc
