"""Scrapy settings for the trafficking-news crawler.

Polite by default (robots.txt, AutoThrottle, a per-domain delay, an identifying
User-Agent); `crawler.runner` lifts the delays only when every source is on loopback.
"""
from pathlib import Path

BOT_NAME = "trafficking_news"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Where articles go and which sources to read (overridable with -s / the pipeline CLI).
NEWS_DB_PATH = str(Path("data") / "trafficking_news.db")
SOURCES_FILE = str(Path(__file__).parent / "sources.toml")
RELEVANCE_TERMS_FILE = str(Path(__file__).parent / "relevance.toml")
RUN_ID = None  # the `runs` row this crawl reports into, set by pipeline.py

CONTACT_URL = "https://github.com/trafficking-news-monitor/trafficking-news"
USER_AGENT = f"TraffickingNewsMonitor/0.1 (+{CONTACT_URL}; news research crawler)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is never 10 MB; bigger is a mistake or a trap
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "crawler.pipelines.StoreArticlePipeline": 300,
}

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
