"""Run the news spider in this process and return its stats (used by pipeline.py)."""

from __future__ import annotations

import ipaddress
import logging
import os
from urllib.parse import urlparse

from crawler.sources import Source, load_sources

LOOPBACK_SETTINGS = {  # politeness is for other people's servers; the local site is ours
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


def _is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def all_loopback(sources: list[Source]) -> bool:
    return all(_is_loopback(u) for s in sources for u in [s.homepage, *s.start_urls])


def crawl_settings(sources_path, sources: list[Source], db_path, run_id=None, extra: dict | None = None):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("SOURCES_FILE", str(sources_path), priority="cmdline")
    settings.set("NEWS_DB_PATH", str(db_path), priority="cmdline")
    if run_id is not None:
        settings.set("RUN_ID", run_id, priority="cmdline")
    if all_loopback(sources):
        for key, value in LOOPBACK_SETTINGS.items():
            settings.set(key, value, priority="cmdline")
    for key, value in (extra or {}).items():
        settings.set(key, value, priority="cmdline")
    if "CONTACT_URL" in (extra or {}) and "USER_AGENT" not in (extra or {}):
        settings.set(
            "USER_AGENT",
            f"TraffickingNewsMonitor/0.1 (+{settings.get('CONTACT_URL')}; news research crawler)",
            priority="cmdline",
        )
    return settings


class _OneLineErrors(logging.Filter):
    """Scrapy logs an unreachable robots.txt with a full traceback; one line says enough
    (the pages of that host fail too, and are recorded in run_errors with their reason)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(exc).__name__})"
            record.args = None
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def run_crawl(
    sources_path, db_path, run_id=None, extra_settings: dict | None = None, parsed_sources: list[Source] | None = None
) -> dict:
    """Crawl every source once (blocking). A process can do this only once (Twisted reactor).
    `parsed_sources`: the file's sources already parsed by the caller, else parsed here, once."""
    robots_logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, _OneLineErrors) for f in robots_logger.filters):
        robots_logger.addFilter(_OneLineErrors())
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.news import NewsSpider

    if parsed_sources is None:  # fail fast, with a clear message, on a bad sources file
        parsed_sources = load_sources(sources_path)
    settings = crawl_settings(sources_path, parsed_sources, db_path, run_id, extra_settings)
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # pipeline.py owns logging
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=str(sources_path), parsed_sources=parsed_sources)
    process.start()
    return dict(crawler.stats.get_stats())
