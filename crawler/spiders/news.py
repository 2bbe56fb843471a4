"""The generic news spider: every source in the sources file, one discovery loop.

Start URLs may be RSS/Atom feeds, XML sitemaps (and sitemap indexes) or HTML section
pages; the response itself says which. Article pages become `ArticleItem`s; anything
broken is logged with its URL and reason, counted, and skipped.
"""
from __future__ import annotations

import logging
import re

import feedparser
import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap

from crawler.extraction import content_hash, parse_article
from crawler.items import ArticleItem
from crawler.relevance import load_filter
from crawler.sources import Source, load_sources
from crawler.urls import canonical_url

logger = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 400
FEED_MARKERS = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
SITEMAP_MARKERS = re.compile(rb"<(?:urlset|sitemapindex)[\s>]", re.I)


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources_path = sources

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.sources_path = spider.sources_path or crawler.settings.get("SOURCES_FILE")
        spider.relevance = load_filter(crawler.settings.get("RELEVANCE_TERMS_FILE"))
        spider.known_urls = set()
        spider.articles_per_source: dict[str, int] = {}
        return spider

    # -- bookkeeping ---------------------------------------------------------
    def skip(self, url: str, reason: str, stat: str) -> None:
        """Log, count and (through the item pipeline) record a skipped URL."""
        logger.warning("skipped %s: %s", url, reason)
        self.crawler.stats.inc_value(f"news/skipped/{stat}")
        self.crawler.stats.inc_value("news/pages_skipped")
        store = getattr(self, "store", None)
        if store is not None:
            store.record_skip(url, f"{stat}: {reason}")

    # -- discovery -----------------------------------------------------------
    async def start(self):
        self.sources: list[Source] = load_sources(self.sources_path)
        store = getattr(self, "store", None)
        if store is not None:
            store.register_sources(self.sources)
            self.known_urls = store.known_urls()
        self.crawler.stats.set_value("news/sources_tried", len(self.sources))
        for source in self.sources:
            for url in source.start_urls:
                yield scrapy.Request(
                    url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
                    cb_kwargs={"source": source, "page": 1}, meta={"source_id": source.id, "start_url": True},
                )

    def parse_listing(self, response: Response, source: Source, page: int):
        body = response.body[:2048]
        if SITEMAP_MARKERS.search(body):
            yield from self._from_sitemap(response, source)
        elif FEED_MARKERS.search(body):
            yield from self._from_feed(response, source)
        elif isinstance(response, TextResponse):
            yield from self._from_html_listing(response, source, page)
        else:
            self.skip(response.url, "listing is not text, a feed or a sitemap", "listing_not_text")

    def _from_feed(self, response: Response, source: Source):
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            self.skip(response.url, f"malformed feed: {feed.get('bozo_exception')}", "bad_feed")
            return
        for entry in feed.entries:
            link = entry.get("link")
            if link:
                yield from self._article_request(response.urljoin(link), source, response.url)

    def _from_sitemap(self, response: Response, source: Source):
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # lxml raises several types on garbage
            self.skip(response.url, f"malformed sitemap: {exc}", "bad_sitemap")
            return
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield scrapy.Request(response.urljoin(entry["loc"]), callback=self.parse_listing,
                                     errback=self.on_error, cb_kwargs={"source": source, "page": 1},
                                     meta={"source_id": source.id})
            return
        for entry in sitemap:
            url = response.urljoin(entry["loc"])
            if source.is_article_url(url) or source.article_pattern is None:
                yield from self._article_request(url, source, response.url)

    def _from_html_listing(self, response: TextResponse, source: Source, page: int):
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if source.allows(url) and source.is_article_url(url):
                yield from self._article_request(url, source, response.url)
        if page < source.max_pages:
            next_href = response.css("a[rel~=next]::attr(href), link[rel~=next]::attr(href), a.next::attr(href)").get()
            if next_href:
                yield response.follow(next_href, callback=self.parse_listing, errback=self.on_error,
                                      cb_kwargs={"source": source, "page": page + 1},
                                      meta={"source_id": source.id})

    def _article_request(self, url: str, source: Source, listed_on: str):
        if not source.allows(url):
            return
        if url in self.known_urls or canonical_url(url) in self.known_urls:
            self.crawler.stats.inc_value("news/already_stored")
            return
        count = self.articles_per_source.get(source.id, 0)
        if source.max_articles is not None and count >= source.max_articles:
            return
        self.articles_per_source[source.id] = count + 1
        yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                             cb_kwargs={"source": source}, meta={"source_id": source.id})

    # -- articles ------------------------------------------------------------
    def parse_article(self, response: Response, source: Source):
        self.crawler.stats.inc_value("news/pages_fetched")
        if not isinstance(response, TextResponse):
            self.skip(response.url, f"not a text page ({response.headers.get('Content-Type', b'').decode(errors='replace')})", "not_text")
            return
        try:
            html = response.text
        except (UnicodeDecodeError, LookupError) as exc:
            self.skip(response.url, f"undecodable text: {exc}", "bad_encoding")
            return
        parsed = parse_article(html, response.url)
        text = parsed["text"] or ""
        if len(text) < MIN_ARTICLE_CHARS:
            self.skip(response.url, f"no article body ({len(text)} characters)", "no_article_text")
            return
        url = parsed["url"] if parsed["url"] and source.allows(parsed["url"]) else canonical_url(response.url)
        if parsed["language"] and parsed["language"] not in source.languages:
            self.skip(response.url, f"language {parsed['language']} not in {source.languages}", "language")
            return
        score, terms = self.relevance.score(parsed["title"], text)
        yield ArticleItem(
            url=url, source_id=source.id, title=parsed["title"], text=text,
            published=parsed["published"], authors=parsed["authors"], language=parsed["language"],
            relevance=score, relevance_terms=terms, relevant=self.relevance.is_relevant(score),
            content_hash=content_hash(text), html=html,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1") or None,
            seen_urls=sorted({response.url, response.request.url}),
        )

    def on_error(self, failure):
        request = failure.request
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
            stat = f"http_{failure.value.response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
            stat = failure.type.__name__
        if request.meta.get("start_url"):
            self.crawler.stats.inc_value("news/sources_failed_urls")
            self.crawler.stats.inc_value(f"news/source_failed/{request.meta.get('source_id')}")
        self.crawler.stats.inc_value("news/errors")
        self.skip(request.url, reason, stat)
