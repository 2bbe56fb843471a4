"""One host's delay held across the whole fleet (a Scrapy downloader middleware).

scrapy-redis shares the queue, not Scrapy's download slots: each crawler keeps its own
per-host delay, so N crawlers would ask one host N times as often. Here every request to a
host first reserves a time on a clock in Redis, one script call: the host's next free time
moves on by the delay this crawler's slot has for it (DOWNLOAD_DELAY, a robots.txt
Crawl-delay, AutoThrottle's current value), and the request waits in this middleware until
its time. Reservations are spaced by the delay on Redis's clock, so the fleet's requests to
one host are too, however many crawlers there are and on whichever machines. A host with no
delay (the loopback test sites) costs no round trip.
"""

from __future__ import annotations

import logging

from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor, task

from fleet.keys import Keys, connect

logger = logging.getLogger(__name__)

# KEYS: the host's clock; ARGV: delay in ms. Returns how many ms the caller waits for its time.
_RESERVE = """
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, free)
local delay = tonumber(ARGV[1])
redis.call('SET', KEYS[1], start + delay, 'PX', start - now + delay + 60000)
return start - now
"""


class FleetPoliteness:
    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.keys = Keys(settings.get("NEWS_REDIS_PREFIX"))
        self.redis = connect(settings.get("NEWS_REDIS_URL"))
        self.reserve = self.redis.register_script(_RESERVE)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _delay(self, request) -> float:
        """This crawler's delay for the request's host: its download slot's, or what the
        slot will start with (the Crawl-delay middleware writes per-slot settings)."""
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            return slot.delay
        return float(downloader.per_slot_settings.get(key, {}).get("delay", downloader._delay))

    async def process_request(self, request, spider=None):
        delay = self._delay(request)
        if delay <= 0:
            return None
        host = urlparse_cached(request).hostname or ""
        wait = int(self.reserve(keys=[self.keys.host_clock(host)], args=[int(delay * 1000)])) / 1000
        if wait > 0:
            self.crawler.stats.inc_value("news/fleet_politeness_wait", wait)
            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return None
