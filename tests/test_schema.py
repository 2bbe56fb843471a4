"""storage/schema.py: derived columns, FTS, triggers, views; migrations idempotent on old files."""

import sqlite3

import pytest
import sqlite_utils

from storage import open_db
from storage.articles import store_article
from storage.schema import FTS, TRIGGERS, VIEWS, ensure_schema


def schema_of(db) -> list[tuple]:
    return db.execute("select type, name, sql from sqlite_master order by type, name").fetchall()


def add_article(db, url, published, text="Text.", title="Title", source_id=None):
    store_article(
        db,
        {
            "url": url,
            "title": title,
            "published": published,
            "text": text,
            "content_hash": str(hash((url, published, text))),
            "relevant": True,
            "source_id": source_id,
        },
    )
    return db.execute("select id from articles where url = ?", [url]).fetchone()[0]


def add_sentence(db, sid, article_id, defendant="Chea Sophal", **fields):
    row = {"id": sid, "article_id": article_id, "defendant": defendant, "life": 0, "death": 0, **fields}
    with db.conn:
        db["sentences"].insert(row, pk="id", replace=True)
    return dict(next(db.query("select * from sentences where id = ?", [sid])))


def add_mention(db, mid, article_id, entity_id, role=None, kind="person", name="Chea Sophal"):
    with db.conn:
        db["entities"].upsert({"id": entity_id, "kind": kind, "name": name}, pk="id")
        db["mentions"].insert(
            {
                "id": mid,
                "article_id": article_id,
                "entity_id": entity_id,
                "surface": name,
                "start": 0,
                "end": len(name),
                "role": role,
                "context": f"{name} was named.",
            },
            pk="id",
            replace=True,
        )


def fts_ok(db):
    for table in FTS:
        db.execute(f"insert into {table}_fts ({table}_fts) values ('integrity-check')")


def test_fresh_database_has_views_fts_and_triggers(db):
    assert set(VIEWS) <= set(db.view_names())
    for table in FTS:
        assert db[table].detect_fts() == f"{table}_fts"
    triggers = {r[0] for r in db.execute("select name from sqlite_master where type = 'trigger'")}
    assert set(TRIGGERS) <= triggers
    assert db.journal_mode == "wal"


def test_open_db_twice_changes_nothing(tmp_path):
    path = tmp_path / "t.db"
    db = open_db(path)
    aid = add_article(db, "https://example.org/a", "2024-03-01")
    add_sentence(db, "s1", aid, prison_months=96)
    before = schema_of(db), list(db.query("select * from sentences")), list(db.query("select * from articles"))
    db.close()
    db = open_db(path)
    after = schema_of(db), list(db.query("select * from sentences")), list(db.query("select * from articles"))
    assert before == after


@pytest.mark.parametrize(
    "months, life, death, expected",
    [
        (None, 0, 0, None),
        (0, 0, 0, "0 months"),
        (1, 0, 0, "1 month"),
        (7, 0, 0, "7 months"),
        (12, 0, 0, "1 year"),
        (13, 0, 0, "1 year 1 month"),
        (18, 0, 0, "1 year 6 months"),
        (30, 0, 0, "2 years 6 months"),
        (180, 0, 0, "15 years"),
        (None, 1, 0, "life"),
        (240, 0, 1, "death"),
    ],
)
def test_prison_term_in_words(db, months, life, death, expected):
    aid = add_article(db, "https://example.org/a", "2024-03-01")
    row = add_sentence(db, "s1", aid, prison_months=months, life=life, death=death, suspended_months=12)
    assert row["prison_term"] == expected
    assert row["suspended_term"] == "1 year"


def test_sentence_gets_article_link_date_and_year_and_follows_changes(db):
    aid = add_article(db, "https://example.org/a", "2024-03-01")
    row = add_sentence(db, "s1", aid, prison_months=96)
    assert (row["article_url"], row["published"], row["year"]) == ("https://example.org/a", "2024-03-01", 2024)
    with db.conn:
        db.execute("update articles set published = '2025-01-02' where id = ?", [aid])
        db.execute("update sentences set prison_months = 100 where id = 's1'")
    row = dict(next(db.query("select * from sentences")))
    assert (row["published"], row["year"], row["prison_term"]) == ("2025-01-02", 2025, "8 years 4 months")
    assert db.execute("select year from articles").fetchone()[0] == 2025


