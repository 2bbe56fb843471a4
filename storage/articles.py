"""Writes from the crawl stage: sources, articles (upsert by canonical URL), seen URLs."""
from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone

import sqlite_utils

from storage.schema import stable_id


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def article_id(canonical_url: str) -> str:
    """Articles are keyed by their canonical URL, so a re-crawl upserts the same row."""
    return stable_id(canonical_url)


def upsert_sources(db: sqlite_utils.Database, sources) -> None:
    rows = [
        {
            "id": s.id, "name": s.name, "homepage": s.homepage, "country": s.country,
            "language": s.language, "start_urls": json.dumps(s.start_urls),
            "allowed_domains": json.dumps(s.allowed_domains), "updated_at": utc_now(),
        }
        for s in sources
    ]
    with db.conn:
        db["sources"].upsert_all(rows, pk="id")


# fetched_urls.status values; see known_urls() for which of them are fetched again.
FINAL_STATUSES = ("article", "irrelevant", "duplicate", "skipped")


def known_urls(db: sqlite_utils.Database, since: str | None = None, max_attempts: int = 3) -> set[str]:
    """URLs not to request again (raw and canonical), checked before every request.

    Fetched and stored, irrelevant, duplicate or permanently skipped URLs are known.
    Transient failures ('error') are known only after `max_attempts` runs tried them;
    'robots' URLs are never known (robots.txt is re-read each run and the check costs no
    request); 'too_old' pages are known unless this run's --since is earlier than their date
    (or there is no --since), so a backfill fetches them.
    """
    rows = db.execute(
        """select url from fetched_urls
           where status in ('article', 'irrelevant', 'duplicate', 'skipped')
              or (status = 'error' and coalesce(attempts, 1) >= ?)
              or (status = 'too_old' and ? is not null and coalesce(published, '') < ?)""",
        [max_attempts, since, since or ""],
    ).fetchall()
    return {row[0] for row in rows}


def urls_to_retry(db: sqlite_utils.Database, max_attempts: int = 3) -> list[tuple[str, str | None]]:
    """(url, source_id) of pages that failed transiently on earlier runs and may be tried again."""
    return [tuple(row) for row in db.execute(
        "select url, source_id from fetched_urls where status = 'error' and coalesce(attempts, 1) < ? "
        "order by last_seen", [max_attempts]).fetchall()]


def store_article(db: sqlite_utils.Database, article: dict, run_id: int | None = None) -> str:
    """Insert or update one article in a single transaction; returns new/updated/unchanged.

    An article whose text changed is marked unprocessed so the NLP stage redoes it.
    """
    aid = article_id(article["url"])
    now = utc_now()
    existing = db.execute(
        "select content_hash from articles where id = ?", [aid]
    ).fetchone()
    if existing and existing[0] == article["content_hash"]:
        outcome = "unchanged"
    else:
        outcome = "updated" if existing else "new"
    row = {
        "id": aid,
        "url": article["url"],
        "source_id": article.get("source_id"),
        "title": article.get("title"),
        "published": article.get("published"),
        "authors": "; ".join(article.get("authors") or []) or None,
        "language": article.get("language"),
        "text": article.get("text"),
        "word_count": len((article.get("text") or "").split()),
        "relevance": article.get("relevance"),
        "relevance_terms": json.dumps(article.get("relevance_terms") or []),
        "relevant": 1 if article.get("relevant") else 0,
        "content_hash": article["content_hash"],
        "simhash": article.get("simhash"),
        "published_source": article.get("published_source"),
        "updated_at": now,
    }
    with db.conn:
        if outcome == "new":
            row.update(fetched_at=now, run_id=run_id)
            db["articles"].insert(row, pk="id")
        elif outcome == "updated":
            row.update(processed_at=None, nlp_version=None)
            db["articles"].update(aid, row)
        if outcome != "unchanged" and article.get("html") is not None:
            db["article_html"].upsert(
                {
                    "article_id": aid,
                    "html_gz": gzip.compress(article["html"].encode("utf-8")),
                    "content_type": article.get("content_type"),
                    "fetched_at": now,
                },
                pk="article_id",
            )
        for url in {article["url"], *(article.get("seen_urls") or [])}:
            mark_url(db, url, "article", aid, now, source_id=article.get("source_id"),
                     published=article.get("published"))
    return outcome


