"""Decode a page's bytes: the one decoder of the crawler, `pipeline.py parse` and `extract`
(whose input files `read_page` reads).

`w3lib.encoding.html_to_unicode` (Scrapy's own, the browser algorithm) does the work: a
byte-order mark, then the HTTP charset, then `<meta charset>` / `<?xml encoding?>`, with
the WHATWG label aliases (latin-1 is windows-1252, tis-620 is windows-874 ...) and U+FFFD
for the bytes the encoding cannot read, so a UTF-8 page with a bad byte or two stays
UTF-8 with two replacement characters, names included. It lacks two rules that
mislabelled news pages need:

* bytes that are UTF-8 (more valid multi-byte sequences than invalid ones) are UTF-8
  whatever a legacy label says: legacy 8-bit text is practically never valid UTF-8, and a
  "charset=iso-8859-1" header on a UTF-8 page is the most common mislabel;
* bytes that are not UTF-8 at all (not one valid multi-byte sequence) are windows-1252,
  as browsers in English locales read them, when the page declares nothing (w3lib's
  default is UTF-8) or declares UTF-8 wrongly.

`note` says what was repaired, for the run log.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, http_content_type_encoding, read_bom

BINARY_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
)
CONTROL_BYTES = bytes([*range(1, 9), 11, *range(14, 27), *range(28, 32), 127])  # not ESC: ISO-2022-JP
MAX_CONTROL_SHARE = 0.05
REPLACEMENT = "\ufffd"
WINDOWS_1252 = "cp1252"


@dataclass
class Decoded:
    text: str
    encoding: str
    declared: str | None
    note: str | None = None  # set when the declaration was missing or wrong and mattered


def binary_kind(body: bytes) -> str | None:
    """Why `body` is not a text page (a file signature, NUL or control bytes), or None; a
    byte-order mark means text (UTF-16 is full of NUL bytes)."""
    if read_bom(body)[0] is not None:
        return None
    sample = body[:4096]
    magic = next((m for m in BINARY_MAGIC if sample.lstrip().startswith(m)), None)
    if magic:
        return f"binary data (starts with {magic!r})"
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    if len(sample) - len(sample.translate(None, CONTROL_BYTES)) > MAX_CONTROL_SHARE * len(sample):
        return "binary data (control bytes)"
    return None


def utf8_sequences(body: bytes) -> tuple[int, int]:
    """(valid multi-byte characters, invalid sequences) when `body` is read as UTF-8."""
    text = body.decode("utf-8", "replace")
    invalid = text.count(REPLACEMENT) - body.count(REPLACEMENT.encode("utf-8"))
    ascii_bytes = len(body) - len(body.translate(None, bytes(range(128))))
    return len(text) - ascii_bytes - invalid, invalid


def decode_html(body: bytes, content_type: str | bytes | None = None) -> Decoded:
    """The page's text, decoded as the module docstring says; `content_type` is the HTTP header."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    has_bom = read_bom(body)[0] is not None
    declared = None if has_bom else (http_content_type_encoding(content_type) or html_body_declared_encoding(body))
    if has_bom or body.isascii():
        encoding, text = html_to_unicode(content_type, body)
        return Decoded(text, encoding, declared)
    valid, invalid = utf8_sequences(body)
    sniffed = "utf-8" if valid > invalid else WINDOWS_1252 if valid == 0 else None
    if declared is None:
        encoding = sniffed or "utf-8"
        return Decoded(body.decode(encoding, "replace"), encoding, None, f"no charset declared; decoded as {encoding}")
    if sniffed and sniffed != declared and (sniffed == "utf-8" or declared == "utf-8"):
        return Decoded(
            body.decode(sniffed, "replace"),
            sniffed,
            declared,
            f"declared {declared} but the bytes are {'not ' if sniffed != 'utf-8' else ''}utf-8; decoded as {sniffed}",
        )
    encoding, text = html_to_unicode(content_type, body)
    return Decoded(text, encoding, declared)


class UnreadableInput(Exception):
    """An input file of `parse` or `extract` that holds no text: missing, corrupt, binary, too big."""


def read_page(path: str | Path, clip: bool = False) -> str:
    """The text of a page or text file ("-": standard input), decoded as the crawler decodes
    pages (`decode_html`). A gzip file is decompressed as it is read, and no more than
    the crawler's own page limit (DOWNLOAD_MAXSIZE) is read, so a gzip bomb costs only that
    much memory: a bigger input is refused, or with `clip` cut there (`extract` clips long
    texts anyway). Raises UnreadableInput with the reason."""
    from crawler.settings import DOWNLOAD_MAXSIZE

    zipped = False
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(DOWNLOAD_MAXSIZE + 1)
        else:
            with open(path, "rb") as raw:
                zipped = raw.read(2) == b"\x1f\x8b"
                raw.seek(0)
                data = (gzip.GzipFile(fileobj=raw) if zipped else raw).read(DOWNLOAD_MAXSIZE + 1)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise UnreadableInput(f"{'corrupt or truncated gzip: ' if zipped else ''}{reason}") from None
    if len(data) > DOWNLOAD_MAXSIZE and clip:
        data = data[:DOWNLOAD_MAXSIZE]
    elif len(data) > DOWNLOAD_MAXSIZE:
        raise UnreadableInput(
            f"more than {DOWNLOAD_MAXSIZE} bytes{' once decompressed' if zipped else ''} "
            "(the crawler's page limit, DOWNLOAD_MAXSIZE)"
        )
    why_binary = binary_kind(data)
    if why_binary:
        raise UnreadableInput(f"not a text or HTML file: {why_binary}")
    return decode_html(data).text
