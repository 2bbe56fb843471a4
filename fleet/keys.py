"""Where a fleet's state lives in Redis: the connection and every key name, in one place.

All keys start with one prefix (`NEWS_REDIS_PREFIX`, default `news`, the spider's name, which
is also where scrapy-redis puts its queue and duplicate filter), so one Redis can hold
one fleet per prefix.
"""

from __future__ import annotations

import redis

PREFIX = "news"


def connect(url: str) -> redis.Redis:
    """A client of the Redis at `url` (redis://host:port/db); replies are bytes."""
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=30, retry_on_timeout=True)


class Keys:
    """The key names of one fleet."""

    def __init__(self, prefix: str = PREFIX):
        self.prefix = prefix
        # the frontier (scrapy-redis: SCHEDULER_QUEUE_KEY, SCHEDULER_DUPEFILTER_KEY)
        self.requests = f"{prefix}:requests"  # sorted set of queued requests
        self.dupefilter = f"{prefix}:dupefilter"  # fingerprints of requests scheduled this run
        self.leases = f"{prefix}:leases"  # hash lease id -> the request a crawler took
        self.lease_owners = f"{prefix}:lease_owners"  # hash lease id -> "crawler|score"
        self.seed = f"{prefix}:seed"  # the crawler that queues the start URLs
        self.seed_done = f"{prefix}:seed_done"
        # the crawlers of the run
        self.crawlers = f"{prefix}:crawlers"  # set of crawler ids that joined
        self.crawlers_done = f"{prefix}:crawlers_done"  # hash crawler id -> finish reason
        self.source_failures = f"{prefix}:source_failures"  # hash source id -> start URLs failed
        # the writer's run, and what it publishes of the database
        self.run = f"{prefix}:run"  # hash: run_id, since, max_attempts
        self.known = f"{prefix}:known"  # set of URLs not to request again
        self.retry = f"{prefix}:retry"  # list of JSON [url, source id] to try again
        self.validators = f"{prefix}:validators"  # hash listing URL -> JSON [etag, last_modified]
        # the hand-off to the writer
        self.messages = f"{prefix}:messages"  # list of JSON messages, oldest at the right
        self.processing = f"{prefix}:messages:processing"  # taken by the writer, not yet committed

    def host_clock(self, host: str) -> str:
        """The next time (ms, Redis's clock) the fleet may request `host`; expires by itself."""
        return f"{self.prefix}:polite:{host}"

    def heartbeat(self, crawler_id: str) -> str:
        return f"{self.prefix}:alive:{crawler_id}"

    def heartbeat_prefix(self) -> str:
        return f"{self.prefix}:alive:"

    def run_keys(self) -> list[str]:
        """Everything a finished run leaves behind (the message lists are empty by then)."""
        return [
            self.requests,
            self.dupefilter,
            self.leases,
            self.lease_owners,
            self.seed,
            self.seed_done,
            self.crawlers,
            self.crawlers_done,
            self.source_failures,
            self.run,
            self.known,
            self.retry,
            self.validators,
        ]
