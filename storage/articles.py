"""Writes from the crawl stage: sources, articles (upsert by canonical URL), seen URLs."""

from __future__ import annotations

import gzip
import json

import sqlite_utils

from storage.extractions import clear_extraction, drop_orphan_entities
from storage.schema import stable_id, transaction, utc_now


def article_id(canonical_url: str) -> str:
    """Articles are keyed by their canonical URL, so a re-crawl upserts the same row."""
    return stable_id(canonical_url)


def upsert_sources(db: sqlite_utils.Database, sources) -> None:
    """Insert new sources, update changed ones; an unchanged source is not written at all."""
    rows = [
        [
            s.id,
            s.name,
            s.homepage,
            s.country,
            s.language,
            json.dumps(s.start_urls),
            json.dumps(s.allowed_domains),
            utc_now(),
        ]
        for s in sources
    ]
    with transaction(db):
        db.conn.executemany(
            """insert into sources (id, name, homepage, country, language, start_urls, allowed_domains,
                                    updated_at)
               values (?, ?, ?, ?, ?, ?, ?, ?)
               on conflict(id) do update set name = excluded.name, homepage = excluded.homepage,
                 country = excluded.country, language = excluded.language,
                 start_urls = excluded.start_urls, allowed_domains = excluded.allowed_domains,
                 updated_at = excluded.updated_at
               where (name, homepage, country, language, start_urls, allowed_domains) is not
                     (excluded.name, excluded.homepage, excluded.country, excluded.language,
                      excluded.start_urls, excluded.allowed_domains)""",
            rows,
        )


# The fetched_urls statuses of URLs never requested again; known_urls() says when the
# others ('error', 'robots', 'too_old') are.
NEVER_REFETCHED = ("article", "irrelevant", "duplicate", "skipped")


def known_urls(db: sqlite_utils.Database, since: str | None = None, max_attempts: int = 3) -> set[str]:
    """URLs not to request again (raw and canonical), checked before every request.

    Fetched and stored, irrelevant, duplicate or permanently skipped URLs are known.
    Transient failures ('error') are known only after `max_attempts` runs tried them;
    'robots' URLs are never known (robots.txt is re-read each run and the check costs no
    request); 'too_old' pages are known unless this run's --since is earlier than their date
    (or there is no --since), so a backfill fetches them.
    """
    rows = db.execute(
        f"""select url from fetched_urls
           where status in ({", ".join("?" * len(NEVER_REFETCHED))})
              or (status = 'error' and coalesce(attempts, 1) >= ?)
              or (status = 'too_old' and ? is not null and coalesce(published, '') < ?)""",
        [*NEVER_REFETCHED, max_attempts, since, since or ""],
    ).fetchall()
    return {row[0] for row in rows}


def urls_to_retry(db: sqlite_utils.Database, max_attempts: int = 3) -> list[tuple[str, str | None]]:
    """(url, source_id) of pages that failed transiently on earlier runs and may be tried again."""
    return [
        tuple(row)
        for row in db.execute(
            "select url, source_id from fetched_urls where status = 'error' and coalesce(attempts, 1) < ? "
            "order by last_seen",
            [max_attempts],
        ).fetchall()
    ]


def article_columns(article: dict) -> dict:
    """The stored form of an article's extracted fields (the spider's item, or
    `crawler.article.article_fields`): authors joined, topic terms as JSON, a word count."""
    return {
        "title": article.get("title"),
        "published": article.get("published"),
        "authors": "; ".join(article.get("authors") or []) or None,
        "language": article.get("language"),
        "text": article.get("text"),
        "word_count": len((article.get("text") or "").split()),
        "relevance": article.get("relevance"),
        "relevance_terms": json.dumps(article.get("relevance_terms") or []),
        "content_hash": article.get("content_hash"),
        "simhash": article.get("simhash"),
        "published_source": article.get("published_source"),
    }


