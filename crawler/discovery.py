"""Where articles are listed: RSS/Atom feeds, XML sitemaps (indexes, Google News) and dates.

Plain functions over bytes, so they are tested without a crawl. A listing's entries
carry the dates the listing gives (a feed's published/updated, a Google News sitemap's
publication date, a sitemap's lastmod), which the spider uses to skip entries older
than `--since` before requesting them and as the article's date when the page has none.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import feedparser
from lxml import etree

FEED_MARKERS = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
SITEMAP_MARKERS = re.compile(rb"<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]", re.I)
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


class MalformedListing(ValueError):
    """A feed or sitemap that cannot be read at all."""


@dataclass
class Entry:
    url: str
    published: str | None = None  # ISO date the listing gives as the publication date
    updated: str | None = None  # ISO date of the last modification, if given
    title: str | None = None

    @property
    def newest_date(self) -> str | None:
        """The date to compare with --since: publication if known, else last modification.

        lastmod >= publication, so an entry whose lastmod is before --since was also
        published before it: skipping on lastmod never drops a wanted article.
        """
        return self.published or self.updated


@dataclass
class Listing:
    kind: str  # "feed", "sitemap", "sitemapindex"
    entries: list[Entry]
    problem: str | None = None  # set when the file was malformed but partly readable


def sniff(body: bytes) -> str:
    """'sitemap', 'feed' or 'html' from the first bytes (servers mislabel content types)."""
    head = body[:2048]
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if SITEMAP_MARKERS.search(head):
        return "sitemap"
    if FEED_MARKERS.search(head):
        return "feed"
    return "html"


def gunzip(body: bytes, max_size: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress a .gz listing, refusing to inflate past `max_size` (gzip bombs)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(body, max_size + 1)
    except zlib.error as exc:
        raise MalformedListing(f"bad gzip data: {exc}") from None
    if len(data) > max_size:
        raise MalformedListing(f"decompresses to more than {max_size} bytes")
    return data


# -- dates ----------------------------------------------------------------------
def iso_date(value) -> str | None:
    """YYYY-MM-DD from a W3C datetime string, a struct_time or a datetime; None if unreadable."""
    if value is None:
        return None
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def parse_since(value: str, today: date | None = None) -> str:
    """`--since` argument: an ISO date (2025-01-31) or a number of days back (30d)."""
    value = value.strip()
    today = today or datetime.now(timezone.utc).date()
    match = re.fullmatch(r"(\d+)d", value)
    if match:
        return (today - timedelta(days=int(match.group(1)))).isoformat()
    parsed = iso_date(value)
    if parsed is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"not a date (YYYY-MM-DD) or a number of days (30d): {value!r}")
    return parsed


# -- feeds ----------------------------------------------------------------------
def parse_feed(body: bytes) -> Listing:
    """RSS 0.9x/1.0/2.0 or Atom via feedparser (tolerant of most breakage)."""
    feed = feedparser.parse(body)
    entries = []
    for item in feed.entries:
        link = item.get("link")
        if not link:
            links = [ln.get("href") for ln in item.get("links", []) if ln.get("href")]
            link = links[0] if links else None
        if not link:
            continue
        entries.append(Entry(
            url=link.strip(),
            published=iso_date(item.get("published_parsed") or item.get("created_parsed")),
            updated=iso_date(item.get("updated_parsed") if "updated" in item else None),
            title=(item.get("title") or "").strip() or None,
        ))
    problem = None
    if feed.bozo:
        problem = f"{type(feed.bozo_exception).__name__}: {feed.bozo_exception}"
        if not entries:
            raise MalformedListing(f"malformed feed: {problem}")
    return Listing("feed", entries, problem)


# -- sitemaps -------------------------------------------------------------------
def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> Listing:
    """A <urlset> (including Google News <news:news> entries) or a <sitemapindex>.

    Parsed with lxml in recover mode, no entity expansion and no network; a truncated
    file yields the entries before the damage and a `problem`.
    """
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedListing(f"malformed sitemap: {exc}") from None
    if root is None:
        raise MalformedListing("malformed sitemap: no XML root element")
    kind = _local(root.tag)
    if kind not in {"urlset", "sitemapindex"}:
        raise MalformedListing(f"malformed sitemap: root element <{kind}>, not <urlset> or <sitemapindex>")
    child_tag = "url" if kind == "urlset" else "sitemap"
    entries = []
    for element in root:
        if _local(element.tag) != child_tag:
            continue
        fields = {_local(child.tag): child for child in element}
        loc = fields.get("loc")
        url = (loc.text or "").strip() if loc is not None else ""
        if not re.match(r"https?://", url):
            continue
        lastmod = fields.get("lastmod")
        entry = Entry(url=url, updated=iso_date(lastmod.text if lastmod is not None else None))
        news = fields.get("news")
        if news is not None:
            published = news.find(f"{{{NEWS_NS}}}publication_date")
            title = news.find(f"{{{NEWS_NS}}}title")
            entry.published = iso_date(published.text if published is not None else None)
            if title is not None and (title.text or "").strip():
                entry.title = title.text.strip()
        entries.append(entry)
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    problem = f"line {errors[0].line}: {errors[0].message}" if errors else None
    if problem and not entries:
        raise MalformedListing(f"malformed sitemap: {problem}")
    return Listing("sitemap" if kind == "urlset" else "sitemapindex", entries, problem)


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Entries with the newest date first (undated ones last, in listing order)."""
    return sorted(entries, key=lambda e: e.newest_date or "", reverse=True)


__all__ = ["Entry", "Listing", "MalformedListing", "gunzip", "iso_date", "newest_first",
           "parse_feed", "parse_since", "parse_sitemap", "sniff"]
