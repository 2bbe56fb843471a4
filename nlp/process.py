"""The `process` stage: run the NLP pipeline over stored articles and save what it finds.

Streams articles in batches through `nlp.pipe` and commits each article on its own, so
an interrupted run leaves every article either fully processed or untouched.
"""
from __future__ import annotations

import logging
from itertools import islice

import sqlite_utils

from nlp.loader import expected_version, load_pipeline, nlp_version
from storage.extractions import save_extraction

logger = logging.getLogger(__name__)


def pending_articles(db: sqlite_utils.Database, version: str, reprocess: bool = False):
    """Ids and texts of relevant articles not yet processed with this NLP version."""
    where = "relevant = 1 and text is not null"
    params: list = []
    if not reprocess:
        where += " and (processed_at is null or nlp_version is not ?)"
        params.append(version)
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


def process_articles(db: sqlite_utils.Database, nlp=None, reprocess: bool = False,
                     batch_size: int = 32, model: str | None = None, workers: int = 1,
                     chunk_size: int = 500) -> dict:
    """Process pending articles; returns counts for the `runs` table.

    Articles stream from the database in chunks; each chunk runs inside
    `nlp.memory_zone()` so the string store does not grow with the archive, and
    `workers` > 1 spreads the model over several processes.
    """
    totals = {"articles_processed": 0, "entities_added": 0, "mentions_added": 0,
              "sentences_added": 0}
    if nlp is None and not reprocess and not has_pending(db, model):
        return totals  # a night with nothing new does not pay for loading the model
    nlp = nlp or load_pipeline(model)
    version = nlp_version(nlp)
    pending = pending_articles(db, version, reprocess)
    while True:
        chunk = list(islice(pending, chunk_size))
        if not chunk:
            break
        with nlp.memory_zone():
            for doc, article_id in nlp.pipe(chunk, as_tuples=True, batch_size=batch_size,
                                            n_process=workers):
                counts = save_extraction(db, article_id, doc, version)
                totals["articles_processed"] += 1
                for key, value in counts.items():
                    totals[key] += value
    logger.info("processed %d articles", totals["articles_processed"])
    return totals
