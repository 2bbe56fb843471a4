"""A real browser on the real site: headless Chromium (Debian's package) driven by Playwright,
against `pipeline.py serve` on 127.0.0.1 with the crawled demo database.

Walks what the site promises a journalist: search a name and open the person, filter
prosecutions by court, place and year and export CSV, see places on a map and a chart of
sentences per year; and checks that an article's <script>/<img onerror> never runs.
Screenshots go to tests/artifacts/ (`make screenshots` copies the README's to docs/screenshots/).

The browser is the system's /usr/bin/chromium (`.ci/run` installs it): `playwright install`
is never used. Without it the tests skip, except under CI, where they fail.
"""

import csv
import io
import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import ROOT, XSS_TEXT, serving

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORT = {"width": 1200, "height": 800}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is a test dependency
    sync_playwright = None

if sync_playwright is None or not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    reason = "needs the playwright package and Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        raise RuntimeError(f"browser tests cannot run in CI: {reason}")
    pytestmark = pytest.mark.skip(reason=reason)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo_url(crawled_demo_db):
    with serving(crawled_demo_db) as base:
        yield base


@pytest.fixture(scope="module")
def fixture_url(site_fixture_db):
    with serving(site_fixture_db) as base:
        yield base


@pytest.fixture
def page(browser):
    """A fresh page that may only reach 127.0.0.1 (map tiles from the internet are refused),
    and that records JavaScript errors, Content-Security-Policy violations and dialogs."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    page.js_errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    # the site's Content-Security-Policy must not block anything of its own
    page.on(
        "console",
        lambda message: page.js_errors.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    assert page.js_errors == [], page.js_errors
    context.close()


def shot(page, name, **kwargs):
    page.screenshot(path=str(ARTIFACTS / name), **kwargs)


def test_home_page(page, demo_url):
    page.goto(demo_url + "/")
    assert page.locator("h1").first.inner_text() == "Trafficking News Monitor"
    body = page.inner_text("body")
    for text in ("prosecutions", "people", "places on a map", "charts", "Victims and survivors are never named"):
        assert text in body
    assert page.locator("#search-all-q").is_visible()
    shot(page, "01-home.png")


def test_search_a_name_then_open_the_person(page, demo_url):
    page.goto(demo_url + "/")
    page.fill("#search-all-q", "Yim Sokha")
    page.press("#search-all-q", "Enter")
    page.wait_for_url("**/-/search?q=Yim+Sokha")
    entities = page.locator("#search-all-results h2", has_text="in trafficking_news: entities")
    entities.wait_for()
    page.locator("#search-all-results h2", has_text="in trafficking_news: sentences").wait_for()
    page.locator("#search-all-results h2", has_text="in trafficking_news: articles").wait_for()
    shot(page, "02-search.png")
    # results arrive in any order (CSS `order` sorts them on screen, not in the DOM): click in
    # the entities block itself, not whichever table answered first
    entities_block = page.locator(
        "#search-all-results > div", has=page.locator("h2", has_text="in trafficking_news: entities")
    )
    entities_block.locator("table a", has_text="Yim Sokha").first.click()
    page.wait_for_url("**/trafficking_news/entities/*")
    assert page.locator("h1").inner_text().startswith("Yim Sokha")
    body = page.inner_text("body")
    assert "Court sentences (1)" in body and "15 years" in body and "Battambang Provincial Court" in body
    assert "Articles naming Yim Sokha (1)" in body
    assert page.locator(".entity-mentions mark", has_text="Yim Sokha").count() >= 1
    shot(page, "03-person.png")
    # the article it comes from, one click away
    page.locator(".entity-mentions a", has_text="Battambang man handed 15-year sentence").click()
    page.wait_for_url("**/trafficking_news/articles/*")
    assert "Court sentences reported" in page.inner_text("body")


def test_prosecutions_filtered_by_court(page, demo_url):
    page.goto(demo_url + "/trafficking_news/prosecutions?court=Battambang+Provincial+Court")
    assert '1 row where court = "Battambang Provincial Court"' in page.inner_text("body")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td.col-defendant").inner_text() == "Yim Sokha"
    assert rows.first.locator("td.col-prison_term").inner_text() == "15 years"


def test_prosecutions_by_place_and_year_exported_as_csv(page, demo_url):
    page.goto(demo_url + "/trafficking_news/prosecutions")
    page.locator(".facet-info[data-column=place] a", has_text="Preah Sihanouk").click()
    page.wait_for_url("**place=Preah+Sihanouk**")
    page.locator(".facet-info[data-column=year] a", has_text="2025").click()
    page.wait_for_url("**year=2025**")
    rows = page.locator("table.rows-and-columns tbody tr")
    defendants = {rows.nth(i).locator("td.col-defendant").inner_text() for i in range(rows.count())}
    assert defendants == {"Chen Hao", "Liu Jun", "Sam Bora", "Ros Sambath", "Keo Piseth"}
    page.locator("h3", has_text="5 rows where").evaluate("h => h.scrollIntoView()")
    shot(page, "04-prosecutions.png")  # filters, facets and the rows
    csv_href = page.locator("a", has_text="CSV").first.get_attribute("href")
    response = page.request.get(urllib.parse.urljoin(page.url, csv_href))
    assert response.ok
    exported = list(csv.DictReader(io.StringIO(response.text())))
    assert {r["defendant"] for r in exported} == defendants
    assert all(r["year"] == "2025" and r["place"] == "Preah Sihanouk" and r["article_url"] for r in exported)


def test_map_of_places(page, demo_url):
    page.goto(demo_url + "/trafficking_news/places")
    container = page.locator(".leaflet-container")
    container.wait_for()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() >= 3  # clusters and single places (tiles stay blank offline)
    container.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot(page, "05-map.png")


def test_chart_of_sentences_per_year(page, demo_url):
    page.goto(demo_url + "/-/dashboards/overview")
    chart = page.locator("#chart-sentences-per-year")
    chart.locator("canvas, svg").first.wait_for()
    page.locator("#chart-articles-per-source-per-month").locator("canvas, svg").first.wait_for()
    assert page.locator("#card-sentences-count").inner_text().split()[-1] == "26"
    shot(page, "06-charts.png", full_page=True)


def test_article_markup_is_shown_as_text_and_never_runs(page, fixture_url):
    """An article whose title and text contain <script> and <img onerror>: every page that
    shows it shows the markup as text, and no script of it runs."""
    page.add_init_script("window.__xss = undefined;")
    visible_markup = "<script>window.__xss = 1</script>"
    assert visible_markup in XSS_TEXT
    page.goto(fixture_url + "/trafficking_news/articles?_search=Takeo")
    page.locator("table.rows-and-columns tbody td.col-id a").first.click()  # the article's page
    page.wait_for_url("**/trafficking_news/articles/*")
    pages = [
        page.url,
        fixture_url + "/trafficking_news/prosecutions",
        fixture_url + "/trafficking_news/search_everything?q=Takeo",
        fixture_url + "/trafficking_news/mentions?_search=fishing",
        fixture_url + "/-/search?q=Takeo",
    ]
    for url in pages:
        page.goto(url)
        if "/-/search" in url:
            page.locator("#search-all-results h2", has_text="articles").wait_for()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, url
        assert page.locator('img[src="x"]').count() == 0, url
        assert "<script>window.__xss" in page.inner_text("body"), url
        if url == pages[0]:
            assert visible_markup in page.inner_text("body")
            shot(page, "07-escaped-article.png")
    assert page.dialogs == []


@pytest.fixture(scope="module")
def crafted_site(tmp_path_factory):
    """The crafted site of testbed/crafted_urls_site.py crawled by `pipeline.py crawl`, then served;
    the crafted site stays up, so the publisher links lead somewhere."""
    from testbed import crafted_urls_site as crafted
    from tests.conftest import run_pipeline

    server = crafted.serve()
    folder = tmp_path_factory.mktemp("crafted_site")
    (folder / "sources.toml").write_text(crafted.sources_toml(server), encoding="utf-8")
    db_path = folder / "trafficking_news.db"
    try:
        run_pipeline("crawl", "--sources", str(folder / "sources.toml"), "--db", str(db_path))
        with serving(db_path) as base:
            yield base, db_path, server.server_address[1]
    finally:
        server.shutdown()


def test_script_canonical_is_never_stored_and_its_link_runs_nothing(page, crafted_site):
    """A page whose rel=canonical is javascript://127.0.0.1/%0aalert(document.domain)//: the
    crawl stores only http URLs, and following "read it on the publisher's site" from every
    stored article opens the publisher's page and runs no script."""
    from storage import open_db
    from testbed import crafted_urls_site as crafted

    base, db_path, site_port = crafted_site
    db = open_db(db_path)
    assert all(u.startswith(f"http://127.0.0.1:{site_port}/") for u in crafted.stored_urls(db))
    ids = [
        r[0] for r in db.execute("select id from articles where url like '%/story/%' and url not like '%real-address%'")
    ]
    db.close()
    assert len(ids) == len(crafted.CRAFTED) - 1
    page.add_init_script("window.__ran = undefined;")
    for article_id in ids:
        page.goto(f"{base}/trafficking_news/articles/{article_id}")
        link = page.locator("a", has_text="read it on the publisher's site")
        assert link.get_attribute("href").startswith(f"http://127.0.0.1:{site_port}/story/")
        link.click()
        page.wait_for_url(f"http://127.0.0.1:{site_port}/story/**")
        assert page.dialogs == [], article_id


