"""A news site on 127.0.0.1 whose articles claim script URLs as their address.

Each article page names a `javascript:`, `data:` or `vbscript:` URL as its rel=canonical or
og:url (the host part is the site's own, so a host check alone lets it through); the feed also
lists a `javascript:` link. Shared by tests/test_browser.py, tests/test_crawl_urls.py and
bench/hostile_site_figures.py.
"""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from testbed.sitegen import article_page, article_text

HOST = "127.0.0.1"
XSS_CANONICAL = f"javascript://{HOST}/%0aalert(document.domain)//"

# slug -> what the page puts in its <head> (the page's own URL is http://127.0.0.1:PORT/story/SLUG)
CRAFTED = {
    "js-canonical-trafficking-ring-jailed": f'<link rel="canonical" href="{XSS_CANONICAL}">',
    "js-og-url-forced-labour-case": f'<meta property="og:url" content="{XSS_CANONICAL}">',
    "upper-case-js-canonical-brokers-charged": f'<link rel="canonical" href="JaVaScRiPt://{HOST}/%0aalert(document.domain)//">',
    "spaced-js-canonical-debt-bondage-raid": f'<link rel="canonical" href=" \tjava&#9;script://{HOST}/%0aalert(document.domain)//">',
    "data-canonical-scam-compound-rescue": '<link rel="canonical" href="data:text/html,&lt;script&gt;alert(document.domain)&lt;/script&gt;">',
    "vbscript-canonical-recruiter-sentenced": f'<link rel="canonical" href="vbscript://{HOST}/msgbox(1)">',
    # a script canonical first, then a real og:url: the real one is the address
    "js-then-real-og-url-smuggling-verdict": f'<link rel="canonical" href="{XSS_CANONICAL}">'
    '<meta property="og:url" content="http://{origin_host}/story/real-address-smuggling-verdict">',
}
FEED_SCRIPT_LINK = f"javascript://{HOST}/%0aalert('feed')//"


def _feed(origin: str) -> str:
    items = "".join(
        f"<item><title>{slug}</title><link>{origin}/story/{slug}</link>"
        f"<pubDate>Mon, 0{n % 9 + 1} Dec 2025 08:00:00 GMT</pubDate></item>"
        for n, slug in enumerate(CRAFTED)
    )
    items += f"<item><title>script link</title><link>{html.escape(FEED_SCRIPT_LINK)}</link></item>"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Crafted</title>'
        f"<link>{origin}/</link>{items}</channel></rss>"
    )


def serve() -> ThreadingHTTPServer:
    """Start the site on a free port of 127.0.0.1 (in a thread); `server.shutdown()` stops it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            origin = f"http://{HOST}:{self.server.server_address[1]}"
            path = self.path.split("?", 1)[0]
            slug = path.removeprefix("/story/")
            if path == "/feed.xml":
                self._send(200, "application/rss+xml", _feed(origin))
            elif path.startswith("/story/") and slug in CRAFTED:
                head = CRAFTED[slug].replace("{origin_host}", f"{HOST}:{self.server.server_address[1]}")
                title = slug.replace("-", " ").capitalize()
                self._send(
                    200,
                    "text/html; charset=utf-8",
                    article_page(
                        title, article_text(slug, sentences=14), published="2025-12-01T08:00:00Z", extra_head=head
                    ),
                )
            else:
                self._send(404, "text/plain", "not found")

        def _send(self, status: int, content_type: str, text: str):
            body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((HOST, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sources_toml(server: ThreadingHTTPServer) -> str:
    origin = f"http://{HOST}:{server.server_address[1]}"
    return (
        f'[[source]]\nid = "crafted"\nname = "Crafted Courier"\nhomepage = "{origin}/"\n'
        f'start_urls = ["{origin}/feed.xml"]\nallowed_domains = ["{HOST}"]\narticle_pattern = "/story/"\n'
    )


def stored_urls(db) -> list[str]:
    """Every URL the crawl stored: articles, copies, fetched URLs, sentences' article links."""
    return [
        row[0]
        for row in db.execute(
            "select url from articles union all select url from article_copies "
            "union all select url from fetched_urls union all select article_url from sentences"
        )
        if row[0] is not None
    ]
