"""The `process` stage: run the NLP pipeline over stored articles and save what it finds.

Only articles not yet processed with the current NLP version (model name + version +
rules version, `nlp.loader.nlp_version`) are read, so a second run does nothing and a
new rules version reprocesses everything by itself; `reprocess=True` redoes all.
Articles stream from the database in batches through `nlp.pipe`, and are written in
transactions of whole articles (`storage.extractions.save_extraction`): an interrupted
run, even `kill -9`, leaves every article either fully processed or untouched, and
reprocessing replaces an article's entities, mentions and sentences, never adds to them.

Our components degrade per article (`nlp.guard`): a step that fails leaves what the
steps before it found, which is stored, with the warning in `articles.nlp_warnings` and in
`run_errors` (code `nlp_warning`). An article the whole pipeline fails on is recorded in
`run_errors` (code `nlp_error`) and counted in `errors`; it keeps what an earlier version
stored and is not retried until the NLP version changes. The other articles go on.

Victims' names are withheld from everything stored, the article text and title included
(`nlp.redaction`); the page as fetched stays only in the hidden, compressed `article_html`.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from collections import deque
from itertools import islice

import sqlite_utils

from nlp.extract import dated_events
from nlp.loader import clip_text, clip_warning, expected_version, load_pipeline, nlp_version
from nlp.redaction import mask_names, withhold_victims
from storage.articles import article_date, article_url, rewrite_article_text
from storage.extractions import count_pending, has_pending, mark_processed, pending_articles, save_extraction
from storage.runs import record_error
from storage.schema import PROCESS_COUNTS, transaction

logger = logging.getLogger(__name__)


def extract_batch(nlp, batch: list) -> list:
    """(article id, extraction, error) for each (text, id) of the batch. The batch runs in
    its own memory zone, so the string store does not grow with the archive; when the
    pipeline fails on one article, the rest of the batch is redone one at a time to find it."""
    results: list = []
    clipped = {article_id: clip_text(text) for text, article_id in batch}
    with nlp.memory_zone():
        try:
            for doc, article_id in nlp.pipe([(clipped[a], a) for _, a in batch], as_tuples=True, batch_size=len(batch)):
                results.append((article_id, doc._.extraction, None))
        except Exception as exc:  # noqa: BLE001 - a bad article must not stop the archive
            logger.warning("NLP failed in a batch (%s: %s); redoing it one article at a time", type(exc).__name__, exc)
            for _text, article_id in batch[len(results) :]:
                try:
                    results.append((article_id, nlp(clipped[article_id])._.extraction, None))
                except Exception as exc:  # noqa: BLE001
                    results.append((article_id, None, f"{type(exc).__name__}: {exc}"))
    for (text, _), (article_id, extraction, _) in zip(batch, results):
        note = clip_warning(text, clipped[article_id])
        if note and extraction is not None:
            extraction["warnings"] = [note, *extraction.get("warnings", [])]
    return results


_WORKER_NLP = None  # the pipeline a forked worker inherited from the parent


def _worker_batch(batch: list) -> list:
    return extract_batch(_WORKER_NLP, batch)


def _worker_signals() -> None:
    """A forked worker's own signal dispositions. It inherits the parent's handlers, and the
    command's SIGTERM handler raises wherever the worker stands, inside the pool's queue
    locks too, when `Pool.terminate` stops it: a lock left taken by a dead worker hangs the
    pool's shutdown. SIGTERM kills the worker outright (its batch is the parent's to redo);
    SIGINT (Ctrl-C reaches the whole process group) is the parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # blocked by the parent across the fork


def _extractions(nlp, batches, workers: int, timeout: float):
    """(text, article id, extraction, error) for every article of `batches`, in order.

    With workers > 1, a pool of forked processes (each sharing the parent's loaded model)
    runs the batches and sends back only the plain-dict extractions, never the Doc: that
    keeps the parent, which writes to SQLite, nearly idle (spaCy's `n_process` pickles
    every Doc back and restarts its workers at each call). At most two batches per worker
    are in flight, so memory stays flat however large the archive.
    """
    if workers <= 1:
        for batch in batches:
            for (text, _), result in zip(batch, extract_batch(nlp, batch)):
                yield (text, *result)
        return
    global _WORKER_NLP
    _WORKER_NLP = nlp
    in_flight: deque = deque()

    def oldest_batch():
        sent, result = in_flight.popleft()
        for (text, _), row in zip(sent, result.get(timeout)):
            yield (text, *row)

    # SIGTERM stays blocked while the pool forks its workers and starts its threads (which keep
    # the mask, and fork any replacement worker): a worker forked but not yet through
    # `_worker_signals` would otherwise run the parent's handler when `terminate` stops it,
    # and could die holding a queue lock, hanging the shutdown. A SIGTERM sent meanwhile waits.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    with pool:
        for batch in batches:
            in_flight.append((batch, pool.apply_async(_worker_batch, (batch,))))
            if len(in_flight) >= 2 * workers:
                yield from oldest_batch()
        while in_flight:
            yield from oldest_batch()


