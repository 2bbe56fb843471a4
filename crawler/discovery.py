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
from urllib.parse import urlparse

import feedparser
from lxml import etree
from w3lib.encoding import read_bom

# Root elements, with or without a namespace prefix (<r:rss>, <rdf:RDF>, <atom:feed>).
FEED_MARKERS = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>]", re.I)
SITEMAP_MARKERS = re.compile(rb"<(?:[\w.-]+:)?(?:urlset|sitemapindex)[\s>]", re.I)
SNIFF_CHARS = 2048
# XML 1.0 appendix F: how a document without a byte-order mark starts in UTF-16/32.
XML_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
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


def _head(body: bytes) -> bytes:
    """The first SNIFF_CHARS characters as ASCII-compatible bytes, also for UTF-16/32 XML."""
    encoding, bom = read_bom(body[:4])
    if encoding is None:
        encoding = next((enc for start, enc in XML_WIDE_STARTS if body.startswith(start)), None)
    if encoding is None:
        return body[:SNIFF_CHARS]
    width = 4 if "32" in encoding else 2
    head = body[len(bom or b"") :][: SNIFF_CHARS * width]
    return head[: len(head) - len(head) % width].decode(encoding, "replace").encode("utf-8")


def sniff(body: bytes) -> str:
    """'gzip', 'sitemap', 'feed' or 'html' from the first bytes (servers mislabel content types)."""
    if body[:2] == b"\x1f\x8b":
        return "gzip"
    head = _head(body)
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
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def entry_link(item) -> str | None:
    """The page an entry is about: its first HTML alternate link (a link without rel is one),
    else the link feedparser settled on (RSS <link>, a permalink guid, an Atom id), if http(s).

    Never an enclosure, licence, self, via or related link: those are not the article.
    """
    link = next(
        (
            ln["href"]
            for ln in item.get("links", [])
            if ln.get("href")
            and ln.get("rel", "alternate") == "alternate"
            and ln.get("type", "text/html") in HTML_TYPES
        ),
        item.get("link"),
    )
    if not link or urlparse(link).scheme not in {"", "http", "https"}:  # urn:uuid:..., tag:... ids
        return None
    return link


def parse_feed(body: bytes, base_url: str | None = None) -> Listing:
    """RSS 0.9x/1.0/2.0 or Atom via feedparser (tolerant of most breakage).

    `base_url` is where relative links resolve (the response's Content-Location or URL);
    feedparser applies it, and any xml:base, itself.
    """
    # application/xml without a charset makes feedparser read the encoding from the bytes,
    # as it does with no headers (it reports any other header set as a "non-XML" feed)
    headers = {"content-location": base_url, "content-type": "application/xml"} if base_url else None
    feed = feedparser.parse(body, response_headers=headers)
    entries = []
    for item in feed.entries:
        link = entry_link(item)
        if not link:
            continue
        entries.append(
            Entry(
                url=link.strip(),
                published=iso_date(item.get("published_parsed") or item.get("created_parsed")),
                updated=iso_date(item.get("updated_parsed") if "updated" in item else None),
                title=(item.get("title") or "").strip() or None,
            )
        )
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
    file yields the entries closed before the damage and a `problem` (an entry the file
    breaks off in, such as a half-written last <loc>, is dropped, not guessed at). Entities
    are never expanded nor loaded (`&xxe;` reads as nothing), and a file declaring entities
    built from other entities (the "billion laughs" shape) is refused outright.
    """
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body)
    options = dict(
        recover=True, resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    parser = etree.XMLParser(**options)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedListing(f"malformed sitemap: {exc}") from None
    if root is None:
        raise MalformedListing("malformed sitemap: no XML root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any("&" in (entity.orig or "") for entity in dtd.entities()):
        raise MalformedListing(
            "malformed sitemap: declares entities made of other entities (an entity expansion bomb); refused"
        )
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    kind = _local(root.tag)
    if kind not in {"urlset", "sitemapindex"}:
        raise MalformedListing(f"malformed sitemap: root element <{kind}>, not <urlset> or <sitemapindex>")
    child_tag = "url" if kind == "urlset" else "sitemap"
    complete = _entries_closed(body, child_tag, options) if errors else None
    entries = []
    children = [element for element in root if _local(element.tag) == child_tag]
    for element in children[:complete]:
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
    problem = f"line {errors[0].line}: {errors[0].message}" if errors else None
    if problem and not entries:
        raise MalformedListing(f"malformed sitemap: {problem}")
    return Listing("sitemap" if kind == "urlset" else "sitemapindex", entries, problem)


def _entries_closed(body: bytes, child_tag: str, options: dict) -> int:
    """How many entries (<url> or <sitemap>) end in the document itself, before recovery
    closes what a truncated file left open (a pull parser reports those ends only at close())."""
    parser = etree.XMLPullParser(events=("end",), **options)
    try:
        parser.feed(body)
    except etree.XMLSyntaxError:
        pass
    count = sum(
        1
        for _, element in parser.read_events()
        if _local(element.tag) == child_tag
        and element.getparent() is not None
        and element.getparent().getparent() is None
    )
    try:
        parser.close()
    except etree.XMLSyntaxError:
        pass
    return count


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Entries with the newest date first (undated ones last, in listing order)."""
    return sorted(entries, key=lambda e: e.newest_date or "", reverse=True)


__all__ = [
    "Entry",
    "Listing",
    "MalformedListing",
    "gunzip",
    "iso_date",
    "newest_first",
    "parse_feed",
    "parse_since",
    "parse_sitemap",
    "sniff",
]
