"""Datasette plugin: what keeps the public site safe to open and cheap to attack.

- Read-only: any method but GET and HEAD gets 405 before Datasette sees it.
- A Content-Security-Policy on every response: scripts only from the site itself, plus the
  inline <script> blocks the page's own templates rendered (each allowed by its SHA-256, computed
  from the page as sent), never an inline event handler or a `javascript:` URL; no framing
  (`frame-ancestors 'none'`). Article text is escaped by the templates, so it can never add a
  <script> element; the policy stops what escaping alone would not (a `javascript:` link
  stored from a hostile page, an event-handler attribute).
- Memory caps on every connection the site opens: a string or blob (SQLITE_LIMIT_LENGTH), the
  rows one query returns (a counting row factory) and SQLite's heap in this process (PRAGMA
  hard_heap_limit, for one row of many big columns). An anonymous
  `?sql=select hex(randomblob(400000000))` fails at once instead of allocating gigabytes;
  Datasette's time limit stops long queries, not big allocations. (A row over the heap cap is a
  MemoryError in sqlite3, which Datasette answers with a 500.)
"""

from __future__ import annotations

import base64
import hashlib
import re
import sqlite3
import weakref

from datasette import hookimpl

# Above the longest value the crawler can store (a page is cut at DOWNLOAD_MAXSIZE, 10 MB,
# and its HTML is kept gzip-compressed), so every stored text and blob stays readable.
MAX_VALUE_BYTES = 16 * 1024 * 1024
# The rows one query may return (a 1,000-row export of long articles is a few MB), so many
# rows of big values cannot pile up either; and the most memory SQLite itself may hold in this
# process (a row of many big columns is built whole before it is returned).
MAX_RESULT_BYTES = 32 * 1024 * 1024
SQLITE_HEAP_BYTES = 200 * 1024 * 1024

# Map tiles of datasette-cluster-map (OpenStreetMap); everything else comes from the site.
TILE_HOSTS = "https://*.tile.openstreetmap.org https://tile.openstreetmap.org"
INLINE_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
HAS_SRC = re.compile(rb"\bsrc\s*=", re.I)


def _sha256(source: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source).digest()).decode() + "'"


def content_security_policy(html: bytes | None = None, eval_allowed: bool = False) -> str:
    """The policy for one response; `html` is the page's body (its inline scripts are allowed)."""
    hashes = sorted({_sha256(body) for attrs, body in INLINE_SCRIPT.findall(html or b"") if not HAS_SRC.search(attrs)})
    script = ["'self'", *hashes]
    if eval_allowed:  # Vega compiles its chart expressions with Function()
        script.append("'unsafe-eval'")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(script),
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: {TILE_HOSTS}",
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _is_html(headers) -> bool:
    return any(k.lower() == b"content-type" and v.lower().startswith(b"text/html") for k, v in headers)


def _with_policy(headers, policy: str) -> list:
    kept = [[k, v] for k, v in headers if k.lower() not in (b"content-security-policy", b"x-content-type-options")]
    return kept + [[b"content-security-policy", policy.encode()], [b"x-content-type-options", b"nosniff"]]


async def _refuse_writes(send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 405,
            "headers": [[b"content-type", b"text/plain; charset=utf-8"], [b"allow", b"GET, HEAD"]],
        }
    )
    await send({"type": "http.response.body", "body": b"This site is read-only.\n"})


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            policy_send = _policy_sender(send, eval_allowed=scope["path"].startswith("/-/dashboards"))
            if scope["method"] not in ("GET", "HEAD"):
                return await _refuse_writes(policy_send)
            await app(scope, receive, policy_send)

        return guarded

    return wrap


def _policy_sender(send, eval_allowed: bool):
    """`send` that adds the policy to each response; an HTML page is held until its body is
    whole, so the hashes of its inline scripts can go into the header."""
    held: dict = {}

    async def policy_send(message):
        kind = message["type"]
        if kind == "http.response.start":
            if _is_html(message.get("headers", [])):
                held["start"], held["body"] = message, []
                return
            message = dict(
                message, headers=_with_policy(message.get("headers", []), content_security_policy(None, eval_allowed))
            )
        elif kind == "http.response.body" and "start" in held:
            held["body"].append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(held.pop("body"))
            start = held.pop("start")
            policy = content_security_policy(body, eval_allowed)
            await send(dict(start, headers=_with_policy(start.get("headers", []), policy)))
            message = {"type": "http.response.body", "body": body}
        await send(message)

    return policy_send


class ResultTooBig(sqlite3.DataError):
    """A query's rows add up to more than MAX_RESULT_BYTES (shown as the query's error)."""


def _budgeted(row_factory):
    """`row_factory` that fails a query once its rows' strings and blobs pass MAX_RESULT_BYTES
    (each query has its own cursor, so the count restarts with each)."""
    state = {"cursor": lambda: None, "bytes": 0}

    def rows(cursor, values):
        if state["cursor"]() is not cursor:
            state["cursor"], state["bytes"] = weakref.ref(cursor), 0
        state["bytes"] += sum(len(v) for v in values if isinstance(v, (str, bytes)))
        if state["bytes"] > MAX_RESULT_BYTES:
            raise ResultTooBig(
                f"the result is over the site's limit of {MAX_RESULT_BYTES // 2**20} MB "
                f"of text and binary data per query; ask for fewer rows or columns"
            )
        return row_factory(cursor, values)

    return rows


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute(f"pragma hard_heap_limit = {SQLITE_HEAP_BYTES}")
    conn.row_factory = _budgeted(conn.row_factory or sqlite3.Row)
