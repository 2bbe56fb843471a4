"""Datasette serves the database with the metadata: tables, views, facets, FTS, every canned query."""

import asyncio
import csv
import io
import json
import time
import urllib.parse
import urllib.request

import pytest
import yaml

from tests.conftest import EXPECTED, ROOT, free_port
from web import app as web_app

METADATA = yaml.safe_load((ROOT / "datasette_metadata.yml").read_text(encoding="utf-8"))
DB_META = METADATA["databases"]["trafficking_news"]
# parameters that make every canned query return rows on the demo database
SAMPLE_PARAMS = {
    "q": "trafficking",
    "court": "Court",
    "name": "a",
    "agency": "a",
    "place": "",
    "year": "",
    "since": "2000-01-01",
    "days": "100000",
    "months": "1",
    "country": "",
}


def get_json(ds, path):
    async def fetch():
        return await ds.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.json()


def get_text(ds, path):
    async def fetch():
        return await ds.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.text


@pytest.fixture(scope="module")
def ds(crawled_demo_db):
    """The Datasette that `pipeline.py serve` runs: metadata, plugins, templates, settings."""
    return web_app.datasette_app(crawled_demo_db)


def test_every_table_and_view_answers_with_the_described_columns(ds):
    for table, meta in DB_META["tables"].items():
        data = get_json(ds, f"/trafficking_news/{table}.json?_shape=objects&_size=5")
        assert "rows" in data, table
        assert data["columns"] == list(meta["columns"]), table  # described, in order, no more


def test_every_table_and_column_is_described(crawled_demo_db):
    import sqlite_utils

    db = sqlite_utils.Database(crawled_demo_db)
    for name in db.table_names() + db.view_names():
        if name.endswith("_fts") or "_fts_" in name:
            continue
        assert name in DB_META["tables"], f"{name} has no description in datasette_metadata.yml"
        meta = DB_META["tables"][name]
        assert meta.get("description"), name
        described = set(meta.get("columns", {}))
        assert set(db[name].columns_dict) <= described, name
        assert all(meta["columns"].values()), name
        for key in ("label_column",):
            assert meta.get(key) is None or meta[key] in db[name].columns_dict, (name, key)
        for column in meta.get("sortable_columns", []) + [f for f in meta.get("facets", []) if isinstance(f, str)]:
            assert column in db[name].columns_dict, (name, column)


def test_sentences_table_shows_demo_sentences(ds):
    rows = get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&_size=max")
    found = {(r["defendant"], r["prison_months"]) for r in rows}
    expected = {(s["defendant"], s["prison_months"]) for s in EXPECTED["sentences"] if s["prison_months"]}
    assert len(found & expected) >= 0.8 * len(expected), (found, expected)
    for row in rows:
        assert row["article_url"].startswith("http://127.0.0.1")


QUERY_COLUMNS = {
    "search_everything": ["found_in", "name_or_title", "excerpt", "published", "url", "entity_id", "article_id"],
    "entity_mentions": ["published", "title", "name", "kind", "role", "context", "url", "article_id", "entity_id"],
    "named_alongside": ["name", "kind", "articles", "first_together", "last_together", "named_with", "entity_id"],
    "people_with_agency": ["person", "articles", "article_urls"],
    "sentence_totals": [
        "year",
        "court",
        "place",
        "sentences",
        "total_prison_months",
        "average_prison_months",
        "longest_prison_months",
        "life_sentences",
        "death_sentences",
    ],
    "sentences_by_court": [
        "defendant",
        "prison_months",
        "prison_term",
        "suspended_term",
        "life",
        "death",
        "fine",
        "court",
        "place",
        "charge",
        "published",
        "article_url",
        "evidence",
        "defendant_id",
        "article_id",
    ],
    "silent_cases": [
        "defendant",
        "current_stage",
        "last_event",
        "country",
        "articles",
        "outlets",
        "co_defendants",
        "case_id",
    ],
    "cases_by_country_and_stage": ["country", "year", "current_stage", "cases", "articles"],
    "appeals_that_changed_terms": [
        "date",
        "person",
        "outcome",
        "term",
        "court",
        "evidence",
        "article_title",
        "outlet",
        "case_id",
    ],
    "new_sentencings": [
        "atom_id",
        "atom_title",
        "atom_updated",
        "atom_link",
        "atom_content",
        "defendant",
        "prison_term",
        "court",
        "place",
        "published",
        "reports",
    ],
    "new_cases": [
        "atom_id",
        "atom_title",
        "atom_updated",
        "atom_content",
        "defendant",
        "country",
        "first_event",
        "current_stage",
        "current_term",
        "articles",
        "case_id",
    ],
    "person_events": [
        "atom_id",
        "atom_title",
        "atom_updated",
        "atom_link",
        "atom_content",
        "person",
        "stage",
        "date",
        "court",
        "outlet",
        "case_id",
    ],
    "longest_sentences": [
        "defendant",
        "prison_term",
        "prison_months",
        "death",
        "life",
        "court",
        "place",
        "charge",
        "published",
        "article_url",
        "defendant_id",
        "article_id",
    ],
    "new_articles": ["published", "source", "title", "url", "first_crawled", "sentences", "article_id"],
    "agencies_last_30_days": ["name", "agency_kind", "articles", "mentions", "last_named", "entity_id"],
    "search_articles": ["published", "title", "url", "excerpt", "article_id"],
}


