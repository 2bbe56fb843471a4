"""The public site: no victim listed anywhere, article HTML shown as text, read-only, time-limited.

Runs the Datasette that `pipeline.py serve` runs (web.app.datasette_app) on a database
whose two articles went through the real store and NLP stages (tests/conftest.py).
"""

import urllib.parse

import pytest
import yaml

from tests.conftest import ROOT, VICTIM, datasette_get
from web import app as web_app

METADATA = yaml.safe_load((ROOT / "datasette_metadata.yml").read_text(encoding="utf-8"))
DB_META = METADATA["databases"]["trafficking_news"]


@pytest.fixture(scope="module")
def site(site_fixture_db):
    return web_app.datasette_app(site_fixture_db)


def get_json(site, path):
    response = datasette_get(site, path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response.json()


def get_html(site, path):
    response = datasette_get(site, path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


# -- victims -----------------------------------------------------------------------
def test_fixture_withholds_the_victims_name_in_its_text(site):
    """The article text keeps everything but the victim's name, which search cannot find."""
    rows = get_json(site, f"/trafficking_news/articles.json?_shape=array&_search={urllib.parse.quote(VICTIM)}")
    assert rows == []
    (article,) = get_json(site, "/trafficking_news/articles.json?_shape=array&url__contains=kandal")
    assert VICTIM not in article["text"] and "[name withheld], a survivor" in article["text"]
    assert "testified against Chea Sophal" in article["text"]
    # and the defendant of the same article is listed, so the NLP stage did run
    people = get_json(site, "/trafficking_news/people.json?_shape=array")
    assert "Chea Sophal" in {p["name"] for p in people}


@pytest.mark.parametrize(
    "path",
    [
        "/trafficking_news/entities.json?_shape=array&_size=max",
        "/trafficking_news/people.json?_shape=array&_size=max",
        "/trafficking_news/mentions.json?_shape=array&_size=max&_labels=on",
        "/trafficking_news/co_mentions.json?_shape=array&_size=max",
        "/trafficking_news/sentences.json?_shape=array&_size=max",
        "/trafficking_news/prosecutions.json?_shape=array&_size=max",
    ],
)
def test_no_victim_in_any_table_or_view(site, path):
    for row in get_json(site, path):
        listed = {str(v) for k, v in row.items() if k in {"name", "entity", "other", "defendant", "surface"}}
        if isinstance(row.get("entity_id"), dict):
            listed.add(row["entity_id"]["label"])
        assert not any(VICTIM in value for value in listed), row


def test_no_victim_in_facets_or_entity_search(site):
    data = get_json(site, "/trafficking_news/entities.json?_facet=name&_facet=kind&_size=0")
    values = {str(v["value"]) for facet in data["facet_results"].values() for v in facet["results"]}
    assert "Chea Sophal" in values and VICTIM not in values
    data = get_json(site, "/trafficking_news/mentions.json?_facet=surface&_size=0")
    assert VICTIM not in {str(v["value"]) for v in data["facet_results"]["surface"]["results"]}
    q = urllib.parse.quote(VICTIM)
    assert get_json(site, f"/trafficking_news/entities.json?_shape=array&_search={q}") == []
    assert get_json(site, f"/trafficking_news/entity_mentions.json?_shape=array&name={q}") == []
    assert get_json(site, "/trafficking_news/named_alongside.json?_shape=array&name=Chea+Sophal") != []
    alongside = {
        r["name"] for r in get_json(site, "/trafficking_news/named_alongside.json?_shape=array&name=Chea+Sophal")
    }
    assert VICTIM not in alongside
    found = get_json(site, f"/trafficking_news/search_everything.json?_shape=array&q={q}")
    assert found == []  # not as a person, not in any text


def test_entity_page_of_defendant_does_not_list_the_victim_alongside(site):
    (person,) = get_json(site, "/trafficking_news/people.json?_shape=array&name=Chea+Sophal")
    html = get_html(site, f"/trafficking_news/entities/{person['id']}")
    alongside = html.split("<h2>Named alongside</h2>", 1)[1].split("</section>", 1)[0]
    assert "Kandal Provincial Court" in alongside and VICTIM not in alongside


def test_victim_named_after_the_word_victim_is_not_stored(nlp, tmp_path):
    from storage import open_db
    from storage.articles import store_article
    from storage.extractions import save_extraction

    text = (
        "The Kandal Provincial Court sentenced Chea Sophal to nine years in prison. The victim, "
        "Srey Neang, 15, was rescued by police in Johor last year and repatriated to Cambodia."
    )
    db = open_db(tmp_path / "t.db")
    store_article(db, {"url": "https://example.org/v", "text": text, "content_hash": "h", "relevant": True})
    save_extraction(db, db.execute("select id from articles").fetchone()[0], text, nlp(text)._.extraction, "test")
    assert "Srey Neang" not in {r[0] for r in db.execute("select name from entities")}


# -- article HTML is text ---------------------------------------------------------------
def xss_article(site):
    (row,) = get_json(site, "/trafficking_news/articles.json?_shape=array&url=https://fixture.example/takeo")
    return row


def assert_inert(html):
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html and 'onerror="window.__xss' not in html
    assert "&lt;script&gt;window.__xss" in html


@pytest.mark.parametrize(
    "page", ["row", "table", "search", "prosecutions", "sentence", "entity", "search_everything", "mentions"]
)
def test_article_markup_is_escaped_in_every_page_showing_it(site, page):
    article = xss_article(site)
    (sentence,) = get_json(site, f"/trafficking_news/sentences.json?_shape=array&article_id={article['id']}")
    path = {
        "row": f"/trafficking_news/articles/{article['id']}",
        "table": "/trafficking_news/articles?_search=Takeo",
        "search": "/trafficking_news/search_articles?q=fishing",
        "prosecutions": "/trafficking_news/prosecutions?defendant=Mao+Rith",
        "sentence": f"/trafficking_news/sentences/{sentence['id']}",
        "entity": f"/trafficking_news/entities/{sentence['defendant_id']}",
        "search_everything": "/trafficking_news/search_everything?q=Takeo",
        "mentions": "/trafficking_news/mentions?_search=fishing",
    }[page]
    assert_inert(get_html(site, path))


def test_article_text_is_stored_as_published(site):
    article = xss_article(site)
    assert "<script>window.__xss = 1</script>" in article["text"]
    assert article["title"].endswith("<script>window.__xss = 3</script>")


# -- read-only, time-limited -------------------------------------------------------------
def test_no_write_canned_queries_and_no_write_plugins(site):
    assert not any(q.get("write") for q in DB_META["queries"].values())
    plugins = {p["name"] for p in get_json(site, "/-/plugins.json")}
    assert plugins == {
        "datasette-atom",
        "datasette-cluster-map",
        "datasette-dashboards",
        "datasette-leaflet",
        "datasette-render-markdown",
        "datasette-search-all",
        "trafficking_site.py",
        "site_security.py",
        "site_search.py",
        "home_page_cache.py",
    }


def test_posting_to_a_canned_query_changes_nothing(site, site_fixture_db):
    import asyncio

    async def post():
        return await site.client.post("/trafficking_news/longest_sentences", data={"x": "1"})

    response = asyncio.run(post())
    assert response.status_code == 405 and "read-only" in response.text
    response = datasette_get(site, "/trafficking_news.json?sql=delete+from+articles")
    assert response.status_code == 400
    assert len(get_json(site, "/trafficking_news/articles.json?_shape=array")) == 2


def test_sql_time_limit_is_set(site):
    settings = get_json(site, "/-/settings.json")
    assert settings["sql_time_limit_ms"] == web_app.DATASETTE_SETTINGS["sql_time_limit_ms"] <= 5000
    assert "sql_time_limit_ms" in web_app.datasette_command(ROOT / "x.db", "127.0.0.1", 1, ROOT / "m.json")
    slow = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    response = datasette_get(site, "/trafficking_news.json?sql=" + urllib.parse.quote(slow))
    assert response.status_code == 400 and "time limit" in response.text.lower()


# -- Content-Security-Policy -------------------------------------------------------------
def policy_of(response) -> dict[str, list[str]]:
    header = response.headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/trafficking_news",
        "/trafficking_news/articles",
        "/trafficking_news/search_articles?q=fishing",
        "/trafficking_news/places",
        "/-/search?q=Takeo",
        "/-/dashboards/overview",
        "/trafficking_news/articles.json",
        "/site/site.js",
        "/trafficking_news/no-such-table",
    ],
)
def test_every_response_has_a_content_security_policy(site, path):
    response = datasette_get(site, path)
    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and policy["script-src"][0] == "'self'"
    assert ("'unsafe-eval'" in policy["script-src"]) == path.startswith("/-/dashboards")  # Vega needs it
    assert response.headers["x-content-type-options"] == "nosniff"


def test_policy_allows_exactly_the_pages_own_inline_scripts(site):
    import base64
    import hashlib
    import re

    response = datasette_get(site, "/trafficking_news/places")  # Datasette's, the map's and ours
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", response.text, re.S)
    inline = [body for attrs, body in scripts if "src=" not in attrs]
    assert len(inline) >= 2
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in inline}
    allowed = set(policy_of(response)["script-src"])
    assert hashes <= allowed
    assert {h for h in allowed if h.startswith("'sha256-")} == hashes


def test_refused_write_has_the_policy_too(site):
    import asyncio

    async def post():
        return await site.client.post("/trafficking_news/articles", data={"x": "1"})

    response = asyncio.run(post())
    assert response.status_code == 405 and policy_of(response)["frame-ancestors"] == ["'none'"]
