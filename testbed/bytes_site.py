"""Broken bytes for the crawler, `parse` and `extract` (issue 12, items 4, 9 and 14).

Crafted pages that each name NAME: UTF-8 with two invalid bytes under every kind of
label, a page that starts with an XML declaration, UTF-16 and UTF-8 with a byte-order
mark, HTML nested 300 levels deep and an English article full of Vietnamese, Khmer and
Thai names (all fictional). `serve` puts them on 127.0.0.1 with a sitemap; `parse_batch`
and `extract_batch` write them, with corrupt, binary, missing and gzip-bomb inputs, as
the files of one batch. Used by tests/test_hostile_bytes.py and bench/hostile_bytes.py.
"""

from __future__ import annotations

import codecs
import gzip
import threading
from pathlib import Path

from testbed.hostile_site import Handler, HostileSite, _Server
from testbed.sitegen import article_page, article_text

NAME = "Nguyễn Văn Thắng"
MOJIBAKE = ("Ã", "Ä", "á»", "áº", "â€")  # how UTF-8 Vietnamese and punctuation look as windows-1252
BAD = "@@BAD@@"  # replaced by two invalid UTF-8 bytes once the page is encoded
INVALID_UTF8 = b"\xff\xfe"
DEPTH = 300

ENGLISH_WITH_NAMES = [
    f"HO CHI MINH CITY — A court in Ho Chi Minh City on Thursday jailed {NAME}, 46, and "
    "Trần Thị Bích Ngọc, 39, for trafficking 14 women to Cambodia and Thailand, where they were forced "
    "to work in online scam compounds.",
    "Presiding judge Lê Hoàng Phúc said the pair had worked with Phạm Quốc Đạt, Đỗ Thị Hương Giang and "
    "Vũ Minh Khôi, who recruited the victims through job advertisements promising work as "
    "receptionists in Phnom Penh.",
    "Prosecutors said the women were sold for about $2,000 each to a broker known as Sok Chanthy "
    "(សុខ ចាន់ធី), who moved them across the border at Bavet with the help of Chhim Vannak "
    "(ឈឹម វណ្ណៈ) and Keo Sreymom (កែវ ស្រីមុំ).",
    "Some of the victims were later taken to Mae Sot, where a Thai national, Somsak Wongsuwan "
    "(สมศักดิ์ วงศ์สุวรรณ), and his partner Pimchanok Srisawat (พิมพ์ชนก ศรีสวัสดิ์) held them in a "
    "compound run by Anan Chaiyaporn (อนันต์ ชัยพร).",
    f"{NAME} told the court he had only arranged travel documents. Trần Thị Bích Ngọc said "
    "she did not know what work the women would do.",
    "Police officer Đặng Thị Mỹ Duyên, who led the investigation with Bùi Văn Lực and Hoàng Thị Ánh "
    "Tuyết, said the case was opened after a victim called a hotline from a shelter in Sihanoukville.",
    f"The court also ordered {NAME} and Trần Thị Bích Ngọc to pay compensation of 50 million "
    "dong to each of the women.",
]


def _page(slug: str, charset_meta: str | None = "utf-8", paragraphs: list[str] | None = None) -> str:
    paragraphs = paragraphs or [
        f"{NAME}, 41, was sentenced to nine years in prison for human trafficking "
        f"by the Ho Chi Minh City People's Court. Fees of 500{BAD} were paid to a broker.",
        *article_text(slug, 10),
    ]
    return article_page(
        f"Court jails {NAME} for trafficking",
        paragraphs,
        lang="en",
        url=f"/story/{slug}",
        published="2025-05-02T08:00:00Z",
        charset_meta=charset_meta,
    )


def _damaged(html: str) -> bytes:
    return html.encode("utf-8").replace(BAD.encode(), INVALID_UTF8)


def _clean(html: str) -> str:
    return html.replace(BAD, "")