def test_every_canned_query_answers(ds):
    assert set(DB_META["queries"]) == set(QUERY_COLUMNS)
    for name, query in DB_META["queries"].items():
        assert query.get("title") and query.get("description"), name
        assert not query.get("write"), name
        params = "&".join(f"{p}={v}" for p, v in SAMPLE_PARAMS.items() if f":{p}" in query["sql"])
        data = get_json(ds, f"/trafficking_news/{name}.json?{params}")
        assert data["columns"] == QUERY_COLUMNS[name], name
        assert data["rows"], f"canned query {name} returned no rows on the demo database"
        get_text(ds, f"/trafficking_news/{name}?{params}")  # the HTML page too


def test_search_canned_query_finds_known_article(ds):
    title = next(a["title"] for a in EXPECTED["articles"] if a["on_topic"])
    word = max(title.split(), key=len).strip(",.:;'\"")
    rows = get_json(ds, f"/trafficking_news/search_articles.json?_shape=array&q={word}")
    assert any(r["title"] == title for r in rows)


def test_pipeline_serve_runs_real_datasette(crawled_demo_db):
    import subprocess
    import sys

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(crawled_demo_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/trafficking_news/sentences.json?_shape=array"
                ) as r:
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


def test_end_to_end_known_sentence_linked_to_its_article(ds):
    """Demo site -> crawl -> process -> Datasette: a known sentence, with its article."""
    gold = next(s for s in EXPECTED["sentences"] if s["defendant"] == "Yim Sokha")
    rows = get_json(ds, "/trafficking_news/sentences.json?_shape=array&defendant=Yim+Sokha&_labels=on")
    (row,) = rows
    assert row["prison_months"] == gold["prison_months"] == 180
    assert row["place"] == gold["place"]
    article = get_json(ds, f"/trafficking_news/articles/{row['article_id']['value']}.json?_shape=array")
    assert article[0]["url"].endswith(gold["path"])


# -- canned queries return the known rows of the demo ----------------------------------
def query(ds, query_name, **params):
    return get_json(ds, f"/trafficking_news/{query_name}.json?_shape=array&{urllib.parse.urlencode(params)}")


def gold(defendant):
    return next(s for s in EXPECTED["sentences"] if s["defendant"] == defendant)


def test_search_everything_finds_person_sentence_and_article(ds):
    rows = query(ds, "search_everything", q="Yim Sokha")
    kinds = [r["found_in"] for r in rows]
    assert kinds[0] == "person, agency or place" and rows[0]["name_or_title"] == "Yim Sokha"
    assert "court sentence" in kinds and "article" in kinds
    (sentence,) = [r for r in rows if r["found_in"] == "court sentence"]
    assert sentence["name_or_title"] == "Yim Sokha: 15 years"
    assert sentence["url"].endswith(gold("Yim Sokha")["path"])
    assert query(ds, "search_everything", q='a "quoted" (phrase') == []  # no FTS syntax error


