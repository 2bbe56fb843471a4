"""A static HTTP server for a folder on 127.0.0.1 (the demo site, and test sites in tests)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE_DIR = Path(__file__).parent / "site"
SOURCES_TEMPLATE = Path(__file__).parent / "sources.toml"
TEMPLATE_ORIGIN = "http://127.0.0.1:8765"


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files, with the template origin in feeds, sitemaps and links set to the real one."""

    def log_message(self, format, *args):  # the crawler logs what matters
        pass

    def page(self) -> tuple[Path, bytes] | None:
        """The requested file and its body with the real origin put in; None (404 sent) if absent."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not found")
            return None
        body = path.read_bytes()
        if path.suffix in {".html", ".xml", ".txt"}:
            host, port = self.server.server_address[:2]
            body = body.replace(TEMPLATE_ORIGIN.encode(), f"http://{host}:{port}".encode())
        return path, body

    def do_GET(self):
        found = self.page()
        if found is None:
            return
        path, body = found
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_directory(directory: str | Path = SITE_DIR, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start serving `directory` in a daemon thread; port 0 picks a free port."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="demo-site").start()
    return server


def origin_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def write_sources_for(origin: str, target: str | Path) -> Path:
    """The demo sources file with the site's real origin put in (the port may differ)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SOURCES_TEMPLATE.read_text(encoding="utf-8").replace(TEMPLATE_ORIGIN, origin), encoding="utf-8")
    return target
