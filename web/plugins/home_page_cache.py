"""Datasette plugin: the home page is rendered once per state of the databases, not per request.

Datasette's index page checks the visibility of every table and view (about 40 here, FTS shadow
tables included), and datasette-search-all then walks the tables again for its search box; each
check deep-copies the whole metadata (descriptions, canned queries, dashboards), so one home page
costs about 100 ms of CPU, and 20 clients at once queued behind each other for 3 s. What it shows
changes only when a database does (tables, views, row counts), so the page as sent is kept, per
path, until a database file or its WAL changes size or modification time, and one request
renders it while the others wait for that copy. Only anonymous requests (no cookie, no
Authorization, no query string) are answered from the copy, and only a 200 without Set-Cookie
is kept.
"""

from __future__ import annotations

import asyncio
import os

from datasette import hookimpl

CACHED_PATHS = {"/", "/.json"}


def _file_state(path: str) -> tuple:
    try:
        stat = os.stat(path)
    except OSError:
        return (path, None)
    return (path, stat.st_mtime_ns, stat.st_size)


def databases_state(datasette) -> tuple:
    """Changes whenever any database file is written (a commit goes to the WAL, a checkpoint
    or a rollback-journal commit to the file itself)."""
    return tuple(_file_state(f) for db in datasette.databases.values() if db.path for f in (db.path, db.path + "-wal"))


def _cacheable_request(scope) -> bool:
    headers = {k.lower() for k, _ in scope.get("headers", [])}
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and scope["path"] in CACHED_PATHS
        and not scope.get("query_string")
        and not headers & {b"cookie", b"authorization"}
    )


def _cacheable_response(messages: list[dict]) -> bool:
    start = messages[0]
    return start.get("status") == 200 and not any(k.lower() == b"set-cookie" for k, _ in start.get("headers", []))


@hookimpl
def asgi_wrapper(datasette):
    pages: dict[str, tuple[tuple, list[dict]]] = {}  # path -> (databases' state, ASGI messages)
    locks: dict[str, asyncio.Lock] = {}

    def wrap(app):
        async def home_page(scope, receive, send):
            if not _cacheable_request(scope):
                return await app(scope, receive, send)
            path = scope["path"]
            async with locks.setdefault(path, asyncio.Lock()):  # one renders, the others wait for it
                state = databases_state(datasette)
                kept = pages.get(path)
                if kept is None or kept[0] != state:
                    messages: list[dict] = []

                    async def keep(message):
                        messages.append(message)

                    await app(scope, receive, keep)
                    if not messages or not _cacheable_response(messages):
                        pages.pop(path, None)
                        for message in messages:
                            await send(message)
                        return
                    kept = pages[path] = (state, messages)
            for message in kept[1]:
                await send(message)

        return home_page

    return wrap