def test_a_stored_script_url_is_not_linked_and_could_not_run(page, tmp_path):
    """A database written before the fix may hold a javascript: article URL: the article page
    shows no link for it, and the site's Content-Security-Policy refuses to run a javascript:
    link even if one were on the page."""
    from storage import open_db
    from storage.articles import store_article
    from testbed.crafted_urls_site import XSS_CANONICAL

    db_path = tmp_path / "trafficking_news.db"
    db = open_db(db_path)
    with db.conn:
        db["sources"].insert({"id": "old", "name": "Old Gazette"}, pk="id")
    store_article(
        db,
        {
            "url": XSS_CANONICAL,
            "title": "Court jails trafficking broker",
            "source_id": "old",
            "text": "The court jailed a broker for trafficking workers. " * 20,
            "published": "2024-05-01",
            "content_hash": "x",
            "relevant": True,
            "relevance": 3.0,
        },
    )
    (article_id,) = [r[0] for r in db.execute("select id from articles")]
    db.close()
    with serving(db_path) as base:
        page.goto(f"{base}/trafficking_news/articles/{article_id}")
        assert page.locator("a", has_text="read it on the publisher's site").count() == 0
        assert page.locator('a[href^="javascript"]').count() == 0
        page.evaluate(
            """url => { const a = document.createElement("a"); a.href = url; a.id = "planted";
                                  a.textContent = "planted"; document.body.prepend(a); }""",
            XSS_CANONICAL,
        )
        page.click("#planted")
        page.wait_for_timeout(500)
    assert page.dialogs == []
    refused = [e for e in page.js_errors if "Content Security Policy" in e]
    assert refused, page.js_errors  # the browser refused the javascript: URL because of the policy
    page.js_errors[:] = [e for e in page.js_errors if e not in refused]
