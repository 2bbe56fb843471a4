"""Decode a page's bytes when its charset is wrong or missing.

Order: a byte-order mark; then, if the bytes are valid UTF-8 and not pure ASCII, UTF-8
whatever the label says (legacy 8-bit text is practically never valid UTF-8, and a
"charset=iso-8859-1" header on a UTF-8 page is the most common mislabel); then the
declared charset (HTTP header, else <meta>) if it decodes; else windows-1252, which
browsers use for latin-1 labels too. `note` says what was repaired, for the run log.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819"}
MAX_REPLACEMENTS = 0.01  # a declared charset may leave up to 1% undecodable characters


@dataclass
class Decoded:
    text: str
    encoding: str
    declared: str | None
    note: str | None = None  # set when the declaration was missing or wrong and mattered


def _normalise(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | bytes | None) -> str | None:
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.I)
    return match.group(1) if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> Decoded:
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(encoding, "replace"), encoding, encoding)
    meta = META_CHARSET.search(body[:4096])
    declared_label = header_charset or (meta.group(1).decode("ascii", "replace") if meta else None)
    declared = _normalise(header_charset) or _normalise(meta.group(1).decode("ascii", "replace") if meta else None)
    if body.isascii():
        return Decoded(body.decode("ascii"), "ascii", declared_label)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        note = None
        if declared is None:
            note = "no charset declared; decoded as utf-8"
        elif declared != "utf-8":
            note = f"declared {declared_label} but the bytes are utf-8; decoded as utf-8"
        return Decoded(text, "utf-8", declared_label, note)
    if declared and declared != "utf-8":
        text = body.decode(declared, "replace")
        if text.count("\ufffd") <= MAX_REPLACEMENTS * max(len(text), 1):
            return Decoded(text, declared, declared_label)
    if declared is None:
        note = "no charset declared; decoded as windows-1252"
    else:
        note = f"declared {declared_label} but the bytes do not decode as it; decoded as windows-1252"
    return Decoded(body.decode("cp1252", "replace"), "cp1252", declared_label, note)
