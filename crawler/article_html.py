"""An article's fields read from its HTML with trafilatura (body, title, date, authors) plus the
canonical URL and a language guess. Used by the spider and by `pipeline.py parse`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from urllib.parse import urljoin

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html

from crawler.bylines import byline_names
from crawler.urls import canonical_url, web_url

HTML_PARSER = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)
LIBXML2_MAX_DEPTH = 255  # nesting lxml parses without huge_tree

SCRIPT_LANGUAGES = [  # Unicode blocks that identify a language outright
    ("km", re.compile(r"[\u1780-\u17FF]")),
    ("th", re.compile(r"[\u0E00-\u0E7F]")),
    ("lo", re.compile(r"[\u0E80-\u0EFF]")),
    ("my", re.compile(r"[\u1000-\u109F]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]")),
    ("ja", re.compile(r"[\u3040-\u30FF]")),
]
ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "to",
    "in",
    "a",
    "is",
    "was",
    "for",
    "on",
    "that",
    "with",
    "said",
    "by",
    "from",
    "his",
    "her",
    "were",
    "has",
    "have",
    "are",
    "at",
    "it",
}
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
INDONESIAN_WORDS = {"yang", "dan", "di", "dengan", "untuk", "dari", "dalam", "ini", "itu", "tidak"}
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")  # with Vietnamese letters
MIN_WORDS = 20
VIETNAMESE_PROSE_SHARE = 0.15  # of prose words; Vietnamese prose has a diacritic in most words


def guess_language(text: str, declared: str | None = None) -> str | None:
    """Script first (Khmer, Thai...), then common-word ratios; fall back to the page's lang.

    Only the prose counts, not the names: an English article from Vietnam is full of
    "Nguyễn Văn Thắng"s, one from Cambodia may give names in Khmer script. Capitalised
    words are left out of the Vietnamese test (names carry its diacritics; its prose has one in
    most words), and another script wins only when it outweighs the lower-case Latin prose
    around it (a name in Khmer or Thai script beside its romanisation).
    """
    sample = unicodedata.normalize("NFC", text[:5000])
    latin = LATIN_WORD.findall(sample)
    prose = [w for w in latin if w.islower()]  # not capitalised: no names
    code, count = max(
        ((code, len(pattern.findall(sample))) for code, pattern in SCRIPT_LANGUAGES), key=lambda found: found[1]
    )
    if count > sum(map(len, prose)):
        return code
    if prose and sum(bool(VIETNAMESE.search(w)) for w in prose) / len(prose) > VIETNAMESE_PROSE_SHARE:
        return "vi"
    words = [w.lower() for w in latin]
    if len(words) >= MIN_WORDS:
        english = sum(w in ENGLISH_WORDS for w in words) / len(words)
        indonesian = sum(w in INDONESIAN_WORDS for w in words) / len(words)
        if english > 0.08 and english > indonesian:
            return "en"
        if indonesian > 0.05:
            return "id"
    if declared:
        return declared.split("-")[0].lower()
    return None


def html_tree(html: str):
    """The page's lxml tree, or None for a page lxml cannot read.

    Parsed from UTF-8 bytes, because lxml refuses a decoded string that starts with
    `<?xml ... encoding="..."?>`; with `huge_tree`, because libxml2 otherwise stops at 255
    levels of nesting and drops everything deeper (trafilatura's own parser has that limit,
    so `read_article_html` hands it this tree for such a page).
    """
    if not html or not html.strip():
        return None
    try:
        return lxml_html.fromstring(html.encode("utf-8", "replace"), parser=HTML_PARSER)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def is_deeper_than(tree, depth: int) -> bool:
    """True when some element is nested more than `depth` levels deep (one XPath, in C)."""
    return tree is not None and bool(tree.xpath(f"boolean(/{'*/' * depth}*)"))


def _declared_language(tree) -> str | None:
    if tree is None:
        return None
    value = tree.get("lang") or tree.get("xml:lang")
    if not value:
        found = tree.xpath("//meta[@http-equiv='content-language']/@content|//meta[@property='og:locale']/@content")
        value = found[0] if found else None
    return value.replace("_", "-") if value else None


def _canonical_link(tree, base_url: str | None) -> str | None:
    if tree is None:
        return None
    found = tree.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
    for href in found:  # the first http(s) one: a javascript: canonical must never become the URL
        link = web_url(urljoin(base_url or "", href.strip())) if href.strip() else None
        if link:
            return link
    return None


def _date_params(extensive: bool) -> dict:
    # original_date: the first publication, not the "updated" date
    return {
        "original_date": True,
        "extensive_search": extensive,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }


def read_article_html(html: str, url: str | None = None) -> dict:
    """{"url", "title", "text", "published", "published_guessed", "authors", "language"}; keys may be None.

    `published` is the original publication date from the page's markup (meta tags,
    JSON-LD, <time>, the URL). Only when the markup has none is it guessed from the
    visible text (htmldate's extensive search), and `published_guessed` is then True:
    such a guess can be any date the article mentions, so a crawler should prefer a
    date its feed or sitemap gives.
    """
    tree = html_tree(html)
    document = (
        trafilatura.bare_extraction(
            tree if is_deeper_than(tree, LIBXML2_MAX_DEPTH) else html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            date_extraction_params=_date_params(False),
        )
        if tree is not None
        else None
    )
    meta = document.as_dict() if document is not None and hasattr(document, "as_dict") else (document or {})
    published, guessed = meta.get("date") or None, False
    if published is None and tree is not None and document is None:
        published = _find_date(html, url, extensive=False)  # no body: trafilatura read no date either
    if published is None and tree is not None:
        published = _find_date(html, url, extensive=True)
        guessed = published is not None
    title = (meta.get("title") or "").strip() or None
    text = _without_title(meta.get("text") or "", title).strip() or None
    canonical = _canonical_link(tree, url) or web_url(meta.get("url")) or url
    return {
        "url": canonical_url(canonical) if canonical else None,
        "title": title,
        "text": text,
        "published": published,
        "published_guessed": guessed,
        "authors": byline_names(meta.get("author")),
        "language": guess_language(text or "", _declared_language(tree)) if text else _declared_language(tree),
    }


def _find_date(html: str, url: str | None, extensive: bool) -> str | None:
    try:
        return find_date(html, url=url, **_date_params(extensive)) or None
    except Exception:  # htmldate on a hostile page must not lose the article
        return None


def _without_title(text: str, title: str | None) -> str:
    """Drop the headline when the body repeats it as its first line (it is not body text)."""
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.casefold():
        return rest
    return text


def content_hash(text: str) -> str:
    """Hash of the normalised body text: the same story re-served is recognised as unchanged."""
    normalised = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
