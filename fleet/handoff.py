"""A crawler's output to Redis (a Scrapy spider middleware): it never opens the database.

Articles, skips, problems, listing state and the crawler's counts become plain JSON
messages on one Redis list, which the writer (`fleet.writer`) applies to SQLite. The
spider keeps calling `spider.store` as on one machine; here that is `FleetStore`, whose
reads come from what the writer published (URLs already fetched, feed validators, pages
to try again) and whose writes are messages. A response's lease (`fleet.frontier`) is
released only after everything it produced is in Redis: its messages, its new requests.
Only the crawler that wins the `seed` key queues the start URLs.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging

from scrapy import signals

from crawler.items import ArticleItem
from crawler.pipelines import crawl_counts
from fleet.frontier import frontier_for
from fleet.leases import LEASE, lease_id

logger = logging.getLogger(__name__)
LOCAL_KNOWN = 200_000  # known URLs a crawler keeps in memory (about 30 MB) rather than asking Redis


class Outbox:
    """Messages to the writer: `{"id", "kind", "crawler", "body"}`, ids unique in the fleet."""

    def __init__(self, frontier):
        self.frontier = frontier
        self.seq = itertools.count(1)

    def message(self, kind: str, body) -> str:
        owner = self.frontier.owner
        return json.dumps({"id": f"{owner}:{next(self.seq)}", "kind": kind, "crawler": owner, "body": body})

    def send(self, kind: str, body, release: str | None = None) -> None:
        """Queue one message (and release the lease `release` in the same transaction)."""
        self.send_all([self.message(kind, body)], release)

    def send_all(self, messages: list[str], release: str | None = None) -> None:
        pipe = self.frontier.server.pipeline(transaction=True)
        if messages:
            pipe.lpush(self.frontier.keys.messages, *messages)
        if release:
            self.frontier.execute_and_release(pipe, release)
        else:
            pipe.execute()


class RedisSet:
    """`url in known`, asked of a Redis set (the writer's published `known_urls`)."""

    def __init__(self, server, key: str):
        self.server, self.key = server, key

    def __contains__(self, url) -> bool:
        return bool(self.server.sismember(self.key, url))


class FleetStore:
    """What the spider asks of `spider.store`, over Redis instead of SQLite."""

    def __init__(self, frontier, outbox: Outbox):
        self.frontier, self.outbox = frontier, outbox
        self.keys = frontier.keys

    def register_sources(self, sources) -> None:
        self.outbox.send("sources", [dataclasses.asdict(s) for s in sources])

    def known_urls(self, since=None, max_attempts: int = 3):
        """The published known URLs: copied here when up to `LOCAL_KNOWN` (a round trip less per
        listed URL), asked of Redis one at a time when more."""
        server = self.frontier.server
        if server.scard(self.keys.known) <= LOCAL_KNOWN:
            return {url.decode() for url in server.smembers(self.keys.known)}
        return RedisSet(server, self.keys.known)

    def urls_to_retry(self, max_attempts: int = 3):
        return [tuple(json.loads(row)) for row in self.frontier.server.lrange(self.keys.retry, 0, -1)]

    def feed_validators(self):
        return {
            url.decode(): tuple(json.loads(v)) for url, v in self.frontier.server.hgetall(self.keys.validators).items()
        }

    def save_feed_state(self, url, source_id, status, etag=None, last_modified=None, keep_validators=True):
        self.outbox.send("feed_state", [url, source_id, status, etag, last_modified, keep_validators])

    def record_problem(self, url: str, code: str, reason: str, source_id: str | None = None) -> None:
        self.outbox.send("problem", [url, code, reason, source_id])

    def record_skip(self, url, code, reason, source_id=None, status=None, published=None) -> None:
        """A skipped request is done: its lease ends with the message that records it."""
        self.outbox.send("skip", [url, code, reason, source_id, status, published], release=lease_id(url))


class Handoff:
    def __init__(self, crawler):
        self.crawler = crawler
        self.outbox = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _frontier(self):
        frontier = frontier_for(self.crawler.spider)
        if self.outbox is None:
            self.outbox = Outbox(frontier)
        return frontier

    async def process_start(self, start):
        """Every crawler reads its start state; one queues the start requests."""
        frontier = self._frontier()
        spider = self.crawler.spider
        spider.store = FleetStore(frontier, self.outbox)
        seeding = frontier.server.set(frontier.keys.seed, frontier.owner, nx=True)
        async for request in start:
            if seeding:
                yield request
        if seeding:
            frontier.server.set(frontier.keys.seed_done, frontier.owner)
            logger.info("crawler %s queued the start URLs", frontier.owner)

    def process_spider_output(self, response, result, spider=None):
        items = []
        for output in result:
            if isinstance(output, ArticleItem):
                items.append(self.outbox.message("item", dataclasses.asdict(output)))
            else:
                yield output
        self._done(response, items)

    async def process_spider_output_async(self, response, result, spider=None):
        items = []
        async for output in result:
            if isinstance(output, ArticleItem):
                items.append(self.outbox.message("item", dataclasses.asdict(output)))
            else:
                yield output
        self._done(response, items)

    def _done(self, response, items: list[str]) -> None:
        """The response's items and the end of its lease, in one transaction: its requests are
        queued already (each as it was yielded)."""
        self._frontier()
        lease = response.request.meta.get(LEASE) if response.request is not None else None
        if items or lease:
            self.outbox.send_all(items, lease)

    def spider_closed(self, spider=None, reason=None):
        """The crawler's counts for the run's row, and that it finished (and how)."""
        if self.outbox is None:
            return
        frontier = self._frontier()
        sources = getattr(self.crawler.spider, "sources", [])
        stats = self.crawler.stats
        counts = crawl_counts(stats, sources)
        counts.pop("sources_failed")
        failures = {s.id: stats.get_value(f"news/source_failed/{s.id}", 0) for s in sources}
        pipe = frontier.server.pipeline(transaction=True)
        pipe.lpush(frontier.keys.messages, self.outbox.message("done", {"counts": counts, "reason": reason}))
        for source_id, failed in failures.items():
            if failed:
                pipe.hincrby(frontier.keys.source_failures, source_id, failed)
        pipe.hset(frontier.keys.crawlers_done, frontier.owner, reason or "")
        pipe.execute()
