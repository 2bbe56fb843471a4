"""Per-document degradation: a rule that fails on one text must not cost the others.

A failing step leaves the Doc as the earlier steps made it, and says so in
`doc.user_data["warnings"]`, which the extraction record carries: `extract` prints it, and
`process` stores what was found and records the warning instead of retrying the article.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from spacy.tokens import Doc

logger = logging.getLogger(__name__)


def warn(doc: Doc, where: str, exc: BaseException) -> None:
    """Note that `where` failed on this document (and log it once)."""
    message = f"{where}: {type(exc).__name__}: {exc}"[:500]
    logger.warning("extraction degraded on one text (%d characters): %s", len(doc.text), message)
    doc.user_data.setdefault("warnings", []).append(message)


def warnings_of(doc: Doc) -> list[str]:
    return list(doc.user_data.get("warnings", []))


def run_guarded(doc: Doc, where: str, step: Callable[[Doc], Doc], fallback: Callable[[Doc], None] | None = None) -> Doc:
    """`step(doc)`, or, if it raises, the doc as it was (after `fallback(doc)`) plus a warning.
    KeyboardInterrupt and SystemExit are not caught: a stop request stays a stop request."""
    try:
        return step(doc)
    except Exception as exc:  # noqa: BLE001 - the point is to survive any rule's bug
        warn(doc, where, exc)
        if fallback is not None:
            try:
                fallback(doc)
            except Exception as again:  # noqa: BLE001
                warn(doc, f"{where} fallback", again)
        return doc
