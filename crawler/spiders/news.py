"""The generic news spider: every source in the sources file, one discovery loop.

Start URLs may be RSS/Atom feeds, XML sitemaps (indexes, Google News sitemaps, .xml.gz)
or HTML section/tag/search pages; the response itself says which. Listings are fetched
with conditional requests (ETag / Last-Modified from earlier runs). Listed URLs are
canonicalised and checked against what earlier runs fetched *before* any request; dated
entries older than --since are dropped unrequested. Article pages become `ArticleItem`s;
anything broken is logged with its URL and reason, counted, and skipped, and the crawl
goes on. Two budgets bound what a hostile site can make it fetch: sitemap indexes are
followed NEWS_SITEMAP_MAX_DEPTH levels deep, and a source gets NEWS_MAX_LISTINGS listing
requests per run (feeds, sitemaps, section pages); reaching either is recorded once per
source. An exception in a callback or an item pipeline (Scrapy's `spider_error` and
`item_error` signals) is recorded with its URL and counted in `news/code_errors`, which
makes the run partial.
"""

from __future__ import annotations

import dataclasses
import logging
import traceback
from urllib.parse import urljoin, urlparse

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from crawler.article import article_fields
from crawler.article_html import read_article_html
from crawler.discovery import (
    Entry,
    MalformedListing,
    gunzip,
    newest_first,
    parse_feed,
    parse_since,
    parse_sitemap,
    sniff,
)
from crawler.encoding import binary_kind, decode_html
from crawler.failures import CONTENT_CODES, classify_failure
from crawler.items import ArticleItem
from crawler.relevance import load_filter
from crawler.sources import Source, load_sources
from crawler.urls import canonical_url, web_url

