"""Transparent topic filter: weighted phrases, a threshold, and the matches kept as evidence."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_TERMS_FILE = Path(__file__).parent / "relevance.toml"


@dataclass(frozen=True)
class RelevanceFilter:
    terms: tuple[tuple[str, float, re.Pattern], ...]
    threshold: float
    title_factor: float
    max_hits: int

    def score(self, title: str | None, text: str | None) -> tuple[float, list[str]]:
        """(score, matched phrases) for an article; phrases in the title weigh more."""
        total, matched = 0.0, []
        title, text = title or "", text or ""
        lowered = f"{title}\n{text}".lower()
        for phrase, weight, pattern in self.terms:
            if _first_word(phrase) not in lowered:  # a substring test skips most regexes
                continue
            hits = min(len(pattern.findall(text)), self.max_hits)
            title_hits = min(len(pattern.findall(title)), 1)
            if hits or title_hits:
                total += weight * (hits + self.title_factor * title_hits)
                matched.append(phrase)
        return round(total, 2), matched

    def is_relevant(self, score: float) -> bool:
        return score >= self.threshold


@lru_cache(maxsize=None)
def _first_word(phrase: str) -> str:
    """The phrase's first word in lower case: text without it cannot match the phrase."""
    return re.split(r"[\s-]+", phrase.strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=4)
def load_filter(path: str | Path = DEFAULT_TERMS_FILE) -> RelevanceFilter:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    terms = tuple(
        (
            phrase,
            float(weight),
            re.compile(r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"[\s-]+") + r"(?![\w-])", re.I),
        )
        for phrase, weight in data.get("terms", {}).items()
    )
    return RelevanceFilter(
        terms, float(data.get("threshold", 3.0)), float(data.get("title_factor", 3.0)), int(data.get("max_hits", 3))
    )
