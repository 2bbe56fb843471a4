"""The fleet on a real Redis (Debian's redis-server, started here on 127.0.0.1) against the
generated news site served on 127.0.0.1, with real processes: `pipeline.py store --redis`
(the one writer) and `pipeline.py crawl --redis` (crawlers), killed with SIGKILL where the
test says so. Without redis-server the tests skip, except under CI, where they fail."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fleet.keys import Keys
from testbed.redis_server import redis_available, redis_server
from tests.conftest import ROOT, run_pipeline

PAGES = 40  # articles on the generated site (four of them off topic)

if not redis_available():
    reason = "needs Debian's redis-server (apt-get install redis-server)"
    if os.environ.get("CI"):
        raise RuntimeError(f"fleet tests cannot run in CI: {reason}")
    pytestmark = pytest.mark.skip(reason=reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from testbed.counting_site import serve_counting
    from testbed.sitegen import bench_sources, generate_site

    folder = tmp_path_factory.mktemp("fleet_site")
    paths = generate_site(folder / "site", PAGES)
    server = serve_counting(folder / "site")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    sources = folder / "sources.toml"
    sources.write_text(bench_sources(origin, PAGES), encoding="utf-8")
    yield server, sources, paths
    server.shutdown()


@pytest.fixture(scope="module")
def one_machine(site, tmp_path_factory):
    """What a plain `pipeline.py crawl` of the site stores: the figures the fleet must equal."""
    server, sources, _ = site
    db = tmp_path_factory.mktemp("one_machine") / "t.db"
    run_pipeline("crawl", "--sources", str(sources), "--db", str(db))
    server.requests.clear()
    return contents(db)


@pytest.fixture
def redis_url(site):
    site[0].requests.clear()  # each test counts its own requests
    with redis_server() as url:
        yield url


COUNTS = (
    "sources_tried",
    "sources_failed",
    "listings_fetched",
    "urls_known",
    "pages_fetched",
    "articles_new",
    "articles_duplicate",
    "articles_irrelevant",
    "pages_skipped",
    "errors",
)


def contents(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        run = conn.execute(f"select {', '.join(COUNTS)} from runs order by id desc limit 1").fetchone()
        return {
            "articles": sorted(r[0] for r in conn.execute("select url from articles")),
            "fetched_urls": sorted(conn.execute("select url, status from fetched_urls").fetchall()),
            "copies": conn.execute("select count(*) from article_copies").fetchone()[0],
            "html": conn.execute("select count(*) from article_html").fetchone()[0],
            "run": dict(zip(COUNTS, run)),
        }
    finally:
        conn.close()


def start(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "pipeline.py"), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def crawler(redis_url: str, sources: Path, *settings: str) -> subprocess.Popen:
    sets = [a for s in ("NEWS_REDIS_HEARTBEAT=2", *settings) for a in ("--set", s)]
    return start("crawl", "--redis", redis_url, "--sources", str(sources), "--db", "/nonexistent/fleet/t.db", *sets)


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"{' '.join(proc.args[1:3])} did not finish:\n{proc.communicate()[0][-4000:]}") from None
    return proc.returncode, out


def wait_for(condition, what: str, timeout: float = 60, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


def published(redis_url: str) -> bool:
    import redis

    return redis.Redis.from_url(redis_url).exists("news:run") == 1


def lease_holders(redis_url: str) -> set[str]:
    """The crawlers that hold a request right now (`lease_owners`: lease id -> "crawler|score")."""
    import redis

    owners = redis.Redis.from_url(redis_url).hvals(Keys().lease_owners)
    return {owner.decode().split("|")[0] for owner in owners}


def article_requests(server) -> int:
    return sum(n for path, n in list(server.requests.items()) if path.startswith("/news/"))


def test_two_crawlers_store_every_article_once_and_request_no_page_twice(site, one_machine, redis_url, tmp_path):
    server, sources, paths = site
    db = tmp_path / "fleet.db"
    writer = start("store", "--redis", redis_url, "--db", str(db))
    crawlers = [crawler(redis_url, sources) for _ in range(2)]
    for proc in crawlers:
        code, out = finish(proc)
        assert code == 0, out
    code, out = finish(writer)
    assert code == 0, out
    pages = {path: n for path, n in server.requests.items() if path != "/robots.txt"}
    assert set(paths) <= set(pages)
    assert max(pages.values()) == 1, {p: n for p, n in pages.items() if n > 1}
    # each crawler reads robots.txt itself, before its first request to the site; a crawler
    # that starts after the other has taken the whole 40-page queue makes no request at all
    assert 1 <= server.requests["/robots.txt"] <= 2
    fleet = contents(db)
    assert fleet == one_machine  # the run's row sums the counts of both crawlers
    assert not Path("/nonexistent/fleet").exists()  # crawlers never open the database

    # the next night: only what is new is requested, across the fleet too
    server.requests.clear()
    writer = start("store", "--redis", redis_url, "--db", str(db))
    crawlers = [crawler(redis_url, sources) for _ in range(2)]
    for proc in [*crawlers, writer]:
        code, out = finish(proc)
        assert code == 0, out
    assert article_requests(server) == 0
    again = contents(db)
    assert again["run"]["urls_known"] == 2 * PAGES  # listed in the sitemap and a section page
    assert again["articles"] == one_machine["articles"]


def test_two_crawlers_keep_one_delay_per_host_between_them(site, one_machine, redis_url, tmp_path):
    """scrapy-redis shares the queue, not the download slots: without the fleet's clock two
    crawlers with a 0.25 s delay each would ask the host about every 0.125 s. With it, the
    requests of both (robots.txt, the sitemap, every page) are spaced by the delay on one
    clock, so the crawl spans at least (requests - 1) x 0.25 s at the server (less 1 s for the
    first request's own lateness), and still stores what one machine stores."""
    server, sources, _ = site
    server.times.clear()
    db = tmp_path / "fleet.db"
    delay = 0.25
    writer = start("store", "--redis", redis_url, "--db", str(db))
    settings = (f"DOWNLOAD_DELAY={delay}", "AUTOTHROTTLE_ENABLED=False")
    crawlers = [crawler(redis_url, sources, *settings) for _ in range(2)]
    for proc in [*crawlers, writer]:
        code, out = finish(proc)
        assert code == 0, out
    times = sorted(t for t, _ in server.times)
    assert len(times) > 40
    assert times[-1] - times[0] >= (len(times) - 1) * delay - 1.0, (len(times), times[-1] - times[0])
    assert contents(db)["articles"] == one_machine["articles"]


def test_a_crawler_killed_mid_run_loses_no_article(site, one_machine, redis_url, tmp_path):
    server, sources, _ = site
    db = tmp_path / "fleet.db"
    writer = start("store", "--redis", redis_url, "--db", str(db))
    slow = "DOWNLOAD_DELAY=0.1"  # about ten pages a second per crawler, so the kill is mid-run
    doomed, survivor = crawler(redis_url, sources, slow), crawler(redis_url, sources, slow)
    wait_for(lambda: article_requests(server) >= 10, "ten article requests")
    # both crawlers hold requests (on a loaded machine one may still be starting when the other
    # has made ten): the one killed then has leases for the survivor to take back
    wait_for(lambda: len(lease_holders(redis_url)) == 2, "both crawlers holding leases")
    assert doomed.poll() is None
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    code, out = finish(survivor)
    assert code == 0, out
    assert "requests of crawlers that stopped answering are queued again" in out  # the dead one's leases
    code, out = finish(writer)
    assert code == 3, out  # partial: one crawler never finished
    fleet = contents(db)
    assert fleet["articles"] == one_machine["articles"]
    assert fleet["fetched_urls"] == one_machine["fetched_urls"]
    assert fleet["html"] == one_machine["html"]
    assert "1 of 2 crawlers stopped without finishing" in out
    pages = {path: n for path, n in server.requests.items() if path != "/robots.txt"}
    assert max(pages.values()) <= 2  # a page the dead crawler had taken may be fetched again


def test_a_writer_killed_again_and_again_loses_and_duplicates_nothing(site, one_machine, redis_url, tmp_path):
    server, sources, _ = site
    db = tmp_path / "fleet.db"
    first = start("store", "--redis", redis_url, "--db", str(db))
    wait_for(lambda: published(redis_url), "the writer's run")
    first.send_signal(signal.SIGKILL)
    first.wait()
    for proc in [crawler(redis_url, sources), crawler(redis_url, sources)]:  # they crawl with no writer
        code, out = finish(proc)
        assert code == 0, out

    def written() -> int:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("select count(*) from handoff_messages").fetchone()[0]
        finally:
            conn.close()

    kills, writer = 0, None
    while kills < 6:
        before = written()
        writer = start("store", "--redis", redis_url, "--db", str(db), "--batch", "1")
        # killed as soon as it has committed something: mid-run, a few messages in
        wait_for(lambda w=writer, n=before: written() > n or w.poll() is not None, "a commit", every=0.005)
        if writer.poll() is not None:
            break  # it wrote the rest and finished the run before the kill
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kills += 1
        writer = None
    assert kills >= 5
    code, out = finish(writer or start("store", "--redis", redis_url, "--db", str(db)))
    assert code == 0, out
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) - count(distinct url) from articles").fetchone()[0] == 0
    assert conn.execute("select count(*) from runs").fetchone()[0] == 1  # one run, resumed by each writer
    conn.close()
    assert contents(db) == one_machine


