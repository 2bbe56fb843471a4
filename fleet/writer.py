"""The one writer: it publishes what the crawlers must know of the database, then writes
their messages into it with the one-machine code (`crawler.pipelines.ArticleStore`, the
storage functions), exactly once each.

Messages are taken with LMOVE from the message list to a processing list, written in one
transaction (each message in its own savepoint, its id recorded in `handoff_messages`), and
dropped from the processing list only after the commit. A writer killed at any point
finds the processing list on restart and writes again only what was not committed.
"""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

from crawler.article_store import ArticleStore
from fleet.leases import Frontier
from storage.articles import (
    commit_feed_validators,
    feed_validators,
    known_urls,
    mark_url,
    save_feed_state,
    upsert_sources,
    urls_to_retry,
)
from storage.runs import add_counts, record_error
from storage.schema import transaction, utc_now

logger = logging.getLogger(__name__)
CHUNK = 10_000  # URLs per Redis command when publishing the known URLs
# KEYS: messages, processing; ARGV: most to take. Up to that many messages moved in one round
# trip, stopping at the first miss (a pipeline of LMOVEs would send them all, mostly for nothing,
# while the crawlers' messages trickle in).
_TAKE = """
local taken = {}
for _ = 1, tonumber(ARGV[1]) do
  local message = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not message then break end
  taken[#taken + 1] = message
end
return taken
"""


def publish(db, server, keys, run_id: int, since: str | None = None, max_attempts: int = 3) -> int:
    """A new run: the database's seen state into Redis for the crawlers; returns known URLs.

    The writer publishes the seen set (rather than seeding scrapy-redis's duplicate filter
    with it) so the rules of what is known stay in `storage.articles.known_urls` (failed
    pages tried again up to `max_attempts` runs, too-old pages against `--since`), the
    `urls_known` count stays right, and the duplicate filter means one thing: asked for in
    this run, by any crawler.
    """
    known = sorted(known_urls(db, since, max_attempts))
    pipe = server.pipeline(transaction=True)
    pipe.delete(*keys.run_keys())
    for start in range(0, len(known), CHUNK):
        pipe.sadd(keys.known, *known[start : start + CHUNK])
    for url, source_id in urls_to_retry(db, max_attempts):
        pipe.rpush(keys.retry, json.dumps([url, source_id]))
    validators = {url: json.dumps(list(pair)) for url, pair in feed_validators(db).items()}
    if validators:
        pipe.hset(keys.validators, mapping=validators)
    pipe.hset(keys.run, mapping={"run_id": run_id, "since": since or "", "max_attempts": max_attempts})
    pipe.execute()
    return len(known)


def published_run(server, keys) -> int | None:
    """The run id the crawlers are working for, if a writer published one."""
    value = server.hget(keys.run, "run_id")
    return int(value) if value else None


