"""Whether two reports name the same person: transliterations, misspellings and name order.

"Somchai Wongsakul" and "Somchay Wongsakun" are one name written two ways; "Wongsakul
Somchai" is the same name family-name first; "Nguyen Van Thang" and "Nguyen Van Thanh" are
two people. Each part of the shorter name must match a distinct part of the longer one:
the same letters, the same sound (metaphone), or a near spelling of a long part.
Jellyfish supplies the phonetic codes and Jaro-Winkler, well tested, instead of our own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import jellyfish

NEAR_SPELLING = 0.93  # Jaro-Winkler of two parts of at least LONG_PART letters ("Sokha" / "Sokhar")
LONG_PART = 5


@dataclass(frozen=True)
class NameMatch:
    kind: str  # exact | reordered | variant | partial (one side a single part)
    similarity: float


def name_parts(name: str) -> tuple[str, ...]:
    """Lower-case ASCII parts: "Nguyễn Văn Thắng" -> ("nguyen", "van", "thang")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return tuple(part for part in re.split(r"[^a-z0-9]+", plain.casefold()) if part)


def compare_names(a: str, b: str) -> NameMatch | None:
    """How the two names match, or None when they name different people."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb:
        return None
    if pa == pb:
        return NameMatch("exact", 1.0)
    if sorted(pa) == sorted(pb):
        return NameMatch("reordered", 1.0)
    short, long = sorted((pa, pb), key=len)
    scores = _aligned(short, long)
    if scores is None:
        return None
    similarity = sum(scores) / len(scores)
    if len(short) == 1:
        return NameMatch("partial", similarity * 0.8)
    if len(short) < len(long):  # "Patrick Carlineo" / "Patrick W. Carlineo Jr"
        similarity *= 0.97
    return NameMatch("variant", similarity)


def _aligned(short: tuple[str, ...], long: tuple[str, ...]) -> list[float] | None:
    """Similarity of each part of `short` to a distinct part of `long`, best pairs first."""
    pairs = sorted(
        ((_part_similarity(x, y), i, j) for i, x in enumerate(short) for j, y in enumerate(long)),
        reverse=True,
    )
    used_short, used_long, scores = set(), set(), []
    for score, i, j in pairs:
        if score <= 0 or i in used_short or j in used_long:
            continue
        used_short.add(i)
        used_long.add(j)
        scores.append(score)
    return scores if len(scores) == len(short) else None


def _part_similarity(x: str, y: str) -> float:
    if x == y:
        return 1.0
    if len(x) == 1 or len(y) == 1:  # an initial: "W." of "William"
        return 0.9 if x[0] == y[0] else 0.0
    similarity = jellyfish.jaro_winkler_similarity(x, y)
    if x[0] == y[0] and jellyfish.metaphone(x) == jellyfish.metaphone(y):
        return max(similarity, 0.9)
    if x[0] == y[0] and min(len(x), len(y)) >= LONG_PART and similarity >= NEAR_SPELLING:
        return similarity
    return 0.0


def block_keys(name: str) -> set[str]:
    """Keys two names that may match share: the sound and the first letters of each long part."""
    keys = set()
    for part in name_parts(name):
        if len(part) >= 3:
            keys.add("m:" + jellyfish.metaphone(part)[:3])
            keys.add("p:" + part[:4])
    return keys
