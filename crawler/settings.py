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

# What to fetch (pipeline.py crawl/nightly set these from --since, --max-articles, ...)
NEWS_SINCE = None  # YYYY-MM-DD or "30d": skip articles published before it
NEWS_MAX_ARTICLES = 0  # article requests per source per run, 0 = the sources file decides
NEWS_MAX_PAGES = 0  # listing pages per start URL (pagination, sitemap index children), 0 = file decides
NEWS_SOURCES = []  # source ids to crawl, [] = all
NEWS_CONDITIONAL_REQUESTS = True  # If-None-Match / If-Modified-Since on feeds, sitemaps, sections
NEWS_MAX_ATTEMPTS = 3  # runs that try a transiently failing page before it is given up
NEWS_LISTING_MAXSIZE = 50 * 1024 * 1024  # sitemaps may be 50 MB (protocol limit); pages may not
# Budgets against endless listings (a chain of sitemap indexes, a calendar of section pages);
# reaching one is recorded in run_errors (sitemap_depth, listing_budget). 0 = no limit.
NEWS_SITEMAP_MAX_DEPTH = 3  # levels of sitemap indexes followed below a start URL
NEWS_MAX_LISTINGS = 200  # listing requests (feeds, sitemaps, section pages) per source per run
NEAR_DUPLICATE_MAX_DISTANCE = 16  # SimHash bits; candidates are confirmed by shingle Jaccard
NEAR_DUPLICATE_MIN_JACCARD = 0.5

CONTACT_URL = "https://github.com/trafficking-news-monitor/trafficking-news"
USER_AGENT = f"TraffickingNewsMonitor/0.1 (+{CONTACT_URL}; news research crawler)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
# Items are stored one at a time in SQLite, so processing them in parallel gains nothing;
# Scrapy's default (100) starts 100 asyncio tasks for every response's output.
CONCURRENT_ITEMS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

ROBOTSTXT_MAX_CRAWL_DELAY = 60.0  # Crawl-delay is honoured up to this many seconds per request

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is never 10 MB; bigger is a mistake or a trap
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_AFTER_MAX = 120.0  # a 503/429 Retry-After up to this is waited for; longer: next run
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.CrawlDelayMiddleware": 110,  # after robots.txt (100) is parsed
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "crawler.middlewares.RedirectLoopMiddleware": 610,  # sees 3xx before RedirectMiddleware (600)
}

ITEM_PIPELINES = {
    "crawler.pipelines.StoreArticlePipeline": 300,
}

NEWS_PROGRESS = False  # a progress bar on the terminal (pipeline.py turns it on when stdout is one)
EXTENSIONS = {
    "crawler.progress.CrawlProgress": 900,
}

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
