"""Feeds, sitemaps (indexes, Google News, gzip, malformed) and dates, without a crawl."""

import gzip
from datetime import date

import pytest

from crawler.discovery import (
    MalformedListing,
    gunzip,
    iso_date,
    newest_first,
    parse_feed,
    parse_since,
    parse_sitemap,
    sniff,
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
    listing = parse_sitemap(f"<urlset {SM}><url><loc>https://x.org/a</loc></url><url><lo".encode())
    assert [e.url for e in listing.entries] == ["https://x.org/a"] and listing.problem
    with pytest.raises(MalformedListing):
        parse_sitemap(b"<html><body>Not a sitemap</body></html>")
    with pytest.raises(MalformedListing):
        parse_sitemap(b"\x00\x01 garbage")


def test_sitemap_entities_are_not_expanded_and_entity_bombs_are_refused():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.org/&e;</loc></url></urlset>'
    )
    assert [e.url for e in parse_sitemap(body).entries] == ["https://x.org/"]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol\n;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.org/p</loc></url>'
        b"</urlset>"
    )  # a (malformed) entity bomb: its one <loc> is not followed either
    with pytest.raises(MalformedListing, match="entity expansion bomb"):
        parse_sitemap(laughs)


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


RSS_ITEM = (
    '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>A</title><link>https://x.org/a</link></item></channel></rss>"
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("bom", [True, False])
def test_wide_encodings_are_sniffed_as_feeds(encoding, bom):
    body = ("\ufeff" if bom else "").encode(encoding) + RSS_ITEM.format(enc=encoding[:6]).encode(encoding)
    assert sniff(body) == "feed"
    assert [e.url for e in parse_feed(body).entries] == ["https://x.org/a"]
    sitemap = f'<?xml version="1.0"?><urlset {SM}><url><loc>https://x.org/b</loc></url></urlset>'
    assert sniff(("\ufeff" if bom else "").encode(encoding) + sitemap.encode(encoding)) == "sitemap"


def test_prefixed_roots_are_sniffed():
    assert sniff(b'<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"><r:channel>') == "feed"
    assert sniff(b'<?xml version="1.0"?>\n<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">') == "feed"
    assert sniff(b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head>') == "html"


def atom(*entries: str) -> bytes:
    body = "".join(f"<entry><title>e</title>{e}</entry>" for e in entries)
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{body}</feed>'.encode()


def test_atom_entry_link_is_the_article_not_an_enclosure_or_licence():
    cases = {
        '<link rel="enclosure" type="video/mpeg4" href="https://x.org/movie.mp4" length="42301"/>': None,
        '<link rel="license" href="https://creativecommons.org/licenses/by-nc/1.0"/>': None,
        '<link rel="self" type="text/html" href="https://x.org/self"/>': None,
        '<link rel="via" href="https://x.org/via"/><link rel="related" href="https://x.org/rel"/>': None,
        '<link rel="enclosure" href="https://x.org/a.mp3"/><link rel="alternate" href="https://x.org/story"/>': "https://x.org/story",
        # a link without rel is the alternate, and the first alternate wins
        '<link href="https://x.org/first"/><link rel="alternate" type="text/html" href="https://x.org/first?alt"/>': "https://x.org/first",
        '<link rel="enclosure" href="https://x.org/a.mp3"/><id>https://x.org/by-id</id>': "https://x.org/by-id",
        '<link rel="enclosure" href="https://x.org/a.mp3"/><id>urn:uuid:60a76c80-d399-11d9-b93C</id>': None,
    }
    for entry, expected in cases.items():
        urls = [e.url for e in parse_feed(atom(entry)).entries]
        assert urls == ([expected] if expected else []), entry


def test_relative_feed_links_resolve_against_the_base_url():
    rss = b'<rss version="2.0"><channel><title>t</title><item><link>/relative/uri</link></item></channel></rss>'
    (entry,) = parse_feed(rss, base_url="http://example.com/").entries
    assert entry.url == "http://example.com/relative/uri"
    base = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/news/"><title>t</title>'
        b'<entry><link href="story-one"/></entry></feed>'
    )
    (entry,) = parse_feed(base, base_url="http://example.com/").entries
    assert entry.url == "http://example.org/news/story-one"  # xml:base wins over the document's URL
    assert parse_feed(rss).problem is None and parse_feed(rss, base_url="http://example.com/").problem is None


def test_an_entry_the_damage_cuts_through_is_not_requested():
    cut_in_loc = f"<urlset {SM}><url><loc>https://x.org/a</loc></url><url><loc>https://x.org/page_".encode()
    assert [e.url for e in parse_sitemap(cut_in_loc).entries] == ["https://x.org/a"]
    cut_after_loc = (
        f"<urlset {SM} {NEWS}><url><loc>https://x.org/a</loc></url><url><loc>https://x.org/b</loc>"
        "<news:news><news:publication><news:name>X</news:name></news:publication><news:publicat"
    )
    listing = parse_sitemap(cut_after_loc.encode())
    assert [e.url for e in listing.entries] == ["https://x.org/a"] and listing.problem
    no_closing_root = f"<urlset {SM}><url><loc>https://x.org/a</loc></url><url><loc>https://x.org/b</loc></url>"
    assert [e.url for e in parse_sitemap(no_closing_root.encode()).entries] == ["https://x.org/a", "https://x.org/b"]
    index = f"<sitemapindex {SM}><sitemap><loc>https://x.org/s1.xml</loc></sitemap><sitemap><loc>https://x.org/s"
    assert [e.url for e in parse_sitemap(index.encode()).entries] == ["https://x.org/s1.xml"]


def test_a_page_without_an_article_body_still_gives_its_date():
    from crawler.article_html import read_article_html

    gallery = (
        "<html><head><title>Photo gallery</title><meta property='article:published_time' "
        "content='2024-03-05T08:00:00Z'></head><body><div><img src='a.jpg'></div></body></html>"
    )
    parsed = read_article_html(gallery, "https://x.org/gallery/123")
    assert parsed["text"] is None  # trafilatura finds no body, htmldate still reads the markup
    assert (parsed["published"], parsed["published_guessed"]) == ("2024-03-05", False)
