"""The public site under what a journalist types and what an attacker sends.

- Every search accepts any text (apostrophes, quotes, FTS operators, nothing at all): no 400.
- An anonymous `?sql=` cannot make the server allocate gigabytes: SQLite's string/blob length,
  the rows one query returns and SQLite's heap are capped (checked on a real `datasette` process),
  while the longest article the crawler can store stays readable.
- The home page is rendered once per state of the database, and shows a change at once.
"""

import asyncio
import json
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import serving
from web import app as web_app

TYPED = [
    "",
    "   ",
    "Women's Affairs",
    '"Women\'s Affairs"',
    "'",
    '"',
    '""',
    'a "quoted" (phrase',
    "court OR",
    "OR",
    "NOT court",
    "AND OR NOT",
    "traff*",
    "*",
    "-",
    "court - jails",
    "x:y",
    "NEAR(a b",
    "(",
    ")",
    "^court",
    "court +jails",
    '"unclosed phrase',
    "\\",
    "%",
    "Nguyễn Văn Thắng",
    "ស្រុក",
    "a" * 300,
    "Yim Sokha;--",
    "1=1' or '1'='1",
]
SEARCHES = ["search_articles", "search_everything"]


def get(ds, path):
    async def fetch():
        return await ds.client.get(path)

    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def ds(crawled_demo_db):
    return web_app.datasette_app(crawled_demo_db)


def rows(ds, query, q):
    response = get(ds, f"/trafficking_news/{query}.json?_shape=array&q={urllib.parse.quote(q)}")
    assert response.status_code == 200, (query, q, response.status_code, response.text[:300])
    return response.json()


@pytest.mark.parametrize("query", SEARCHES)
@pytest.mark.parametrize("typed", TYPED)
def test_every_search_accepts_whatever_is_typed(ds, query, typed):
    rows(ds, query, typed)
    response = get(ds, f"/trafficking_news/{query}?q={urllib.parse.quote(typed)}")  # the HTML page too
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_page_opened_without_a_term_answers(ds, query):
    assert get(ds, f"/trafficking_news/{query}").status_code == 200
    assert rows(ds, query, "") == []


def test_an_apostrophe_finds_the_agency(ds):
    titles = {r["title"] for r in rows(ds, "search_articles", "Women's Affairs")}
    assert len(titles) >= 2
    found = rows(ds, "search_everything", "Ministry of Women's Affairs")
    assert any(r["found_in"] == "article" for r in found)


def test_search_words_phrases_and_operators(ds):
    both = {r["article_id"] for r in rows(ds, "search_articles", "Svay Rieng")}
    phrase = {r["article_id"] for r in rows(ds, "search_articles", '"Svay Rieng"')}
    svay = {r["article_id"] for r in rows(ds, "search_articles", "Svay")}
    assert phrase and phrase <= both <= svay
    either = {r["article_id"] for r in rows(ds, "search_articles", "Battambang OR Svay")}
    battambang = {r["article_id"] for r in rows(ds, "search_articles", "Battambang")}
    assert either == battambang | svay
    assert {r["article_id"] for r in rows(ds, "search_articles", "Svay NOT Battambang")} == svay - battambang
    assert {r["article_id"] for r in rows(ds, "search_articles", "Battamb*")} == battambang
    assert rows(ds, "search_articles", "Svay -") == rows(ds, "search_articles", "Svay")  # punctuation ignored


# -- SQLite's limits, on a real server process ---------------------------------------------
def sql_answer(base, sql):
    try:
        with urllib.request.urlopen(f"{base}/trafficking_news.json?sql={urllib.parse.quote(sql)}", timeout=120) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture(scope="module")
def served_with_a_long_article(site_fixture_db, tmp_path_factory):
    """The site fixture plus one article as long as a crawled page may be (10 MB)."""
    from storage import open_db
    from storage.articles import store_article

    path = tmp_path_factory.mktemp("long_article") / "trafficking_news.db"
    shutil.copy(site_fixture_db, path)
    db = open_db(path)
    long_text = ("The Kampot court heard how brokers moved workers across the border at night. " * 130_000)[:10_000_000]
    store_article(
        db,
        {
            "url": "https://fixture.example/long",
            "title": "Kampot court hears a long case",
            "text": long_text,
            "published": "2025-01-02",
            "source_id": "fixture",
            "content_hash": "long",
            "relevant": True,
            "relevance": 3.0,
        },
    )
    article_id = db.execute("select id from articles where url = 'https://fixture.example/long'").fetchone()[0]
    db.close()
    with serving(path) as base:
        yield base, article_id, len(long_text)


@pytest.mark.parametrize(
    "sql, error",
    [
        ("select length(hex(randomblob(400000000)))", "string or blob too big"),
        ("select zeroblob(400000000)", "string or blob too big"),
        ("select length(replace(hex(randomblob(8000000)), '0', '00000000'))", "string or blob too big"),
        (
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000) "
            "select hex(randomblob(8000000)) from n",
            "limit of 32 MB",
        ),
        (
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000) "
            "select zeroblob(16000000) from n",
            "limit of 32 MB",
        ),
    ],
)
def test_a_huge_value_or_result_is_an_error(served_with_a_long_article, sql, error):
    base, _, _ = served_with_a_long_article
    status, answer = sql_answer(base, sql)
    assert status == 400 and error in answer["error"], (status, answer)


def test_the_longest_storable_article_is_still_served_whole(served_with_a_long_article):
    base, article_id, length = served_with_a_long_article
    status, answer = sql_answer(base, f"select length(text), text from articles where id = '{article_id}'")
    assert status == 200 and answer["rows"][0][0] == length == len(answer["rows"][0][1])
    with urllib.request.urlopen(f"{base}/trafficking_news/articles/{article_id}.json?_shape=array") as r:
        assert len(json.load(r)[0]["text"]) == length
    for query in SEARCHES:  # found, with the text's start as excerpt (FTS5's snippet would take minutes)
        with urllib.request.urlopen(f"{base}/trafficking_news/{query}.json?_shape=array&q=brokers") as r:
            (found,) = [row for row in json.load(r) if row["article_id"] == article_id]
        assert found["excerpt"].startswith("The Kampot court heard how brokers")
    with urllib.request.urlopen(f"{base}/trafficking_news/articles?_search=brokers") as r:
        assert r.status == 200
    assert sql_answer(base, "select count(*) from articles")[0] == 200  # the server is still fine


# -- the home page ---------------------------------------------------------------------------
def test_home_page_shows_a_change_of_the_database_at_once(site_fixture_db, tmp_path):
    """The home page is kept between requests and rendered again as soon as the database file
    changes (what it lists is checked through its JSON twin, which is kept the same way)."""
    path = tmp_path / "trafficking_news.db"
    shutil.copy(site_fixture_db, path)
    site = web_app.datasette_app(path)
    get(site, "/"), get(site, "/.json")  # first renders (the WAL file appears on the first read)
    assert get(site, "/").text == get(site, "/").text
    listed = get(site, "/.json").json()["trafficking_news"]
    with sqlite3.connect(path) as conn:  # as a migration of the nightly job would, while the site serves
        conn.execute("create table notes (id integer primary key, note text)")
    now = get(site, "/.json").json()["trafficking_news"]
    assert now["tables_count"] == listed["tables_count"] + 1
    assert f"{now['tables_count']} tables" in get(site, "/").text
    assert get(site, "/?_sort=relationships").status_code == 200  # answered, not from the copy
    assert asyncio.run(site.client.get("/", cookies={"ds_actor": "x"})).status_code == 200