class Writer:
    def __init__(self, db, server, keys, run_id: int, batch: int = 200, max_distance=16, min_jaccard=0.5):
        self.db, self.server, self.keys, self.run_id, self.batch = db, server, keys, run_id, batch
        self.articles = ArticleStore(db, max_distance=max_distance, min_jaccard=min_jaccard)
        self.frontier = Frontier(server, keys, "writer")
        self._take = server.register_script(_TAKE)
        self.written = 0

    # -- taking and acknowledging -----------------------------------------------------
    def recover(self) -> int:
        """Messages a killed writer took but may not have committed: written now (once)."""
        taken = self.server.lrange(self.keys.processing, 0, -1)
        if taken:
            logger.info("writing %d messages taken by a writer that stopped", len(taken))
            self._write(list(reversed(taken)))  # LMOVE puts the newest at the left
        return len(taken)

    def step(self, timeout: float = 1.0) -> int:
        """Take up to `batch` messages (waiting up to `timeout` s for the first), write them."""
        first = self.server.blmove(self.keys.messages, self.keys.processing, timeout, "RIGHT", "LEFT")
        if first is None:
            return 0
        more = (
            self._take(keys=[self.keys.messages, self.keys.processing], args=[self.batch - 1]) if self.batch > 1 else []
        )
        taken = [first, *more]
        self._write(taken)
        return len(taken)

    def _write(self, taken: list[bytes]) -> None:
        with transaction(self.db):
            for raw in taken:
                message = json.loads(raw)
                seen = self.db.execute("select 1 from handoff_messages where id = ?", [message["id"]]).fetchone()
                if seen:
                    continue
                try:
                    with transaction(self.db):  # a savepoint: a failing message leaves nothing behind
                        self.apply(message)
                except Exception as exc:  # noqa: BLE001 - recorded, like Scrapy's item_error
                    logger.exception("message %s (%s) could not be written", message["id"], message["kind"])
                    body = message.get("body")
                    url = body.get("url", "") if isinstance(body, dict) else ""
                    record_error(self.db, self.run_id, url, f"item_error: {type(exc).__name__}: {exc}", "item_error")
                    add_counts(self.db, self.run_id, {"errors": 1, "problem_counts": {"item_error": 1}})
                self.db.execute(
                    "insert into handoff_messages (id, run_id, kind, applied_at) values (?, ?, ?, ?)",
                    [message["id"], self.run_id, message["kind"], utc_now()],
                )
        self.server.delete(self.keys.processing)  # acknowledged: committed
        self.written += len(taken)

    # -- writing one message ---------------------------------------------------------------
    def apply(self, message: dict) -> None:
        kind, body, db, run_id = message["kind"], message["body"], self.db, self.run_id
        if kind == "item":
            outcome = self.articles.store(body, run_id)
            add_counts(db, run_id, {f"articles_{outcome}": 1})
        elif kind == "skip":
            url, code, reason, source_id, status, published = body
            record_error(db, run_id, url, f"{code}: {reason}", code, source_id)
            if status:
                mark_url(db, url, status, source_id=source_id, code=code, published=published)
        elif kind == "problem":
            url, code, reason, source_id = body
            record_error(db, run_id, url, f"{code}: {reason}", code, source_id)
        elif kind == "feed_state":
            url, source_id, status, etag, last_modified, keep = body
            save_feed_state(db, url, source_id, status, etag, last_modified, keep)
        elif kind == "sources":
            upsert_sources(db, [SimpleNamespace(**source) for source in body])
        elif kind == "done":
            counts = dict(body["counts"])
            tried = counts.pop("sources_tried", 0)  # every crawler reads every source
            add_counts(db, run_id, counts)
            db.execute(
                "update runs set sources_tried = max(coalesce(sources_tried, 0), ?) where id = ?", [tried, run_id]
            )
        else:
            raise ValueError(f"unknown message kind {kind!r}")

    # -- the end of the run --------------------------------------------------------------
    def crawlers(self) -> tuple[set[str], dict[str, str], set[str]]:
        """(crawlers that joined, {finished crawler: reason}, crawlers gone without finishing)."""
        joined = {c.decode() for c in self.server.smembers(self.keys.crawlers)}
        done = {c.decode(): r.decode() for c, r in self.server.hgetall(self.keys.crawlers_done).items()}
        gone = {c for c in joined - set(done) if not self.server.exists(self.keys.heartbeat(c))}
        return joined, done, gone

    def crawl_over(self) -> bool:
        """Nothing queued, leased or unwritten, and every crawler finished or gone."""
        self.frontier.reap()  # the leases of dead crawlers go back (a crawler started later takes them)
        joined, done, gone = self.crawlers()
        if not joined or set(done) | gone != joined or not self.server.exists(self.keys.seed_done):
            return False
        queued, leased = self.frontier.pending()
        return not (queued or leased or self.server.llen(self.keys.messages) or self.server.llen(self.keys.processing))

    def finish(self) -> tuple[str, str]:
        """Counts that need the whole fleet, the listings' validators if every crawler finished;
        (status, message) for the run's row."""
        joined, done, gone = self.crawlers()
        failures = {k.decode(): int(v) for k, v in self.server.hgetall(self.keys.source_failures).items()}
        starts = dict(self.db.execute("select id, start_urls from sources").fetchall())
        failed = sum(1 for sid, n in failures.items() if sid in starts and n >= len(json.loads(starts[sid] or "[]")))
        notes = []
        with transaction(self.db):
            add_counts(self.db, self.run_id, {"sources_failed": failed})
            if not gone and all(reason == "finished" for reason in done.values()):
                commit_feed_validators(self.db)
        row = self.db.execute("select problem_counts from runs where id = ?", [self.run_id]).fetchone()
        problems = json.loads(row[0]) if row and row[0] else {}
        if gone:
            notes.append(f"{len(gone)} of {len(joined)} crawlers stopped without finishing: {', '.join(sorted(gone))}")
        partial = bool(failed or gone or problems.get("spider_error") or problems.get("item_error"))
        return ("partial" if partial else "ok"), "; ".join(notes)

    def clear(self) -> None:
        self.server.delete(*self.keys.run_keys())
