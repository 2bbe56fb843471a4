"""What the spider hands to the item pipeline: one extracted news article."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    url: str  # canonical URL: the article's identity
    source_id: str
    title: str | None
    text: str
    published: str | None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    relevance: float = 0.0
    relevance_terms: list[str] = field(default_factory=list)
    relevant: bool = False
    content_hash: str = ""
    simhash: str | None = None  # 64-bit SimHash of the text, hex (crawler.dedup)
    published_source: str | None = None  # where `published` came from: page, listing or page-text
    html: str | None = None
    content_type: str | None = None
    seen_urls: list[str] = field(default_factory=list)  # URLs it was fetched under