logger = logging.getLogger(__name__)


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: str | None = None, *args, parsed_sources: list[Source] | None = None, **kwargs):
        """`sources`: the sources file (`scrapy crawl news -a sources=...`); `parsed_sources`: its
        sources already parsed by the caller (`crawler.runner`), so the file is read once a run."""
        super().__init__(*args, **kwargs)
        self.sources_path = sources
        self.parsed_sources = parsed_sources

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.sources_path = spider.sources_path or settings.get("SOURCES_FILE")
        spider.relevance = load_filter(settings.get("RELEVANCE_TERMS_FILE"))
        since = settings.get("NEWS_SINCE")
        spider.since = parse_since(since) if since else None
        spider.max_articles = settings.getint("NEWS_MAX_ARTICLES", 0) or None
        spider.max_pages = settings.getint("NEWS_MAX_PAGES", 0) or None
        spider.only_sources = [s for s in settings.getlist("NEWS_SOURCES") if s]
        spider.conditional = settings.getbool("NEWS_CONDITIONAL_REQUESTS", True)
        spider.max_attempts = settings.getint("NEWS_MAX_ATTEMPTS", 3)
        spider.listing_maxsize = settings.getint("NEWS_LISTING_MAXSIZE", 50 * 1024 * 1024)
        spider.sitemap_max_depth = settings.getint("NEWS_SITEMAP_MAX_DEPTH", 3)
        spider.max_listings = settings.getint("NEWS_MAX_LISTINGS", 200)
        spider.listings_per_source: dict[str, int] = {}
        spider.limits_noted: set[tuple[str, str]] = set()
        spider.known_urls = set()
        spider.validators = {}
        spider.requested: set[str] = set()
        spider.articles_per_source: dict[str, int] = {}
        spider.store = None  # the item pipeline's database services, set when it opens
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider.on_item_error, signal=signals.item_error)
        return spider

    # -- bookkeeping ---------------------------------------------------------
    def problem(self, url: str, code: str, reason: str, source_id: str | None = None) -> None:
        """Log and count something wrong that did not stop the page (e.g. a repaired charset)."""
        logger.warning("%s: %s (%s)", code, url, reason)
        self.crawler.stats.inc_value(f"news/problems/{code}")
        if self.store is not None:
            self.store.record_problem(url, code, reason, source_id)

    def skip(
        self,
        url: str,
        code: str,
        reason: str,
        source_id: str | None = None,
        *,
        kind: str = "article",
        transient: bool = False,
        published: str | None = None,
        start_url: bool = False,
    ) -> None:
        """Log, count and record a skipped URL; article URLs are remembered in fetched_urls."""
        logger.warning("skipped %s: %s: %s", url, code, reason)
        stats = self.crawler.stats
        stats.inc_value(f"news/problems/{code}")
        stats.inc_value("news/pages_skipped")
        if start_url:
            stats.inc_value("news/sources_failed_urls")
            stats.inc_value(f"news/source_failed/{source_id}")
        status = None
        if kind == "article":
            status = {"robots": "robots", "too_old": "too_old"}.get(code, "error" if transient else "skipped")
        if self.store is not None:
            self.store.record_skip(url, code, reason, source_id, status, published)

    def note_limit(self, source: Source, code: str, url: str, reason: str) -> None:
        """A budget reached: counted every time, recorded in run_errors once per source and run."""
        self.crawler.stats.inc_value(f"news/limit_hits/{code}")
        if (source.id, code) not in self.limits_noted:
            self.limits_noted.add((source.id, code))
            self.problem(url, code, reason, source.id)

    def _source_with_limits(self, source: Source) -> Source:
        """The source with the command line's --max-pages/--max-articles applied (the smaller wins)."""
        changes = {}
        if self.max_pages:
            changes["max_pages"] = min(source.max_pages, self.max_pages)
        if self.max_articles:
            changes["max_articles"] = (
                self.max_articles if source.max_articles is None else min(source.max_articles, self.max_articles)
            )  # a source's 0 stays 0
        return dataclasses.replace(source, **changes) if changes else source

    # -- discovery -----------------------------------------------------------
    async def start(self):
        sources = self.parsed_sources if self.parsed_sources is not None else load_sources(self.sources_path)
        if self.only_sources:
            sources = [s for s in sources if s.id in self.only_sources]
        self.sources: list[Source] = [self._source_with_limits(s) for s in sources]
        by_id = {s.id: s for s in self.sources}
        retry = []
        if self.store is not None:
            self.store.register_sources(self.sources)
            self.known_urls = self.store.known_urls(self.since, self.max_attempts)
            if self.conditional:
                self.validators = self.store.feed_validators()
            retry = self.store.urls_to_retry(self.max_attempts)
        self.crawler.stats.set_value("news/sources_tried", len(self.sources))
        for source in self.sources:
            for url in source.start_urls:
                for request in self._listing_requests(url, source, page=1, start_url=True):
                    yield request
        # Pages that failed transiently on an earlier run, even if no listing shows them now.
        for url, source_id in retry:
            if source_id in by_id:
                for request in self._article_request(url, by_id[source_id], None, {}):
                    yield request

    def _listing_requests(
        self, url: str, source: Source, page: int, start_url: bool = False, depth: int = 0, state: dict | None = None
    ):
        """The request for a listing page, unless the source's listing budget is spent.

        `depth` is how many sitemap indexes lead to this listing; `state` is the listing
        that links here, which is not complete when the budget drops the link.
        """
        count = self.listings_per_source.get(source.id, 0)
        if self.max_listings and count >= self.max_listings:
            if state is not None:
                state["complete"] = False
            self.note_limit(
                source,
                "listing_budget",
                url,
                f"source {source.id} made {count} listing requests this run "
                f"(NEWS_MAX_LISTINGS = {self.max_listings}); this and further listings "
                f"are not requested",
            )
            return
        self.listings_per_source[source.id] = count + 1
        headers = {}
        etag, modified = self.validators.get(url, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        yield scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            dont_filter=start_url,
            headers=headers,
            cb_kwargs={"source": source, "page": page},
            meta={
                "source_id": source.id,
                "start_url": start_url,
                "kind": "listing",
                "listing_url": url,
                "handle_httpstatus_list": [304],
                "download_maxsize": self.listing_maxsize,
                "sitemap_depth": depth,
            },
        )

    def parse_listing(self, response: Response, source: Source, page: int):
        stats = self.crawler.stats
        listing_url = response.meta.get("listing_url", response.url)
        start_url = response.meta.get("start_url", False)
        if response.status == 304:
            stats.inc_value("news/listings_not_modified")
            if self.store is not None:
                self.store.save_feed_state(listing_url, source.id, 304)
            return
        stats.inc_value("news/listings_fetched")
        body = response.body
        kind = sniff(body)
        if kind == "gzip":
            try:
                body = gunzip(body)
            except MalformedListing as exc:
                self.skip(response.url, "bad_sitemap", str(exc), source.id, kind="listing", start_url=start_url)
                return
            kind = sniff(body)
        state = {"complete": True}  # False when a limit left listed URLs unrequested
        if kind == "sitemap":
            yield from self._from_sitemap(response, body, source, state)
        elif kind == "feed":
            yield from self._from_feed(response, body, source, state)
        elif isinstance(response, TextResponse) and body.strip():
            yield from self._from_html_listing(response, source, page, state)
        else:
            what = "empty" if not body.strip() else "not text, a feed or a sitemap"
            self.skip(response.url, "bad_listing", f"listing is {what}", source.id, kind="listing", start_url=start_url)
            return
        if self.store is not None and state.get("read", True):
            self.store.save_feed_state(
                listing_url,
                source.id,
                response.status,
                etag=_header(response, b"ETag"),
                last_modified=_header(response, b"Last-Modified"),
                keep_validators=state["complete"],
            )

    def _from_feed(self, response: Response, body: bytes, source: Source, state: dict):
        base = _location(response)
        try:
            listing = parse_feed(body, base_url=base)
        except MalformedListing as exc:
            state["read"] = False
            self.skip(
                response.url,
                "bad_feed",
                str(exc),
                source.id,
                kind="listing",
                start_url=response.meta.get("start_url", False),
            )
            return
        if listing.problem:
            self.problem(
                response.url,
                "bad_feed",
                f"malformed feed, {len(listing.entries)} entries read anyway: {listing.problem}",
                source.id,
            )
        for entry in listing.entries:
            yield from self._article_request(urljoin(base, entry.url), source, entry, state)

    def _from_sitemap(self, response: Response, body: bytes, source: Source, state: dict):
        try:
            listing = parse_sitemap(body)
        except MalformedListing as exc:
            state["read"] = False
            self.skip(
                response.url,
                "bad_sitemap",
                str(exc),
                source.id,
                kind="listing",
                start_url=response.meta.get("start_url", False),
            )
            return
        if listing.problem:
            self.problem(
                response.url,
                "bad_sitemap",
                f"malformed sitemap, {len(listing.entries)} entries read anyway: {listing.problem}",
                source.id,
            )
        entries = newest_first(listing.entries)
        base = _location(response)
        if listing.kind == "sitemapindex":
            depth = response.meta.get("sitemap_depth", 0)
            children = []
            for entry in entries:
                if self.since and entry.updated and entry.updated < self.since:
                    self.crawler.stats.inc_value("news/sitemaps_too_old")
                    continue  # not modified since --since: holds nothing newer
                children.append(entry)
            if len(children) > source.max_pages:
                state["complete"] = False
                self.crawler.stats.inc_value("news/sitemaps_over_limit", len(children) - source.max_pages)
            children = children[: source.max_pages]
            if children and self.sitemap_max_depth and depth >= self.sitemap_max_depth:
                state["complete"] = False
                self.note_limit(
                    source,
                    "sitemap_depth",
                    response.url,
                    f"sitemap index {depth} levels below the start URL (NEWS_SITEMAP_MAX_DEPTH = "
                    f"{self.sitemap_max_depth}): its {len(children)} child sitemaps are not "
                    f"requested (recorded for the first such index of the source)",
                )
                return
            for entry in children:
                yield from self._listing_requests(
                    urljoin(base, entry.url), source, page=1, depth=depth + 1, state=state
                )
            return
        for entry in entries:
            url = urljoin(base, entry.url)
            if source.article_pattern and not source.is_article_url(url):
                continue
            yield from self._article_request(url, source, entry, state)

    def _from_html_listing(self, response: TextResponse, source: Source, page: int, state: dict):
        # relative to <base href>, else the page's URL, as browsers do (they ignore Content-Location)
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if source.allows(url) and source.is_article_url(url):
                yield from self._article_request(url, source, None, state)
        next_href = response.css("a[rel~=next]::attr(href), link[rel~=next]::attr(href), a.next::attr(href)").get()
        if next_href:
            if page < source.max_pages:
                yield from self._listing_requests(response.urljoin(next_href.strip()), source, page + 1, state=state)
            else:
                self.crawler.stats.inc_value(f"news/page_limit/{source.id}")

    def _article_request(self, url: str, source: Source, entry: Entry | None, state: dict):
        if not web_url(url) or not source.allows(url):
            return
        canonical = canonical_url(url)
        stats = self.crawler.stats
        if url in self.known_urls or canonical in self.known_urls:
            stats.inc_value("news/urls_known")
            return
        if canonical in self.requested:  # the same page under another spelling, this run
            return
        listed_date = entry.newest_date if entry else None
        if self.since and listed_date and listed_date < self.since:
            stats.inc_value("news/urls_too_old")
            return
        count = self.articles_per_source.get(source.id, 0)
        if source.max_articles is not None and count >= source.max_articles:
            state["complete"] = False
            stats.inc_value(f"news/article_limit/{source.id}")
            return
        self.articles_per_source[source.id] = count + 1
        self.requested.add(canonical)
        yield scrapy.Request(
            canonical,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"source": source, "listed_published": entry.published if entry else None},
            meta={"source_id": source.id, "kind": "article", "listed_url": url},
        )

    # -- articles ------------------------------------------------------------
    def parse_article(self, response: Response, source: Source, listed_published: str | None = None):
        self.crawler.stats.inc_value("news/pages_fetched")
        url = response.url
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        body = response.body
        if not body.strip():
            self.skip(url, "empty", f"empty page (HTTP {response.status})", source.id)
            return
        if not isinstance(response, TextResponse) or binary_kind(body):
            self.skip(
                url,
                "not_text",
                f"not an HTML page (Content-Type {content_type or 'missing'}, {len(body)} bytes)",
                source.id,
            )
            return
        decoded = decode_html(body, content_type)
        if decoded.note:
            self.problem(url, "charset", decoded.note, source.id)
        parsed = read_article_html(decoded.text, url)
        fields = article_fields(parsed, self.relevance, listed_published)
        if fields is None:
            self.skip(
                url,
                "no_article_text",
                f"{CONTENT_CODES['no_article_text']} ({len(parsed['text'] or '')} characters)",
                source.id,
            )
            return
        canonical = parsed["url"]
        if not web_url(canonical) or not source.allows(canonical) or _is_site_root(canonical, url):
            canonical = canonical_url(url)  # a rel=canonical to the home page is a site bug, not identity
        if fields["language"] and fields["language"] not in source.languages:
            self.skip(url, "language", f"language {fields['language']} not in {source.languages}", source.id)
            return
        published = fields["published"]
        if self.since and published and published < self.since:
            self.skip(
                url, "too_old", f"published {published}, before --since {self.since}", source.id, published=published
            )
            return
        listed = response.meta.get("listed_url")
        yield ArticleItem(
            url=canonical,
            source_id=source.id,
            **fields,
            html=decoded.text,
            content_type=content_type or None,
            seen_urls=sorted(
                {u for u in (url, response.request.url, listed, *response.meta.get("redirect_urls", [])) if u}
            ),
        )

    # -- errors in our own code ---------------------------------------------------
    def on_spider_error(self, failure, response, spider=None):
        """A callback (or errback) raised: Scrapy logged the traceback; record and count it."""
        request = getattr(response, "request", None) or getattr(failure, "request", None)
        where = getattr(getattr(request, "callback", None), "__name__", None) or "a spider callback"
        self._code_error("spider_error", failure, request, f"in {where}")

    def on_item_error(self, item, response, spider=None, failure=None):
        """An item pipeline raised on an item: record and count it like a callback error."""
        request = getattr(response, "request", None)
        self._code_error(
            "item_error",
            failure,
            request,
            "in the item pipeline",
            url=getattr(item, "url", None),
            source_id=getattr(item, "source_id", None),
        )

    def _code_error(
        self, code: str, failure, request, where: str, url: str | None = None, source_id: str | None = None
    ) -> None:
        stats = self.crawler.stats
        stats.inc_value("news/code_errors")
        stats.inc_value("news/errors")
        meta = request.meta if request is not None else {}
        if request is not None:
            url = meta.get("redirect_urls", [request.url])[0]
        exc = failure.value if failure is not None else None
        reason = f"{type(exc).__name__}: {exc} ({where}{_raised_at(failure)})"
        # an article is tried again on the next runs (up to NEWS_MAX_ATTEMPTS): the bug may be fixed
        self.skip(
            url or "",
            code,
            reason,
            meta.get("source_id") or source_id,
            kind=meta.get("kind", "article"),
            transient=True,
            start_url=meta.get("start_url", False),
        )

    def on_error(self, failure):
        request = failure.request
        problem = classify_failure(failure)
        self.crawler.stats.inc_value("news/errors")
        url = request.meta.get("redirect_urls", [request.url])[0]  # the URL we asked for
        self.skip(
            url,
            problem.code,
            problem.reason,
            request.meta.get("source_id"),
            kind=request.meta.get("kind", "article"),
            transient=problem.transient,
            start_url=request.meta.get("start_url", False),
        )


def _location(response: Response) -> str:
    """Where a feed's or sitemap's relative links resolve: its Content-Location (an http(s)
    URL, resolved against the response URL; feedparser's convention), else its own URL."""
    location = _header(response, b"Content-Location")
    if location:
        resolved = urljoin(response.url, location.strip())
        if urlparse(resolved).scheme in {"http", "https"}:
            return resolved
    return response.url


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _raised_at(failure) -> str:
    """', raised at file:line' of the innermost frame, when the failure kept its traceback."""
    try:
        frame = traceback.extract_tb(failure.getTracebackObject())[-1]
    except (AttributeError, IndexError, TypeError):
        return ""
    return f", raised at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"


def _is_site_root(canonical: str, url: str) -> bool:
    """True when rel=canonical points at the home page but the page itself is deeper."""
    return urlparse(canonical).path in {"", "/"} and urlparse(url).path not in {"", "/"}
