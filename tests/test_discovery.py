"""Feeds, sitemaps (indexes, Google News, gzip, malformed) and dates, without a crawl."""
import gzip
from datetime import date

import pytest

from crawler.discovery import (
    MalformedListing, gunzip, iso_date, newest_first, parse_feed, parse_since, parse_sitemap, sniff,
)

SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def test_google_news_sitemap_gives_publication_dates_and_titles():
    body = f"""<?xml version="1.0"?><urlset {SM} {NEWS}>
    <url><loc>https://x.org/a</loc><lastmod>2025-05-02</lastmod><news:news>
      <news:publication><news:name>X</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-05-01T23:30:00+07:00</news:publication_date>
      <news:title>Ring busted</news:title></news:news></url>
    <url><loc>https://x.org/b</loc></url></urlset>""".encode()
    listing = parse_sitemap(body)
    assert listing.kind == "sitemap" and listing.problem is None
    a, b = listing.entries
    assert (a.url, a.published, a.updated, a.title) == ("https://x.org/a", "2025-05-01", "2025-05-02", "Ring busted")
    assert a.newest_date == "2025-05-01"  # publication, not modification
    assert (b.published, b.updated, b.newest_date) == (None, None, None)


def test_sitemap_index_and_gzip():
    body = f"""<sitemapindex {SM}><sitemap><loc>https://x.org/s1.xml.gz</loc><lastmod>2019-01-01</lastmod>
    </sitemap><sitemap><loc>https://x.org/s2.xml</loc><lastmod>2025-01-01</lastmod></sitemap></sitemapindex>"""
    listing = parse_sitemap(gzip.compress(body.encode()))
    assert listing.kind == "sitemapindex"
    assert [e.url for e in newest_first(listing.entries)] == ["https://x.org/s2.xml", "https://x.org/s1.xml.gz"]
    assert sniff(gzip.compress(b"x")) == "gzip"


def test_truncated_sitemap_keeps_what_it_can_and_garbage_is_an_error():
    listing = parse_sitemap(f'<urlset {SM}><url><loc>https://x.org/a</loc></url><url><lo'.encode())
    assert [e.url for e in listing.entries] == ["https://x.org/a"] and listing.problem
    with pytest.raises(MalformedListing):
        parse_sitemap(b"<html><body>Not a sitemap</body></html>")
    with pytest.raises(MalformedListing):
        parse_sitemap(b"\x00\x01 garbage")


def test_sitemap_entities_are_not_expanded():
    body = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.org/&e;</loc></url></urlset>')
    listing = parse_sitemap(body)
    assert all("root:" not in e.url for e in listing.entries)


def test_gzip_bomb_is_refused():
    with pytest.raises(MalformedListing):
        gunzip(gzip.compress(b"\0" * 2_000_000), max_size=1_000_000)


def test_rss_and_atom_dates():
    rss = b"""<rss version="2.0"><channel><title>t</title><item><title>A</title><link>https://x.org/a</link>
      <pubDate>Mon, 05 May 2025 23:00:00 GMT</pubDate></item><item><title>no link</title></item></channel></rss>"""
    (entry,) = parse_feed(rss).entries
    assert (entry.url, entry.published) == ("https://x.org/a", "2025-05-05")
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>B</title><id>1</id>
      <link href="https://x.org/b"/><published>2024-01-02T00:00:00Z</published><updated>2025-02-03T00:00:00Z</updated>
      </entry></feed>"""
    (entry,) = parse_feed(atom).entries
    assert (entry.published, entry.updated, entry.newest_date) == ("2024-01-02", "2025-02-03", "2024-01-02")


def test_malformed_feed():
    with pytest.raises(MalformedListing, match="malformed feed"):
        parse_feed(b'<?xml version="1.0"?><rss><channel><title>x</tit<item><<link>\x00 &&&')
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff(b"<!DOCTYPE html><html>") == "html"


def test_dates_and_since():
    assert iso_date("2025-02-03T10:00:00+07:00") == "2025-02-03"
    assert iso_date("2025-02-30") is None and iso_date("yesterday") is None and iso_date(None) is None
    assert parse_since("2024-01-31") == "2024-01-31"
    assert parse_since("30d", today=date(2025, 3, 1)) == "2025-01-30"
    for bad in ("2024-13-01", "last week", "2024/01/01"):
        with pytest.raises(ValueError):
            parse_since(bad)
