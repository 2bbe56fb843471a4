"""Writes are all-or-nothing: storage.schema.transaction, one article per transaction, listing
validators kept aside until the crawl finishes, nothing rewritten when nothing changed."""

from types import SimpleNamespace

import pytest

from nlp.names import lookup_key
from storage import transaction
from storage.articles import (
    commit_feed_validators,
    discard_pending_validators,
    feed_validators,
    save_feed_state,
    store_article,
    upsert_sources,
)
from storage.extractions import entity_id, save_extraction


def test_transaction_rolls_back_sqlite_utils_calls_and_plain_execute(db):
    db["sources"].insert({"id": "a", "name": "A"}, pk="id")
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.execute("delete from sources")  # sqlite-utils 4 would commit this at once outside
            db["sources"].insert({"id": "b", "name": "B"}, pk="id")
            with transaction(db):  # nested: a savepoint
                db["sources"].insert({"id": "c", "name": "C"}, pk="id")
            raise RuntimeError("crash")
    assert [r[0] for r in db.execute("select id from sources")] == ["a"]
    assert not db.conn.in_transaction


def _result(text, entities, sentences):
    """(text, extraction): what save_extraction takes from the NLP stage."""
    return text, {"entities": entities, "sentences": sentences}


def _person(name, start, role=None):
    return {
        "kind": "person",
        "name": name,
        "canonical": name,
        "key": lookup_key(name),
        "role": role,
        "title": None,
        "age": None,
        "agency_kind": None,
        "place_kind": None,
        "country": None,
        "lat": None,
        "lon": None,
        "mentions": [(start, start + len(name), name, 0, 40)],
    }


def _article(db, url="https://x.org/a", text="Sok Dara was jailed for ten years by the court."):
    upsert_sources(
        db,
        [
            SimpleNamespace(
                id="x",
                name="X",
                homepage="https://x.org/",
                country="KH",
                language="en",
                start_urls=[],
                allowed_domains=[],
            )
        ],
    )
    store_article(
        db,
        {
            "url": url,
            "source_id": "x",
            "title": "T",
            "text": text,
            "relevant": True,
            "content_hash": str(hash(text)),
            "html": f"<p>{text}</p>",
        },
    )
    return db.execute("select id from articles where url = ?", [url]).fetchone()[0]


def test_a_failure_half_way_through_an_article_keeps_its_previous_results(db):
    aid = _article(db)
    text = "Sok Dara was jailed for ten years by the court."
    save_extraction(db, aid, *_result(text, [_person("Sok Dara", 0)], []), "v1")
    assert db["mentions"].count == 1
    broken_sentence = {"defendant_key": "sok dara"}  # missing keys: fails after the mentions
    with pytest.raises(KeyError):
        save_extraction(
            db, aid, *_result(text, [_person("Sok Dara", 0), _person("Chan Thy", 20)], [broken_sentence]), "v2"
        )
    assert db["mentions"].count == 1 and db["entities"].count == 1  # nothing of v2 was kept
    assert db.execute("select nlp_version from articles").fetchone()[0] == "v1"


def test_reprocessing_replaces_and_drops_entities_only_the_old_results_named(db):
    aid = _article(db)
    other = _article(db, "https://x.org/b", "Chan Thy and Sok Dara appeared in court on Monday.")
    text = "Sok Dara was jailed for ten years by the court."
    save_extraction(db, aid, *_result(text, [_person("Sok Dara", 0), _person("Wrong Name", 20)], []), "v1")
    save_extraction(
        db, other, *_result("Chan Thy and Sok Dara", [_person("Chan Thy", 0), _person("Sok Dara", 13)], []), "v1"
    )
    assert db["entities"].count == 3
    save_extraction(db, aid, *_result(text, [_person("Sok Dara", 0)], []), "v2")
    names = {r[0] for r in db.execute("select name from entities")}
    assert names == {"Sok Dara", "Chan Thy"}  # 'Wrong Name' was only in the old results
    assert db.execute("select count(*) from mentions where article_id = ?", [aid]).fetchone()[0] == 1
    assert (
        db.execute(
            "select count(*) from mentions where entity_id = ?", [entity_id("person", lookup_key("Sok Dara"))]
        ).fetchone()[0]
        == 2
    )


def test_a_changed_text_clears_the_old_extraction_in_the_same_transaction(db):
    aid = _article(db)
    save_extraction(db, aid, *_result("x", [_person("Sok Dara", 0)], []), "v1")
    _article(db, text="A corrected text: Sok Dara was jailed for twelve years by the court.")
    row = db["articles"].get(aid)
    assert row["processed_at"] is None and row["nlp_version"] is None
    assert db["mentions"].count == 0 and db["entities"].count == 0


def test_listing_validators_count_only_once_the_crawl_finished(db):
    save_feed_state(db, "https://x.org/feed", "x", 200, etag='"v1"')
    assert feed_validators(db) == {}  # read, but its articles may not all be fetched yet
    commit_feed_validators(db)
    assert feed_validators(db) == {"https://x.org/feed": ('"v1"', None)}
    save_feed_state(db, "https://x.org/feed", "x", 200, etag='"v2"')  # then the crawl is killed
    discard_pending_validators(db)  # the next crawl starts
    commit_feed_validators(db)
    assert feed_validators(db) == {"https://x.org/feed": ('"v1"', None)}  # v1: the feed is read again


def test_unchanged_sources_are_not_rewritten(db):
    source = SimpleNamespace(
        id="x",
        name="X",
        homepage="https://x.org/",
        country="KH",
        language="en",
        start_urls=["https://x.org/feed"],
        allowed_domains=["x.org"],
    )
    upsert_sources(db, [source])
    db.execute("update sources set updated_at = 'before'")
    upsert_sources(db, [source])
    assert db["sources"].get("x")["updated_at"] == "before"
    source.name = "X News"
    upsert_sources(db, [source])
    assert db["sources"].get("x")["updated_at"] != "before" and db["sources"].get("x")["name"] == "X News"
