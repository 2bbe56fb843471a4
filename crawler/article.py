"""An article's fields from its parsed page: the one rule set the spider and
`parse --reextract` (`crawler.reparse`) share.

`crawler.article_html.read_article_html` says what a page holds; this says whether it is an
article (a body of at least MIN_ARTICLE_CHARS), which date is its publication date, and
what derives from its text (content hash, SimHash, topic score).
"""

from __future__ import annotations

from crawler.article_html import content_hash
from crawler.dedup import simhash, to_hex
from crawler.relevance import RelevanceFilter

MIN_ARTICLE_CHARS = 400  # shorter is not an article body (a listing, a teaser, an error page)


def publication_date(parsed: dict, listed: str | None = None) -> tuple[str | None, str | None]:
    """(published, published_source): the page's own markup first ("page"), then the
    feed/sitemap's date ("listing"), then a date guessed from the text ("page-text")."""
    if parsed["published"] and not parsed.get("published_guessed"):
        return parsed["published"], "page"
    if listed:
        return listed, "listing"
    if parsed["published"]:
        return parsed["published"], "page-text"
    return None, None


def article_fields(parsed: dict, relevance: RelevanceFilter, listed_published: str | None = None) -> dict | None:
    """The fields stored for the article `parsed` (a `read_article_html` result), or None when
    it has no article body."""
    text = parsed["text"] or ""
    if len(text) < MIN_ARTICLE_CHARS:
        return None
    published, published_source = publication_date(parsed, listed_published)
    score, terms = relevance.score(parsed["title"], text)
    return {
        "title": parsed["title"],
        "text": text,
        "authors": parsed["authors"],
        "language": parsed["language"],
        "published": published,
        "published_source": published_source,
        "relevance": score,
        "relevance_terms": terms,
        "relevant": relevance.is_relevant(score),
        "content_hash": content_hash(text),
        "simhash": to_hex(simhash(text)),
    }