def test_undated_article_has_no_year(db):
    aid = add_article(db, "https://example.org/a", None)
    assert db.execute("select year from articles").fetchone()[0] is None
    assert add_sentence(db, "s1", aid)["year"] is None


def test_entity_counts_and_dates_follow_mentions(db):
    a1 = add_article(db, "https://example.org/1", "2024-01-10")
    a2 = add_article(db, "https://example.org/2", "2025-06-30")
    add_mention(db, "m1", a1, "e1")
    add_mention(db, "m2", a1, "e1")
    add_mention(db, "m3", a2, "e1")
    e = dict(next(db.query("select * from entities where id = 'e1'")))
    assert (e["article_count"], e["mention_count"], e["first_seen"], e["last_seen"]) == (
        2,
        3,
        "2024-01-10",
        "2025-06-30",
    )
    with db.conn:
        db.execute("delete from mentions where article_id = ?", [a2])  # the article is reprocessed
    e = dict(next(db.query("select * from entities where id = 'e1'")))
    assert (e["article_count"], e["mention_count"], e["last_seen"]) == (1, 2, "2024-01-10")
    with db.conn:
        db.execute("delete from mentions")
    assert db.execute("select article_count from entities").fetchone()[0] == 0
    assert db["people"].count == 0  # an entity nobody names any more is not listed


def test_no_victim_mention_is_ever_stored(db):
    """The NLP stage drops victims; the database refuses them too, should an extractor forget."""
    aid = add_article(db, "https://example.org/a", "2024-01-10")
    add_mention(db, "m2", aid, "suspect", role="defendant")
    with db.conn:
        db["entities"].insert({"id": "victim", "kind": "person", "name": "Sok Mean"}, pk="id")
        db.execute(
            "insert into mentions (id, article_id, entity_id, surface, role) "
            "values ('m1', ?, 'victim', 'Sok Mean', 'victim')",
            [aid],
        )
        db["mentions"].insert_all(
            [
                {"id": "m3", "article_id": aid, "entity_id": "victim", "surface": "Sok Mean", "role": "victim"},
                {"id": "m4", "article_id": aid, "entity_id": "suspect", "surface": "Chea Sophal", "role": "defendant"},
            ],
            pk="id",
        )
    assert sorted(r[0] for r in db.execute("select id from mentions")) == ["m2", "m4"]
    assert [r["name"] for r in db.query("select name from people")] == ["Chea Sophal"]


def test_fts_follows_writes_and_ignores_derived_columns(db):
    aid = add_article(
        db,
        "https://example.org/a",
        "2024-01-10",
        text="Brokers sold workers to a fishing boat.",
        title="Fishing boat case",
    )
    add_sentence(db, "s1", aid, defendant="Boonmee Sriwattana", prison_months=168, text="Boonmee got 14 years.")
    add_mention(db, "m1", aid, "e1", name="Boonmee Sriwattana")

    def hits(table, q):
        return db.execute(f"select count(*) from {table}_fts where {table}_fts match ?", [q]).fetchone()[0]

    assert hits("articles", "fishing") == 1 and hits("sentences", "Boonmee") == 1
    assert hits("entities", "Sriwattana") == 1 and hits("mentions", "named") == 1
    with db.conn:  # writing non-indexed columns must leave the index consistent
        db.execute("update articles set processed_at = 'x', nlp_version = 'v'")
        db.execute("update articles set published = '2024-02-02'")
        db.execute("update articles set text = 'Nothing about boats.' where id = ?", [aid])
    assert hits("articles", "fishing") == 1  # still in the title
    assert hits("articles", "boats") == 1
    with db.conn:
        db.execute("delete from sentences")
    assert hits("sentences", "Boonmee") == 0
    fts_ok(db)


