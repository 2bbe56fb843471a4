"""A hostile news site on 127.0.0.1 for crawler tests: real HTTP, generated pages, a request log.

Two virtual hosts on one port: http://127.0.0.1:PORT ("Hostile Times": feeds, sitemaps,
sections and every kind of broken page) and http://localhost:PORT ("Delta Daily": a
second outlet that republishes a wire story with small edits and one story verbatim;
its robots.txt asks for a Crawl-delay). `OUTCOMES` says what the crawler should do with
each path; the tests compare that with the database and with `requests`.

Pages no source of `sources_toml()` lists, for tests that write their own sources with
`source_toml()`: an endless chain of sitemap indexes under /endless/ (`endless_index`),
relative links resolved against Content-Location and <base> under /relative/ (`RELATIVE`),
and three articles under /faults/ for fault injection (`FAULT_STORIES`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from testbed.sitegen import article_page, article_text

SINCE = "2024-01-01"  # the tests crawl with --since SINCE
CRAWL_DELAY = 0.5  # Delta Daily's robots.txt
SLOW_SECONDS = 3.0  # the slow page; tests set DOWNLOAD_TIMEOUT=1
HUGE_BYTES = 20 * 1024 * 1024
THAI = (
    "กรุงเทพฯ ตำรวจจับกุมผู้ต้องสงสัยในคดีค้ามนุษย์ หลังจากช่วยเหลือแรงงานต่างด้าวจำนวนมากจากโรงงานแห่งหนึ่ง "
    "เจ้าหน้าที่กล่าวว่าเหยื่อถูกบังคับให้ทำงานวันละสิบหกชั่วโมงโดยไม่ได้รับค่าจ้าง และถูกยึดหนังสือเดินทาง "
)

# path -> what the crawl must do with it (main host unless it starts with "delta:")
OUTCOMES = {
    # Pairs: one of each is stored, the other linked to it as a copy (which one depends on timing)
    "/story/court-jails-recruiter-for-trafficking-women": "twin",  # listed under 3 tracking URLs
    "delta:/news/delta-exact-copy-court-jails-recruiter": "twin",  # same text, other page
    "/story/wire-story-trafficking-ring-busted-in-poipet": "wire",
    "delta:/news/delta-edition-trafficking-ring-busted-poipet": "wire",  # small edits
    "/story/original-date-trafficking-ring-sentenced": "stored",
    "/story/busy-server-trafficking-raid-503": "stored",  # 503 + Retry-After, then 200
    "/story/wrong-charset-trafficking-story": "stored",
    "/story/no-charset-trafficking-story": "stored",
    "/story/atom-only-forced-labour-fishing-boats": "stored",
    "/story/sitemap-only-scam-compound-rescue": "stored",  # date only in the Google News sitemap
    "/story/from-broken-sitemap-debt-bondage": "stored",
    "/story/section-page-one-trafficking-arrests": "stored",
    "/story/section-page-two-forced-labour-case": "stored",
    "/story/section-page-three-brothel-raid": "stored",
    "/story/canonical-to-homepage-trafficking-case": "stored",  # rel=canonical to "/" is ignored
    "/story/print/trafficking-court-hearing": "stored-as:/story/trafficking-court-hearing",  # rel=canonical
    "delta:/news/delta-own-story-forced-marriage-case": "stored",
    "delta:/news/delta-thai-language-story": "irrelevant",  # Thai allowed by Delta, but off-filter
    "/story/off-topic-football-derby-report": "irrelevant",
    "/private/internal-trafficking-memo-page": "skip:robots",
    "/story/server-error-trafficking-report-500": "skip:http_500",
    "/story/slow-page-trafficking-hearing-timeout": "skip:timeout",
    "/story/redirect-loop-trafficking-case": "skip:redirect_loop",
    "/story/annual-trafficking-report-2024.pdf": "skip:not_text",
    "/story/huge-trafficking-page-20mb": "skip:too_big",
    "/story/huge-unannounced-trafficking-page": "skip:too_big",
    "/story/thai-language-trafficking-page": "skip:language",
    "/story/empty-trafficking-page": "skip:empty",
    "/story/html-listed-old-trafficking-2020": "skip:too_old",
    "/story/old-feed-entry-trafficking-2019": "not_requested",  # feed date before --since
    "/story/sitemap-old-news-trafficking-2018": "not_requested",  # news sitemap date before --since
    "/story/archived-2019-trafficking-story": "not_requested",  # in a sitemap with old lastmod
    "/story/deep-page-four-trafficking-story": "not_requested",  # beyond max_pages = 3
}


# /relative/: where relative links must lead (requested) and where they would lead if the
# listing's own URL were used as the base (never requested)
RELATIVE = {
    "requested": [
        "/relative/archive/story-relative-to-content-location-trafficking",
        "/relative/based/story-relative-to-base-href-trafficking",
    ],
    "not_requested": [
        "/relative/story-relative-to-content-location-trafficking",
        "/relative/section/story-relative-to-base-href-trafficking",
    ],
}
FAULT_STORIES = [
    "/faults/story-raises-in-callback-trafficking",
    "/faults/story-raises-in-pipeline-trafficking",
    "/faults/story-without-fault-trafficking",
]


def source_toml(
    source_id: str,
    start_urls: list[str],
    max_pages: int = 3,
    article_pattern: str | None = None,
    allowed: str = "127.0.0.1",
) -> str:
    """One [[source]] table on the main host, for tests that crawl one part of the site."""
    pattern = f'article_pattern = "{article_pattern}"\n' if article_pattern else ""
    urls = ", ".join(f'"{u}"' for u in start_urls)
    return (
        f'[[source]]\nid = "{source_id}"\nname = "{source_id}"\nhomepage = "{start_urls[0]}"\n'
        f'start_urls = [{urls}]\nallowed_domains = ["{allowed}"]\nmax_pages = {max_pages}\n{pattern}\n'
    )


def endless_index(origin: str, path: str) -> bytes | None:
    """/endless/w<W>/<id>.xml: a sitemap index listing W new child indexes, without end."""
    parts = path.split("/")
    if len(parts) != 4 or not parts[2][1:].isdigit() or not parts[3].endswith(".xml"):
        return None
    width, name = int(parts[2][1:]), parts[3][:-4]
    children = "".join(
        f"<sitemap><loc>{origin}/endless/w{width}/{name}-{k}.xml</loc><lastmod>2025-05-01</lastmod></sitemap>"
        for k in range(1, width + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
    ).encode()


@dataclass
class Hit:
    at: float
    host: str
    path: str
    query: str
    headers: dict
    status: int = 0


@dataclass
class HostileSite:
    server: ThreadingHTTPServer
    dead_port: int
    log: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: dict = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def main(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def delta(self) -> str:
        return f"http://localhost:{self.port}"

    def hits(self, path: str, host: str = "main") -> list[Hit]:
        with self.lock:
            return [h for h in self.log if h.path == path and h.host == host]

    def reset(self) -> None:
        with self.lock:
            self.log.clear()

    def sources_toml(self) -> str:
        m, d = self.main, self.delta
        return f"""
