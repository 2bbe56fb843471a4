"""Only http(s) URLs are stored: a page's rel=canonical or og:url saying `javascript:` (with
the site's own host, so the host check passes) never becomes an article's address."""

import pytest

from crawler.article_html import read_article_html
from crawler.urls import canonical_url, web_url
from storage import open_db
from testbed import crafted_urls_site as crafted
from testbed.sitegen import article_page, article_text
from tests.conftest import run_pipeline


@pytest.fixture(scope="module")
def crafted_db(tmp_path_factory):
    server = crafted.serve()
    folder = tmp_path_factory.mktemp("crafted")
    sources = folder / "sources.toml"
    sources.write_text(crafted.sources_toml(server), encoding="utf-8")
    db_path = folder / "trafficking_news.db"
    try:
        run_pipeline("crawl", "--sources", str(sources), "--db", str(db_path))
    finally:
        server.shutdown()
    return db_path


@pytest.mark.parametrize(
    "url, kept",
    [
        ("https://news.example/a", True),
        ("HTTP://news.example/a", True),
        (crafted.XSS_CANONICAL, False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript://h/x", False),
        ("mailto:a@news.example", False),
        ("http:///no-host", False),
        ("//news.example/a", False),
        ("", False),
        (None, False),
    ],
)
def test_web_url(url, kept):
    assert (web_url(url) is not None) is kept


@pytest.mark.parametrize("head", list(crafted.CRAFTED.values())[:-1])
def test_script_canonical_is_not_the_articles_url(head):
    page = article_page("Court jails recruiter", article_text("x", sentences=10), extra_head=head)
    parsed = read_article_html(page, "http://127.0.0.1:8000/story/x")
    assert parsed["url"] == "http://127.0.0.1:8000/story/x"


def test_crawl_stores_no_script_url(crafted_db):
    db = open_db(crafted_db)
    urls = crafted.stored_urls(db)
    articles = [r[0] for r in db.execute("select url from articles")]
    assert len(articles) == len(crafted.CRAFTED), articles  # every crafted article is kept
    assert urls and all(u.startswith("http://127.0.0.1:") for u in urls), urls
    # each is stored under its own address, or the real og:url that follows a script canonical
    assert {u.rsplit("/", 1)[1] for u in articles} == (
        set(crafted.CRAFTED) - {"js-then-real-og-url-smuggling-verdict"}
    ) | {"real-address-smuggling-verdict"}


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("http://News.Example:80/a#comments", "http://news.example/a"),  # w3lib keeps :80, courlan the #
        ("https://news.example:443/a?utm_source=x&utm_campaign=y&b=2&a=1", "https://news.example/a?a=1&b=2"),
        ("https://x.org/news.php?story=123", "https://x.org/news.php?story=123"),  # courlan strict drops it
    ],
)
def test_canonical_url_keeps_one_page_one_url(url, canonical):
    """The cases crawler/urls.py is still hand-written for (see canonical_url's docstring)."""
    assert canonical_url(url) == canonical