def _batches(pending, total: int, batch_size: int, workers: int):
    """Lists of up to `batch_size` of `pending` (`total` articles). With several workers the
    last ones taper off (each a (2 x workers)th of what is left, at least 8), so the
    workers finish together: with whole 64-article batches to the end, one worker could
    still be on a batch while the others idle, up to a batch's time lost."""
    remaining = total
    while True:
        size = batch_size
        if workers > 1 and 0 < remaining <= 2 * workers * batch_size:
            size = min(batch_size, max(8, -(-remaining // (2 * workers))))
        batch = list(islice(pending, size))
        if not batch:
            return
        remaining -= len(batch)
        yield batch


def _groups(results, size: int, seconds: float):
    """Lists of consecutive results, each closed at `size` results or once `seconds` have
    passed since its first, whichever comes first."""
    group: list = []
    for result in results:
        if not group:
            started = time.monotonic()
        group.append(result)
        if len(group) >= size or time.monotonic() - started >= seconds:
            yield group
            group = []
    if group:
        yield group


def _save(db, text, article_id, extraction, error, version, run_id, totals) -> None:
    """Store one article's results, or record why it has none.

    An article the whole pipeline failed on keeps what an earlier version stored and is
    marked done for this version (a deterministic failure is not retried every run); one
    that some step failed on is stored with what the other steps found, and the warning
    is recorded."""
    if error is not None:
        totals["errors"] += 1
        reason = f"nlp_error: {error}"
        logger.error("article %s not processed: %s", article_id, reason)
        record_error(db, run_id, article_url(db, article_id) or article_id, reason, "nlp_error")
        mark_processed(db, article_id, version, [f"failed: {error}"])
        return
    text, extraction, withheld = withhold_victims(text, extraction)
    if withheld:  # the victims' names leave the stored text before anything quotes it
        rewrite_article_text(db, article_id, text, lambda title: mask_names(title, withheld))
    extraction = {**extraction, "events": dated_events(extraction.get("events", []), article_date(db, article_id))}
    counts = save_extraction(db, article_id, text, extraction, version)
    totals["articles_processed"] += 1
    for key, value in counts.items():
        totals[key] += value
    if extraction.get("warnings"):
        record_error(
            db,
            run_id,
            article_url(db, article_id) or article_id,
            "nlp_warning: " + "; ".join(extraction["warnings"]),
            "nlp_warning",
        )
        problems = totals.setdefault("problem_counts", {})
        problems["nlp_warning"] = problems.get("nlp_warning", 0) + 1


def process_articles(
    db: sqlite_utils.Database,
    nlp=None,
    reprocess: bool = False,
    batch_size: int = 64,
    model: str | None = None,
    workers: int = 1,
    commit_every: int = 50,
    commit_seconds: float = 1.0,
    run_id: int | None = None,
    progress=None,
    should_stop=None,
    batch_timeout: float = 600,
    extract=None,
    version: str | None = None,
) -> dict:
    """Process pending articles; returns counts for the `runs` table.

    Articles stream from the database in batches of `batch_size` through the pipeline
    (in `workers` forked processes when more than one) and are written `commit_every` to a
    transaction, or fewer when `commit_seconds` pass first: FTS indexing happens at each
    commit, so one commit per article made the writes cost as much as the NLP, while the
    time bound keeps a crash's loss small and the served database current on a slow machine. `progress`, if given, is called with the number of
    pending articles and returns an object with `update(n)` and `close()` (a tqdm bar).
    Failures are recorded under `run_id`. `should_stop`, if given, is asked between
    commits; when it says so the run ends there, with everything done so far saved.
    A batch a worker has not finished within `batch_timeout` seconds (a hung or killed
    worker) fails the run instead of hanging it.
    `extract`, if given, runs the NLP elsewhere (NLP workers of a fleet): called with the
    batches of (text, id), it yields (text, id, extraction, error) in any order, for
    extractions of NLP `version`; no model is loaded here then.
    """
    totals = dict.fromkeys((*PROCESS_COUNTS, "errors"), 0)
    if extract is None:
        if nlp is None and not reprocess and not has_pending(db, expected_version(model)):  # no model loaded
            return totals  # a night with nothing new does not pay for loading the model
        nlp = nlp or load_pipeline(model)
        version = nlp_version(nlp)
        if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
            logger.warning("no fork() on this platform: processing in one process")
            workers = 1

        def extract(batches):
            return _extractions(nlp, batches, workers, batch_timeout)

    total = count_pending(db, version, reprocess)
    bar = progress(total) if progress else None
    batches = _batches(pending_articles(db, version, reprocess), total, batch_size, workers)
    results = extract(batches)
    groups = _groups(results, commit_every, commit_seconds)
    try:
        while not (should_stop and should_stop()) and (group := next(groups, None)):
            with transaction(db):  # a crash loses at most this group, which the next run redoes
                for text, article_id, extraction, error in group:
                    _save(db, text, article_id, extraction, error, version, run_id, totals)
                    if bar is not None:
                        bar.update(1)
    finally:
        results.close()  # stops the worker pool, also when stopped early
        if bar is not None:
            bar.close()
    logger.info("processed %d articles with %s (%d failed)", totals["articles_processed"], version, totals["errors"])
    return totals
