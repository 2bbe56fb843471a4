"""The generated news site (`testbed.sitegen.generate_site`) served on 127.0.0.1, counting
every request by path (how a test sees that no page was requested twice across a fleet) and
noting when each arrived (how the bench times a crawl from its first request to its last)."""

from __future__ import annotations

import collections
import functools
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

from demo.server import SiteHandler


class CountingHandler(SiteHandler):
    def do_GET(self):
        with self.server.lock:
            self.server.requests[self.path] += 1
            self.server.times.append((time.perf_counter(), self.path))
        super().do_GET()


def serve_counting(folder: Path) -> ThreadingHTTPServer:
    """Serve `folder` in a daemon thread; `server.requests` counts GETs by path, `server.times`
    lists (time, path) of each."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(folder)))
    server.daemon_threads = True
    server.requests = collections.Counter()
    server.times = []
    server.lock = threading.Lock()
    threading.Thread(target=server.serve_forever, daemon=True, name="counting-site").start()
    return server