[[source]]
id = "hostile-times"
name = "Hostile Times"
homepage = "{m}/"
start_urls = ["{m}/feed.xml", "{m}/atom.xml", "{m}/sitemap_index.xml", "{m}/section/trafficking/",
              "{m}/broken-feed.xml"]
allowed_domains = ["127.0.0.1"]
article_pattern = "/(story|private)/"
max_pages = 3

[[source]]
id = "delta-daily"
name = "Delta Daily"
homepage = "{d}/"
start_urls = ["{d}/feed.xml"]
allowed_domains = ["localhost"]
article_pattern = "/news/"
languages = ["en", "th"]

[[source]]
id = "dead-outlet"
name = "Dead Outlet"
homepage = "http://127.0.0.1:{self.dead_port}/"
start_urls = ["http://127.0.0.1:{self.dead_port}/feed.xml"]
allowed_domains = ["127.0.0.1"]
"""

    def shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- content ----------------------------------------------------------------------
def _rss(origin: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{escape(origin + p)}</link><pubDate>{d}</pubDate></item>" for p, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>'
        f"<link>{origin}/</link><description>Latest</description>{entries}</channel></rss>"
    ).encode()


WIRE = [
    "Police in Poipet arrested seven people on Tuesday and rescued 43 Cambodian and Thai workers from a "
    "casino complex, in what officers described as the largest human trafficking raid in the border town this year.",
    "The Anti-Human Trafficking and Juvenile Protection Department said the workers had been lured with "
    "promises of jobs in restaurants paying $800 a month and were then forced to run online scams for up to "
    "sixteen hours a day.",
    "Officers seized 61 passports, 120 mobile phones and ledgers recording debts the workers were told they "
    "owed for transport and food. Several workers said they had been beaten when they failed to meet targets.",
    "The suspects, including two Chinese nationals who managed the compound, were sent to the Banteay "
    "Meanchey Provincial Court on Thursday and charged with human trafficking and unlawful detention.",
    "Rights groups have long said that scam compounds along the Thai border hold thousands of foreign workers. "
    "The provincial governor said checks of the remaining buildings in the complex would continue next week.",
]
DELTA_WIRE = [
    "POIPET, Cambodia (Delta Daily) — " + WIRE[0],
    WIRE[1],
    WIRE[2].replace("Several workers said they had been beaten", "Some of the workers told reporters they were beaten"),
    WIRE[3],
    WIRE[4],
    "Delta Daily could not reach the suspects' lawyers for comment.",
]


def build_pages(site: HostileSite) -> dict[tuple[str, str], dict]:
    """(host, path) -> {"status", "headers", "body"} or {"special": ...}."""
    m, d = site.main, site.delta
    html = {"Content-Type": "text/html; charset=utf-8"}

    def story(path, title, seed, host="main", **kw):
        origin = m if host == "main" else d
        body = kw.pop("paragraphs", None) or article_text(seed, on_topic=kw.pop("on_topic", True))
        kw.setdefault("published", "2025-05-01T08:00:00+07:00")
        return {
            "status": 200,
            "headers": dict(html),
            "body": article_page(title, body, url=origin + path, **kw).encode("utf-8"),
        }

    pages: dict[tuple[str, str], dict] = {}
    P = pages.__setitem__

    # robots.txt: the main host forbids /private/, Delta asks for a Crawl-delay
    P(
        ("main", "/robots.txt"),
        {"status": 200, "headers": {"Content-Type": "text/plain"}, "body": b"User-agent: *\nDisallow: /private/\n"},
    )
    P(
        ("delta", "/robots.txt"),
        {
            "status": 200,
            "headers": {"Content-Type": "text/plain"},
            "body": f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\n".encode(),
        },
    )

    twin = "/story/court-jails-recruiter-for-trafficking-women"
    twin_paragraphs = article_text("twin")
    P(("main", twin), story(twin, "Court jails recruiter for trafficking women", "twin", paragraphs=twin_paragraphs))
    P(
        ("main", "/story/original-date-trafficking-ring-sentenced"),
        story(
            "/story/original-date-trafficking-ring-sentenced",
            "Trafficking ring sentenced in Kandal",
            "orig",
            published="2025-03-02T09:30:00+07:00",
            modified="2025-06-01T10:00:00+07:00",
            byline_date="Published March 2, 2025. Updated June 1, 2025",
        ),
    )
    P(
        ("main", "/story/busy-server-trafficking-raid-503"),
        story("/story/busy-server-trafficking-raid-503", "Raid frees trafficking victims", "busy"),
    )
    # wrong charset: the header says latin-1, the bytes are UTF-8 (curly quotes, a Khmer name)
    wrong = story(
        "/story/wrong-charset-trafficking-story", "Survivors describe “debt bondage” at sea", "wrong", charset_meta=None
    )
    wrong["body"] = wrong["body"].replace(b"<p>", "<p>“We were sold,” said ស៊ីន សុខា. ".encode(), 1)
    wrong["headers"] = {"Content-Type": "text/html; charset=iso-8859-1"}
    P(("main", "/story/wrong-charset-trafficking-story"), wrong)
    # no charset anywhere, windows-1252 bytes (curly quotes are 0x93/0x94)
    nocs = article_page(
        "Recruiter’s “agency” was a front for forced labour",
        article_text("nocs"),
        url=m + "/story/no-charset-trafficking-story",
        published="2025-04-04T08:00:00Z",
        charset_meta=None,
    )
    P(
        ("main", "/story/no-charset-trafficking-story"),
        {"status": 200, "headers": {"Content-Type": "text/html"}, "body": nocs.encode("cp1252")},
    )
    P(
        ("main", "/story/atom-only-forced-labour-fishing-boats"),
        story("/story/atom-only-forced-labour-fishing-boats", "Forced labour on fishing boats", "atom"),
    )
    P(
        ("main", "/story/sitemap-only-scam-compound-rescue"),
        story("/story/sitemap-only-scam-compound-rescue", "Scam compound rescue", "sitemap", published=None),
    )
    P(
        ("main", "/story/from-broken-sitemap-debt-bondage"),
        story("/story/from-broken-sitemap-debt-bondage", "Debt bondage in brick kilns", "broken-sitemap"),
    )
    for n, (slug, title) in enumerate(
        [
            ("section-page-one-trafficking-arrests", "Trafficking arrests"),
            ("section-page-two-forced-labour-case", "Forced labour case"),
            ("section-page-three-brothel-raid", "Brothel raid frees girls"),
            ("deep-page-four-trafficking-story", "Deep page story"),
        ],
        1,
    ):
        P(("main", f"/story/{slug}"), story(f"/story/{slug}", title, f"section{n}"))
    P(("main", "/story/canonical-to-homepage-trafficking-case"), story("/", "Canonical bug", "canonical-home"))
    printed = story("/story/trafficking-court-hearing", "Court hearing", "print")
    P(("main", "/story/print/trafficking-court-hearing"), printed)
    P(
        ("main", "/story/html-listed-old-trafficking-2020"),
        story(
            "/story/html-listed-old-trafficking-2020",
            "An old trafficking case",
            "old-html",
            published="2020-02-02T08:00:00Z",
        ),
    )
    for path in (
        "/story/old-feed-entry-trafficking-2019",
        "/story/sitemap-old-news-trafficking-2018",
        "/story/archived-2019-trafficking-story",
    ):
        P(("main", path), story(path, "Old story", path, published="2018-06-01T08:00:00Z"))
    wire = "/story/wire-story-trafficking-ring-busted-in-poipet"
    P(
        ("main", wire),
        story(
            wire,
            "Seven arrested as police free 43 from Poipet scam compound",
            "wire",
            paragraphs=WIRE,
            author="Wire Service",
        ),
    )
    P(
        ("main", "/story/off-topic-football-derby-report"),
        story("/story/off-topic-football-derby-report", "Derby win for Mekong United", "football", on_topic=False),
    )
    P(
        ("main", "/private/internal-trafficking-memo-page"),
        story("/private/internal-trafficking-memo-page", "Internal memo", "private"),
    )
    P(
        ("main", "/story/server-error-trafficking-report-500"),
        {"status": 500, "headers": dict(html), "body": b"<html><body>Internal Server Error</body></html>"},
    )
    P(
        ("main", "/story/slow-page-trafficking-hearing-timeout"),
        {"special": "slow", **story("/story/slow-page-trafficking-hearing-timeout", "Slow", "slow")},
    )
    P(
        ("main", "/story/redirect-loop-trafficking-case"),
        {"status": 302, "headers": {"Location": "/story/redirect-loop-trafficking-case-b"}, "body": b""},
    )
    P(
        ("main", "/story/redirect-loop-trafficking-case-b"),
        {"status": 302, "headers": {"Location": "/story/redirect-loop-trafficking-case"}, "body": b""},
    )
    P(
        ("main", "/story/annual-trafficking-report-2024.pdf"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/pdf"},
            "body": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 40,
        },
    )
    P(("main", "/story/huge-trafficking-page-20mb"), {"special": "huge"})
    P(("main", "/story/huge-unannounced-trafficking-page"), {"special": "huge-stream"})
    thai = article_page(
        "ตำรวจช่วยเหลือเหยื่อค้ามนุษย์",
        [THAI * 3, THAI * 2],
        lang="th",
        url=m + "/story/thai-language-trafficking-page",
        published="2025-05-05T08:00:00Z",
    )
    P(
        ("main", "/story/thai-language-trafficking-page"),
        {"status": 200, "headers": dict(html), "body": thai.encode("utf-8")},
    )
    P(("main", "/story/empty-trafficking-page"), {"status": 200, "headers": dict(html), "body": b""})

    # feeds
    feed_items = [
        (twin + "?utm_source=rss&utm_medium=feed", "Court jails recruiter", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/original-date-trafficking-ring-sentenced", "Ring sentenced", "Sun, 02 Mar 2025 02:30:00 GMT"),
        ("/private/internal-trafficking-memo-page", "Memo", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/server-error-trafficking-report-500", "Report", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/busy-server-trafficking-raid-503", "Raid", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/slow-page-trafficking-hearing-timeout", "Hearing", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/redirect-loop-trafficking-case", "Case", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/annual-trafficking-report-2024.pdf", "Annual report", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/huge-trafficking-page-20mb", "Huge", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/huge-unannounced-trafficking-page", "Huge too", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/thai-language-trafficking-page", "Thai", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/empty-trafficking-page", "Empty", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/wrong-charset-trafficking-story", "Charset", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/no-charset-trafficking-story", "No charset", "Mon, 05 May 2025 08:00:00 GMT"),
        ("/story/old-feed-entry-trafficking-2019", "Old", "Tue, 05 Mar 2019 08:00:00 GMT"),
        ("/story/off-topic-football-derby-report", "Derby", "Mon, 05 May 2025 08:00:00 GMT"),
        (wire, "Wire", "Mon, 05 May 2025 08:00:00 GMT"),
    ]
    P(
        ("main", "/feed.xml"),
        {
            "status": 200,
            "etag": '"feed-v1"',
            "headers": {"Content-Type": "application/rss+xml"},
            "body": _rss(m, feed_items),
        },
    )
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile Times</title><id>{m}/</id><updated>2025-05-06T00:00:00Z</updated>
<entry><title>Court jails recruiter</title><id>t1</id><link href="{m}{twin}?fbclid=abc123&amp;utm_campaign=x"/>
<published>2025-05-05T08:00:00Z</published><updated>2025-05-06T08:00:00Z</updated></entry>
<entry><title>Fishing boats</title><id>t2</id><link href="{m}/story/atom-only-forced-labour-fishing-boats"/>
<published>2025-05-04T08:00:00Z</published><updated>2025-05-04T08:00:00Z</updated></entry>
</feed>""".encode()
    P(
        ("main", "/atom.xml"),
        {
            "status": 200,
            "last_modified": "Tue, 06 May 2025 00:00:00 GMT",
            "headers": {"Content-Type": "application/atom+xml"},
            "body": atom,
        },
    )
    P(
        ("main", "/broken-feed.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/rss+xml"},
            "body": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken'
            b"</tit<item><<link>\x00\x01garbage &&& </rss",
        },
    )
    # sitemaps: an index with a Google News sitemap, an old archive and a truncated one
    sm = "http://www.sitemaps.org/schemas/sitemap/0.9"
    news = "http://www.google.com/schemas/sitemap-news/0.9"
    P(
        ("main", "/sitemap_index.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/xml"},
            "body": f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="{sm}">
<sitemap><loc>{m}/sitemaps/news.xml</loc><lastmod>2025-05-20T10:00:00+00:00</lastmod></sitemap>
<sitemap><loc>{m}/sitemaps/archive-2019-01.xml</loc><lastmod>2019-02-01</lastmod></sitemap>
<sitemap><loc>{m}/sitemaps/broken.xml</loc><lastmod>2025-05-01</lastmod></sitemap>
</sitemapindex>""".encode(),
        },
    )
    P(
        ("main", "/sitemaps/news.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/xml"},
            "body": f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="{sm}" xmlns:news="{news}">
<url><loc>{m}/story/sitemap-only-scam-compound-rescue</loc><news:news>
  <news:publication><news:name>Hostile Times</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2025-05-20T09:00:00+07:00</news:publication_date><news:title>Scam compound rescue</news:title>
</news:news></url>
<url><loc>{m}/story/sitemap-old-news-trafficking-2018</loc><news:news>
  <news:publication><news:name>Hostile Times</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2018-01-01T09:00:00+07:00</news:publication_date><news:title>Old</news:title>
</news:news></url>
</urlset>""".encode(),
        },
    )
    P(
        ("main", "/sitemaps/archive-2019-01.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/xml"},
            "body": f"""<?xml version="1.0"?><urlset xmlns="{sm}">
<url><loc>{m}/story/archived-2019-trafficking-story</loc><lastmod>2019-01-15</lastmod></url></urlset>""".encode(),
        },
    )
    P(
        ("main", "/sitemaps/broken.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/xml"},
            "body": f"""<?xml version="1.0"?><urlset xmlns="{sm}">
<url><loc>{m}/story/from-broken-sitemap-debt-bondage</loc><lastmod>2025-05-01</lastmod></url>
<url><lo""".encode(),
        },
    )
    # section pages 1..5, linked with rel=next; page 1 also lists the twin and an old story
    for n in range(1, 6):
        path = "/section/trafficking/" if n == 1 else f"/section/trafficking/page/{n}/"
        slugs = {
            1: ["section-page-one-trafficking-arrests", "html-listed-old-trafficking-2020"],
            2: [
                "section-page-two-forced-labour-case",
                "canonical-to-homepage-trafficking-case",
                "print/trafficking-court-hearing",
            ],
            3: ["section-page-three-brothel-raid"],
            4: ["deep-page-four-trafficking-story"],
            5: [],
        }[n]
        links = "".join(f'<li><a href="/story/{s}">{s}</a></li>' for s in slugs)
        if n == 1:
            links += f'<li><a href="{twin}?fbclid=zzz#comments">Court jails recruiter</a></li>'
        nxt = f'<a rel="next" href="/section/trafficking/page/{n + 1}/">Next</a>' if n < 5 else ""
        P(
            ("main", path),
            {
                "status": 200,
                "headers": dict(html),
                "body": (
                    f"<html><body><h1>Trafficking, page {n}</h1><ul>{links}</ul>"
                    f'<a href="/about/">About</a>{nxt}</body></html>'
                ).encode(),
            },
        )

    # Delta Daily (localhost): the wire story with small edits, a verbatim copy, its own story, Thai
    delta_items = [
        ("/news/delta-edition-trafficking-ring-busted-poipet", "Poipet raid", "Mon, 05 May 2025 09:00:00 GMT"),
        ("/news/delta-exact-copy-court-jails-recruiter", "Recruiter jailed", "Mon, 05 May 2025 09:00:00 GMT"),
        ("/news/delta-own-story-forced-marriage-case", "Forced marriage", "Mon, 05 May 2025 09:00:00 GMT"),
        ("/news/delta-thai-language-story", "Thai", "Mon, 05 May 2025 09:00:00 GMT"),
    ]
    P(
        ("delta", "/feed.xml"),
        {"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body": _rss(d, delta_items)},
    )
    P(
        ("delta", "/news/delta-edition-trafficking-ring-busted-poipet"),
        story(
            "/news/delta-edition-trafficking-ring-busted-poipet",
            "Police free 43 workers in border casino raid",
            "delta-wire",
            host="delta",
            paragraphs=DELTA_WIRE,
            site="Delta Daily",
        ),
    )
    P(
        ("delta", "/news/delta-exact-copy-court-jails-recruiter"),
        story(
            "/news/delta-exact-copy-court-jails-recruiter",
            "Recruiter gets jail term",
            "twin",
            host="delta",
            paragraphs=twin_paragraphs,
            site="Delta Daily",
            author="Delta Daily",
        ),
    )
    P(
        ("delta", "/news/delta-own-story-forced-marriage-case"),
        story(
            "/news/delta-own-story-forced-marriage-case",
            "Forced marriage case in court",
            "delta-own",
            host="delta",
            site="Delta Daily",
        ),
    )
    thai2 = article_page(
        "ข่าวกีฬา",
        [THAI * 2, THAI],
        lang="th",
        url=d + "/news/delta-thai-language-story",
        published="2025-05-05T08:00:00Z",
        site="Delta Daily",
    )
    P(
        ("delta", "/news/delta-thai-language-story"),
        {"status": 200, "headers": dict(html), "body": thai2.encode("utf-8")},
    )
    # relative links: a feed whose Content-Location is /relative/archive/, a section page
    # with <base href="/relative/based/">
    P(
        ("main", "/relative/feed.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/rss+xml", "Content-Location": "/relative/archive/"},
            "body": (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title><link>/</link>'
                "<description>d</description><item><title>Relative</title>"
                "<link>story-relative-to-content-location-trafficking</link>"
                "<pubDate>Mon, 05 May 2025 08:00:00 GMT</pubDate></item></channel></rss>"
            ).encode(),
        },
    )
    P(
        ("main", "/relative/section/"),
        {
            "status": 200,
            "headers": dict(html),
            "body": (
                '<html><head><base href="/relative/based/"></head><body><h1>Section</h1>'
                '<a href="story-relative-to-base-href-trafficking">Story</a></body></html>'
            ).encode(),
        },
    )
    for n, path in enumerate(RELATIVE["requested"] + RELATIVE["not_requested"]):
        P(("main", path), story(path, f"Relative link story {n}", f"relative-{n}"))
    P(
        ("main", "/faults/feed.xml"),
        {
            "status": 200,
            "headers": {"Content-Type": "application/rss+xml"},
            "body": _rss(m, [(p, p, "Mon, 05 May 2025 08:00:00 GMT") for p in FAULT_STORIES]),
        },
    )
    for n, path in enumerate(FAULT_STORIES):
        P(("main", path), story(path, f"Trafficking case number {n} heard in court", f"fault-{n}"))
    return pages


