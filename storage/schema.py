"""Database schema, declared up front with sqlite-utils; safe to apply to an existing file.

`open_db()` is idempotent: it creates what is missing (tables, columns, indexes,
full-text search, views) and never drops data, so every command can call it.
"""
from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import sqlite_utils

DEFAULT_DB_PATH = Path("data") / "trafficking_news.db"

# Column order matters for readability in Datasette; types are SQLite affinities.
TABLES: dict[str, dict] = {
    "sources": {
        "columns": {
            "id": str, "name": str, "homepage": str, "country": str, "language": str,
            "start_urls": str, "allowed_domains": str, "updated_at": str,
        },
        "pk": "id",
        "not_null": {"name"},
    },
    "runs": {
        "columns": {
            "id": int, "command": str, "status": str, "started_at": str, "finished_at": str,
            "sources_tried": int, "sources_failed": int, "pages_fetched": int,
            "articles_new": int, "articles_updated": int, "articles_unchanged": int,
            "articles_irrelevant": int, "pages_skipped": int, "errors": int,
            "articles_processed": int, "entities_added": int, "mentions_added": int,
            "sentences_added": int, "nlp_version": str, "message": str,
            "requests": int, "listings_fetched": int, "listings_not_modified": int,
            "urls_known": int, "urls_too_old": int, "articles_duplicate": int,
            "problem_counts": str,
            # one row per command run; a nightly run times each of its stages
            "stage": str, "crawl_seconds": float, "process_seconds": float,
            "duration_seconds": float, "exit_code": int, "pid": int, "host": str,
            "articles_pending": int, "log_file": str,
        },
        "pk": "id",
        "not_null": {"command", "status", "started_at"},
    },
    "articles": {
        "columns": {
            "id": str, "url": str, "source_id": str, "title": str, "published": str,
            "authors": str, "language": str, "text": str, "word_count": int,
            "relevance": float, "relevance_terms": str, "relevant": int,
            "content_hash": str, "fetched_at": str, "updated_at": str,
            "processed_at": str, "nlp_version": str, "run_id": int,
            "simhash": str, "published_source": str,
        },
        "pk": "id",
        "not_null": {"url"},
        "foreign_keys": [("source_id", "sources", "id"), ("run_id", "runs", "id")],
    },
    "article_html": {
        "columns": {"article_id": str, "html_gz": bytes, "content_type": str, "fetched_at": str},
        "pk": "article_id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "fetched_urls": {
        "columns": {"url": str, "article_id": str, "status": str, "first_seen": str, "last_seen": str,
                    "source_id": str, "code": str, "attempts": int, "published": str},
        "pk": "url",
    },
    "run_errors": {
        "columns": {"id": int, "run_id": int, "url": str, "reason": str, "at": str,
                    "code": str, "source_id": str},
        "pk": "id",
        "foreign_keys": [("run_id", "runs", "id")],
    },
    "article_copies": {  # the same story found again: another URL, another source, small edits
        "columns": {
            "id": str, "article_id": str, "url": str, "source_id": str, "title": str,
            "published": str, "kind": str, "distance": int, "similarity": float,
            "content_hash": str, "simhash": str, "found_at": str, "run_id": int,
        },
        "pk": "id",
        "not_null": {"article_id", "url", "kind"},
        "foreign_keys": [("article_id", "articles", "id"), ("source_id", "sources", "id"),
                         ("run_id", "runs", "id")],
    },
    "feed_state": {  # validators for conditional requests, per listing URL, across runs
        "columns": {
            "url": str, "source_id": str, "etag": str, "last_modified": str, "status": int,
            "checked_at": str, "changed_at": str, "not_modified": int,
            # validators of a read whose articles are not all handled yet: they replace
            # etag/last_modified only when the crawl finishes (a killed crawl re-reads the listing)
            "pending_etag": str, "pending_last_modified": str,
        },
        "pk": "url",
    },
    "entities": {
        "columns": {
            "id": str, "kind": str, "name": str, "agency_kind": str, "place_kind": str,
            "country": str, "latitude": float, "longitude": float,
        },
        "pk": "id",
        "not_null": {"kind", "name"},
    },
    "mentions": {
        "columns": {
            "id": str, "article_id": str, "entity_id": str, "surface": str,
            "start": int, "end": int, "role": str, "title": str, "age": int, "context": str,
        },
        "pk": "id",
        "not_null": {"article_id", "entity_id"},
        "foreign_keys": [("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    },
    "sentences": {
        "columns": {
            "id": str, "article_id": str, "defendant_id": str, "defendant": str,
            "prison_months": int, "suspended_months": int, "life": int, "death": int,
            "fine": str, "court": str, "place": str, "charge": str, "text": str,
            "start": int, "end": int,
        },
        "pk": "id",
        "not_null": {"article_id", "defendant"},
        "foreign_keys": [("article_id", "articles", "id"), ("defendant_id", "entities", "id")],
    },
}

INDEXES: list[tuple[str, list[str]]] = [
    ("articles", ["url"]),
    ("articles", ["source_id"]),
    ("articles", ["published"]),
    ("articles", ["processed_at"]),
    ("articles", ["content_hash"]),
    ("mentions", ["article_id"]),
    ("mentions", ["entity_id"]),
    ("sentences", ["article_id"]),
    ("sentences", ["defendant_id"]),
    ("sentences", ["court"]),
    ("sentences", ["place"]),
    ("entities", ["kind", "name"]),
    ("run_errors", ["run_id"]),
    ("fetched_urls", ["article_id"]),
    ("fetched_urls", ["status"]),
    ("article_copies", ["article_id"]),
    ("run_errors", ["code"]),
]

FTS: dict[str, list[str]] = {
    "articles": ["title", "text"],
}

VIEWS: dict[str, str] = {
    "prosecutions": """
        select sentences.id as sentence_id, sentences.defendant, sentences.prison_months,
               sentences.suspended_months, sentences.life, sentences.death, sentences.fine,
               sentences.court, sentences.place, sentences.charge,
               articles.published, articles.title as article_title, articles.url as article_url,
               sentences.text as evidence, sentences.article_id, sentences.defendant_id
        from sentences join articles on articles.id = sentences.article_id
        order by articles.published desc
    """,
}


def stable_id(*parts: object) -> str:
    """A short id that is the same every run for the same inputs, so re-runs upsert, not duplicate."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database):
    """Group writes into one atomic transaction (a savepoint if one is already open).

    Use this, never `with db.conn:`: sqlite-utils 4's `db.execute()` commits a write at once
    when no transaction is open, so under `with db.conn:` every statement commits on its own
    and a crash between two of them leaves half a change. `BEGIN IMMEDIATE` takes the write
    lock up front, so a reader (Datasette) never turns this into a busy error half-way.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def open_db(path: str | Path = DEFAULT_DB_PATH) -> sqlite_utils.Database:
    """Open (creating if needed) the database and bring its schema up to date."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:" and db.journal_mode != "wal":
        db.enable_wal()
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes, FTS and views, in one transaction (a
    migration killed half-way leaves the old schema); never drop anything."""
    with transaction(db):
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(
                    spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"),
                    foreign_keys=spec.get("foreign_keys"),
                )
            else:
                existing = set(table.columns_dict)
                for column, col_type in spec["columns"].items():
                    if column not in existing:
                        table.add_column(column, col_type)
        for table_name, columns in INDEXES:
            db[table_name].create_index(columns, if_not_exists=True)
        for table_name, columns in FTS.items():  # table, triggers and content together, or none
            if not db[f"{table_name}_fts"].exists():
                db[table_name].enable_fts(columns, create_triggers=True, tokenize="porter")
        for view, sql in VIEWS.items():
            db.create_view(view, sql.strip(), replace=True)
