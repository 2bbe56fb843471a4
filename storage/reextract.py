"""`parse --reextract`: extract stored articles again from their stored HTML (`article_html`).

For when the extractor improved: no page is fetched again. Each article's gzip-compressed
HTML goes through `crawler.extraction.parse_article` with the article's URL, and the
extracted fields (title, text, authors, language, the page's own publication date) and
what derives from the text (word count, content hash, SimHash, topic score and terms) are
updated in one transaction per article. An article whose text changed loses its mentions
and sentences in that same transaction and is marked unprocessed, so the next `process`
(or nightly) run redoes its NLP. The article id (its canonical URL) and its `relevant`
flag never change: re-extraction does not drop stored articles. When the extractor now
finds no article text, the stored text is kept and the article is listed in `run_errors`.
The stored text and title are kept when the text extracted is the one stored before (same
content hash): they may have had victims' names withheld since.
"""
from __future__ import annotations

import gzip
import json
import logging

import sqlite_utils

from storage.articles import utc_now
from storage.extractions import clear_extraction, drop_orphan_entities
from storage.runs import record_error
from storage.schema import transaction

logger = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 400  # as the spider: shorter is not an article body


def reextract_articles(db: sqlite_utils.Database, run_id: int | None = None,
                       article_ids: list[str] | None = None, progress=None,
                       relevance_file: str | None = None) -> dict:
    """Re-extract stored articles (all, or `article_ids`); returns counts for `runs`:
    articles_updated (something changed), articles_unchanged, pages_skipped (no stored
    HTML), errors (no article text found now)."""
    from crawler.dedup import simhash, to_hex
    from crawler.extraction import content_hash, parse_article
    from crawler.relevance import load_filter

    if relevance_file is None:
        from crawler import settings as crawl_settings
        relevance_file = crawl_settings.RELEVANCE_TERMS_FILE
    relevance = load_filter(relevance_file)
    where, params = "", []
    if article_ids:
        where = f"where id in ({', '.join('?' for _ in article_ids)})"
        params = list(article_ids)
    ids = [row[0] for row in db.execute(f"select id from articles {where} order by id", params)]
    counts = {"articles_updated": 0, "articles_unchanged": 0, "pages_skipped": 0, "errors": 0,
              "articles_text_changed": 0}
    bar = progress(len(ids)) if progress else None
    try:
        for aid in ids:
            article = db.execute(
                "select a.url, a.title, a.text, a.authors, a.language, a.published, a.published_source, "
                "a.content_hash, h.html_gz from articles a left join article_html h on h.article_id = a.id "
                "where a.id = ?", [aid]).fetchone()
            if bar is not None:
                bar.update(1)
            if article is None:
                continue
            url, title, text, authors, language, published, published_source, old_hash, html_gz = article
            if html_gz is None:
                counts["pages_skipped"] += 1
                continue
            try:
                html = gzip.decompress(html_gz).decode("utf-8", errors="replace")
                parsed = parse_article(html, url)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
                counts["errors"] += 1
                record_error(db, run_id, url, f"reextract_failed: {type(exc).__name__}: {exc}",
                             "reextract_failed")
                continue
            new_text = parsed["text"] or ""
            if len(new_text) < MIN_ARTICLE_CHARS:
                counts["errors"] += 1
                record_error(db, run_id, url, f"no_article_text: re-extraction found {len(new_text)} "
                             "characters of text; the stored text is kept", "no_article_text")
                continue
            new = {
                "title": parsed["title"],
                "text": new_text,
                "authors": "; ".join(parsed["authors"] or []) or None,
                "language": parsed["language"],
                "content_hash": content_hash(new_text),
            }
            if parsed["published"] and not parsed.get("published_guessed"):
                new["published"], new["published_source"] = parsed["published"], "page"
            if new["content_hash"] == old_hash:
                # the same text as fetched: the stored text and title may have victims' names
                # withheld (nlp.redaction), which must not come back from the HTML
                del new["text"], new["title"]
            old = {"title": title, "text": text, "authors": authors, "language": language,
                   "content_hash": old_hash, "published": published, "published_source": published_source}
            if all(old.get(k) == v for k, v in new.items()):
                counts["articles_unchanged"] += 1
                continue
            text_changed = new["content_hash"] != old_hash
            if text_changed:
                score, terms = relevance.score(new["title"], new_text)
                new.update(word_count=len(new_text.split()), simhash=to_hex(simhash(new_text)),
                           relevance=score, relevance_terms=json.dumps(terms or []))
            new["updated_at"] = utc_now()
            with transaction(db):
                if text_changed:
                    new.update(processed_at=None, nlp_version=None)
                    drop_orphan_entities(db, clear_extraction(db, aid))
                db["articles"].update(aid, new)
            counts["articles_updated"] += 1
            counts["articles_text_changed"] += int(text_changed)
            logger.info("re-extracted %s (%s)", url, "text changed" if text_changed else "metadata changed")
    finally:
        if bar is not None:
            bar.close()
    return counts