def test_a_lease_ends_with_its_transaction_even_after_redis_lost_its_scripts():
    """A response's messages and the end of its lease go in one transaction, the release by
    the script's SHA; a Redis restarted without its script cache still gets both."""
    import redis

    from fleet.keys import Keys
    from fleet.leases import Frontier, lease_id

    with redis_server() as url:
        server = redis.Redis.from_url(url)
        keys = Keys("test")
        frontier = Frontier(server, keys, "crawler-1")
        for n, url_of_page in enumerate(["http://a.example/1", "http://a.example/2"]):
            frontier.push(f"{lease_id(url_of_page)}\nrequest {n}".encode(), score=n)
        for flush_first in (False, True):
            (taken,) = frontier.pop()
            lease = taken.split(b"\n", 1)[0].decode()
            assert server.hexists(keys.leases, lease)
            if flush_first:
                server.script_flush()
            pipe = server.pipeline(transaction=True)
            pipe.lpush(keys.messages, f"message for {lease}")
            frontier.execute_and_release(pipe, lease)
            assert not server.hexists(keys.leases, lease) and not server.hexists(keys.lease_owners, lease)
        assert server.llen(keys.messages) == 2 and not server.zcard(keys.requests)


def test_one_pop_leases_several_requests_lowest_score_first():
    import redis

    from fleet.keys import Keys
    from fleet.leases import Frontier, lease_id

    with redis_server() as url:
        server = redis.Redis.from_url(url)
        keys = Keys("test")
        frontier = Frontier(server, keys, "crawler-1")
        for n in (4, 2, 0, 3, 1):
            frontier.push(f"{lease_id(f'http://a.example/{n}')}\nrequest {n}".encode(), score=n)
        taken = [frontier.pop(3), frontier.pop(3), frontier.pop(3)]
        assert [[m.split(b"\n")[1] for m in t] for t in taken] == [
            [b"request 0", b"request 1", b"request 2"],
            [b"request 3", b"request 4"],
            [],
        ]
        assert server.hlen(keys.leases) == 5 and server.zcard(keys.requests) == 0
        assert {v.split(b"|")[0] for v in server.hvals(keys.lease_owners)} == {b"crawler-1"}


