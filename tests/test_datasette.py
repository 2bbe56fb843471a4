"""Datasette serves the database with the metadata: tables, the view and every canned query."""
import asyncio
import json
import time
import urllib.request

import pytest
from datasette.app import Datasette

from tests.conftest import EXPECTED, ROOT, free_port

METADATA = json.loads((ROOT / "datasette_metadata.json").read_text())
DB_META = METADATA["databases"]["trafficking_news"]
SAMPLE_PARAMS = {"q": "trafficking", "court": "Court", "name": "a", "agency": "a"}


def get_json(ds, path):
    async def fetch():
        return await ds.client.get(path)
    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.json()


@pytest.fixture(scope="module")
def ds(crawled_demo_db):
    return Datasette([str(crawled_demo_db)], metadata=METADATA,
                     settings={"sql_time_limit_ms": 3000})


def test_every_table_and_view_answers(ds):
    for table in DB_META["tables"]:
        data = get_json(ds, f"/trafficking_news/{table}.json?_shape=objects&_size=5")
        assert "rows" in data, table


def test_every_table_and_column_is_described(crawled_demo_db):
    import sqlite_utils
    db = sqlite_utils.Database(crawled_demo_db)
    for name in db.table_names() + db.view_names():
        if name.startswith("articles_fts"):
            continue
        assert name in DB_META["tables"], f"{name} has no description in datasette_metadata.json"
        described = set(DB_META["tables"][name].get("columns", {}))
        assert set(db[name].columns_dict) <= described, name


def test_sentences_table_shows_demo_sentencings(ds):
    rows = get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&_size=max")
    found = {(r["defendant"], r["prison_months"]) for r in rows}
    expected = {(s["defendant"], s["prison_months"]) for s in EXPECTED["sentencings"]
                if s["prison_months"]}
    assert len(found & expected) >= 0.8 * len(expected), (found, expected)
    for row in rows:
        assert row["article_url"].startswith("http://127.0.0.1")


def test_every_canned_query_answers(ds):
    assert len(DB_META["queries"]) >= 3
    for name, query in DB_META["queries"].items():
        params = "&".join(f"{p}={v}" for p, v in SAMPLE_PARAMS.items() if f":{p}" in query["sql"])
        data = get_json(ds, f"/trafficking_news/{name}.json?_shape=array&{params}")
        assert isinstance(data, list), name
        assert data, f"canned query {name} returned no rows on the demo database"


def test_search_canned_query_finds_known_article(ds):
    title = next(a["title"] for a in EXPECTED["articles"] if a["on_topic"])
    word = max(title.split(), key=len).strip(",.:;'\"")
    rows = get_json(ds, f"/trafficking_news/search_articles.json?_shape=array&q={word}")
    assert any(r["title"] == title for r in rows)


def test_pipeline_serve_runs_real_datasette(crawled_demo_db):
    import subprocess
    import sys
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(crawled_demo_db),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/trafficking_news/sentences.json?_shape=array") as r:
                    rows = json.load(r)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        assert rows and all(row["article_id"] for row in rows)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert "Trafficking News Monitor" in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_end_to_end_known_sentencing_linked_to_its_article(ds):
    """Demo site -> crawl -> process -> Datasette: a known sentencing, with its article."""
    gold = next(s for s in EXPECTED["sentencings"] if s["defendant"] == "Yim Sokha")
    rows = get_json(ds, "/trafficking_news/sentences.json?_shape=array&defendant=Yim+Sokha&_labels=on")
    (row,) = rows
    assert row["prison_months"] == gold["prison_months"] == 180
    assert row["place"] == gold["place"]
    article = get_json(ds, f"/trafficking_news/articles/{row['article_id']['value']}.json?_shape=array")
    assert article[0]["url"].endswith(gold["path"])
