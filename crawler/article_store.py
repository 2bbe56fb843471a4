"""Storing one crawled article: by canonical URL, or as a copy of the stored article with the
same story (exact content hash, or a SimHash near-duplicate confirmed by shingle Jaccard,
`crawler.dedup`), linked in `article_copies`. The item pipeline's work on one machine, and
the fleet's writer's (`fleet.writer`) for items that came through Redis; no Scrapy here.
"""

from __future__ import annotations

import logging

from crawler.dedup import NearDuplicateIndex, from_hex, simhash, to_hex
from storage.articles import (
    article_fingerprints,
    article_id,
    article_text,
    find_exact_copy,
    mark_url,
    store_article,
    store_copy,
)
from storage.schema import transaction

logger = logging.getLogger(__name__)


class ArticleStore:
    """Stores an item's article, or links it to the stored copy of the same story: the item
    pipeline's work, also done by the fleet's writer (`fleet.writer`) for items from Redis."""

    def __init__(self, db, max_distance: int = 16, min_jaccard: float = 0.5):
        self.db = db
        self.near = NearDuplicateIndex(max_distance=max_distance, min_jaccard=min_jaccard)
        for aid, value in article_fingerprints(db, lambda text: to_hex(simhash(text))).items():
            self.near.add(aid, from_hex(value))

    def store(self, article: dict, run_id: int | None) -> str:
        """new, updated, unchanged (by canonical URL), duplicate (a copy) or irrelevant."""
        db = self.db
        if not article.get("relevant"):
            with transaction(db):
                for url in {article["url"], *(article.get("seen_urls") or [])}:
                    mark_url(
                        db, url, "irrelevant", source_id=article.get("source_id"), published=article.get("published")
                    )
            logger.info("irrelevant (score %.1f): %s", article.get("relevance") or 0, article["url"])
            return "irrelevant"
        aid = article_id(article["url"])
        fingerprint = from_hex(article["simhash"]) if article.get("simhash") else simhash(article["text"])
        is_stored = db.execute("select 1 from articles where id = ?", [aid]).fetchone() is not None
        if not is_stored:
            original = find_exact_copy(db, article.get("content_hash"), article["url"])
            copy = None
            if original:
                copy = ("exact", original, 0, 1.0)
            else:
                match = self.near.find(article["text"], fingerprint, lambda a: article_text(db, a))
                if match:
                    copy = ("near", match.article_id, match.distance, match.similarity)
            if copy:
                kind, original, bits, similarity = copy
                store_copy(db, original, article, kind, bits, similarity, run_id=run_id)
                logger.info(
                    "%s copy of article %s (distance %d, similarity %.2f): %s",
                    kind,
                    original,
                    bits,
                    similarity,
                    article["url"],
                )
                return "duplicate"
        outcome = store_article(db, article, run_id=run_id)
        self.near.add(aid, fingerprint)
        return outcome
