"""The NLP stage's side of the database: which articles it has still to do, and one
article's entities, mentions and sentences written atomically.

Entities are keyed by the identity key the NLP record carries (`key`, `defendant_key`:
`nlp.names.lookup_key` of the stored name), so this module stores names without knowing
how they are compared."""

from __future__ import annotations

import functools

import sqlite_utils

from storage.cases import report_id, unlink_article
from storage.schema import CO_MENTION_LIMIT, stable_id, transaction, utc_now


def _insert(table: str, columns: tuple[str, ...], conflict: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'{conflict} INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


# The statements sqlite-utils' upsert_all / insert_all(replace=True) would build, prepared
# once and run with executemany: sqlite-utils re-reads the schema (table_info, sqlite_master)
# on every call, three calls an article. An entity already stored with the same values is
# left alone (the WHERE of the upsert): rewriting it only re-indexed its name in
# entities_fts, to the same contents.
ENTITY_COLUMNS = ("id", "kind", "name", "agency_kind", "place_kind", "country", "latitude", "longitude")
MENTION_COLUMNS = ("id", "article_id", "entity_id", "surface", "start", "end", "role", "title", "age", "context")
SENTENCE_COLUMNS = (
    "id",
    "article_id",
    "defendant_id",
    "defendant",
    "prison_months",
    "suspended_months",
    "life",
    "death",
    "fine",
    "court",
    "place",
    "charge",
    "text",
    "start",
    "end",
)
_ENTITY_VALUES = ", ".join(f'"{c}"' for c in ENTITY_COLUMNS[1:])
UPSERT_ENTITY = (
    _insert("entities", ENTITY_COLUMNS, "INSERT")
    + ' ON CONFLICT("id") DO UPDATE SET '
    + ", ".join(f'"{c}" = excluded."{c}"' for c in ENTITY_COLUMNS[1:])
    + f" WHERE ({_ENTITY_VALUES}) IS NOT ("
    + ", ".join(f'excluded."{c}"' for c in ENTITY_COLUMNS[1:])
    + ")"
)
INSERT_MENTION = _insert("mentions", MENTION_COLUMNS, "INSERT OR REPLACE")
INSERT_SENTENCE = _insert("sentences", SENTENCE_COLUMNS, "INSERT OR REPLACE")
EVENT_COLUMNS = (
    "id",
    "article_id",
    "person_id",
    "person",
    "stage",
    "outcome",
    "date",
    "date_source",
    "court",
    "place",
    "role",
    "text",
    "start",
    "report_id",
)
INSERT_EVENT = _insert("events", EVENT_COLUMNS, "INSERT OR REPLACE")


@functools.lru_cache(maxsize=65536)  # the same names recur in article after article
def entity_id(kind: str, key: str) -> str:
    """The stored id of the entity of this kind whose identity key (`nlp.names.lookup_key`
    of its name) is `key`."""
    return stable_id(kind, key)


def _pending_where(version: str, reprocess: bool) -> tuple[str, list]:
    where = "relevant = 1 and text is not null"
    params: list = []
    if not reprocess:
        where += " and (processed_at is null or nlp_version is not ?)"
        params.append(version)
    return where, params


def count_pending(db: sqlite_utils.Database, version: str, reprocess: bool = False) -> int:
    """How many articles a process run with this NLP version would (re)process."""
    where, params = _pending_where(version, reprocess)
    return db.execute(f"select count(*) from articles where {where}", params).fetchone()[0]


def pending_articles(db: sqlite_utils.Database, version: str, reprocess: bool = False):
    """(text, id) of relevant articles not yet processed with this NLP version."""
    where, params = _pending_where(version, reprocess)
    ids = [row[0] for row in db.execute(f"select id from articles where {where} order by id", params)]
    for article_id in ids:
        row = db.execute("select text from articles where id = ?", [article_id]).fetchone()
        if row:
            yield row[0], article_id


def has_pending(db: sqlite_utils.Database, version: str) -> bool:
    """Whether any article lacks results from this NLP version."""
    where, params = _pending_where(version, False)
    return db.execute(f"select 1 from articles where {where} limit 1", params).fetchone() is not None


def save_extraction(db: sqlite_utils.Database, article_id: str, text: str, extraction: dict, nlp_version: str) -> dict:
    """Replace the article's mentions, sentences and case events with those of `extraction`
    (the `doc._.extraction` of the article's `text`, its events dated) in one transaction.

    Reprocessing replaces, never duplicates: the article's old mentions and sentences go,
    and so do entities that only they referred to (an earlier rules version's mistakes).
    Victims are never stored as entities: no person with role "victim" enters `entities`
    or `mentions` (the caller has already withheld their names from `text`).
    Returns counts of rows written.
    """
    entities = [e for e in extraction["entities"] if not (e["kind"] == "person" and e["role"] == "victim")]
    counts = {"entities_added": 0, "mentions_added": 0, "sentences_added": 0, "events_added": 0}
    with transaction(db):
        old_entities = clear_extraction(db, article_id)  # pairs go as they came: under the old flag
        named = {entity_id(e["kind"], e["key"]) for e in entities}
        # one write of the article row (it holds the text): done now, as the pair triggers
        # of the mentions below read its co_mentioned flag
        mark_processed(
            db, article_id, nlp_version, extraction.get("warnings"), co_mentioned=len(named) <= CO_MENTION_LIMIT
        )
        entity_rows, mention_rows = {}, []
        for entity in entities:
            stored_name = entity["canonical"] or entity["name"]  # one name per entity across articles
            eid = entity_id(entity["kind"], entity["key"])
            entity_rows[eid] = {
                "id": eid,
                "kind": entity["kind"],
                "name": stored_name,
                "agency_kind": entity["agency_kind"],
                "place_kind": entity["place_kind"],
                "country": entity["country"],
                "latitude": entity["lat"],
                "longitude": entity["lon"],
            }
            for start, end, surface, sent_start, sent_end in entity["mentions"]:
                mention_rows.append(
                    {
                        "id": stable_id(article_id, eid, start),
                        "article_id": article_id,
                        "entity_id": eid,
                        "surface": surface,
                        "start": start,
                        "end": end,
                        "role": entity["role"],
                        "title": entity["title"],
                        "age": entity["age"],
                        "context": text[sent_start:sent_end].strip(),
                    }
                )
        if entity_rows:  # one batch per article: the write path is hot on a big crawl
            marks = ", ".join("?" * len(entity_rows))
            known = db.execute(f"select count(*) from entities where id in ({marks})", list(entity_rows)).fetchone()[0]
            counts["entities_added"] = len(entity_rows) - known
            db.conn.executemany(UPSERT_ENTITY, [[row[c] for c in ENTITY_COLUMNS] for row in entity_rows.values()])
        if mention_rows:
            db.conn.executemany(INSERT_MENTION, [[row[c] for c in MENTION_COLUMNS] for row in mention_rows])
        sentence_rows = []
        for record in extraction["sentences"]:
            defendant_key = record["defendant_key"]
            sentence_rows.append(
                {
                    "id": stable_id(article_id, defendant_key),
                    "article_id": article_id,
                    "defendant_id": entity_id("person", defendant_key),
                    "defendant": record["defendant"],
                    "prison_months": record["prison_months"],
                    "suspended_months": record["suspended_months"],
                    "life": int(bool(record["life"])),
                    "death": int(bool(record["death"])),
                    "fine": record["fine"],
                    "court": record["court"],
                    "place": record["place"],
                    "charge": record["charge"],
                    "text": record["text"],
                    "start": record["start"],
                    "end": record["end"],
                }
            )
        if sentence_rows:
            db.conn.executemany(INSERT_SENTENCE, [[row[c] for c in SENTENCE_COLUMNS] for row in sentence_rows])
        event_rows = []
        for event in extraction.get("events", []):
            person_id = entity_id("person", event["person_key"])
            if person_id not in entity_rows:
                continue  # a person not stored (withheld) has no stored events either
            event_rows.append(
                [
                    stable_id(article_id, person_id, event["stage"], event["outcome"] or ""),
                    article_id,
                    person_id,
                    *(event.get(c) for c in EVENT_COLUMNS[3:-1]),
                    report_id(article_id, person_id),
                ]
            )
        if event_rows:
            db.conn.executemany(INSERT_EVENT, event_rows)
        drop_orphan_entities(db, old_entities)
    counts["mentions_added"] = len(mention_rows)
    counts["sentences_added"] = len(sentence_rows)
    counts["events_added"] = len(event_rows)
    return counts


def mark_processed(
    db: sqlite_utils.Database,
    article_id: str,
    nlp_version: str,
    warnings: list[str] | None = None,
    co_mentioned: bool | None = None,
) -> None:
    """The article is done for this NLP version, with what went wrong if anything did: a
    text the pipeline fails on is not retried every night, only under a new version.
    `co_mentioned`, when given, is stored too (see `save_extraction`)."""
    flag = "" if co_mentioned is None else ", co_mentioned = ?"
    db.execute(
        f"update articles set processed_at = ?, nlp_version = ?, nlp_warnings = ?{flag} where id = ?",
        [
            utc_now(),
            nlp_version,
            "\n".join(warnings) if warnings else None,
            *([int(co_mentioned)] if co_mentioned is not None else []),
            article_id,
        ],
    )


def clear_extraction(db: sqlite_utils.Database, article_id: str) -> set[str]:
    """Delete the article's mentions, sentences and events (inside the caller's transaction);
    returns the entity ids they referred to."""
    old = {
        row[0]
        for row in db.execute(
            "select entity_id from mentions where article_id = ? union "
            "select defendant_id from sentences where article_id = ? and defendant_id is not null",
            [article_id, article_id],
        )
    }
    db.execute("delete from mentions where article_id = ?", [article_id])
    db.execute("delete from sentences where article_id = ?", [article_id])
    unlink_article(db, article_id)
    db.execute("delete from events where article_id = ?", [article_id])
    return old


def drop_orphan_entities(db: sqlite_utils.Database, entity_ids) -> int:
    """Delete those of `entity_ids` no mention or sentence refers to any more."""
    dropped = 0
    for eid in entity_ids:
        cursor = db.execute(
            "delete from entities where id = ? "
            "and not exists (select 1 from mentions where entity_id = ?) "
            "and not exists (select 1 from sentences where defendant_id = ?) "
            "and not exists (select 1 from events where person_id = ?)",
            [eid, eid, eid, eid],
        )
        dropped += cursor.rowcount
    return dropped
