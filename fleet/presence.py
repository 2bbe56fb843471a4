"""A crawler's place in the fleet (a Scrapy extension): it joins, keeps a heartbeat, takes
back the leases of crawlers that died, and stays open while the fleet still has work.

A crawler whose own queue ran dry must not close while another is still reading a listing
that will queue hundreds of URLs: on `spider_idle` it stays open as long as requests are
queued or leased anywhere, or the start URLs are not all queued yet. Scrapy looks again only
on its engine's heartbeat (5 s), the idle wait of scrapy-redis issues #74 and #203; this
extension looks every `NEWS_REDIS_IDLE_POLL` seconds instead (0 = Scrapy's 5 s).
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet import reactor, task

from fleet.frontier import frontier_for

logger = logging.getLogger(__name__)


class Presence:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.ttl = settings.getfloat("NEWS_REDIS_HEARTBEAT", 30.0)
        self.poll = settings.getfloat("NEWS_REDIS_IDLE_POLL", 0.2)
        self.beat = None
        self.frontier = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider=None):
        self.frontier = frontier_for(self.crawler.spider)
        keys, owner = self.frontier.keys, self.frontier.owner
        self.frontier.server.sadd(keys.crawlers, owner)
        self.heartbeat()
        self.beat = task.LoopingCall(self.heartbeat)
        self.beat.start(self.ttl / 3, now=False)
        logger.info("crawler %s joined the fleet (heartbeat %.0f s)", owner, self.ttl)

    def heartbeat(self) -> None:
        """Alive for `ttl` more seconds; and the leases of crawlers that are not go back."""
        keys, owner = self.frontier.keys, self.frontier.owner
        self.frontier.server.set(keys.heartbeat(owner), "1", px=int(self.ttl * 1000))
        requeued = self.frontier.reap()
        if requeued:
            self.crawler.stats.inc_value("fleet/leases_requeued", requeued)
            logger.warning("%d requests of crawlers that stopped answering are queued again", requeued)

    def spider_idle(self, spider=None):
        self.heartbeat()
        stale = self.frontier.reap(mine=True, requeue=False)  # idle: everything it took is done
        if stale:
            self.crawler.stats.inc_value("fleet/leases_dropped_idle", stale)
            logger.warning("%d leases of finished requests were still held; released", stale)
        queued, leased = self.frontier.pending()
        seeding = not self.frontier.server.exists(self.frontier.keys.seed_done)
        if queued or leased or seeding:
            self.crawler.stats.inc_value("fleet/idle_waits")
            if self.poll > 0:
                reactor.callLater(self.poll, self._look_again)
            raise DontCloseSpider

    def _look_again(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy's own next look, sooner
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()

    def spider_closed(self, spider=None, reason=None):
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        if self.frontier is None:
            return
        # finished: every request it took is done; shut down: the unfinished go back to the queue
        ended = self.frontier.reap(mine=True, requeue=reason != "finished")
        if ended and reason != "finished":
            logger.info("%d requests in flight at the shutdown are queued again", ended)
        self.frontier.server.delete(self.frontier.keys.heartbeat(self.frontier.owner))
