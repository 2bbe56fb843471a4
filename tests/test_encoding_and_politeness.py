"""Charset repair, Retry-After parsing and failure codes: the small pure pieces of the crawler."""

from datetime import datetime, timezone

from crawler.encoding import binary_kind, decode_html
from crawler.middlewares import parse_retry_after

TEXT = "“We were sold,” said ស៊ីន សុខា, 23, in Poipet — café owner’s words."
NAME = "Nguyễn Văn Thắng"


def test_utf8_bytes_under_a_latin1_label_are_utf8():
    decoded = decode_html(f"<p>{TEXT}</p>".encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert TEXT in decoded.text and decoded.encoding == "utf-8" and "declared cp1252" in decoded.note


def test_missing_charset_windows_1252():
    body = "<p>“Debt bondage” at the factory’s gate</p>".encode("cp1252")
    decoded = decode_html(body, None)
    assert "“Debt bondage” at the factory’s gate" in decoded.text and decoded.encoding == "cp1252"
    assert "no charset" in decoded.note


def test_declared_legacy_charset_is_used_when_it_fits():
    thai = "ตำรวจช่วยเหลือเหยื่อค้ามนุษย์"
    decoded = decode_html(f"<p>{thai}</p>".encode("tis-620"), "text/html; charset=TIS-620")
    assert thai in decoded.text and decoded.note is None
    meta = f'<meta charset="windows-1252"><p>{"café"}</p>'.encode("cp1252")
    assert "café" in decode_html(meta).text


def test_bom_and_ascii():
    assert decode_html("\ufeff<p>é</p>".encode("utf-8")).text == "<p>é</p>"
    assert decode_html("\ufeff<p>Thắng</p>".encode("utf-16-le")).text == "<p>Thắng</p>"
    assert decode_html(b"<p>plain</p>", "text/html; charset=utf-8").note is None


def damaged(name_position: str) -> bytes:
    """A UTF-8 page with two invalid bytes away from the name (the bytes of a broken CMS)."""
    page = (
        f"<html><head>{name_position}<title>Court jails {NAME}</title></head><body>"
        f"<p>{NAME}, 41, was jailed.</p><p>Fees of 500\x00 were paid.</p></body></html>"
    )
    return page.encode("utf-8").replace(b"\x00", b"\xff\xfe")


def test_mostly_valid_utf8_stays_utf8_with_replacement_characters():
    for head, content_type in (
        ("<meta charset='utf-8'>", None),
        ("", "text/html; charset=UTF-8"),
        ("", None),
        ("", "text/html; charset=iso-8859-1"),
    ):
        decoded = decode_html(damaged(head), content_type)
        assert decoded.encoding == "utf-8", (head, content_type)
        assert decoded.text.count(NAME) == 2 and "500\ufffd\ufffd were" in decoded.text
        assert "Ã" not in decoded.text and "Ä" not in decoded.text


def test_binary_is_told_from_text_with_a_bom():
    assert binary_kind(b"%PDF-1.7 ...") and binary_kind(bytes(range(256)) * 4)
    assert binary_kind(b"\x01\x02\x03\x04\x05\x06" * 100 + b"<p>x</p>")
    assert binary_kind("\ufeff<p>x</p>".encode("utf-16-le")) is None
    assert binary_kind("<p>Thắng</p>".encode("utf-8")) is None


def test_retry_after_values():
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(b"7") == 7.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None


def test_failures_get_codes_and_retry_policy():
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadCancelledError,
        DownloadConnectionRefusedError,
        DownloadTimeoutError,
        IgnoreRequest,
    )
    from scrapy.http import Request, Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    from crawler.failures import classify_failure

    def code(exc):
        problem = classify_failure(Failure(exc))
        return problem.code, problem.transient

    request = Request("https://x.org/a")
    assert code(HttpError(Response("https://x.org/a", status=503, request=request), "")) == ("http_503", True)
    assert code(HttpError(Response("https://x.org/a", status=404, request=request), "")) == ("http_404", False)
    assert code(CannotResolveHostError("dead.example")) == ("dns", True)
    assert code(DownloadConnectionRefusedError("refused")) == ("connection_refused", True)
    assert code(DownloadTimeoutError("took longer than 30 seconds")) == ("timeout", True)
    assert code(
        DownloadCancelledError("Expected to receive 20971520 bytes which is larger than download max size (10485760)")
    ) == ("too_big", False)
    assert code(IgnoreRequest("Forbidden by robots.txt")) == ("robots", False)
    assert code(IgnoreRequest("redirect loop: a -> b -> a")) == ("redirect_loop", False)
    assert code(IgnoreRequest("max redirections reached")) == ("too_many_redirects", False)
