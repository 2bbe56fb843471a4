"""Scrapy extension: a progress bar of responses and new articles while a crawl runs.

Listed in EXTENSIONS (crawler/settings.py) and off unless NEWS_PROGRESS is true, which
`pipeline.py` sets when its stdout is a terminal and --quiet is not given."""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured


class CrawlProgress:
    def __init__(self, crawler):
        from tqdm import tqdm

        self.stats = crawler.stats
        self.bar = tqdm(desc="crawl", unit=" responses", leave=False, dynamic_ncols=True)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWS_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def response_received(self, response, request, spider):
        self.bar.update(1)
        self.bar.set_postfix(articles=self.stats.get_value("news/articles_new", 0), refresh=False)

    def spider_closed(self, spider):
        self.bar.close()