def pages() -> dict[str, tuple[str, bytes]]:
    """path -> (Content-Type, body) of every crafted page; each names NAME in title and text."""
    deep = (
        _clean(_page("deep-nesting"))
        .replace("<main>", "<main>" + "<div>" * DEPTH)
        .replace("</main>", "</div>" * DEPTH + "</main>")
    )
    return {
        "/story/declared-utf8-bad-bytes": ("text/html; charset=utf-8", _damaged(_page("declared-utf8-bad-bytes"))),
        "/story/meta-utf8-bad-bytes": ("text/html", _damaged(_page("meta-utf8-bad-bytes"))),
        "/story/undeclared-bad-bytes": ("text/html", _damaged(_page("undeclared-bad-bytes", None))),
        "/story/latin1-label-bad-bytes": (
            "text/html; charset=iso-8859-1",
            _damaged(_page("latin1-label-bad-bytes", None)),
        ),
        "/story/xml-declaration": (
            "text/html; charset=utf-8",
            ('<?xml version="1.0" encoding="UTF-8"?>\n' + _clean(_page("xml-declaration"))).encode("utf-8"),
        ),
        "/story/utf16-bom": ("text/html", codecs.BOM_UTF16_LE + _clean(_page("utf16-bom", None)).encode("utf-16-le")),
        "/story/utf8-bom": ("text/html", codecs.BOM_UTF8 + _clean(_page("utf8-bom", None)).encode("utf-8")),
        "/story/deep-nesting": ("text/html; charset=utf-8", deep.encode("utf-8")),
        "/story/english-with-names": (
            "text/html; charset=utf-8",
            _page("english-with-names", paragraphs=ENGLISH_WITH_NAMES).encode("utf-8"),
        ),
    }


def name_survives(*texts: str | None) -> bool:
    """NAME is there, whole, and nothing reads as windows-1252 mojibake."""
    joined = "\n".join(t or "" for t in texts)
    return NAME in joined and not any(m in joined for m in MOJIBAKE)


def serve() -> HostileSite:
    """The crafted pages and a sitemap listing them, on 127.0.0.1 (shut down with .shutdown())."""
    server = _Server(("127.0.0.1", 0), Handler)
    site = HostileSite(server, dead_port=0)
    server.site = site
    urls = "".join(f"<url><loc>{site.main}{path}</loc></url>" for path in pages())
    server.pages = {
        ("main", path): {"status": 200, "headers": {"Content-Type": ctype}, "body": body}
        for path, (ctype, body) in pages().items()
    }
    server.pages[("main", "/sitemap.xml")] = {
        "status": 200,
        "headers": {"Content-Type": "application/xml"},
        "body": (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode(),
    }
    threading.Thread(target=server.serve_forever, daemon=True, name="bytes-site").start()
    return site


def sources_toml(site: HostileSite) -> str:
    return f"""
[[source]]
id = "bytes-post"
name = "Bytes Post"
homepage = "{site.main}/"
start_urls = ["{site.main}/sitemap.xml"]
allowed_domains = ["127.0.0.1"]
article_pattern = "/story/"
"""


def gzip_bomb(path: Path, size: int = 1 << 30) -> Path:
    """`size` zero bytes, gzipped (about 1 MB for 1 GiB), written without holding them in memory."""
    chunk = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return path


def parse_batch(folder: Path, bomb: Path) -> list[tuple[Path, bool]]:
    """Every input of a mixed `parse` batch as (path, good): good pages must give NAME, the
    others one error line each. The bomb is made once by the caller (`gzip_bomb`)."""
    folder.mkdir(parents=True, exist_ok=True)
    batch: list[tuple[Path, bool]] = []
    for path, (_, body) in pages().items():
        target = folder / (path.rsplit("/", 1)[1] + ".html")
        target.write_bytes(body)
        batch.append((target, True))
    zipped = folder / "gzipped.html.gz"
    zipped.write_bytes(gzip.compress(pages()["/story/declared-utf8-bad-bytes"][1]))
    corrupt = folder / "corrupt.html.gz"
    corrupt.write_bytes(gzip.compress(pages()["/story/utf8-bom"][1])[:40] + b"\x00garbage" * 64)
    binary = folder / "photo.html"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    missing = folder / "missing.html"
    order = [
        (corrupt, False),
        batch[0],
        (bomb, False),
        batch[1],
        (binary, False),
        batch[2],
        (missing, False),
        *batch[3:],
        (zipped, True),
    ]
    return order


EXTRACT_TEXT = (
    "The Kandal Provincial Court on Tuesday sentenced Chea Sophal, 41, to nine years in prison "
    "for human trafficking. Police said Chea Sophal had sold four women to a broker in Thailand."
)
EXTRACT_PERSON = "Chea Sophal"


def extract_batch(folder: Path, bomb: Path) -> list[tuple[Path, bool]]:
    """The inputs of a mixed `extract` batch as (path, good): good ones must give EXTRACT_PERSON."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "plain.txt": (EXTRACT_TEXT.encode("utf-8"), True),
        "utf16-bom.txt": (codecs.BOM_UTF16_LE + EXTRACT_TEXT.encode("utf-16-le"), True),
        "utf8-bom.txt": (codecs.BOM_UTF8 + EXTRACT_TEXT.encode("utf-8"), True),
        "scan.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, False),
    }
    batch = []
    for name, (data, good) in files.items():
        (folder / name).write_bytes(data)
        batch.append((folder / name, good))
    batch.insert(1, (folder / "missing.txt", False))
    batch.insert(3, (bomb, False))
    return batch
