"""How the fleet's two commands run: a crawler (`crawl --redis`: no database, no run row, its
output to Redis) and the writer (`store --redis`: the run lock, the run's row, resumed by a
writer started again after a kill)."""

from __future__ import annotations

import os
import secrets
import socket
import time
from datetime import datetime, timezone
from pathlib import Path

from operations.runs import EXIT_FAILED, EXIT_FOR_STATUS, EXIT_LOCKED, EXIT_OK, Stopped, log, raise_if_stopped, summary


def crawler_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


def _wait_for(published, wait: float, every: float):
    """What `published()` returns once it is not None (the writer has published its run), or
    None after `wait` seconds: a crawler or worker may start before the writer."""
    deadline = time.monotonic() + wait
    while (value := published()) is None:
        if time.monotonic() > deadline:
            return None
        time.sleep(every)
    return value


def run_crawler(redis_url: str, sources: Path, extra: dict | None, parsed_sources, wait: float, progress: bool) -> int:
    """One crawler of the fleet, once the writer has published its run (waits up to `wait` s)."""
    from crawler.runner import run_crawl
    from fleet.keys import Keys, connect
    from fleet.settings import crawler_settings
    from fleet.writer import published_run

    server, keys = connect(redis_url), Keys()
    run_id = _wait_for(lambda: published_run(server, keys), wait, every=0.5)
    if run_id is None:
        print(f"crawl: no run published on {redis_url} (start `pipeline.py store --redis {redis_url}`)")
        return EXIT_FAILED
    me = crawler_id()
    log.info("crawler %s: run %d of the writer on %s", me, run_id, redis_url)
    settings = crawler_settings(redis_url, me, extra)
    if progress:
        settings["NEWS_PROGRESS"] = True
    stats = run_crawl(sources, None, extra_settings=settings, parsed_sources=parsed_sources)
    reason = stats.get("finish_reason")
    print(
        f"crawler {me}: {reason}; {stats.get('downloader/request_count', 0)} requests, "
        f"{stats.get('news/pages_fetched', 0)} article pages fetched, "
        f"{stats.get('fleet/idle_waits', 0)} idle waits for the fleet"
    )
    return EXIT_OK if reason == "finished" else EXIT_FAILED


def run_writer(db_path: Path, redis_url: str, since: str | None, batch: int) -> int:
    """The writer of a crawl run: publish (or resume) the run, write until the crawl is over."""
    from fleet.keys import Keys, connect
    from fleet.writer import Writer, publish, published_run
    from storage import open_db
    from storage.articles import discard_pending_validators
    from storage.lock import LockBusy, RunLock
    from storage.runs import finish_run, get_run, set_fields, start_run

    lock = RunLock(Path(db_path), "store --redis")
    try:
        lock.acquire()
    except LockBusy as busy:
        print(f"store: {busy}; nothing done (exit {EXIT_LOCKED})")
        return EXIT_LOCKED
    db = open_db(db_path)
    server, keys = connect(redis_url), Keys()
    try:
        run_id = published_run(server, keys)
        row = get_run(db, run_id) if run_id and db["runs"].count_where("id = ?", [run_id]) else None
        if row and row["status"] == "running":
            set_fields(db, run_id, pid=os.getpid(), host=socket.gethostname())
            log.info("run %d resumed by the writer (pid %d)", run_id, os.getpid())
        else:
            discard_pending_validators(db)  # left by a one-machine crawl that was killed
            run_id = start_run(db, "crawl --redis", lock=lock, stage="crawl")
            known = publish(db, server, keys, run_id, since)
            log.info("run %d published on %s: %d URLs known; waiting for crawlers", run_id, redis_url, known)
        writer = Writer(db, server, keys, run_id, batch=batch)
        writer.recover()
        while True:
            if not writer.step(timeout=1.0) and writer.crawl_over():
                break
        status, message = writer.finish()
        started = datetime.fromisoformat(get_run(db, run_id)["started_at"].replace("Z", "+00:00"))
        seconds = round((datetime.now(timezone.utc) - started).total_seconds(), 2)
        finish_run(
            db,
            run_id,
            status,
            message,
            stage="done",
            crawl_seconds=seconds,
            duration_seconds=seconds,
            exit_code=EXIT_FOR_STATUS[status],
        )
        writer.clear()
        row = get_run(db, run_id)
        print(summary(row))
        return EXIT_FOR_STATUS[status]
    except (Stopped, KeyboardInterrupt):
        print("store: stopped; the run stays open, and `store --redis` started again resumes it")
        return EXIT_FAILED
    finally:
        db.close()
        lock.release()


def run_nlp_worker(redis_url: str, model: str | None, wait: float, heartbeat: float) -> int:
    """One NLP worker of the fleet: loads the model, then works for the writer's run (waiting
    up to `wait` s for one) until it is over. It never opens the database."""
    from fleet.batches import join, nlp_keys, published_version, work
    from fleet.keys import connect
    from nlp.loader import load_pipeline, nlp_version
    from nlp.process import extract_batch

    server, keys = connect(redis_url), nlp_keys()
    nlp = load_pipeline(model)
    version = nlp_version(nlp)
    me = crawler_id()
    join(server, keys, me)
    wanted = _wait_for(lambda: published_version(server, keys), wait, every=0.2)
    if wanted is None:
        print(f"process --worker: no NLP run published on {redis_url} (start `pipeline.py process --redis`)")
        return EXIT_FAILED
    if wanted != version:
        print(f"process --worker: this worker's NLP version is {version}, the writer's run wants {wanted}")
        return EXIT_FAILED
    log.info("NLP worker %s (%s) joined the run on %s", me, version, redis_url)
    try:
        done = work(
            server, keys, me, version, lambda batch: extract_batch(nlp, batch), ttl=heartbeat, check=raise_if_stopped
        )
    except Stopped as stop:
        print(f"NLP worker {me}: stopped ({stop}); the batch it held is queued again for another worker")
        return EXIT_FAILED
    print(f"NLP worker {me}: {done} batches done")
    return EXIT_OK


class RemoteNlp:
    """The writer's side of the fleet's NLP stage: `extract` for `process_articles`, the NLP
    done by the workers (`process --redis URL --worker`), the results stored here."""

    def __init__(self, redis_url: str, batch: int):
        from fleet.batches import nlp_keys
        from fleet.keys import connect

        self.server, self.keys, self.batch = connect(redis_url), nlp_keys(), batch
        self.stats: dict = {}

    def open(self, run_id: int, version: str) -> None:
        from fleet.batches import publish_run

        publish_run(self.server, self.keys, run_id, version)
        log.info("NLP run %d (%s) published; waiting for workers (process --redis URL --worker)", run_id, version)

    def extract(self, batches):
        from fleet.batches import remote_extractions

        return remote_extractions(self.server, self.keys, batches, stats=self.stats)

    def close(self) -> None:
        from fleet.batches import clear

        clear(self.server, self.keys)  # the workers see the run is over and stop
        log.info(
            "NLP fleet: %d batches returned, %d taken again from workers that stopped answering",
            self.stats.get("batches", 0),
            self.stats.get("requeued", 0),
        )
