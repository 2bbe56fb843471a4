"""The shared frontier in Scrapy: scrapy-redis's scheduler and duplicate filter over the
leasing queue of `fleet.leases` (a pop takes a lease instead of deleting the request)."""

from __future__ import annotations

from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from fleet.keys import Keys
from fleet.leases import LEASE, Frontier, lease_id


def frontier_for(spider) -> Frontier:
    """The crawler's `Frontier`, made once per spider from its settings (`fleet.crawl` sets them)."""
    if getattr(spider, "fleet_frontier", None) is None:
        from fleet.keys import connect

        settings = spider.crawler.settings
        spider.fleet_frontier = Frontier(
            connect(settings.get("NEWS_REDIS_URL")),
            Keys(settings.get("NEWS_REDIS_PREFIX")),
            settings.get("NEWS_FLEET_CRAWLER_ID"),
        )
    return spider.fleet_frontier


class LeaseQueue(Base):
    """scrapy-redis's priority queue (a sorted set, lowest score first), popped into a lease."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.frontier = frontier_for(spider)

    def __len__(self):
        return self.server.zcard(self.key)

    def member(self, request) -> tuple[bytes, float]:
        """(the queue member, its score) of `request`; its lease id travels in its meta."""
        lease = request.meta.setdefault(LEASE, lease_id(request.url))
        return lease.encode() + b"\n" + self._encode_request(request), -request.priority

    def push(self, request):
        self.frontier.push(*self.member(request))

    def pop(self, timeout=0):
        """Never blocks: a blocking pop would stop the whole crawler's reactor (its downloads too)."""
        member = self.frontier.pop()
        if member:
            return self._decode_request(member.split(b"\n", 1)[1])
        return None


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler, its duplicate filter's check and the push made one Lua call
    (a round trip less per request); a redirect to a URL the fleet already requested ends
    the lease of the request it came from."""

    def enqueue_request(self, request):
        frontier = frontier_for(self.spider)
        if request.dont_filter:
            self.queue.push(request)
        elif not frontier.push_unseen(self.df.key, self.df.request_fingerprint(request), *self.queue.member(request)):
            self.df.log(request, self.spider)
            if LEASE in request.meta:
                frontier.release(request.meta[LEASE])
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis", spider=self.spider)
        return True
