"""Fill a database with generated articles, as the crawl stage would store them.

Shared by the NLP benchmarks: they measure the process stage, so the articles go in
directly through the crawl's own write path (testbed.database.store_articles).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bench.corpus import articles
from testbed.database import store_articles


def add_articles(db_path: Path, count: int, start: int = 0, seed: int = 7) -> int:
    """Store `count` generated articles numbered from `start`; returns the words stored."""
    words = 0

    def generated():
        nonlocal words
        for n, text in enumerate(articles(count, seed=seed + start), start=start):
            title, _, body = text.partition("\n\n")
            words += len(text.split())
            yield {
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
            }

    store_articles(db_path, generated())
    return words
