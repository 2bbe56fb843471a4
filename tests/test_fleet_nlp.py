"""NLP workers anywhere, on a real Redis (Debian's redis-server on 127.0.0.1) with real
processes: `pipeline.py process --redis URL` (the one writer) and `process --redis URL
--worker` (workers, which never open the database), one killed with SIGKILL mid-batch."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from testbed.redis_server import redis_available, redis_server
from tests.conftest import run_pipeline
from tests.test_fleet import finish, start, wait_for
from tests.test_reprocessing import NLP_TABLES, copy_of

if not redis_available():
    pytestmark = pytest.mark.skip(reason="needs Debian's redis-server (apt-get install redis-server)")

RUN_COUNTS = (
    "status",
    "nlp_version",
    *("articles_processed", "entities_added", "mentions_added", "sentences_added", "events_added"),
    *("errors", "articles_pending"),
)


@pytest.fixture(scope="module")
def crawled(demo_sources, tmp_path_factory) -> Path:
    """The demo site crawled, not yet processed."""
    db = tmp_path_factory.mktemp("fleet_nlp") / "crawled.db"
    run_pipeline("crawl", "--sources", str(demo_sources), "--db", str(db))
    return db


@pytest.fixture(scope="module")
def one_machine(crawled, tmp_path_factory) -> dict:
    """What a plain `pipeline.py process` stores: what the fleet must store too."""
    db = copy_of(crawled, tmp_path_factory.mktemp("fleet_nlp_one") / "one.db")
    run_pipeline("process", "--db", str(db))
    return stored(db)


def stored(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        tables = {t: sorted(conn.execute(f"select * from {t}").fetchall()) for t in NLP_TABLES}
        tables["articles"] = sorted(conn.execute("select id, text, title, nlp_version from articles").fetchall())
        row = conn.execute(f"select {', '.join(RUN_COUNTS)} from runs order by id desc limit 1").fetchone()
        return {**tables, "run": dict(zip(RUN_COUNTS, row))}
    finally:
        conn.close()


def worker(redis_url: str, heartbeat: float = 30):
    # no --db: a worker has none (were it to open the default database, it would make one)
    return start(
        "process", "--redis", redis_url, "--worker", "--heartbeat", str(heartbeat), "--db", "/nonexistent/w.db"
    )


def test_two_nlp_workers_one_killed_mid_batch_store_what_process_stores(crawled, one_machine, tmp_path):
    """Both workers return batches; one is then killed holding another, which the other
    worker takes once the dead one's heartbeat expires; the database ends as `process` leaves it."""
    import redis

    db = copy_of(crawled, tmp_path / "fleet.db")
    with redis_server() as url:
        server = redis.Redis.from_url(url)
        doomed, survivor = worker(url, heartbeat=2), worker(url, heartbeat=2)
        writer = start("process", "--redis", url, "--db", str(db), "--batch", "4")
        held: set[bytes] = set()  # the batches the doomed worker was seen holding

        def doomed_holds() -> set[bytes]:  # lease owners are "<host>-<pid>-<random>|<score>"
            owners = server.hgetall("news:nlp:lease_owners").items()
            return {lease for lease, owner in owners if f"-{doomed.pid}-".encode() in owner}

        def holds_its_second_batch() -> bool:
            mine = doomed_holds()
            held.update(mine)
            return len(held) >= 2 and bool(mine)  # it holds one batch at a time: the first is returned

        wait_for(holds_its_second_batch, "the doomed worker's second batch", timeout=180, every=0.005)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
        assert doomed_holds()  # killed mid-batch: its lease is still held, its results never sent
        code, out = finish(writer, timeout=300)
        assert code == 0, out
        assert "batches of NLP workers that stopped answering are queued again" in out
        code, out = finish(survivor)
        assert code == 0, out
        assert "batches done" in out
    fleet = stored(db)
    assert fleet["run"]["articles_processed"] > 0
    assert fleet == one_machine
    assert not Path("/nonexistent").exists()  # workers never open the database


def test_an_nlp_worker_stopped_with_sigterm_hands_its_batch_back_at_once(crawled, one_machine, tmp_path):
    """`systemctl stop` of a worker mid-batch: its batch is queued again at once (its heartbeat
    would keep it for ten minutes), another worker takes it, and the database ends as `process` leaves it."""
    import redis

    db = copy_of(crawled, tmp_path / "fleet.db")
    with redis_server() as url:
        server = redis.Redis.from_url(url)
        stopped = worker(url, heartbeat=600)
        writer = start("process", "--redis", url, "--db", str(db), "--batch", "4")

        def stopped_holds() -> set[bytes]:
            owners = server.hgetall("news:nlp:lease_owners").items()
            return {lease for lease, owner in owners if f"-{stopped.pid}-".encode() in owner}

        def holds_one_with_more_queued() -> bool:  # so the run is not over when the signal lands
            return bool(stopped_holds()) and server.zcard("news:nlp:requests") > 0

        wait_for(holds_one_with_more_queued, "the worker's first batch", timeout=180, every=0.005)
        stopped.send_signal(signal.SIGTERM)
        code, out = finish(stopped)
        assert code == 1, out
        assert "the batch it held is queued again" in out
        assert not stopped_holds()
        survivor = worker(url, heartbeat=600)
        code, out = finish(writer, timeout=300)  # a batch left leased would hold it for 600 s
        assert code == 0, out
        code, out = finish(survivor)
        assert code == 0, out
    assert stored(db) == one_machine
