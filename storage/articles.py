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


def known_urls(db: sqlite_utils.Database) -> set[str]:
    """Every URL fetched before (raw and canonical), so nightly runs skip them before the request."""
    return {row[0] for row in db.execute("select url from fetched_urls").fetchall()}


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
            mark_url(db, url, "article", aid, now)
    return outcome


def mark_url(db: sqlite_utils.Database, url: str, status: str, article: str | None = None,
             now: str | None = None) -> None:
    now = now or utc_now()
    db.execute(
        """insert into fetched_urls (url, article_id, status, first_seen, last_seen)
           values (?, ?, ?, ?, ?)
           on conflict(url) do update set last_seen = excluded.last_seen,
             status = excluded.status, article_id = coalesce(excluded.article_id, article_id)""",
        [url, article, status, now, now],
    )
