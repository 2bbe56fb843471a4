"""The shared frontier in Scrapy: scrapy-redis's scheduler and duplicate filter over the
leasing queue of `fleet.leases` (a pop takes a lease instead of deleting the request)."""

from __future__ import annotations

from collections import deque

from scrapy import Request
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
    """scrapy-redis's priority queue (a sorted set, lowest score first), popped into a lease,
    `NEWS_REDIS_PREFETCH` requests at a time: one round trip takes several, and the ones not
    yet handed to Scrapy wait here, leased (a crawler that dies has them requeued by the
    fleet like any other lease; one that shuts down requeues its own)."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.frontier = frontier_for(spider)
        self.prefetch = max(1, spider.crawler.settings.getint("NEWS_REDIS_PREFETCH", 1))
        self.taken: deque[bytes] = deque()
        self.method_names: dict[object, str | None] = {}  # a spider method's function -> its name

    def __len__(self):
        """Requests queued in the fleet and taken here but not yet handed out: Scrapy calls
        the crawler idle only when both are none."""
        return self.server.zcard(self.key) + len(self.taken)

    def _encode_request(self, request):
        """scrapy-redis's encoding (`Request.to_dict`), with the spider's callback and errback
        named once per method: `to_dict` walks every member of the spider (`inspect.getmembers`)
        for each request, the largest cost a crawler adds per request after Redis itself."""
        callback, errback = self._method_name(request.callback), self._method_name(request.errback)
        if callback is None or errback is None:
            return super()._encode_request(request)  # not a method of this spider: Scrapy's own lookup
        fields = {"url": request.url, "callback": callback or None, "errback": errback or None}
        fields["headers"] = dict(request.headers)
        for attr in request.attributes:
            fields.setdefault(attr, getattr(request, attr))
        if type(request) is not Request:
            fields["_class"] = request.__module__ + "." + request.__class__.__name__
        return self.serializer.dumps(fields)

    def _method_name(self, func) -> str | None:
        """The name of the spider's method `func`, "" for no function, None when not one."""
        if func is None:
            return ""
        if not callable(func):
            return func  # already a name
        key = getattr(func, "__func__", None)
        if key not in self.method_names:
            name = getattr(func, "__name__", None)
            bound = getattr(self.spider, name, None) if name else None
            self.method_names[key] = name if key is not None and getattr(bound, "__func__", None) is key else None
        return self.method_names[key]

    def member(self, request) -> tuple[bytes, float]:
        """(the queue member, its score) of `request`; its lease id travels in its meta."""
        lease = request.meta.setdefault(LEASE, lease_id(request.url))
        return lease.encode() + b"\n" + self._encode_request(request), -request.priority

    def push(self, request):
        self.frontier.push(*self.member(request))

    def pop(self, timeout=0):
        """Never blocks: a blocking pop would stop the whole crawler's reactor (its downloads too)."""
        if not self.taken:
            self.taken.extend(self.frontier.pop(self.prefetch))
        if self.taken:
            return self._decode_request(self.taken.popleft().split(b"\n", 1)[1])
        return None


SEEN_HERE_LIMIT = 500_000  # fingerprints a crawler remembers (about 60 MB); forgotten beyond


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler, its duplicate filter's check and the push made one Lua call
    (a round trip less per request); a redirect to a URL the fleet already requested ends
    the lease of the request it came from.

    A fingerprint this crawler has already put through the check is in the fleet's filter
    for the rest of the run (the filter only grows until the writer ends the run), so the
    crawler remembers it and does not ask Redis again: the same navigation links on every
    page of a site cost one round trip per crawler, not one per page."""

    def open(self, spider):
        super().open(spider)
        self.seen_here: set[str] = set()

    def enqueue_request(self, request):
        frontier = frontier_for(self.spider)
        redirected_from = request.meta.get(LEASE)  # only a redirect arrives with a lease
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        known_here = fingerprint in self.seen_here
        if fingerprint is None:
            self.queue.push(request)
        elif known_here or not self._push_unseen(frontier, fingerprint, request):
            if known_here and self.stats:
                self.stats.inc_value("fleet/duplicates_known_here")
            self.df.log(request, self.spider)
            if redirected_from:
                frontier.release(redirected_from)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _push_unseen(self, frontier: Frontier, fingerprint: str, request) -> bool:
        if len(self.seen_here) >= SEEN_HERE_LIMIT:
            self.seen_here.clear()
        self.seen_here.add(fingerprint)
        return frontier.push_unseen(self.df.key, fingerprint, *self.queue.member(request))
