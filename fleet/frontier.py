"""The shared frontier: scrapy-redis's scheduler and duplicate filter, with leases.

scrapy-redis's queues remove a request from Redis when a crawler pops it, so a crawler
killed with requests in its downloader loses them (and the duplicate filter keeps them from
ever being queued again). Here a pop moves the request, in one Lua script, from the queue to
a lease held by the crawler; the lease is released once everything the response produced is
in Redis (`release`), and the leases of a crawler whose heartbeat expired go back to the
queue (`reap`). A request is requested once across the fleet; after a crash, at least once.
"""

from __future__ import annotations

import hashlib

from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler
from w3lib.url import canonicalize_url

from fleet.keys import Keys

LEASE = "fleet_lease"  # request.meta key: travels with the request's retries and redirects

# KEYS: queue, leases, lease owners; ARGV: owner. The queue's members are "lease id\n<request>".
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local id = string.sub(top[1], 1, string.find(top[1], '\\n', 1, true) - 1)
redis.call('HSET', KEYS[2], id, top[1])
redis.call('HSET', KEYS[3], id, ARGV[1] .. '|' .. top[2])
return top[1]
"""
# KEYS: leases, lease owners; ARGV: lease id, owner. Only the holder releases a lease.
_RELEASE = """
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held or string.sub(held, 1, #ARGV[2] + 1) ~= ARGV[2] .. '|' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
"""
# KEYS: queue, leases, lease owners; ARGV: heartbeat key prefix, owner ('' = every owner whose
# heartbeat expired), 'requeue' or 'drop'. Returns how many leases it ended.
_REAP = """
local owners = redis.call('HGETALL', KEYS[3])
local ended = 0
for i = 1, #owners, 2 do
  local id, held = owners[i], owners[i + 1]
  local bar = string.find(held, '|', 1, true)
  local owner, score = string.sub(held, 1, bar - 1), string.sub(held, bar + 1)
  local take
  if ARGV[2] ~= '' then take = owner == ARGV[2] else take = redis.call('EXISTS', ARGV[1] .. owner) == 0 end
  if take then
    if ARGV[3] == 'requeue' then
      local member = redis.call('HGET', KEYS[2], id)
      if member then redis.call('ZADD', KEYS[1], score, member) end
    end
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    ended = ended + 1
  end
end
return ended
"""


def lease_id(url: str) -> str:
    """The lease of the request for `url` (the URL first asked for, before any redirect)."""
    return hashlib.sha1(canonicalize_url(url).encode("utf-8")).hexdigest()


class Frontier:
    """The fleet's queue, leases and their owners in one Redis, for one crawler (`owner`)."""

    def __init__(self, server, keys: Keys, owner: str):
        self.server, self.keys, self.owner = server, keys, owner
        self._pop = server.register_script(_POP)
        self._release = server.register_script(_RELEASE)
        self._reap = server.register_script(_REAP)

    def push(self, member: bytes, score: float) -> None:
        self.server.zadd(self.keys.requests, {member: score})

    def pop(self) -> bytes | None:
        return self._pop(keys=[self.keys.requests, self.keys.leases, self.keys.lease_owners], args=[self.owner])

    def release(self, lease: str, pipe=None) -> None:
        """The request of `lease` is done: all it produced is in Redis (`pipe`: in that transaction)."""
        self._release(keys=[self.keys.leases, self.keys.lease_owners], args=[lease, self.owner], client=pipe)

    def reap(self, mine: bool = False, requeue: bool = True) -> int:
        """Requeue the leases of crawlers whose heartbeat expired (or end this crawler's own:
        requeued after a shutdown, dropped when it is idle and so has finished them all)."""
        return self._reap(
            keys=[self.keys.requests, self.keys.leases, self.keys.lease_owners],
            args=[self.keys.heartbeat_prefix(), self.owner if mine else "", "requeue" if requeue else "drop"],
        )

    def pending(self) -> tuple[int, int]:
        """(requests queued, requests leased) across the fleet."""
        pipe = self.server.pipeline(transaction=False)
        pipe.zcard(self.keys.requests).hlen(self.keys.leases)
        queued, leased = pipe.execute()
        return queued, leased


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

    def push(self, request):
        lease = request.meta.setdefault(LEASE, lease_id(request.url))
        self.frontier.push(lease.encode() + b"\n" + self._encode_request(request), -request.priority)

    def pop(self, timeout=0):
        """Never blocks: a blocking pop would stop the whole crawler's reactor (its downloads too)."""
        member = self.frontier.pop()
        if member:
            return self._decode_request(member.split(b"\n", 1)[1])
        return None


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler; a redirect to a URL the fleet already requested ends its lease."""

    def enqueue_request(self, request):
        queued = super().enqueue_request(request)
        if not queued and LEASE in request.meta:
            frontier_for(self.spider).release(request.meta[LEASE])
        return queued
