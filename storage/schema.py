"""Database schema, declared up front with sqlite-utils; safe to apply to an existing file.

`open_db()` is idempotent: it creates what is missing (tables, columns, indexes,
full-text search, triggers, views) and never drops data, so every command can call it.

Some columns exist for browsing in Datasette and are derived from others: a sentence's
prison term as text, its article's URL and date; an entity's first and last appearance
and its article count; an article's year. The writers never set them: triggers keep
them up to date (see TRIGGERS), and a migration that adds one of them fills it in for
the rows already there, once.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

DEFAULT_DB_PATH = Path("data") / "trafficking_news.db"

# The run counters, the one list of them: `runs` has a column for each, `storage.runs.add_counts`
# sums them, the run summary prints them in this order. The crawl counts its own from its
# Scrapy stats (`crawler.pipelines`), the process stage the rest (`nlp.process`).
CRAWL_COUNTS = (
    "sources_tried",
    "sources_failed",
    "requests",
    "listings_fetched",
    "listings_not_modified",
    "urls_known",
    "urls_too_old",
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_unchanged",
    "articles_duplicate",
    "articles_irrelevant",
    "pages_skipped",
    "errors",
)
PROCESS_COUNTS = ("articles_processed", "entities_added", "mentions_added", "sentences_added", "events_added")
COUNT_COLUMNS = CRAWL_COUNTS + PROCESS_COUNTS
# The counters `runs` had before migrations added the others after `message`: a new database
# keeps an old one's column order (the one the Datasette metadata describes).
FIRST_RUN_COUNTS = tuple(
    c
    for c in COUNT_COLUMNS
    if c
    not in {
        "requests",
        "listings_fetched",
        "listings_not_modified",
        "urls_known",
        "urls_too_old",
        "articles_duplicate",
        "events_added",
    }
)
# Counters added after `log_file` (the last column before them): at the end, old and new alike
LATE_RUN_COUNTS = ("events_added",)

# Column order matters for readability in Datasette; types are SQLite affinities.
TABLES: dict[str, dict] = {
    "sources": {
        "columns": {
            "id": str,
            "name": str,
            "homepage": str,
            "country": str,
            "language": str,
            "start_urls": str,
            "allowed_domains": str,
            "updated_at": str,
        },
        "pk": "id",
        "not_null": {"name"},
    },
    "runs": {
        "columns": {
            "id": int,
            "command": str,
            "status": str,
            "started_at": str,
            "finished_at": str,
            **dict.fromkeys(FIRST_RUN_COUNTS, int),
            "nlp_version": str,
            "message": str,
            **dict.fromkeys((c for c in COUNT_COLUMNS if c not in FIRST_RUN_COUNTS + LATE_RUN_COUNTS), int),
            "problem_counts": str,
            # one row per command run; a nightly run times each of its stages
            "stage": str,
            "crawl_seconds": float,
            "process_seconds": float,
            "duration_seconds": float,
            "exit_code": int,
            "pid": int,
            "host": str,
            "articles_pending": int,
            "log_file": str,
            **dict.fromkeys(LATE_RUN_COUNTS, int),
        },
        "pk": "id",
        "not_null": {"command", "status", "started_at"},
    },
    "articles": {
        "columns": {
            "id": str,
            "url": str,
            "source_id": str,
            "title": str,
            "published": str,
            "authors": str,
            "language": str,
            "text": str,
            "word_count": int,
            "relevance": float,
            "relevance_terms": str,
            "relevant": int,
            "content_hash": str,
            "fetched_at": str,
            "updated_at": str,
            "processed_at": str,
            "nlp_version": str,
            "nlp_warnings": str,
            "run_id": int,
            "simhash": str,
            "published_source": str,
            # 0: the article names more than CO_MENTION_LIMIT entities, none of whose pairs
            # count in `entity_pairs` / `co_mentions` (set with its mentions; null counts as 1)
            "co_mentioned": int,
            "year": int,  # derived: year of `published`
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
        "columns": {
            "url": str,
            "article_id": str,
            "status": str,
            "first_seen": str,
            "last_seen": str,
            "source_id": str,
            "code": str,
            "attempts": int,
            "published": str,
        },
        "pk": "url",
    },
    "run_errors": {
        "columns": {"id": int, "run_id": int, "url": str, "reason": str, "at": str, "code": str, "source_id": str},
        "pk": "id",
        "foreign_keys": [("run_id", "runs", "id")],
    },
    "article_copies": {  # the same story found again: another URL, another source, small edits
        "columns": {
            "id": str,
            "article_id": str,
            "url": str,
            "source_id": str,
            "title": str,
            "published": str,
            "kind": str,
            "distance": int,
            "similarity": float,
            "content_hash": str,
            "simhash": str,
            "found_at": str,
            "run_id": int,
        },
        "pk": "id",
        "not_null": {"article_id", "url", "kind"},
        "foreign_keys": [("article_id", "articles", "id"), ("source_id", "sources", "id"), ("run_id", "runs", "id")],
    },
    "feed_state": {  # validators for conditional requests, per listing URL, across runs
        "columns": {
            "url": str,
            "source_id": str,
            "etag": str,
            "last_modified": str,
            "status": int,
            "checked_at": str,
            "changed_at": str,
            "not_modified": int,
            # validators of a read whose articles are not all handled yet: they replace
            # etag/last_modified only when the crawl finishes (a killed crawl re-reads the listing)
            "pending_etag": str,
            "pending_last_modified": str,
        },
        "pk": "url",
    },
    "handoff_messages": {  # messages from the fleet's crawlers (Redis) already written: each once
        "columns": {"id": str, "run_id": int, "kind": str, "applied_at": str},
        "pk": "id",
    },
    "entities": {
        "columns": {
            "id": str,
            "kind": str,
            "name": str,
            "agency_kind": str,
            "place_kind": str,
            "country": str,
            "latitude": float,
            "longitude": float,
            # derived from `mentions` (triggers):
            "first_seen": str,
            "last_seen": str,
            "article_count": int,
            "mention_count": int,
        },
        "pk": "id",
        "not_null": {"kind", "name"},
    },
    "mentions": {
        "columns": {
            "id": str,
            "article_id": str,
            "entity_id": str,
            "surface": str,
            "start": int,
            "end": int,
            "role": str,
            "title": str,
            "age": int,
            "context": str,
        },
        "pk": "id",
        "not_null": {"article_id", "entity_id"},
        "foreign_keys": [("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    },
    "sentences": {
        "columns": {
            "id": str,
            "article_id": str,
            "defendant_id": str,
            "defendant": str,
            "prison_months": int,
            "prison_term": str,
            "suspended_months": int,
            "suspended_term": str,
            "life": int,
            "death": int,
            "fine": str,
            "court": str,
            "place": str,
            "charge": str,
            "text": str,
            "published": str,
            "year": int,
            "article_url": str,  # derived (triggers)
            "start": int,
            "end": int,
            "source_id": str,  # derived (triggers)
            # set by the case linker: one sentence reported by several articles is one case's
            "case_id": str,
            "case_row": int,  # 1 on the row that stands for its case in `prosecutions` (its first report)
            "reports": int,  # articles reporting the case's sentence
            "outlets": int,
            "report_urls": str,  # JSON list, first report first
            "current_term": str,  # the latest reported term (after an appeal, the changed one)
            "current_months": int,
            "current_life": int,  # of the latest reported term: an appeal can commute death to life
            "current_death": int,
            "earlier_terms": str,  # JSON list of the terms reported before it, when they differ
        },
        "pk": "id",
        "not_null": {"article_id", "defendant"},
        "foreign_keys": [("article_id", "articles", "id"), ("defendant_id", "entities", "id")],
    },
    # Each named person's legal stage in an article (nlp.case_events), dated against the article
    "events": {
        "columns": {
            "id": str,
            "article_id": str,
            "person_id": str,
            "person": str,
            "stage": str,
            "outcome": str,  # of an appeal decided: upheld | reduced | increased | overturned
            "date": str,  # ISO, as precise as told: 2025-03-04, 2025-03 or 2025
            "date_source": str,  # text | article
            "court": str,  # or the police unit, for arrests and deportations
            "place": str,
            "role": str,  # IOM case data standard: recruiter, transporter, broker, exploiter, smuggler
            "text": str,
            "start": int,
            "report_id": str,  # what this article says about this person (storage.cases.report_id)
            "case_id": str,  # set by the case linker (cases.linking)
        },
        "pk": "id",
        "not_null": {"article_id", "person_id", "stage"},
        "foreign_keys": [("article_id", "articles", "id"), ("person_id", "entities", "id")],
    },
    # One defendant's prosecution followed across articles and outlets (cases.linking);
    # rebuilt from `events`, `sentences` and `case_decisions` by every run that changes them
    "cases": {
        "columns": {
            "id": str,
            "defendant": str,
            "name_variants": str,  # JSON list
            "co_defendants": str,  # JSON list
            "country": str,
            "first_event": str,
            "last_event": str,
            "year": int,  # of the first event
            "current_stage": str,
            "current_outcome": str,  # of the appeal, when the current stage is appeal_decided
            "current_term": str,
            "prison_months": int,
            "life": int,
            "death": int,
            "events": int,
            "articles": int,
            "outlets": int,
            "doubtful_links": int,
            "article_urls": str,  # JSON list, first report first: the CSV export's links to the sources
        },
        "pk": "id",
    },
    # Why two reports of a person were (or were not) taken as one case: score and evidence
    "case_links": {
        "columns": {
            "report_id": str,
            "other_id": str,
            "score": float,
            "verdict": str,  # same | review (kept apart until a reviewer decides) | different
            "decided_by": str,  # rules | reviewer
            "evidence": str,
            "case_id": str,
            "other_case_id": str,
        },
        "pk": ("report_id", "other_id"),
    },
    # The linker's blocking index: each report's name keys (cases.names.block_keys), so that a
    # new report meets only the stored reports sharing a key, however large the archive
    "case_blocks": {
        # single: the name has one part; initials (cases.names.initials): a new name compares
        # of a big block only the names whose first letters could match its own.
        # Clustered by block (WITHOUT ROWID): a block, or its one-part names, is one range of
        # the table itself, and a night's rows are written into one b-tree, not into a rowid
        # table and three indexes of it (at 20,000 cases those page writes were most of the
        # night's linking, and they grow with the archive).
        "columns": {"key": str, "report_id": str, "name": str, "single": int, "initials": str},
        "pk": ("key", "single", "report_id"),
        "without_rowid": True,
    },
    # The linker's own state: the rules version the stored cases were built under
    # (cases.linking.LINKING_VERSION); another version makes the next night a rebuild
    "case_linking": {
        "columns": {"key": str, "value": str},
        "pk": "key",
    },
    # A reviewer's word on two reports (same case / different case); every later run keeps it
    "case_decisions": {
        "columns": {
            "report_id": str,
            "other_id": str,
            "decision": str,  # same | different
            "note": str,
            "decided_at": str,
        },
        "pk": ("report_id", "other_id"),
        "not_null": {"decision"},
    },
    # derived (triggers): pairs of entities named in the same articles, behind `co_mentions`
    "entity_pairs": {
        # each pair once (entity_id < other_id): writing both sides was most of the writes' cost
        "columns": {"entity_id": str, "other_id": str, "articles": int, "first_together": str, "last_together": str},
        "pk": ("entity_id", "other_id"),
    },
}

INDEXES: list[tuple[str, list[str]]] = [
    ("articles", ["url"]),
    ("articles", ["source_id"]),
    ("articles", ["published"]),
    ("articles", ["processed_at"]),
    ("articles", ["content_hash"]),
    ("articles", ["year"]),
    ("mentions", ["article_id"]),
    ("mentions", ["article_id", "entity_id"]),
    ("mentions", ["entity_id"]),
    ("entity_pairs", ["other_id"]),
    ("entity_pairs", ["articles"]),
    ("sentences", ["article_id"]),
    ("events", ["article_id"]),
    ("events", ["person_id"]),
    ("events", ["case_id"]),
    ("events", ["report_id"]),
    ("case_links", ["verdict"]),
    ("case_links", ["other_id"]),
    ("case_links", ["case_id"]),
    ("case_links", ["other_case_id"]),
    ("sentences", ["defendant_id"]),
    # The prosecutions view filtered by court or place: newest first (as it is shown) and
    # faceted by year. Without (place, year) SQLite answers "this province's sentences by
    # year" by walking the whole year index (50 ms at 100,000 articles instead of 0.2).
    ("sentences", ["court", "published"]),
    ("sentences", ["place", "published"]),
    ("sentences", ["court", "year"]),
    ("sentences", ["place", "year"]),
    ("sentences", ["published"]),
    ("sentences", ["year"]),
    ("sentences", ["case_id"]),
    ("entities", ["kind", "name"]),
    ("run_errors", ["run_id"]),
    ("fetched_urls", ["article_id"]),
    ("fetched_urls", ["status"]),
    ("article_copies", ["article_id"]),
    ("run_errors", ["code"]),
]
# indexes an older database has that are no longer wanted (a night would still write them):
# case_blocks by report_id, 1 in 2 of the page writes of a night's blocking rows, scattered
# over the archive; whether a report was linked before is a primary-key lookup of one of its keys
DROPPED_INDEXES: list[tuple[str, list[str]]] = [("case_blocks", ["report_id"])]

# Full-text search (FTS5 tables created by sqlite-utils, porter stemming), kept up to date
# by the `*_fts_*` triggers below. Unlike sqlite-utils' own triggers, the update trigger
# fires only when an indexed column changes, so writing a derived column (or
# `processed_at`) does not re-index the article, and trigger order does not matter.
FTS: dict[str, list[str]] = {
    "articles": ["title", "text"],
    "entities": ["name"],
    "mentions": ["context"],
    "sentences": ["defendant", "court", "text"],
}


def _year(column: str) -> str:
    """SQL: the year of an ISO date column as an integer, or null."""
    return f"case when {column} glob '[0-9][0-9][0-9][0-9]*' then cast(substr({column}, 1, 4) as integer) end"


def _term(months: str) -> str:
    """SQL: a number of months as words: 180 -> '15 years', 30 -> '2 years 6 months'."""
    m = f"cast({months} as integer)"
    return f"""case when {months} is null then null when {m} = 0 then '0 months' else trim(
        case {m} / 12 when 0 then '' when 1 then '1 year' else ({m} / 12) || ' years' end ||
        case {m} % 12 when 0 then '' when 1 then ' 1 month' else ' ' || ({m} % 12) || ' months' end) end"""


# Values derived from other columns, as `SET` clauses of an UPDATE on the table: used by
# the triggers below for new and changed rows, and once on old rows by the migration that
# adds the columns.
DERIVED: dict[str, str] = {
    "articles": f"year = {_year('published')}",
    "sentences": f"""
        prison_term = case when death then 'death' when life then 'life'
                           else {_term("prison_months")} end,
        suspended_term = {_term("suspended_months")},
        published = (select published from articles where articles.id = sentences.article_id),
        year = (select {_year("published")} from articles where articles.id = sentences.article_id),
        article_url = (select url from articles where articles.id = sentences.article_id),
        source_id = (select source_id from articles where articles.id = sentences.article_id)""",
    "entities": """
        (article_count, mention_count, first_seen, last_seen) = (
            select count(distinct m.article_id), count(*),
                   min(coalesce(a.published, substr(a.fetched_at, 1, 10))),
                   max(coalesce(a.published, substr(a.fetched_at, 1, 10)))
            from mentions m left join articles a on a.id = m.article_id
            where m.entity_id = entities.id)""",
}
DERIVED_COLUMNS: dict[str, set[str]] = {
    "articles": {"year"},
    "sentences": {"prison_term", "suspended_term", "published", "year", "article_url", "source_id"},
    "entities": {"article_count", "mention_count", "first_seen", "last_seen"},
}


def _fts_triggers(table: str, columns: list[str]) -> dict[str, str]:
    cols = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    fts = f"{table}_fts"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    return {
        f"{table}_fts_insert": f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN\n  {insert}\nEND",
        f"{table}_fts_delete": f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN\n  {delete}\nEND",
        f"{table}_fts_update": (
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {cols} ON {table} BEGIN\n  {delete}\n  {insert}\nEND"
        ),
    }


# `entity_pairs` (one row per pair of entities named in the same article, the smaller id in
# `entity_id`: the `co_mentions` view gives each pair from both sides) is kept
# incrementally: a pair gains an article when the second of the two is first named in it,
# and loses it when the first of the two is no longer named there. Grouping all mentions
# on every page view would be too slow on a real archive.
_DAY = "coalesce(published, substr(fetched_at, 1, 10))"
_PAIR_DATES = {
    "first_together": "min",
    "last_together": "max",
}


def _pair_dates(which: str) -> str:
    return f"""(select {_PAIR_DATES[which]}(coalesce(a.published, substr(a.fetched_at, 1, 10)))
                from mentions x
                join mentions y on y.article_id = x.article_id and y.entity_id = entity_pairs.other_id
                join articles a on a.id = x.article_id
                where x.entity_id = entity_pairs.entity_id)"""


def _pairs_added(row: str) -> str:
    """SQL statements: `row` (new) is the first mention of its entity in its article."""
    others = (
        f"(select distinct entity_id from mentions where article_id = {row}.article_id "
        f"and entity_id != {row}.entity_id) o"
    )
    day = f"(select {_DAY} as day from articles where id = {row}.article_id) d"
    upsert = """on conflict (entity_id, other_id) do update set articles = articles + 1,
              first_together = min(coalesce(first_together, excluded.first_together),
                                   coalesce(excluded.first_together, first_together)),
              last_together = max(coalesce(last_together, excluded.last_together),
                                  coalesce(excluded.last_together, last_together))"""
    return f"""
          INSERT INTO entity_pairs (entity_id, other_id, articles, first_together, last_together)
            SELECT min({row}.entity_id, o.entity_id), max({row}.entity_id, o.entity_id), 1, d.day, d.day
            FROM {others}, {day} WHERE true
            {upsert};"""


def _pairs_removed(row: str, moved_to: str | None = None) -> str:
    """SQL statements: `row` (old) was the last mention of its entity in its article; after an
    UPDATE, `moved_to` (new) is the same row, which is not one of the others."""
    skip = f" and rowid != {moved_to}.rowid" if moved_to else ""
    others = f"(select entity_id from mentions where article_id = {row}.article_id{skip})"
    day = f"(select {_DAY} from articles where id = {row}.article_id)"
    dates = f"""first_together = case when first_together is {day} then {_pair_dates("first_together")}
                                 else first_together end,
              last_together = case when last_together is {day} then {_pair_dates("last_together")}
                                else last_together end"""
    return f"""
          UPDATE entity_pairs SET articles = articles - 1
            WHERE entity_id = {row}.entity_id AND other_id IN {others};
          UPDATE entity_pairs SET articles = articles - 1
            WHERE other_id = {row}.entity_id AND entity_id IN {others};
          DELETE FROM entity_pairs WHERE entity_id = {row}.entity_id AND articles <= 0;
          DELETE FROM entity_pairs WHERE other_id = {row}.entity_id AND articles <= 0;
          UPDATE entity_pairs SET {dates}
            WHERE entity_id = {row}.entity_id AND other_id IN {others};
          UPDATE entity_pairs SET {dates}
            WHERE other_id = {row}.entity_id AND entity_id IN {others};"""


# An article naming more entities than this (a court roster, a list of rescued workers) adds
# no pairs: everyone-with-everyone says nothing, and costs n² rows and n² trigger work.
CO_MENTION_LIMIT = 100


def _pairable(row: str) -> str:
    return f"coalesce((select co_mentioned from articles where id = {row}.article_id), 1) = 1"


def _first_in_article(row: str) -> str:
    return f"(select count(*) from mentions where article_id = {row}.article_id and entity_id = {row}.entity_id) = 1"


def _gone_from_article(row: str) -> str:
    return f"not exists (select 1 from mentions where article_id = {row}.article_id and entity_id = {row}.entity_id)"


def _day(row: str) -> str:
    return f"(select {_DAY} from articles where id = {row}.article_id)"


def _entity_dates(func: str) -> str:
    return f"""(select {func}(coalesce(a.published, substr(a.fetched_at, 1, 10)))
                from mentions m join articles a on a.id = m.article_id where m.entity_id = entities.id)"""


_MOVED = "(old.entity_id is not new.entity_id or old.article_id is not new.article_id)"

# Tables rebuilt from scratch when created or when their triggers change.
REBUILD: dict[str, str] = {
    "entity_pairs": """
        insert into entity_pairs (entity_id, other_id, articles, first_together, last_together)
        select a.entity_id, b.entity_id, count(*),
               min(coalesce(articles.published, substr(articles.fetched_at, 1, 10))),
               max(coalesce(articles.published, substr(articles.fetched_at, 1, 10)))
        from (select distinct article_id, entity_id from mentions) a
        join (select distinct article_id, entity_id from mentions) b
          on b.article_id = a.article_id and b.entity_id > a.entity_id
        join articles on articles.id = a.article_id
        where coalesce(articles.co_mentioned, 1) = 1
        group by a.entity_id, b.entity_id""",
}

TRIGGERS: dict[str, str] = {
    **{name: sql for table, columns in FTS.items() for name, sql in _fts_triggers(table, columns).items()},
    # A victim's name never enters `mentions`, even if an extractor forgot to drop it (the
    # row is skipped; sqlite-utils' one-row insert then fails to read it back, so such an
    # article fails to save rather than showing the victim).
    "mentions_no_victims": """
        CREATE TRIGGER mentions_no_victims BEFORE INSERT ON mentions
        WHEN new.role = 'victim' BEGIN SELECT RAISE(IGNORE); END""",
    "articles_derived_insert": f"""
        CREATE TRIGGER articles_derived_insert AFTER INSERT ON articles BEGIN
          UPDATE articles SET {DERIVED["articles"]} WHERE rowid = new.rowid;
        END""",
    "articles_derived_update": f"""
        CREATE TRIGGER articles_derived_update AFTER UPDATE OF published, url, fetched_at, source_id ON articles BEGIN
          UPDATE articles SET {DERIVED["articles"]} WHERE rowid = new.rowid;
          UPDATE sentences SET {DERIVED["sentences"]} WHERE article_id = new.id;
          UPDATE entities SET {DERIVED["entities"]}
            WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = new.id);
        END""",
    "sentences_derived_insert": f"""
        CREATE TRIGGER sentences_derived_insert AFTER INSERT ON sentences BEGIN
          UPDATE sentences SET {DERIVED["sentences"]} WHERE rowid = new.rowid;
        END""",
    "sentences_derived_update": f"""
        CREATE TRIGGER sentences_derived_update
        AFTER UPDATE OF prison_months, suspended_months, life, death, article_id ON sentences BEGIN
          UPDATE sentences SET {DERIVED["sentences"]} WHERE rowid = new.rowid;
        END""",
    # Entity counts and dates: counted up and down as mentions come and go (a recount of a
    # much-named entity on every mention would slow the nightly run); the dates are
    # recounted only when the article that goes was the first or the last.
    "mentions_stats_insert": f"""
        CREATE TRIGGER mentions_stats_insert AFTER INSERT ON mentions BEGIN
          UPDATE entities SET mention_count = coalesce(mention_count, 0) + 1 WHERE id = new.entity_id;
          UPDATE entities SET article_count = coalesce(article_count, 0) + 1,
            first_seen = min(coalesce(first_seen, {_day("new")}), coalesce({_day("new")}, first_seen)),
            last_seen = max(coalesce(last_seen, {_day("new")}), coalesce({_day("new")}, last_seen))
          WHERE id = new.entity_id AND {_first_in_article("new")};
        END""",
    "mentions_stats_delete": f"""
        CREATE TRIGGER mentions_stats_delete AFTER DELETE ON mentions BEGIN
          UPDATE entities SET mention_count = mention_count - 1 WHERE id = old.entity_id;
          UPDATE entities SET article_count = article_count - 1,
            first_seen = case when first_seen is {_day("old")} then {_entity_dates("min")} else first_seen end,
            last_seen = case when last_seen is {_day("old")} then {_entity_dates("max")} else last_seen end
          WHERE id = old.entity_id AND {_gone_from_article("old")};
        END""",
    "mentions_pairs_insert": f"""
        CREATE TRIGGER mentions_pairs_insert AFTER INSERT ON mentions
        WHEN {_pairable("new")} AND {_first_in_article("new")} BEGIN{_pairs_added("new")}
        END""",
    "mentions_pairs_delete": f"""
        CREATE TRIGGER mentions_pairs_delete AFTER DELETE ON mentions
        WHEN {_pairable("old")} AND {_gone_from_article("old")} BEGIN{_pairs_removed("old")}
        END""",
    "mentions_pairs_update_old": f"""
        CREATE TRIGGER mentions_pairs_update_old AFTER UPDATE OF entity_id, article_id ON mentions
        WHEN {_MOVED} AND {_pairable("old")} AND {_gone_from_article("old")} BEGIN{_pairs_removed("old", moved_to="new")}
        END""",
    "mentions_pairs_update_new": f"""
        CREATE TRIGGER mentions_pairs_update_new AFTER UPDATE OF entity_id, article_id ON mentions
        WHEN {_MOVED} AND {_pairable("new")} AND {_first_in_article("new")} BEGIN{_pairs_added("new")}
        END""",
    "articles_pairs_dates": f"""
        CREATE TRIGGER articles_pairs_dates AFTER UPDATE OF published, fetched_at ON articles
        WHEN coalesce(new.co_mentioned, 1) = 1 BEGIN
          UPDATE entity_pairs SET first_together = {_pair_dates("first_together")},
                                  last_together = {_pair_dates("last_together")}
            WHERE entity_id IN (SELECT entity_id FROM mentions WHERE article_id = new.id)
              AND other_id IN (SELECT entity_id FROM mentions WHERE article_id = new.id);
        END""",
    "mentions_stats_update": f"""
        CREATE TRIGGER mentions_stats_update AFTER UPDATE OF entity_id, article_id ON mentions BEGIN
          UPDATE entities SET {DERIVED["entities"]} WHERE id IN (old.entity_id, new.entity_id);
        END""",
}

# Views: what a journalist or watchdog browses, one `.sql` file each in storage/views/
# (the comment lines at the top of a file say what the view is for).
VIEWS_DIR = Path(__file__).parent / "views"
VIEWS: dict[str, str] = {
    path.stem: "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--")
    ).strip()
    for path in sorted(VIEWS_DIR.glob("*.sql"))
}


def utc_now() -> str:
    """The time every stored timestamp is written in: UTC, to the second, ISO 8601."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def stable_id(*parts: object) -> str:
    """A short id that is the same every run for the same inputs, so re-runs upsert, not duplicate."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database, immediate: bool = True):
    """Group writes into one atomic transaction (a savepoint if one is already open).

    Use this, never `with db.conn:`: sqlite-utils 4's `db.execute()` commits a write at once
    when no transaction is open, so under `with db.conn:` every statement commits on its own
    and a crash between two of them leaves half a change. `BEGIN IMMEDIATE` takes the write
    lock up front, so a reader (Datasette) never turns this into a busy error half-way;
    `immediate=False` defers the lock to the first write (schema checks that usually write
    nothing).
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
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
    # WAL's recommended setting: a commit no longer waits for fsync (one per article made
    # the process stage disk-bound). Still atomic and never corrupt; only a power cut (not
    # a crash or kill) can roll back the last few commits, which the next run redoes.
    db.execute("PRAGMA synchronous = NORMAL")
    ensure_schema(db)
    return db


