"""Which URLs a nightly run fetches again: the fetched_urls rules, on a real SQLite file."""

from storage.articles import (
    commit_feed_validators,
    feed_validators,
    known_urls,
    mark_url,
    save_feed_state,
    urls_to_retry,
)


def test_final_statuses_are_known_and_failures_retry_up_to_a_limit(db):
    with db.conn:
        for status in ("article", "irrelevant", "duplicate", "skipped"):
            mark_url(db, f"https://x.org/{status}", status)
        mark_url(db, "https://x.org/flaky", "error", source_id="x")
        mark_url(db, "https://x.org/robots", "robots")
    known = known_urls(db, max_attempts=3)
    assert {
        "https://x.org/article",
        "https://x.org/irrelevant",
        "https://x.org/duplicate",
        "https://x.org/skipped",
    } <= known
    assert "https://x.org/flaky" not in known and "https://x.org/robots" not in known
    assert urls_to_retry(db, 3) == [("https://x.org/flaky", "x")]
    for _ in range(2):
        with db.conn:
            mark_url(db, "https://x.org/flaky", "error")
    assert db.execute("select attempts from fetched_urls where url = 'https://x.org/flaky'").fetchone()[0] == 3
    assert "https://x.org/flaky" in known_urls(db, max_attempts=3) and urls_to_retry(db, 3) == []
    with db.conn:
        mark_url(db, "https://x.org/flaky", "article")  # finally fetched
    assert db.execute("select attempts from fetched_urls where url = 'https://x.org/flaky'").fetchone()[0] == 1


def test_too_old_pages_are_fetched_again_by_a_backfill(db):
    with db.conn:
        mark_url(db, "https://x.org/old", "too_old", published="2020-05-01")
    assert "https://x.org/old" in known_urls(db, since="2024-01-01")
    assert "https://x.org/old" not in known_urls(db, since="2019-01-01")
    assert "https://x.org/old" not in known_urls(db, since=None)


def test_feed_validators_are_kept_only_for_fully_read_listings(db):
    save_feed_state(db, "https://x.org/feed", "x", 200, etag='"v1"', last_modified="Tue, 06 May 2025 00:00:00 GMT")
    save_feed_state(db, "https://x.org/capped", "x", 200, etag='"v9"', keep_validators=False)
    commit_feed_validators(db)  # the crawl finished (validators stay pending until then)
    assert feed_validators(db) == {"https://x.org/feed": ('"v1"', "Tue, 06 May 2025 00:00:00 GMT")}
    save_feed_state(db, "https://x.org/feed", "x", 304)
    row = db["feed_state"].get("https://x.org/feed")
    assert row["etag"] == '"v1"' and row["not_modified"] == 1 and row["status"] == 304
