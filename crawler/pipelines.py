"""Item pipeline: store each article in SQLite (upsert by canonical URL) and report counts."""
from __future__ import annotations

import logging
from dataclasses import asdict

from crawler.items import ArticleItem
from storage import open_db
from storage.articles import known_urls, mark_url, store_article, upsert_sources
from storage.runs import add_counts, record_error

logger = logging.getLogger(__name__)


class StoreArticlePipeline:
    """Owns the database connection for the crawl; the spider asks it what is already stored."""

    def __init__(self, crawler, db_path: str, run_id: int | None):
        self.crawler = crawler
        self.db_path = db_path
        self.run_id = run_id
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        run_id = crawler.settings.get("RUN_ID")
        return cls(crawler, crawler.settings.get("NEWS_DB_PATH"), int(run_id) if run_id else None)

    def open_spider(self, spider=None):
        self.db = open_db(self.db_path)
        spider = spider or self.crawler.spider
        spider.store = self

    # Services the spider uses ------------------------------------------------
    def register_sources(self, sources) -> None:
        upsert_sources(self.db, sources)

    def known_urls(self) -> set[str]:
        return known_urls(self.db)

    def record_skip(self, url: str, reason: str) -> None:
        record_error(self.db, self.run_id, url, reason)
        with self.db.conn:
            mark_url(self.db, url, "skipped")

    # Item handling -----------------------------------------------------------
    def process_item(self, item: ArticleItem, spider=None):
        stats = self.crawler.stats
        if not item.relevant:
            with self.db.conn:
                for url in {item.url, *item.seen_urls}:
                    mark_url(self.db, url, "irrelevant")
            stats.inc_value("news/articles_irrelevant")
            logger.info("irrelevant (score %.1f): %s", item.relevance, item.url)
            return item
        outcome = store_article(self.db, asdict(item), run_id=self.run_id)
        stats.inc_value(f"news/articles_{outcome}")
        return item

    def close_spider(self, spider=None):
        if self.db is None:
            return
        if self.run_id is not None:
            get = self.crawler.stats.get_value
            sources = getattr(spider or self.crawler.spider, "sources", [])
            failed_sources = [s for s in sources
                              if get(f"news/source_failed/{s.id}", 0) >= len(s.start_urls)]
            add_counts(self.db, self.run_id, {
                "sources_tried": get("news/sources_tried", 0),
                "sources_failed": len(failed_sources),
                "pages_fetched": get("news/pages_fetched", 0),
                "articles_new": get("news/articles_new", 0),
                "articles_updated": get("news/articles_updated", 0),
                "articles_unchanged": get("news/articles_unchanged", 0),
                "articles_irrelevant": get("news/articles_irrelevant", 0),
                "pages_skipped": get("news/pages_skipped", 0),
                "errors": get("news/errors", 0),
            })
        self.db.close()
        self.db = None
