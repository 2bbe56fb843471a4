"""Item pipeline: store each article in SQLite (upsert by canonical URL), dedup, report counts.

An article whose canonical URL is new is first compared with what is stored: the same
normalised text (exact content hash) or a near-duplicate (SimHash candidate confirmed by
shingle Jaccard, `crawler.dedup`) is not stored again but linked to the stored article
in `article_copies`, with its URL, source, distance and similarity.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from scrapy import signals

from crawler.article_store import ArticleStore
from crawler.items import ArticleItem
from storage import open_db
from storage.articles import (
    commit_feed_validators,
    discard_pending_validators,
    feed_validators,
    known_urls,
    mark_url,
    save_feed_state,
    upsert_sources,
    urls_to_retry,
)
from storage.runs import add_counts, record_error
from storage.schema import CRAWL_COUNTS, transaction

logger = logging.getLogger(__name__)

# Scrapy stats -> `runs` columns: each crawl counter is the spider's `news/<column>` stat,
# except those below (`sources_failed` is counted from the failed sources at the close)
STAT_KEYS = {"requests": "downloader/request_count"}
RUN_COUNTS = {column: STAT_KEYS.get(column, f"news/{column}") for column in CRAWL_COUNTS if column != "sources_failed"}


def crawl_counts(stats, sources) -> dict:
    """The `runs` counters of a crawler's Scrapy stats (`sources`: the spider's sources; one
    failed when none of its start URLs could be read)."""
    get = stats.get_value
    counts = {column: get(key, 0) for column, key in RUN_COUNTS.items()}
    counts["sources_failed"] = sum(1 for s in sources if get(f"news/source_failed/{s.id}", 0) >= len(s.start_urls))
    counts["problem_counts"] = {
        key.rsplit("/", 1)[-1]: value for key, value in stats.get_stats().items() if key.startswith("news/problems/")
    }
    return counts


class StoreArticlePipeline:
    """Owns the database connection for the crawl; the spider asks it what is already stored."""

    def __init__(self, crawler, db_path: str, run_id: int | None):
        self.crawler = crawler
        self.db_path = db_path
        self.run_id = run_id
        self.db = None
        self.articles: ArticleStore | None = None

    @classmethod
    def from_crawler(cls, crawler):
        run_id = crawler.settings.get("RUN_ID")
        pipeline = cls(crawler, crawler.settings.get("NEWS_DB_PATH"), int(run_id) if run_id else None)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None):
        self.db = open_db(self.db_path)
        discard_pending_validators(self.db)  # left by a crawl that was killed
        settings = self.crawler.settings
        self.articles = ArticleStore(
            self.db,
            max_distance=settings.getint("NEAR_DUPLICATE_MAX_DISTANCE", 16),
            min_jaccard=settings.getfloat("NEAR_DUPLICATE_MIN_JACCARD", 0.5),
        )
        spider = spider or self.crawler.spider
        spider.store = self

    # Services the spider uses ------------------------------------------------
    def register_sources(self, sources) -> None:
        upsert_sources(self.db, sources)

    def known_urls(self, since: str | None = None, max_attempts: int = 3) -> set[str]:
        return known_urls(self.db, since, max_attempts)

    def urls_to_retry(self, max_attempts: int = 3):
        return urls_to_retry(self.db, max_attempts)

    def feed_validators(self):
        return feed_validators(self.db)

    def save_feed_state(self, url, source_id, status, etag=None, last_modified=None, keep_validators=True):
        save_feed_state(self.db, url, source_id, status, etag, last_modified, keep_validators)

    def record_problem(self, url: str, code: str, reason: str, source_id: str | None = None) -> None:
        record_error(self.db, self.run_id, url, f"{code}: {reason}", code, source_id)

    def record_skip(
        self,
        url: str,
        code: str,
        reason: str,
        source_id: str | None = None,
        status: str | None = None,
        published: str | None = None,
    ) -> None:
        record_error(self.db, self.run_id, url, f"{code}: {reason}", code, source_id)
        if status:
            with transaction(self.db):
                mark_url(self.db, url, status, source_id=source_id, code=code, published=published)

    # Item handling -----------------------------------------------------------
    def process_item(self, item: ArticleItem, spider=None):
        outcome = self.articles.store(asdict(item), self.run_id)
        self.crawler.stats.inc_value(f"news/articles_{outcome}")
        return item

    def close_spider(self, spider=None):
        if self.db is None:
            return
        if self.run_id is not None:
            add_counts(
                self.db,
                self.run_id,
                crawl_counts(self.crawler.stats, getattr(spider or self.crawler.spider, "sources", [])),
            )
        self.db.close()
        self.db = None

    def spider_closed(self, spider, reason):
        """Listing validators read this run count only if the crawl ran to its end: after a kill
        or a shutdown some listed articles were never requested, so the listing is read again."""
        if reason == "finished":
            db = open_db(self.db_path)
            try:
                commit_feed_validators(db)
            finally:
                db.close()