def find_exact_copy(db: sqlite_utils.Database, content_hash: str, url: str) -> str | None:
    """Id of a stored article with the same normalised text under another URL, if any."""
    row = db.execute("select id from articles where content_hash = ? and id != ? order by fetched_at limit 1",
                     [content_hash, article_id(url)]).fetchone()
    return row[0] if row else None


def article_text(db: sqlite_utils.Database, aid: str) -> str | None:
    row = db.execute("select text from articles where id = ?", [aid]).fetchone()
    return row[0] if row else None


def article_fingerprints(db: sqlite_utils.Database, compute) -> dict[str, str]:
    """{article id: simhash hex} of every stored article; fills in missing ones with `compute(text)`."""
    missing = db.execute("select id, text from articles where simhash is null").fetchall()
    if missing:
        with db.conn:
            for aid, text in missing:
                db.execute("update articles set simhash = ? where id = ?", [compute(text or ""), aid])
    return {aid: value for aid, value in db.execute("select id, simhash from articles").fetchall()}


def store_copy(db: sqlite_utils.Database, original_id: str, article: dict, kind: str,
               distance: int, similarity: float, run_id: int | None = None) -> str:
    """Record `article` as a copy of the stored `original_id` (one transaction); new/unchanged."""
    now = utc_now()
    copy_id = stable_id("copy", article["url"])
    existed = db.execute("select 1 from article_copies where id = ?", [copy_id]).fetchone() is not None
    with db.conn:
        db["article_copies"].upsert({
            "id": copy_id, "article_id": original_id, "url": article["url"],
            "source_id": article.get("source_id"), "title": article.get("title"),
            "published": article.get("published"), "kind": kind, "distance": distance,
            "similarity": similarity, "content_hash": article.get("content_hash"),
            "simhash": article.get("simhash"), "found_at": now, "run_id": run_id,
        }, pk="id")
        for url in {article["url"], *(article.get("seen_urls") or [])}:
            mark_url(db, url, "duplicate", original_id, now, source_id=article.get("source_id"),
                     published=article.get("published"))
    return "unchanged" if existed else "new"


def mark_url(db: sqlite_utils.Database, url: str, status: str, article: str | None = None,
             now: str | None = None, source_id: str | None = None, code: str | None = None,
             published: str | None = None) -> None:
    """Remember a fetched URL. A repeated 'error' counts one more attempt."""
    now = now or utc_now()
    db.execute(
        """insert into fetched_urls (url, article_id, status, first_seen, last_seen, source_id, code,
                                     attempts, published)
           values (?, ?, ?, ?, ?, ?, ?, 1, ?)
           on conflict(url) do update set last_seen = excluded.last_seen,
             status = excluded.status, article_id = coalesce(excluded.article_id, article_id),
             source_id = coalesce(excluded.source_id, source_id), code = excluded.code,
             attempts = case when excluded.status = 'error' and status = 'error'
                             then coalesce(attempts, 1) + 1 else 1 end,
             published = coalesce(excluded.published, published)""",
        [url, article, status, now, now, source_id, code, published],
    )


# -- conditional requests for feeds, sitemaps and section pages ------------------------
def feed_validators(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None]]:
    """{listing URL: (ETag, Last-Modified)} stored by earlier runs."""
    return {url: (etag, modified) for url, etag, modified in db.execute(
        "select url, etag, last_modified from feed_state "
        "where etag is not null or last_modified is not null").fetchall()}


def save_feed_state(db: sqlite_utils.Database, url: str, source_id: str | None, status: int,
                    etag: str | None = None, last_modified: str | None = None,
                    keep_validators: bool = True) -> None:
    """After fetching a listing: its answer and, if it was fully read, its new validators."""
    now = utc_now()
    with db.conn:
        if status == 304:
            db.execute(
                """insert into feed_state (url, source_id, status, checked_at, not_modified)
                   values (?, ?, 304, ?, 1)
                   on conflict(url) do update set status = 304, checked_at = excluded.checked_at,
                     not_modified = coalesce(not_modified, 0) + 1""", [url, source_id, now])
            return
        if not keep_validators:
            etag = last_modified = None
        db.execute(
            """insert into feed_state (url, source_id, etag, last_modified, status, checked_at, changed_at,
                                       not_modified)
               values (?, ?, ?, ?, ?, ?, ?, 0)
               on conflict(url) do update set source_id = excluded.source_id, etag = excluded.etag,
                 last_modified = excluded.last_modified, status = excluded.status,
                 checked_at = excluded.checked_at, changed_at = excluded.changed_at""",
            [url, source_id, etag, last_modified, status, now, now])
