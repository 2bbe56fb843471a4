"""Why a request failed, in words an operator reads in `run_errors`, and whether to try again.

Every skip has a short code (the `run_errors.code` column and the keys of
`runs.problem_counts`) and a reason with the detail. Transient failures (5xx, timeouts,
refused connections, unknown hosts) are tried again on later runs, up to
NEWS_MAX_ATTEMPTS runs; permanent ones (404, too big, not text...) are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

PERMANENT_HTTP = {400, 401, 404, 405, 406, 410, 414, 451}

# Page-content problems found after a successful download (all permanent for that URL).
CONTENT_CODES = {
    "empty": "empty page",
    "not_text": "not an HTML page",
    "too_big": "larger than DOWNLOAD_MAXSIZE",
    "bad_encoding": "text cannot be decoded",
    "no_article_text": "no article body",
    "language": "language not accepted by the source",
    "too_old": "published before --since",
}


@dataclass
class Problem:
    code: str
    reason: str
    transient: bool


def _names(failure) -> set[str]:
    return {cls.__name__ for cls in failure.type.__mro__} if failure.type else set()


def classify_failure(failure) -> Problem:
    """Turn a Twisted Failure from a request errback into a Problem."""
    if failure.check(HttpError):
        response = failure.value.response
        status = response.status
        reason = f"HTTP {status}"
        refused = response.request.meta.get("retry_after_refused") if response.request else None
        if refused:
            reason += f" with Retry-After {refused:.0f}s (more than RETRY_AFTER_MAX); left for the next run"
        elif status in {429, 503} and response.headers.get(b"Retry-After"):
            reason += " after waiting for Retry-After and retrying"
        return Problem(f"http_{status}", reason, status not in PERMANENT_HTTP)
    message = failure.getErrorMessage()
    if failure.check(IgnoreRequest):
        if "robots.txt" in message:
            return Problem("robots", "forbidden by robots.txt", False)
        if message.startswith("redirect loop"):
            return Problem("redirect_loop", message, False)
        if "max redirections" in message:
            return Problem("too_many_redirects", "more redirects than REDIRECT_MAX_TIMES", False)
        return Problem("ignored", message or "request ignored", False)
    names = _names(failure)
    if names & {"DownloadTimeoutError", "TimeoutError", "TCPTimedOutError", "UserTimeout"}:
        return Problem("timeout", f"no complete answer within DOWNLOAD_TIMEOUT ({message})", True)
    if names & {"CannotResolveHostError", "DNSLookupError", "DNSNotFoundError"}:
        return Problem("dns", f"host name does not resolve (dead domain?): {message}", True)
    if names & {"DownloadConnectionRefusedError", "ConnectionRefusedError"}:
        return Problem("connection_refused", f"connection refused: {message}", True)
    if names & {"DownloadCancelledError", "CancelledError"}:
        if "max size" in message or "larger than download max size" in message or not message:
            return Problem("too_big", f"download cancelled: {message or 'larger than DOWNLOAD_MAXSIZE'}", False)
        return Problem("cancelled", f"download cancelled: {message}", True)
    if names & {
        "ResponseDataLossError",
        "ConnectionLost",
        "ConnectionDone",
        "ResponseFailed",
        "DownloadFailedError",
        "ConnectError",
    }:
        return Problem("connection_failed", f"{failure.type.__name__}: {message}", True)
    return Problem(failure.type.__name__ if failure.type else "error", message, True)
