"""The `process` stage: run the NLP pipeline over stored articles and save what it finds.

Only articles not yet processed with the current NLP version (model name + version +
rules version, `nlp.loader.nlp_version`) are read, so a second run does nothing and a
new rules version reprocesses everything by itself; `reprocess=True` redoes all.
Articles stream from the database in chunks through `nlp.pipe`, and each article is
written in its own transaction (`storage.extractions.save_extraction`): an interrupted
run, even `kill -9`, leaves every article either fully processed or untouched, and
reprocessing replaces an article's entities, mentions and sentences, never adds to them.

An article the NLP pipeline fails on is recorded in `run_errors` (code `nlp_error`),
counted in `errors`, left unprocessed for the next run, and the others go on.
"""
from __future__ import annotations

import logging
from itertools import islice

import sqlite_utils

from nlp.loader import expected_version, load_pipeline, nlp_version
from storage.extractions import save_extraction
from storage.runs import record_error
from storage.schema import transaction

logger = logging.getLogger(__name__)


def _pending_where(version: str, reprocess: bool) -> tuple[str, list]:
    where = "relevant = 1 and text is not null"
    params: list = []
    if not reprocess:
        where += " and (processed_at is null or nlp_version is not ?)"
        params.append(version)
    return where, params


def count_pending(db: sqlite_utils.Database, version: str, reprocess: bool = False) -> int:
    """How many articles a process run with this NLP version would (re)process."""
    where, params = _pending_where(version, reprocess)
    return db.execute(f"select count(*) from articles where {where}", params).fetchone()[0]


def pending_articles(db: sqlite_utils.Database, version: str, reprocess: bool = False):
    """(text, id) of relevant articles not yet processed with this NLP version."""
    where, params = _pending_where(version, reprocess)
    ids = [row[0] for row in db.execute(f"select id from articles where {where} order by id", params)]
    for article_id in ids:
        row = db.execute("select text from articles where id = ?", [article_id]).fetchone()
        if row:
            yield row[0], article_id


def has_pending(db: sqlite_utils.Database, model: str | None = None) -> bool:
    """Whether any article lacks results from this NLP version (checked without the model)."""
    version = expected_version(model)
    row = db.execute("select 1 from articles where relevant = 1 and text is not null and "
                     "(processed_at is null or nlp_version is not ?) limit 1", [version]).fetchone()
    return row is not None


def _docs(nlp, chunk: list, batch_size: int, workers: int):
    """(doc, article id, error) for each (text, id) of the chunk. When the pipeline fails on
    one article, the rest of the chunk is redone one article at a time to find it."""
    done = 0
    try:
        for doc, article_id in nlp.pipe(chunk, as_tuples=True, batch_size=batch_size, n_process=workers):
            done += 1
            yield doc, article_id, None
        return
    except Exception as exc:  # noqa: BLE001 - a bad article must not stop the archive
        logger.warning("NLP failed in a batch (%s: %s); redoing it one article at a time",
                       type(exc).__name__, exc)
    for text, article_id in chunk[done:]:
        try:
            doc = nlp(text)
        except Exception as exc:  # noqa: BLE001
            yield None, article_id, exc
            continue
        yield doc, article_id, None


def _save(db, doc, article_id, error, version, run_id, totals) -> None:
    """Store one article's results, or record why it has none."""
    if error is not None:
        totals["errors"] += 1
        url = db.execute("select url from articles where id = ?", [article_id]).fetchone()
        reason = f"nlp_error: {type(error).__name__}: {error}"
        logger.error("article %s not processed: %s", article_id, reason)
        record_error(db, run_id, url[0] if url else article_id, reason, "nlp_error")
        return
    counts = save_extraction(db, article_id, doc, version)
    totals["articles_processed"] += 1
    for key, value in counts.items():
        totals[key] += value


def process_articles(db: sqlite_utils.Database, nlp=None, reprocess: bool = False,
                     batch_size: int = 32, model: str | None = None, workers: int = 1,
                     chunk_size: int = 500, commit_every: int = 50, run_id: int | None = None, progress=None,
                     should_stop=None) -> dict:
    """Process pending articles; returns counts for the `runs` table.

    Articles stream from the database in chunks; each chunk runs inside
    `nlp.memory_zone()` so the string store does not grow with the archive, and
    `workers` > 1 spreads the model over several processes. `progress`, if given, is
    called with the number of pending articles and returns an object with `update(n)`
    and `close()` (a tqdm bar). Failures are recorded under `run_id`. `should_stop`, if
    given, is asked between commits; when it says so the run ends there, all saved.
    """
    totals = {"articles_processed": 0, "entities_added": 0, "mentions_added": 0,
              "sentences_added": 0, "errors": 0}
    if nlp is None and not reprocess and not has_pending(db, model):
        return totals  # a night with nothing new does not pay for loading the model
    nlp = nlp or load_pipeline(model)
    version = nlp_version(nlp)
    bar = progress(count_pending(db, version, reprocess)) if progress else None
    pending = pending_articles(db, version, reprocess)
    try:
        while True:
            chunk = list(islice(pending, chunk_size))
            if not chunk or (should_stop and should_stop()):
                break
            with nlp.memory_zone():
                docs = _docs(nlp, chunk, batch_size, workers)
                while not (should_stop and should_stop()) and (group := list(islice(docs, commit_every))):
                    with transaction(db):  # one commit per group: FTS indexing happens at commit
                        for doc, article_id, error in group:
                            _save(db, doc, article_id, error, version, run_id, totals)
                            if bar is not None:
                                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    logger.info("processed %d articles with %s (%d failed)", totals["articles_processed"], version,
                totals["errors"])
    return totals