def test_entity_mentions_are_in_date_order_with_context(ds):
    rows = query(ds, "entity_mentions", name="Battambang Provincial Court")
    assert rows and all(r["name"] == "Battambang Provincial Court" for r in rows)
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    assert all("Battambang Provincial Court" in r["context"] for r in rows)


def test_named_alongside(ds):
    rows = query(ds, "named_alongside", name="Yim Sokha")
    names = {r["name"]: r for r in rows}
    assert "Battambang Provincial Court" in names and names["Battambang Provincial Court"]["articles"] >= 1
    assert "Yim Sokha" not in names


def test_sentence_totals_by_court_place_and_year(ds):
    rows = query(ds, "sentence_totals", court="Battambang", place="", year="2025")
    assert rows[0] == {
        "year": "2025",
        "court": "Battambang Provincial Court",
        "place": "Battambang",
        "sentences": 1,
        "total_prison_months": 180,
        "average_prison_months": 180.0,
        "longest_prison_months": 180,
        "life_sentences": 0,
        "death_sentences": 0,
    }
    assert rows[-1]["court"] == "all courts" and rows[-1]["sentences"] == 1
    everything = query(ds, "sentence_totals", court="", place="", year="")
    total = everything[-1]
    assert (
        total["sentences"]
        == sum(r["sentences"] for r in everything[:-1])
        == len(get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&_size=max"))
    )


def test_longest_sentences_put_death_and_life_first(ds):
    rows = query(ds, "longest_sentences")
    terms = [r["prison_term"] for r in rows]
    assert terms[0] == "death" and "life" in terms[:3]
    months = [r["prison_months"] or 0 for r in rows if not r["death"] and not r["life"]]
    assert months == sorted(months, reverse=True)


def test_new_articles_since_a_date(ds):
    rows = query(ds, "new_articles", since="2025-06-01")
    expected = {a["title"] for a in EXPECTED["articles"] if a["on_topic"] and a["published"] >= "2025-06-01"}
    crawled_today = query(ds, "new_articles", since="2000-01-01")
    assert expected and expected <= {r["title"] for r in rows} <= {r["title"] for r in crawled_today}
    assert len(query(ds, "new_articles", since="2999-01-01")) == 0


def test_agencies_of_the_last_days(ds):
    assert query(ds, "agencies_last_30_days", days="") == []  # the demo's articles are older
    rows = query(ds, "agencies_last_30_days", days="100000")
    assert rows[0]["articles"] >= rows[-1]["articles"]
    assert {r["agency_kind"] for r in rows} - {None} <= {
        "ministry",
        "court",
        "police",
        "government",
        "ngo",
        "international",
        "media",
        "company",
        "other",
    }


# -- facets, filters, export, FTS ---------------------------------------------------------
def test_prosecutions_default_facets_filters_and_csv_export(ds):
    data = get_json(ds, "/trafficking_news/prosecutions.json?_size=0")
    assert {"year", "court", "place", "source"} <= set(data["facet_results"])
    years = {v["value"]: v["count"] for v in data["facet_results"]["year"]["results"]}
    assert years == {2024: 15, 2025: 11} or sum(years.values()) == data["filtered_table_rows_count"]
    rows = get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&place=Battambang&year=2025")
    assert [(r["defendant"], r["prison_term"]) for r in rows] == [("Yim Sokha", "15 years")]
    exported = list(
        csv.DictReader(
            io.StringIO(get_text(ds, "/trafficking_news/prosecutions.csv?place=Battambang&year=2025&_size=max"))
        )
    )
    assert exported[0]["defendant"] == "Yim Sokha" and exported[0]["article_url"].endswith(gold("Yim Sokha")["path"])
    assert exported[0]["evidence"]


def test_cases_and_prosecutions_export_as_csv_with_the_urls_of_their_articles(ds):
    """A watchdog's export: every row links to each article that reports it."""
    for path, column in (("cases", "article_urls"), ("prosecutions", "report_urls")):
        exported = list(csv.DictReader(io.StringIO(get_text(ds, f"/trafficking_news/{path}.csv?_size=max"))))
        assert exported, path
        for row in exported:
            urls = json.loads(row[column])
            assert urls and all(url.startswith("http://127.0.0.1") for url in urls), (path, row)
    several = [r for r in csv.DictReader(io.StringIO(get_text(ds, "/trafficking_news/cases.csv?_size=max")))]
    assert any(len(json.loads(r["article_urls"])) >= 3 for r in several)  # a case told over several articles


@pytest.mark.parametrize(
    "table, facets",
    [
        ("sentences", {"court", "place", "year"}),
        ("articles", {"source_id", "year"}),
        ("entities", {"kind"}),
        ("people", {"roles"}),
        ("agencies", {"agency_kind"}),
        ("places", {"place_kind"}),
    ],
)
def test_default_facets(ds, table, facets):
    data = get_json(ds, f"/trafficking_news/{table}.json?_size=0")
    assert facets <= set(data["facet_results"]), data["facet_results"].keys()
    assert all(f["results"] for f in data["facet_results"].values() if f["name"] in facets)


@pytest.mark.parametrize(
    "table, q, column, expected",
    [
        ("articles", "Battambang", "title", "Battambang man handed 15-year sentence"),
        ("sentences", "Sokha", "defendant", "Yim Sokha"),
        ("mentions", "karaoke", "surface", "Yim Sokha"),
        ("entities", "Sokha", "name", "Yim Sokha"),
    ],
)
def test_full_text_search(ds, table, q, column, expected):
    rows = get_json(ds, f"/trafficking_news/{table}.json?_shape=array&_search={q}")
    assert any(str(r[column]).startswith(expected) for r in rows), rows[:3]


def test_units_on_prison_months(ds):
    assert DB_META["tables"]["sentences"]["units"]["prison_months"] == "month"
    rows = get_json(ds, "/trafficking_news/sentences.json?_shape=array&prison_months__gte=15+years")
    assert {r["defendant"] for r in rows} >= {"Yim Sokha", "Pham Quoc Bao"}
    assert all(r["prison_months"] >= 180 for r in rows)


# -- pages: links, entity page, plugins ------------------------------------------------------
def test_views_link_names_to_entity_pages(ds):
    (person,) = get_json(ds, "/trafficking_news/people.json?_shape=array&name=Yim+Sokha")
    html = get_text(ds, "/trafficking_news/people?name=Yim+Sokha")
    assert f'<a href="/trafficking_news/entities/{person["id"]}">Yim Sokha</a>' in html
    html = get_text(ds, "/trafficking_news/prosecutions?defendant=Yim+Sokha")
    assert f'href="/trafficking_news/entities/{person["id"]}">Yim Sokha</a>' in html
    assert 'href="/trafficking_news/articles/' in html
    html = get_text(ds, "/trafficking_news/search_everything?q=Yim+Sokha")
    assert f'<a href="/trafficking_news/entities/{person["id"]}">Yim Sokha</a>' in html


def test_entity_page_lists_articles_quotes_and_sentences(ds):
    (person,) = get_json(ds, "/trafficking_news/people.json?_shape=array&name=Yim+Sokha")
    html = get_text(ds, f"/trafficking_news/entities/{person['id']}")
    assert "<h2>Court sentences (1)</h2>" in html and "15 years" in html
    assert "Battambang Provincial Court" in html
    assert "<mark>Yim Sokha</mark>" in html
    title = next(a["title"] for a in EXPECTED["articles"] if a["path"] == gold("Yim Sokha")["path"])
    assert title in html
    # rows point back: the entity page links the sentence's and mentions' tables
    assert "from defendant_id in sentences" in html and "from entity_id in mentions" in html


def test_entity_page_names_who_is_named_alongside_from_both_sides_of_a_pair(ds, crawled_demo_db):
    """`entity_pairs` holds each pair once (the smaller id first): the page lists both sides."""
    import re
    import sqlite3

    db = sqlite3.connect(crawled_demo_db)
    (eid,) = db.execute(  # an entity that is the first of some pairs and the second of others
        "select entity_id from entity_pairs where entity_id in (select other_id from entity_pairs) limit 1"
    ).fetchone()
    expected = [
        row[0]
        for row in db.execute(
            "select other_id from co_mentions where entity_id = ? order by articles desc, other limit 15", [eid]
        )
    ]
    assert db.execute("select count(*) from entity_pairs where other_id = ?", [eid]).fetchone()[0] > 0
    html = get_text(ds, f"/trafficking_news/entities/{eid}")
    alongside = html.split("<h2>Named alongside</h2>", 1)[1].split("</section>", 1)[0]
    assert re.findall(r'href="/trafficking_news/entities/([0-9a-f]+)"', alongside) == expected


def test_court_page_lists_its_sentences(ds):
    (court,) = get_json(ds, "/trafficking_news/agencies.json?_shape=array&name=Svay+Rieng+Provincial+Court")
    assert court["sentences_passed"] == 3
    html = get_text(ds, f"/trafficking_news/entities/{court['id']}")
    assert "<h2>Court sentences (3)</h2>" in html


def test_article_page_shows_what_was_found(ds):
    (row,) = get_json(ds, "/trafficking_news/sentences.json?_shape=array&defendant=Yim+Sokha")
    html = get_text(ds, f"/trafficking_news/articles/{row['article_id']}")
    assert "Court sentences reported" in html and "Named in this article" in html
    assert '<table class="article-fields">' in html and '<td class="col-text">' in html
    assert "/site/site.css" in html and "pre-wrap" in get_text(ds, "/site/site.css")


def test_map_search_and_dashboard_plugins_are_on(ds):
    html = get_text(ds, "/trafficking_news/places")
    assert "datasette-cluster-map.js" in html and "DATASETTE_CLUSTER_MAP_LATITUDE_COLUMN" in html
    rows = get_json(ds, "/trafficking_news/places.json?_shape=array&_size=max")
    assert sum(r["latitude"] is not None for r in rows) >= 20
    html = get_text(ds, "/-/search?q=Sokha")
    assert "Search everything" in html and '"table": "entities"' in html
    assert "Search for records across 4 tables" in get_text(ds, "/")
    html = get_text(ds, "/-/dashboards/overview")
    assert "Sentences per year" in html and "Articles per source per month" in html


def test_dashboard_charts_have_data(ds):
    charts = METADATA["plugins"]["datasette-dashboards"]["overview"]["charts"]
    for slug, chart in charts.items():
        sql = chart["query"]
        while "[[" in sql:  # no filter chosen: the optional clauses go
            sql = sql[: sql.index("[[")] + sql[sql.index("]]") + 2 :]
        rows = get_json(ds, f"/trafficking_news.json?_shape=array&sql={urllib.parse.quote(sql)}")
        assert rows, slug
    per_year = get_json(
        ds,
        "/trafficking_news.json?_shape=array&sql="
        + urllib.parse.quote("select cast(year as text) as year, count(*) as n from sentences group by year"),
    )
    assert {r["year"] for r in per_year} == {"2024", "2025"}


def test_readme_names_every_canned_query_and_shows_its_screenshots():
    import re

    readme = (ROOT / "README.md").read_text()
    for name in DB_META["queries"]:
        assert f"| `{name}` |" in readme, f"README does not describe canned query {name}"
    shown = set(re.findall(r"\(docs/screenshots/([\w.-]+\.png)\)", readme))
    on_disk = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert shown and shown == on_disk
    for plugin in ("datasette-cluster-map", "datasette-search-all", "datasette-dashboards"):
        assert plugin in readme and plugin in (ROOT / "pyproject.toml").read_text()


def test_readme_lists_the_canned_queries_of_the_metadata():
    """datasette_metadata.yml is the one list of canned queries: the README's table names
    each of them, in its order, with the parameters its SQL asks for."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Canned queries", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    rows = [line.split("|")[1:3] for line in table.splitlines()[2:]]
    listed = [re.sub(r"`", "", name).strip() for name, _ in rows]
    assert listed == list(DB_META["queries"])
    for (name, asks), query in zip(rows, DB_META["queries"].values()):
        sql = re.sub(r"--[^\n]*|'[^']*'", "", query["sql"])
        assert set(re.findall(r"`(\w+)`", asks)) == set(re.findall(r":(\w+)", sql)), name


def test_map_popup_links_follow_the_database_name(crawled_demo_db, tmp_path):
    """The places view's popup links are relative to the map's page, so a database served
    under another name links to its own entity pages."""
    import shutil

    copy = tmp_path / "other_news.db"
    shutil.copy(crawled_demo_db, copy)
    other = web_app.datasette_app(copy)
    rows = [r for r in get_json(other, "/other_news/places.json?_shape=array&_size=max") if r["latitude"] is not None]
    assert rows
    for row in rows:
        popup = json.loads(row["popup"])
        link = urllib.parse.urljoin("/other_news/places", popup["link"])
        assert link == f"/other_news/entities/{row['id']}"
    first = json.loads(rows[0]["popup"])
    assert first["title"] in get_text(other, urllib.parse.urljoin("/other_news/places", first["link"]))


def test_atom_feeds_of_new_sentences_cases_and_a_persons_events(ds):
    """datasette-atom serves the feed canned queries; entry ids are the rows' own stable ids."""
    import feedparser

    feed = feedparser.parse(get_text(ds, "/trafficking_news/new_sentencings.atom"))
    assert not feed.bozo, feed.bozo_exception
    ids = [entry.id for entry in feed.entries]
    prosecutions = get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&_size=max")
    assert len(ids) == len(set(ids)) == len(prosecutions)  # one entry per sentence, not per report
    assert all(i.startswith("tag:trafficking-news-monitor.github.io,2024:sentence:") for i in ids)
    heng = [e.title for e in feed.entries if e.title.startswith("Heng Sreymom")]
    assert heng == ["Heng Sreymom: sentence now 7 years (earlier 10 years)"]
    cases = feedparser.parse(get_text(ds, "/trafficking_news/new_cases.atom?country=KH"))
    assert cases.entries and not cases.bozo
    events = feedparser.parse(get_text(ds, "/trafficking_news/person_events.atom?name=Heng+Sreymom"))
    assert [e.title for e in events.entries] == [
        "Heng Sreymom: appeal decided (reduced), Appeal Court",
        "Heng Sreymom: sentenced, Phnom Penh Municipal Court",
        "Heng Sreymom: charged, Phnom Penh Municipal Court",
        "Heng Sreymom: arrested, Anti-Human Trafficking and Juvenile Protection Department",
    ]


def test_a_case_page_shows_its_timeline_from_arrest_to_appeal(ds):
    """The demo's karaoke case: arrested and charged (one article), sentenced (another), the
    sentence cut on appeal (a third); the case page lists each event with its evidence."""
    (case,) = get_json(ds, "/trafficking_news/cases.json?_shape=array&defendant=Heng+Sreymom")
    assert (case["current_stage"], case["current_outcome"], case["current_term"], case["articles"]) == (
        "appeal_decided",
        "reduced",
        "7 years",
        3,
    )
    html = get_text(ds, f"/trafficking_news/cases/{case['id']}")
    timeline = html.split("<h2>Timeline", 1)[1]
    stages = [s for s in ("arrested", "charged", "sentenced", "appeal decided: reduced") if s in timeline]
    assert stages == ["arrested", "charged", "sentenced", "appeal decided: reduced"]
    assert (
        timeline.index("arrested")
        < timeline.index("charged")
        < timeline.index(">sentenced")
        < timeline.index("appeal decided")
    )
    assert "reduced the sentence of Heng Sreymom, 52, to seven years" in timeline
    assert "Police arrest karaoke owner and nephew" in timeline  # the article's headline, linked


def test_one_sentence_reported_twice_is_one_prosecution_with_its_reports(ds):
    """The demo's karaoke owner: sentenced (one article), the term cut on appeal (another):
    one row, the current term, the earlier one kept, both reports linked."""
    (row,) = get_json(ds, "/trafficking_news/prosecutions.json?_shape=array&defendant=Heng+Sreymom")
    assert (row["prison_term"], row["prison_months"], row["court"], row["reports"]) == (
        "7 years",
        84,
        "Phnom Penh Municipal Court",
        2,
    )
    assert json.loads(row["earlier_terms"]) == ["10 years"]
    assert [u.rsplit("/", 1)[1] for u in json.loads(row["report_urls"])] == [
        "phnom-penh-court-jails-karaoke-owner-for-selling-teenage-girl.html",
        "appeal-court-cuts-karaoke-owners-sentence.html",
    ]
    reports = get_json(ds, "/trafficking_news/sentences.json?_shape=array&defendant=Heng+Sreymom&_size=max")
    assert len(reports) == 2  # both reports stay in sentences