def old_schema_database(path):
    """A database as the previous version of the schema made it (sqlite-utils' FTS triggers,
    no derived columns, the old prosecutions view)."""
    db = sqlite_utils.Database(path)
    db["sources"].create({"id": str, "name": str}, pk="id")
    db["articles"].create(
        {"id": str, "url": str, "source_id": str, "title": str, "published": str, "text": str, "fetched_at": str},
        pk="id",
    )
    db["entities"].create({"id": str, "kind": str, "name": str, "latitude": float, "longitude": float}, pk="id")
    db["mentions"].create(
        {
            "id": str,
            "article_id": str,
            "entity_id": str,
            "surface": str,
            "start": int,
            "end": int,
            "role": str,
            "context": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["sentences"].create(
        {
            "id": str,
            "article_id": str,
            "defendant_id": str,
            "defendant": str,
            "prison_months": int,
            "suspended_months": int,
            "life": int,
            "death": int,
            "court": str,
            "place": str,
            "text": str,
            "start": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("defendant_id", "entities", "id")],
    )
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db.create_view("prosecutions", "select sentences.id as sentence_id from sentences")
    db["articles"].insert(
        {
            "id": "a1",
            "url": "https://example.org/a",
            "title": "Court jails broker",
            "published": "2024-05-06",
            "text": "The court jailed a broker.",
        }
    )
    db["entities"].insert({"id": "e1", "kind": "person", "name": "Chea Sophal"})
    db["entities"].insert({"id": "p1", "kind": "place", "name": "Kandal", "latitude": 11.2, "longitude": 104.9})
    db["mentions"].insert(
        {
            "id": "m1",
            "article_id": "a1",
            "entity_id": "e1",
            "surface": "Chea Sophal",
            "start": 0,
            "end": 11,
            "context": "Chea Sophal was jailed.",
        }
    )
    db["mentions"].insert(
        {
            "id": "m2",
            "article_id": "a1",
            "entity_id": "p1",
            "surface": "Kandal",
            "start": 20,
            "end": 26,
            "context": "The Kandal court.",
        }
    )
    db["sentences"].insert(
        {
            "id": "s1",
            "article_id": "a1",
            "defendant_id": "e1",
            "defendant": "Chea Sophal",
            "prison_months": 108,
            "life": 0,
            "death": 0,
            "court": "Kandal Provincial Court",
            "place": "Kandal",
            "text": "Chea Sophal was jailed for nine years.",
        }
    )
    db.close()


def test_migration_of_an_old_database_fills_derived_columns(tmp_path):
    path = tmp_path / "old.db"
    old_schema_database(path)
    db = open_db(path)
    s = dict(next(db.query("select * from sentences")))
    assert (s["prison_term"], s["published"], s["year"], s["article_url"]) == (
        "9 years",
        "2024-05-06",
        2024,
        "https://example.org/a",
    )
    e = dict(next(db.query("select * from entities where id = 'e1'")))
    assert (e["article_count"], e["mention_count"], e["first_seen"]) == (1, 1, "2024-05-06")
    assert db.execute("select year from articles").fetchone()[0] == 2024
    triggers = {r[0] for r in db.execute("select name from sqlite_master where type = 'trigger'")}
    assert not {"articles_ai", "articles_ad", "articles_au"} & triggers  # replaced by ours
    assert db.execute("select count(*) from sentences_fts where sentences_fts match 'nine'").fetchone()[0] == 1
    assert db.execute("select count(*) from mentions_fts where mentions_fts match 'jailed'").fetchone()[0] == 1
    assert db.execute("select count(*) from articles_fts where articles_fts match 'broker'").fetchone()[0] == 1
    assert [r["defendant"] for r in db.query("select * from prosecutions")] == ["Chea Sophal"]
    assert [r["name"] for r in db.query("select * from places")] == ["Kandal"]
    fts_ok(db)
    schema = schema_of(db)
    db.close()
    db = open_db(path)
    assert schema_of(db) == schema  # a second run is a no-op
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_schema_check_needs_no_write_lock_when_up_to_date(tmp_path):
    """`serve` (and every command) runs the schema check while the nightly job may be writing."""
    path = tmp_path / "t.db"
    open_db(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("begin immediate")
    writer.execute("insert into runs (command, status, started_at) values ('nightly', 'running', 'now')")
    try:
        reader = sqlite_utils.Database(sqlite3.connect(path, timeout=0.2))
        ensure_schema(reader)  # would raise "database is locked" if it tried to write
        assert reader.execute("select count(*) from runs").fetchone()[0] == 0
    finally:
        writer.execute("rollback")


def test_views_answer_on_an_empty_database(db):
    for view in VIEWS:
        assert list(db.query(f"select * from {view}")) == []


def both_sides(rows) -> list[tuple]:
    """Pairs stored once (the smaller id first) as `co_mentions` gives them: from each side."""
    assert all(a < b for a, b, *_ in rows), rows
    return sorted(rows + [(b, a, *rest) for a, b, *rest in rows])


def pairs(db):
    return both_sides(
        db.execute("select entity_id, other_id, articles, first_together, last_together from entity_pairs").fetchall()
    )


def pairs_from_scratch(db):
    from storage.schema import REBUILD

    return both_sides(
        db.execute(
            REBUILD["entity_pairs"].replace(
                "insert into entity_pairs (entity_id, other_id, articles, first_together, last_together)", ""
            )
        ).fetchall()
    )


def entity_stats(db):
    return db.execute(
        "select id, coalesce(article_count, 0), coalesce(mention_count, 0), first_seen, last_seen "
        "from entities order by id"
    ).fetchall()


def entity_stats_from_scratch(db):
    from storage.schema import DERIVED

    db.execute("savepoint recount")
    db.execute(f"update entities set {DERIVED['entities']}")
    stats = entity_stats(db)
    db.execute("rollback to recount")
    db.execute("release recount")
    return stats


@pytest.mark.parametrize("seed", range(6))
def test_entity_pairs_and_counts_follow_every_write(db, seed):
    """The trigger-kept pairs and entity counts always equal a recount from scratch, through
    a random walk of inserts, deletes, moves, reprocessing and date changes."""
    import random

    rng = random.Random(seed)
    articles = [add_article(db, f"https://example.org/{i}", f"2024-0{1 + i}-1{i}") for i in range(6)]
    with db.conn:
        db["entities"].insert_all([{"id": f"e{i}", "kind": "person", "name": f"N{i}"} for i in range(7)], pk="id")

    def some_mention():
        row = db.execute("select id from mentions order by id limit 1 offset ?", [rng.randrange(12)]).fetchone()
        return row[0] if row else None

    for step in range(200):
        action = rng.random()
        with db.conn:
            if action < 0.5:
                db.execute(
                    "insert into mentions (id, article_id, entity_id, surface) values (?, ?, ?, 'x')",
                    [f"m{step}", rng.choice(articles), f"e{rng.randrange(7)}"],
                )
            elif action < 0.75:
                db.execute("delete from mentions where id = ?", [some_mention()])
            elif action < 0.85:
                db.execute("update mentions set entity_id = ? where id = ?", [f"e{rng.randrange(7)}", some_mention()])
            elif action < 0.9:
                db.execute("update mentions set article_id = ? where id = ?", [rng.choice(articles), some_mention()])
            elif action < 0.95:
                db.execute("delete from mentions where article_id = ?", [rng.choice(articles)])  # reprocessing
            else:
                db.execute(
                    "update articles set published = ? where id = ?",
                    [f"2023-0{rng.randrange(1, 9)}-01", rng.choice(articles)],
                )
        assert pairs(db) == pairs_from_scratch(db), step
        assert entity_stats(db) == entity_stats_from_scratch(db), step
    co = list(db.query("select * from co_mentions"))
    assert len(co) == len(pairs(db)) and all(r["entity"] and r["other"] for r in co)


def test_entity_pairs_are_rebuilt_by_the_migration(tmp_path):
    path = tmp_path / "old.db"
    old_schema_database(path)
    db = open_db(path)
    assert (
        pairs(db)
        == pairs_from_scratch(db)
        == [("e1", "p1", 1, "2024-05-06", "2024-05-06"), ("p1", "e1", 1, "2024-05-06", "2024-05-06")]
    )
    assert [(r["entity"], r["other"]) for r in db.query("select * from co_mentions order by entity")] == [
        ("Chea Sophal", "Kandal"),
        ("Kandal", "Chea Sophal"),
    ]


# The previous version's pair trigger and view: each pair stored from both sides.
PAIRS_BOTH_SIDES_TRIGGER = """
    CREATE TRIGGER mentions_pairs_insert AFTER INSERT ON mentions
    WHEN (select count(*) from mentions where article_id = new.article_id and entity_id = new.entity_id) = 1 BEGIN
      INSERT INTO entity_pairs (entity_id, other_id, articles, first_together, last_together)
        SELECT new.entity_id, o.entity_id, 1, NULL, NULL FROM (select distinct entity_id from mentions
        where article_id = new.article_id and entity_id != new.entity_id) o WHERE true
        on conflict (entity_id, other_id) do update set articles = articles + 1;
      INSERT INTO entity_pairs (entity_id, other_id, articles, first_together, last_together)
        SELECT o.entity_id, new.entity_id, 1, NULL, NULL FROM (select distinct entity_id from mentions
        where article_id = new.article_id and entity_id != new.entity_id) o WHERE true
        on conflict (entity_id, other_id) do update set articles = articles + 1;
    END"""
PAIRS_BOTH_SIDES_VIEW = """
    create view co_mentions as
    select entity_pairs.entity_id, ea.name as entity, ea.kind as entity_kind,
           entity_pairs.other_id, eb.name as other, eb.kind as other_kind,
           entity_pairs.articles, entity_pairs.first_together, entity_pairs.last_together
    from entity_pairs
    join entities ea on ea.id = entity_pairs.entity_id
    join entities eb on eb.id = entity_pairs.other_id
    order by entity_pairs.articles desc"""


def test_pairs_stored_from_both_sides_by_the_previous_version_are_stored_once(tmp_path):
    """The migration keeps one row a pair, and co_mentions shows the rows it showed before."""
    path = tmp_path / "t.db"
    db = open_db(path)
    first = add_article(db, "https://example.org/1", "2024-03-04")
    second = add_article(db, "https://example.org/2", "2024-05-06")
    for mid, article, eid, kind, name in [
        ("m1", first, "e1", "person", "Chea Sophal"),
        ("m2", first, "p1", "place", "Kandal"),
        ("m3", second, "e1", "person", "Chea Sophal"),
        ("m4", second, "p1", "place", "Kandal"),
        ("m5", second, "g1", "agency", "Licadho"),
    ]:
        add_mention(db, mid, article, eid, kind=kind, name=name)
    with db.conn:  # the file as the previous version left it
        db.execute(
            "insert into entity_pairs select other_id, entity_id, articles, first_together, last_together "
            "from entity_pairs"
        )
        db.execute("drop trigger mentions_pairs_insert")
        db.execute(PAIRS_BOTH_SIDES_TRIGGER)
        db.execute("drop view co_mentions")
        db.execute(PAIRS_BOTH_SIDES_VIEW)

    def shown(db):
        return sorted(
            db.execute("select entity, other, articles, first_together, last_together from co_mentions").fetchall()
        )

    before = shown(db)
    assert len(before) == 6 and ("Kandal", "Chea Sophal", 2, "2024-03-04", "2024-05-06") in before
    db.close()
    db = open_db(path)
    assert db.execute("select count(*) from entity_pairs").fetchone()[0] == 3
    assert shown(db) == before
    assert pairs(db) == pairs_from_scratch(db)
    add_mention(db, "m6", first, "g1", kind="agency", name="Licadho")  # the triggers go on from there
    assert pairs(db) == pairs_from_scratch(db)
    assert ("Licadho", "Kandal", 2, "2024-03-04", "2024-05-06") in shown(db)
