"""Downloader middlewares for politeness and hostile servers (registered in settings.py).

- `CrawlDelayMiddleware`: honours robots.txt `Crawl-delay` per host (Scrapy's robots.txt
  middleware only checks Allow/Disallow).
- `RetryAfterMiddleware`: Scrapy's retry, but a 503/429 with `Retry-After` waits that
  long before retrying (up to RETRY_AFTER_MAX seconds; longer waits are left to the next run).
- `RedirectLoopMiddleware`: a redirect back to a URL already in the chain fails at once
  with "redirect loop" (otherwise Scrapy's duplicate filter drops it without a trace).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)


async def sleep(seconds: float) -> None:
    """Wait without blocking the reactor (works with any Twisted reactor)."""
    from twisted.internet import reactor, task  # the installed reactor, imported late on purpose

    await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent/bad."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class CrawlDelayMiddleware:
    """Apply a host's robots.txt Crawl-delay to its download slot, and keep AutoThrottle off it.

    The delay becomes the slot's minimum gap between requests (no jitter below it);
    AutoThrottle is told not to lower it. Delays above ROBOTSTXT_MAX_CRAWL_DELAY are
    capped (and logged): a site asking for one request an hour would never be read.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.max_delay = crawler.settings.getfloat("ROBOTSTXT_MAX_CRAWL_DELAY", 60.0)
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def robots_parsed(self, robotparser, request):
        get_delay = getattr(robotparser, "crawl_delay", None)
        if get_delay is None:
            return
        try:
            delay = get_delay(self.user_agent)
        except Exception:  # a parser quirk must not stop the crawl
            return
        if not delay or delay <= 0:
            return
        host = urlparse_cached(request).hostname or ""
        if delay > self.max_delay:
            logger.warning("robots.txt of %s asks for Crawl-delay %ss; using %ss", host, delay, self.max_delay)
            delay = self.max_delay
        self.delays[host] = float(delay)
        self.crawler.stats.set_value(f"news/crawl_delay/{host}", float(delay))
        downloader = self.crawler.engine.downloader
        slot_settings = dict(downloader.per_slot_settings.get(host, {}))
        slot_settings["delay"] = max(float(slot_settings.get("delay", downloader._delay)), delay)
        slot_settings["jitter"] = 0
        downloader.per_slot_settings[host] = slot_settings  # slots are re-created after idling
        slot = downloader.slots.get(host)
        if slot is not None:
            slot.delay = max(slot.delay, delay)
            slot.jitter = 0
        logger.info("Crawl-delay %ss for %s (robots.txt)", delay, host)

    def process_request(self, request):
        if urlparse_cached(request).hostname in self.delays:
            request.meta["autothrottle_dont_adjust_delay"] = True


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that waits for a server's Retry-After (503, 429) before retrying."""

    RETRY_AFTER_STATUSES = {429, 503}

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        middleware.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX", 120.0)
        return middleware

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        reason = response_status_message(response.status)
        wait = parse_retry_after(response.headers.get(b"Retry-After"))
        if wait is None or response.status not in self.RETRY_AFTER_STATUSES:
            return self._retry(request, reason) or response
        stats = self.crawler.stats
        if wait > self.max_wait:
            stats.inc_value("news/retry_after_too_long")
            request.meta["retry_after_refused"] = wait
            logger.warning(
                "%s asks to retry after %.0fs (more than RETRY_AFTER_MAX=%.0fs); leaving it for the next run",
                request.url,
                wait,
                self.max_wait,
            )
            return response
        retry = self._retry(request, f"{reason} (Retry-After {wait:.0f}s)")
        if retry is None:
            return response
        stats.inc_value("news/retry_after_waits")
        logger.info("%s: %s, Retry-After %.1fs; waiting", request.url, reason, wait)
        if wait > 0:
            await sleep(wait)
        return retry


class RedirectLoopMiddleware:
    """Fail a redirect that goes back to a URL already visited in its chain."""

    def process_response(self, request, response):
        if not 300 <= response.status < 400 or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if urldefrag(target)[0] in {urldefrag(u)[0] for u in chain}:
            raise IgnoreRequest("redirect loop: " + " -> ".join([*chain, target]))
        return response