def store_article(db: sqlite_utils.Database, article: dict, run_id: int | None = None) -> str:
    """Insert or update one article in a single transaction; returns new/updated/unchanged.

    The article row, its HTML and its fetched URLs are written together or not at all. An
    article whose text changed is marked unprocessed and loses its old mentions and
    sentences in the same transaction (their offsets were into the old text), so the NLP
    stage redoes it and the database never pairs a text with another text's entities.
    """
    aid = article_id(article["url"])
    now = utc_now()
    row = {
        "id": aid,
        "url": article["url"],
        "source_id": article.get("source_id"),
        **article_columns(article),
        "relevant": 1 if article.get("relevant") else 0,
        "updated_at": now,
    }
    with transaction(db):
        existing = db.execute("select content_hash from articles where id = ?", [aid]).fetchone()
        if existing and existing[0] == article["content_hash"]:
            outcome = "unchanged"
        else:
            outcome = "updated" if existing else "new"
        # plain statements: sqlite-utils' insert/update/upsert re-read the schema on every call,
        # most of the time an article took (the fleet's writer stores hundreds a second)
        if outcome == "new":
            row.update(fetched_at=now, run_id=run_id)
            db.execute(
                f"insert into articles ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values())
            )
        elif outcome == "updated":
            row.update(processed_at=None, nlp_version=None)
            db.execute(f"update articles set {', '.join(f'{c} = ?' for c in row)} where id = ?", [*row.values(), aid])
            drop_orphan_entities(db, clear_extraction(db, aid))
        if outcome != "unchanged" and article.get("html") is not None:
            db.execute(
                """insert into article_html (article_id, html_gz, content_type, fetched_at) values (?, ?, ?, ?)
                   on conflict(article_id) do update set html_gz = excluded.html_gz,
                     content_type = excluded.content_type, fetched_at = excluded.fetched_at""",
                [aid, gzip.compress(article["html"].encode("utf-8")), article.get("content_type"), now],
            )
        for url in {article["url"], *(article.get("seen_urls") or [])}:
            mark_url(
                db, url, "article", aid, now, source_id=article.get("source_id"), published=article.get("published")
            )
    return outcome


def stored_article_ids(db: sqlite_utils.Database, ids: list[str] | None = None) -> list[str]:
    """Ids of the stored articles (or those of `ids` that are stored), in id order."""
    where = f"where id in ({', '.join('?' for _ in ids)})" if ids else ""
    return [row[0] for row in db.execute(f"select id from articles {where} order by id", list(ids or []))]


STORED_PAGE_COLUMNS = ("url", "title", "text", "authors", "language", "published", "published_source", "content_hash")


def stored_page(db: sqlite_utils.Database, aid: str) -> tuple[dict, bytes | None] | None:
    """(the article's extracted columns and URL, its compressed HTML or None), or None
    when there is no such article."""
    row = db.execute(
        f"select {', '.join('a.' + c for c in STORED_PAGE_COLUMNS)}, h.html_gz from articles a "
        "left join article_html h on h.article_id = a.id where a.id = ?",
        [aid],
    ).fetchone()
    return None if row is None else (dict(zip(STORED_PAGE_COLUMNS, row[:-1])), row[-1])


def page_html(html_gz: bytes) -> str:
    """The HTML `store_article` kept compressed."""
    return gzip.decompress(html_gz).decode("utf-8", errors="replace")


def update_parsed_fields(db: sqlite_utils.Database, aid: str, changes: dict, text_changed: bool) -> None:
    """Write the re-parsed columns of a stored article in one transaction; a new text also
    drops the article's mentions and sentences (their offsets were into the old text) and
    marks it unprocessed, so the next `process` run redoes its NLP."""
    changes = {**changes, "updated_at": utc_now()}
    with transaction(db):
        if text_changed:
            changes.update(processed_at=None, nlp_version=None)
            drop_orphan_entities(db, clear_extraction(db, aid))
        db["articles"].update(aid, changes)


def find_exact_copy(db: sqlite_utils.Database, content_hash: str, url: str) -> str | None:
    """Id of a stored article with the same normalised text under another URL, if any."""
    row = db.execute(
        "select id from articles where content_hash = ? and id != ? order by fetched_at limit 1",
        [content_hash, article_id(url)],
    ).fetchone()
    return row[0] if row else None


def article_url(db: sqlite_utils.Database, aid: str) -> str | None:
    row = db.execute("select url from articles where id = ?", [aid]).fetchone()
    return row[0] if row else None


def article_date(db: sqlite_utils.Database, aid: str) -> str | None:
    """The article's publication date, which its events are dated against (not the day it was
    fetched: an archive page fetched today tells of "Tuesday" years ago)."""
    row = db.execute("select published from articles where id = ?", [aid]).fetchone()
    return row[0] if row else None


def article_text(db: sqlite_utils.Database, aid: str) -> str | None:
    row = db.execute("select text from articles where id = ?", [aid]).fetchone()
    return row[0] if row else None


def rewrite_article_text(db: sqlite_utils.Database, aid: str, text: str, rewrite_title) -> None:
    """Store `text` as the article's text and `rewrite_title(title)` as its title and its
    copies' titles (inside the caller's transaction). The content hash stays that of the
    page as fetched, so the next crawl sees the story unchanged and keeps this text."""
    row = db.execute("select title from articles where id = ?", [aid]).fetchone()
    db.execute(
        "update articles set text = ?, title = ? where id = ?", [text, rewrite_title(row[0]) if row else None, aid]
    )
    for copy_id, title in db.execute("select id, title from article_copies where article_id = ?", [aid]).fetchall():
        db.execute("update article_copies set title = ? where id = ?", [rewrite_title(title), copy_id])


