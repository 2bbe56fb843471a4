"""`parse --reextract`: parse stored articles again from their stored HTML (`article_html`).

For when the HTML reader improved: no page is fetched again. Each article's stored HTML goes
through `crawler.article_html.read_article_html` with the article's URL and then through the
spider's own rules (`crawler.article.article_fields`); the fields read (title, text,
authors, language, the page's own publication date) and what derives from the text (word
count, content hash, SimHash, topic score and terms) are updated in one transaction per
article. An article whose text changed loses its mentions and sentences in that same
transaction and is marked unprocessed, so the next `process` (or nightly) run redoes its
NLP. The article id (its canonical URL) and its `relevant` flag never change:
parsing again does not drop stored articles. When the reader now finds no article
text, the stored text is kept and the article is listed in `run_errors`. The stored text
and title are kept when the text read is the one stored before (same content hash):
they may have had victims' names withheld since.
"""

from __future__ import annotations

import logging

import sqlite_utils

from crawler.article import article_fields
from crawler.article_html import read_article_html
from crawler.relevance import load_filter
from storage.articles import article_columns, page_html, stored_article_ids, stored_page, update_parsed_fields
from storage.runs import record_error

logger = logging.getLogger(__name__)

PARSED_FIELDS = ("title", "text", "authors", "language", "content_hash")  # compared with what is stored
FROM_TEXT = ("word_count", "simhash", "relevance", "relevance_terms")  # rewritten when the text changed


def reparse_articles(
    db: sqlite_utils.Database,
    run_id: int | None = None,
    article_ids: list[str] | None = None,
    progress=None,
    relevance_file: str | None = None,
) -> dict:
    """Parse stored articles again (all, or `article_ids`); returns counts for `runs`:
    articles_updated (something changed), articles_unchanged, pages_skipped (no stored
    HTML), errors (no article text found now)."""
    if relevance_file is None:
        from crawler import settings as crawl_settings

        relevance_file = crawl_settings.RELEVANCE_TERMS_FILE
    relevance = load_filter(relevance_file)
    ids = stored_article_ids(db, article_ids)
    counts = {
        "articles_updated": 0,
        "articles_unchanged": 0,
        "pages_skipped": 0,
        "errors": 0,
        "articles_text_changed": 0,
    }
    bar = progress(len(ids)) if progress else None
    try:
        for aid in ids:
            stored = stored_page(db, aid)
            if bar is not None:
                bar.update(1)
            if stored is None:
                continue
            old, html_gz = stored
            url = old["url"]
            if html_gz is None:
                counts["pages_skipped"] += 1
                continue
            try:
                parsed = read_article_html(page_html(html_gz), url)
                fields = article_fields(parsed, relevance)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
                counts["errors"] += 1
                record_error(db, run_id, url, f"reextract_failed: {type(exc).__name__}: {exc}", "reextract_failed")
                continue
            if fields is None:
                counts["errors"] += 1
                record_error(
                    db,
                    run_id,
                    url,
                    f"no_article_text: re-extraction found {len(parsed['text'] or '')} "
                    "characters of text; the stored text is kept",
                    "no_article_text",
                )
                continue
            columns = article_columns(fields)
            new = {key: columns[key] for key in PARSED_FIELDS}
            if columns["published_source"] == "page":  # a listing's date is not in the stored page
                new["published"], new["published_source"] = columns["published"], "page"
            if new["content_hash"] == old["content_hash"]:
                # the same text as fetched: the stored text and title may have victims' names
                # withheld (nlp.redaction), which must not come back from the HTML
                del new["text"], new["title"]
            if all(old.get(k) == v for k, v in new.items()):
                counts["articles_unchanged"] += 1
                continue
            text_changed = new["content_hash"] != old["content_hash"]
            if text_changed:
                new.update({key: columns[key] for key in FROM_TEXT})
            update_parsed_fields(db, aid, new, text_changed)
            counts["articles_updated"] += 1
            counts["articles_text_changed"] += int(text_changed)
            logger.info("re-extracted %s (%s)", url, "text changed" if text_changed else "metadata changed")
    finally:
        if bar is not None:
            bar.close()
    return counts
