"""Fill a database with generated articles, as the crawl stage would store them.

Shared by the NLP benchmarks: they measure the process stage, so the articles go in
directly through storage.articles.store_article (the crawl's own write path).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bench.corpus import articles
from storage import open_db
from storage.articles import store_article


def add_articles(db_path: Path, count: int, start: int = 0, seed: int = 7) -> int:
    """Store `count` generated articles numbered from `start`; returns the words stored."""
    db = open_db(db_path)
    words = 0
    for n, text in enumerate(articles(count, seed=seed + start), start=start):
        title, _, body = text.partition("\n\n")
        words += len(text.split())
        store_article(
            db,
            {
                "url": f"https://bench.example.org/news/{n:06d}",
                "source_id": None,
                "title": title,
                "text": text,
                "published": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "authors": ["Bench"],
                "language": "en",
                "relevance": 9.0,
                "relevance_terms": ["trafficking"],
                "relevant": True,
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "html": None,
            },
        )
    db.close()
    return words