def _create_table(db: sqlite_utils.Database, name: str, spec: dict) -> None:
    """Create one table of TABLES (sqlite-utils writes the SQL; it has no WITHOUT ROWID)."""
    sql = db.create_table_sql(
        name, spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"), foreign_keys=spec.get("foreign_keys")
    )
    if spec.get("without_rowid"):
        sql = sql.strip().rstrip(";") + " WITHOUT ROWID"
    db.execute(sql)


def _without_rowid(db: sqlite_utils.Database, name: str) -> bool:
    (sql,) = db.execute("select sql from sqlite_master where type = 'table' and name = ?", [name]).fetchone()
    return sql.rstrip().rstrip(";").upper().endswith("WITHOUT ROWID")


def _recluster(db: sqlite_utils.Database, name: str, spec: dict) -> None:
    """An older database's rowid table made the WITHOUT ROWID table of its spec, rows kept
    (its indexes go with the old table; the INDEXES loop makes the spec's)."""
    old = f"{name}_before_recluster"
    existing = set(db[name].columns_dict)
    columns = ", ".join(f'"{c}"' for c in spec["columns"] if c in existing)
    db.execute(f'alter table "{name}" rename to "{old}"')
    _create_table(db, name, spec)
    db.execute(f'insert into "{name}" ({columns}) select {columns} from "{old}"')
    db.execute(f'drop table "{old}"')


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes, FTS, triggers and views; never drop data.

    On a database that is up to date this changes nothing (so it is safe while Datasette
    reads it); when it adds a derived column or changes a trigger it fills the derived
    values in for the rows already there.
    """
    stale: set[str] = set()  # tables whose derived columns need filling in, or rebuilding
    with transaction(db, immediate=False):
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                if name in REBUILD:
                    stale.add(name)
                _create_table(db, name, spec)
            elif spec.get("without_rowid") and not _without_rowid(db, name):
                _recluster(db, name, spec)
            else:
                existing = set(table.columns_dict)
                for column, col_type in spec["columns"].items():
                    if column not in existing:
                        table.add_column(column, col_type)
                        if column in DERIVED_COLUMNS.get(name, ()):
                            stale.add(name)
        existing_indexes = {
            (name, tuple(index.columns)) for name in {t for t, _ in INDEXES} for index in db[name].indexes
        }
        for table_name, columns in INDEXES:  # checked first: creating one takes the write lock
            if (table_name, tuple(columns)) not in existing_indexes:
                db[table_name].create_index(columns, if_not_exists=True)
        for table_name, columns in DROPPED_INDEXES:
            if db[table_name].exists() and any(tuple(i.columns) == tuple(columns) for i in db[table_name].indexes):
                db.execute(f"drop index if exists idx_{table_name}_{'_'.join(columns)}")
    current = dict(db.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall())
    with transaction(db, immediate=False):
        for table_name in FTS:  # sqlite-utils' FTS triggers (older databases): ours replace them
            for suffix in ("_ai", "_ad", "_au"):
                if table_name + suffix in current:
                    db.execute(f"drop trigger {table_name}{suffix}")
    for table_name, columns in FTS.items():
        db[table_name].enable_fts(columns, tokenize="porter", replace=True)
    reindex: set[str] = set()  # FTS tables to rebuild from their table
    with transaction(db, immediate=False):
        for name, sql in TRIGGERS.items():
            sql = textwrap.dedent(sql).strip()
            if current.get(name) != sql:
                db.execute(f"drop trigger if exists {name}")
                db.execute(sql)
                stale.update(t for t in DERIVED if f"UPDATE {t} SET" in sql)
                stale.update(t for t in REBUILD if t in sql)
                reindex.update(t for t in FTS if name.startswith(f"{t}_fts_"))
        for table_name in DERIVED:  # articles first: sentences and entities copy from them
            if table_name in stale:
                db.execute(f"update {table_name} set {DERIVED[table_name]}")
        for table_name, sql in REBUILD.items():
            if table_name in stale:
                db.execute(f"delete from {table_name}")
                db.execute(sql)
        for table_name in reindex:
            db.execute(f"insert into {table_name}_fts ({table_name}_fts) values ('rebuild')")
    for view, sql in VIEWS.items():
        db.create_view(view, sql, replace=True)
