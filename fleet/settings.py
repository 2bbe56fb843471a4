"""The Scrapy settings that make a crawler one of the fleet: scrapy-redis's scheduler and
duplicate filter on the shared Redis, the leasing queue, the hand-off instead of the SQLite
item pipeline, the heartbeat and idle wait, one per-host delay for the whole fleet."""

from __future__ import annotations

from fleet.keys import PREFIX, Keys

# what an operator may set (`crawl --redis URL --set KEY=VALUE`); the rest make the fleet work
TUNABLE = ("NEWS_REDIS_IDLE_POLL", "NEWS_REDIS_PREFETCH", "NEWS_REDIS_HEARTBEAT")


def fleet_settings(
    redis_url: str, crawler_id: str, prefix: str = PREFIX, idle_poll: float = 0.2, prefetch: int = 1
) -> dict:
    keys = Keys(prefix)
    return {
        "NEWS_REDIS_URL": redis_url,
        "NEWS_REDIS_PREFIX": prefix,
        "NEWS_FLEET_CRAWLER_ID": crawler_id,
        "NEWS_REDIS_IDLE_POLL": idle_poll,
        "NEWS_REDIS_PREFETCH": prefetch,  # requests one pop leases (fleet.frontier.LeaseQueue)
        "NEWS_DB_PATH": "",  # a crawler of the fleet never opens the database
        # scrapy-redis: the frontier and the duplicate filter in Redis, kept when a crawler
        # closes (SCHEDULER_PERSIST), so one crawler stopping takes nothing from the others;
        # the writer clears them when the run is over
        "REDIS_URL": redis_url,
        "SCHEDULER": "fleet.frontier.LeasingScheduler",
        "SCHEDULER_QUEUE_CLASS": "fleet.frontier.LeaseQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # a blocking pop would stall the reactor; Presence waits
        "ITEM_PIPELINES": {"crawler.pipelines.StoreArticlePipeline": None},
        "SPIDER_MIDDLEWARES": {"fleet.handoff.Handoff": 950},
        # one host's delay across the fleet, not per crawler; the fleet's clock spaces the
        # requests, so no per-crawler jitter may send one sooner than its reserved time
        "DOWNLOADER_MIDDLEWARES": {"fleet.politeness.FleetPoliteness": 900},
        "DOWNLOAD_DELAY_JITTER": 0,
        "EXTENSIONS": {"crawler.progress.CrawlProgress": 900, "fleet.presence.Presence": 500},
    }


def crawler_settings(redis_url: str, crawler_id: str, extra: dict | None = None) -> dict:
    """A fleet crawler's Scrapy settings: the operator's (`--set`) under the fleet's, except
    the TUNABLE ones, where the operator's win."""
    extra = extra or {}
    return {**extra, **fleet_settings(redis_url, crawler_id), **{k: extra[k] for k in TUNABLE if k in extra}}
