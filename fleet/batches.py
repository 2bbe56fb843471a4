"""The NLP stage across machines: the writer's batches of articles and the workers' results
on Redis (no SQLite here: only the writer opens the database).

The writer publishes batches of (text, article id) a few at a time (`remote_extractions`,
the `extract` of `nlp.process.process_articles`, which stores the results as on one
machine). A worker (`work`) takes a batch with the frontier's lease (`fleet.leases`: one
Lua script moves it from the queue to a lease held by the worker), runs `nlp.process`'s
own per-batch function on it and sends back the plain-dict extractions with the lease's
release in one transaction. A worker that dies mid-batch stops its heartbeat; the writer
then puts its leases back in the queue and another worker takes the batch. A batch
returned twice (a worker thought dead that was only slow) is stored once.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time

from fleet.keys import Keys
from fleet.leases import Frontier

logger = logging.getLogger(__name__)
AHEAD = 16  # batches published and not yet returned: enough for several workers, little in Redis


def nlp_keys(prefix: str | None = None) -> Keys:
    """The NLP stage's keys: the frontier's names under `<prefix>:nlp` (queue, leases, the
    workers that joined, their heartbeats, `run`: the run id and NLP version, `messages`: results)."""
    return Keys(f"{prefix or Keys().prefix}:nlp")


def publish_run(server, keys: Keys, run_id: int, version: str) -> None:
    """A new NLP run for the workers (what an earlier writer left is dropped: the database
    says what is still pending)."""
    server.delete(keys.run, keys.requests, keys.leases, keys.lease_owners, keys.messages)
    server.hset(keys.run, mapping={"run_id": run_id, "version": version})


def clear(server, keys: Keys) -> None:
    """The run is over: the workers stop (and leave the set of workers)."""
    server.delete(keys.run, keys.requests, keys.leases, keys.lease_owners, keys.messages, keys.crawlers)


def join(server, keys: Keys, owner: str) -> None:
    """A worker with its model loaded, ready for the writer's batches (`crawlers`: the workers)."""
    server.sadd(keys.crawlers, owner)


def published_version(server, keys: Keys) -> str | None:
    value = server.hget(keys.run, "version")
    return value.decode() if value is not None else None


def remote_extractions(server, keys: Keys, batches, reap_every: float = 1.0, stats: dict | None = None):
    """(text, article id, extraction, error) for every article of `batches`, computed by the
    workers, in the order they return them. `stats` counts `batches` and `requeued`."""
    frontier = Frontier(server, keys, "writer")
    run_id = server.hget(keys.run, "run_id").decode()
    stats = stats if stats is not None else {}
    stats.setdefault("batches", 0)
    stats.setdefault("requeued", 0)
    outstanding: dict[str, list] = {}
    numbers = itertools.count()
    batches = iter(batches)
    more = True
    reaped = time.monotonic()
    while True:
        while more and len(outstanding) < AHEAD:
            batch = next(batches, None)
            if batch is None:
                more = False
                break
            number = next(numbers)
            lease = f"{run_id}.{number}"
            outstanding[lease] = batch
            frontier.push(f"{lease}\n{json.dumps(batch)}".encode(), number)
        if not outstanding:
            return
        if time.monotonic() - reaped >= reap_every:
            requeued = frontier.reap()  # the batches of workers whose heartbeat expired
            reaped = time.monotonic()
            if requeued:
                stats["requeued"] += requeued
                logger.warning("%d batches of NLP workers that stopped answering are queued again", requeued)
        popped = server.brpop(keys.messages, timeout=reap_every)
        if popped is None:
            continue
        result = json.loads(popped[1])
        batch = outstanding.pop(result["batch"], None)
        if batch is None:
            continue  # returned already, by a worker taken for dead
        version = published_version(server, keys)
        if result["version"] != version:
            raise ValueError(f"worker {result['worker']} sent NLP version {result['version']}, not {version}")
        stats["batches"] += 1
        for (text, article_id), (returned_id, extraction, error) in zip(batch, result["results"], strict=True):
            if returned_id != article_id:
                raise ValueError(f"worker {result['worker']} returned article {returned_id} for {article_id}")
            yield text, article_id, extraction, error


class Heartbeat:
    """A worker's heartbeat, kept by a thread while the worker's main thread runs the NLP."""

    def __init__(self, server, keys: Keys, owner: str, ttl: float):
        self.server, self.key, self.ttl = server, keys.heartbeat(owner), ttl
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="heartbeat", daemon=True)

    def _beat(self) -> None:
        while not self.stopped.wait(self.ttl / 3):
            self.server.set(self.key, "1", px=int(self.ttl * 1000))

    def __enter__(self):
        self.server.set(self.key, "1", px=int(self.ttl * 1000))
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join()
        self.server.delete(self.key)


def work(server, keys: Keys, owner: str, version: str, extract, ttl: float = 30, poll: float = 0.2, check=None) -> int:
    """Take batches and send back `extract(batch)`, as `owner`, until the writer's run is
    over (or a writer with another NLP version took over); returns the number of batches done. `extract` is `nlp.process.extract_batch` with
    the worker's pipeline (of NLP `version`); `check()`, called between batches, raises to stop."""
    frontier = Frontier(server, keys, owner)
    done = 0
    try:
        with Heartbeat(server, keys, owner, ttl):
            join(server, keys, owner)
            while published_version(server, keys) == version:
                if check:
                    check()
                taken = frontier.pop()
                if not taken:
                    time.sleep(poll)
                    continue
                lease, _, body = taken[0].partition(b"\n")
                batch = [(text, article_id) for text, article_id in json.loads(body)]
                results = [[article_id, extraction, error] for article_id, extraction, error in extract(batch)]
                message = json.dumps({"batch": lease.decode(), "worker": owner, "version": version, "results": results})
                pipe = server.pipeline(transaction=True)
                pipe.lpush(keys.messages, message)
                frontier.execute_and_release(pipe, lease.decode())
                done += 1
    finally:
        # Stopped mid-batch (SIGTERM, Ctrl-C, an error): the batch goes back to the queue now,
        # not when the heartbeat would have expired. Results sent and released are not in it.
        frontier.reap(mine=True, requeue=True)
    return done