# -- server -----------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    server_version = "HostileTest/1.0"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        site: HostileSite = self.server.site
        host = "delta" if (self.headers.get("Host") or "").startswith("localhost") else "main"
        parts = urlsplit(self.path)
        hit = Hit(time.monotonic(), host, parts.path, parts.query, dict(self.headers.items()))
        with site.lock:
            site.log.append(hit)
            key = (host, parts.path)
            site.counts[key] = site.counts.get(key, 0) + 1
            count = site.counts[key]
        page = self.server.pages.get((host, parts.path))
        if page is None and host == "main" and parts.path.startswith("/endless/"):
            body = endless_index(site.main, parts.path)
            if body is not None:
                page = {"status": 200, "headers": {"Content-Type": "application/xml"}, "body": body}
        try:
            self._answer(page, hit, count)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up (too big, timeout): exactly what it should do

    def _send(self, hit, status, headers, body: bytes):
        hit.status = status
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self, page, hit, count):
        if not page:
            return self._send(hit, 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
        special = page.get("special")
        if hit.path == "/story/busy-server-trafficking-raid-503" and count == 1:
            return self._send(hit, 503, {"Retry-After": "1", "Content-Type": "text/html"}, b"Busy, come back later")
        if special == "slow":
            time.sleep(SLOW_SECONDS)
            return self._send(hit, 200, page["headers"], page["body"])
        if special == "huge":
            hit.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"<p>" + b"trafficking " * 5000 + b"</p>\n"
            sent = 0
            while sent < HUGE_BYTES:
                self.wfile.write(chunk[: HUGE_BYTES - sent])
                sent += len(chunk)
            return
        if special == "huge-stream":  # no Content-Length: the size shows only while downloading
            hit.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            chunk = b"<p>" + b"trafficking " * 5000 + b"</p>\n"
            for _ in range(HUGE_BYTES // len(chunk) + 1):
                self.wfile.write(chunk)
            return
        headers = dict(page["headers"])
        etag, modified = page.get("etag"), page.get("last_modified")
        if etag:
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag:
                return self._send(hit, 304, {"ETag": etag}, b"")
        if modified:
            headers["Last-Modified"] = modified
            if self.headers.get("If-Modified-Since") == modified:
                return self._send(hit, 304, {"Last-Modified": modified}, b"")
        return self._send(hit, page["status"], headers, page["body"])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_hostile_site(dead_port: int) -> HostileSite:
    server = _Server(("127.0.0.1", 0), Handler)
    site = HostileSite(server, dead_port)
    server.site = site
    server.pages = build_pages(site)
    threading.Thread(target=server.serve_forever, daemon=True, name="hostile-site").start()
    return site