def article_fingerprints(db: sqlite_utils.Database, compute) -> dict[str, str]:
    """{article id: simhash hex} of every stored article; fills in missing ones with `compute(text)`."""
    missing = db.execute("select id, text from articles where simhash is null").fetchall()
    if missing:
        with transaction(db):
            for aid, text in missing:
                db.execute("update articles set simhash = ? where id = ?", [compute(text or ""), aid])
    return {aid: value for aid, value in db.execute("select id, simhash from articles").fetchall()}


def store_copy(
    db: sqlite_utils.Database,
    original_id: str,
    article: dict,
    kind: str,
    distance: int,
    similarity: float,
    run_id: int | None = None,
) -> str:
    """Record `article` as a copy of the stored `original_id` (one transaction); new/unchanged."""
    now = utc_now()
    copy_id = stable_id("copy", article["url"])
    with transaction(db):
        existed = db.execute("select 1 from article_copies where id = ?", [copy_id]).fetchone() is not None
        db["article_copies"].upsert(
            {
                "id": copy_id,
                "article_id": original_id,
                "url": article["url"],
                "source_id": article.get("source_id"),
                "title": article.get("title"),
                "published": article.get("published"),
                "kind": kind,
                "distance": distance,
                "similarity": similarity,
                "content_hash": article.get("content_hash"),
                "simhash": article.get("simhash"),
                "found_at": now,
                "run_id": run_id,
            },
            pk="id",
        )
        for url in {article["url"], *(article.get("seen_urls") or [])}:
            mark_url(
                db,
                url,
                "duplicate",
                original_id,
                now,
                source_id=article.get("source_id"),
                published=article.get("published"),
            )
    return "unchanged" if existed else "new"


def mark_url(
    db: sqlite_utils.Database,
    url: str,
    status: str,
    article: str | None = None,
    now: str | None = None,
    source_id: str | None = None,
    code: str | None = None,
    published: str | None = None,
) -> None:
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
# New validators are kept aside (`pending_etag`, `pending_last_modified`) until the crawl that
# read the listing finishes: a crawl killed after reading a feed but before fetching its
# articles must not send that feed's new ETag next time (a 304 would hide those articles).
def feed_validators(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None]]:
    """{listing URL: (ETag, Last-Modified)} of listings whose last complete read finished."""
    return {
        url: (etag, modified)
        for url, etag, modified in db.execute(
            "select url, etag, last_modified from feed_state where etag is not null or last_modified is not null"
        ).fetchall()
    }


def save_feed_state(
    db: sqlite_utils.Database,
    url: str,
    source_id: str | None,
    status: int,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = True,
) -> None:
    """After fetching a listing: its answer and, if it was fully read, its new validators
    (pending until `commit_feed_validators` at the end of the crawl)."""
    now = utc_now()
    with transaction(db):
        if status == 304:
            db.execute(
                """insert into feed_state (url, source_id, status, checked_at, not_modified)
                   values (?, ?, 304, ?, 1)
                   on conflict(url) do update set status = 304, checked_at = excluded.checked_at,
                     not_modified = coalesce(not_modified, 0) + 1""",
                [url, source_id, now],
            )
            return
        if not keep_validators or not (etag or last_modified):
            # forgetting validators is always safe (the next run reads the listing in full)
            db.execute(
                """insert into feed_state (url, source_id, status, checked_at, changed_at, not_modified)
                   values (?, ?, ?, ?, ?, 0)
                   on conflict(url) do update set source_id = excluded.source_id, etag = null,
                     last_modified = null, pending_etag = null, pending_last_modified = null,
                     status = excluded.status, checked_at = excluded.checked_at,
                     changed_at = excluded.changed_at""",
                [url, source_id, status, now, now],
            )
            return
        db.execute(
            """insert into feed_state (url, source_id, pending_etag, pending_last_modified, status,
                                       checked_at, changed_at, not_modified)
               values (?, ?, ?, ?, ?, ?, ?, 0)
               on conflict(url) do update set source_id = excluded.source_id,
                 pending_etag = excluded.pending_etag,
                 pending_last_modified = excluded.pending_last_modified, status = excluded.status,
                 checked_at = excluded.checked_at, changed_at = excluded.changed_at""",
            [url, source_id, etag, last_modified, status, now, now],
        )


def commit_feed_validators(db: sqlite_utils.Database) -> int:
    """The crawl finished: pending validators become the ones sent next time. Returns how many."""
    with transaction(db):
        cursor = db.execute(
            """update feed_state set etag = pending_etag, last_modified = pending_last_modified,
                 pending_etag = null, pending_last_modified = null
               where pending_etag is not null or pending_last_modified is not null"""
        )
    return cursor.rowcount


def discard_pending_validators(db: sqlite_utils.Database) -> int:
    """A crawl starts: validators left pending by a crawl that never finished are dropped."""
    with transaction(db):
        cursor = db.execute(
            """update feed_state set pending_etag = null, pending_last_modified = null
               where pending_etag is not null or pending_last_modified is not null"""
        )
    return cursor.rowcount