def test_a_crawler_asks_redis_once_per_url_and_the_fleet_filters_across_crawlers():
    """The scheduler's own memory of checked fingerprints spares Redis a round trip for a
    link seen again; a URL another crawler queued is still filtered, by Redis."""
    import redis
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from fleet.frontier import LeasingScheduler
    from fleet.settings import fleet_settings

    def scheduler(url: str, name: str):
        crawler = get_crawler(Spider, settings_dict=fleet_settings(url, name, prefix="test"))
        crawler.spider = crawler._create_spider("fleet")
        made = LeasingScheduler.from_crawler(crawler)
        made.open(crawler.spider)
        return made

    def scripts_run(server) -> int:
        return server.info("commandstats").get("cmdstat_evalsha", {}).get("calls", 0)

    with redis_server() as url:
        server = redis.Redis.from_url(url)
        first, second = scheduler(url, "crawler-1"), scheduler(url, "crawler-2")
        page = "http://news.example/2025/05/a-story.html"
        assert first.enqueue_request(Request(page)) is True
        before = scripts_run(server)
        assert first.enqueue_request(Request(page)) is False  # known here: no round trip
        assert scripts_run(server) == before
        assert second.enqueue_request(Request(page)) is False  # known to the fleet: Redis says so
        assert scripts_run(server) == before + 1
        assert len(first) == 1 and first.next_request().url == page and len(first) == 0


