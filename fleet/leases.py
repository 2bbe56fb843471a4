"""The frontier's queue and leases in Redis, as Lua scripts (no Scrapy here).

scrapy-redis's queues remove a request from Redis when a crawler pops it, so a crawler
killed with requests in its downloader loses them (and the duplicate filter keeps them from
ever being queued again). Here a pop moves the request, in one Lua script, from the queue to
a lease held by the crawler; the lease is released once everything the response produced is
in Redis (`release`), and the leases of a crawler whose heartbeat expired go back to the
queue (`reap`). A request is requested once across the fleet; after a crash, at least once.
"""

from __future__ import annotations

import hashlib

from redis.exceptions import NoScriptError
from w3lib.url import canonicalize_url

from fleet.keys import Keys

LEASE = "fleet_lease"  # request.meta key: travels with the request's retries and redirects

# KEYS: queue, leases, lease owners; ARGV: owner, how many. The queue's members are
# "lease id\n<request>". Returns the members taken, lowest score first.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
local taken = {}
for i = 1, #top, 2 do
  local member, score = top[i], top[i + 1]
  redis.call('ZREM', KEYS[1], member)
  local id = string.sub(member, 1, string.find(member, '\\n', 1, true) - 1)
  redis.call('HSET', KEYS[2], id, member)
  redis.call('HSET', KEYS[3], id, ARGV[1] .. '|' .. score)
  taken[#taken + 1] = member
end
return taken
"""
# KEYS: queue, duplicate filter; ARGV: fingerprint, score, member. scrapy-redis's check and push
# in one round trip: queued only if the fingerprint is new to the filter.
_PUSH_UNSEEN = """
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
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
        self._push_unseen = server.register_script(_PUSH_UNSEEN)
        self._release = server.register_script(_RELEASE)
        self._reap = server.register_script(_REAP)

    def push(self, member: bytes, score: float) -> None:
        self.server.zadd(self.keys.requests, {member: score})

    def push_unseen(self, dupefilter_key: str, fingerprint: str, member: bytes, score: float) -> bool:
        """Queue `member` unless the duplicate filter has seen `fingerprint` (which it now has)."""
        return bool(self._push_unseen(keys=[self.keys.requests, dupefilter_key], args=[fingerprint, score, member]))

    def pop(self, count: int = 1) -> list[bytes]:
        """Up to `count` members off the top of the queue, each now leased to this crawler."""
        return self._pop(keys=[self.keys.requests, self.keys.leases, self.keys.lease_owners], args=[self.owner, count])

    def release(self, lease: str) -> None:
        """The request of `lease` is done: all it produced is in Redis."""
        self._release(keys=[self.keys.leases, self.keys.lease_owners], args=[lease, self.owner])

    def execute_and_release(self, pipe, lease: str) -> None:
        """Execute the transaction `pipe` with the end of `lease` in it.

        By the script's SHA: a Script in a pipeline makes redis-py ask SCRIPT EXISTS first,
        one more round trip per page. If Redis has lost its script cache (a restart), the rest
        of the transaction is applied and the lease is released right after, loading the script.
        """
        pipe.evalsha(self._release.sha, 2, self.keys.leases, self.keys.lease_owners, lease, self.owner)
        try:
            pipe.execute()
        except NoScriptError:
            self.release(lease)

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