def test_a_request_leaves_the_frontier_as_scrapy_would_encode_it():
    """The queue names the news spider's callbacks itself (Scrapy's lookup walks every
    member of the spider per request): what it stores is what `Request.to_dict` gives, and
    a request popped again calls the same methods with the same meta."""
    from scrapy import Request
    from scrapy.http import FormRequest
    from scrapy.utils.test import get_crawler

    from crawler.spiders.news import NewsSpider
    from fleet.frontier import LeasingScheduler
    from fleet.settings import fleet_settings

    with redis_server() as url:
        crawler = get_crawler(NewsSpider, settings_dict=fleet_settings(url, "crawler-1", prefix="test"))
        crawler.spider = spider = NewsSpider(parsed_sources=[])  # the queue needs only its methods
        spider._set_crawler(crawler)
        scheduler = LeasingScheduler.from_crawler(crawler)
        scheduler.open(spider)
        queue = scheduler.queue
        requests = [
            Request(
                "http://news.example/2025/05/a-story.html",
                callback=spider.parse_article,
                errback=spider.on_error,
                meta={"source": "Khmer Times", "depth": 2},
                priority=5,
                headers={"If-None-Match": "abc"},
            ),
            Request("http://news.example/", callback=spider.parse_listing),
            Request("http://news.example/robots.txt"),
            FormRequest("http://news.example/search", formdata={"q": "trafficking"}, callback=spider.parse_listing),
        ]
        for request in requests:
            assert queue.serializer.loads(queue._encode_request(request)) == request.to_dict(spider=spider)
            again = queue._decode_request(queue._encode_request(request))
            assert (again.url, again.callback, again.errback, again.meta, type(again)) == (
                request.url,
                request.callback,
                request.errback,
                request.meta,
                type(request),
            )


def test_an_operator_tunes_the_fleet_but_cannot_unmake_it():
    from fleet.settings import crawler_settings

    settings = crawler_settings(
        "redis://127.0.0.1:1/0",
        "crawler-1",
        {"NEWS_REDIS_IDLE_POLL": 0, "NEWS_REDIS_PREFETCH": 3, "DOWNLOAD_TIMEOUT": 10, "NEWS_DB_PATH": "x.db"},
    )
    assert settings["NEWS_REDIS_IDLE_POLL"] == 0 and settings["NEWS_REDIS_PREFETCH"] == 3
    assert settings["DOWNLOAD_TIMEOUT"] == 10
    assert settings["NEWS_DB_PATH"] == ""  # a crawler of the fleet never opens the database
    assert crawler_settings("redis://127.0.0.1:1/0", "crawler-1")["NEWS_REDIS_PREFETCH"] == 1
