"""Gazetteers of agencies and places, loaded from the JSON Lines files in nlp/data/.

One record per real institution or place, with its aliases; lookups go through
`names.lookup_key` so spelling variants ("Ministry of Womens Affairs") land on one name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nlp.names import lookup_key

DATA_DIR = Path(__file__).parent / "data"
AGENCIES_FILE = DATA_DIR / "agencies.jsonl"
PLACES_FILE = DATA_DIR / "places.jsonl"

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str  # for agencies: ministry/court/...; for places: country/province/...
    category: str  # "agency" or "place"
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)


class Gazetteer:
    """Alias index over agencies and places; acronyms match case-sensitively only."""

    def __init__(self, entries: list[GazetteerEntry]):
        self.entries = entries
        self._by_key: dict[str, GazetteerEntry] = {}
        self._by_acronym: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                if ACRONYM.match(alias) and alias.upper() == alias:
                    self._by_acronym.setdefault(alias.replace(".", ""), entry)
                else:
                    self._by_key.setdefault(lookup_key(alias), entry)

    def lookup(self, text: str) -> GazetteerEntry | None:
        compact = text.strip().replace(".", "")
        if compact in self._by_acronym:
            return self._by_acronym[compact]
        return self._by_key.get(lookup_key(text))

    def surface_forms(self):
        """(surface, entry, case_sensitive) for every name and alias, for the matcher."""
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                acronym = bool(ACRONYM.match(alias) and alias.upper() == alias)
                yield alias, entry, acronym


def _read_jsonl(path: Path, category: str) -> list[GazetteerEntry]:
    entries = []
    if not path.exists():
        return entries
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                row = json.loads(line)
                entries.append(
                    GazetteerEntry(
                        name=row["name"],
                        kind=row.get("kind") or "other",
                        category=category,
                        country=row.get("country"),
                        lat=row.get("lat"),
                        lon=row.get("lon"),
                        aliases=tuple(row.get("aliases") or ()),
                    )
                )
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{line_no}: bad gazetteer line: {exc}") from exc
    return entries


@lru_cache(maxsize=8)
def load_gazetteer(agencies_path: str = str(AGENCIES_FILE), places_path: str = str(PLACES_FILE)) -> Gazetteer:
    return Gazetteer(_read_jsonl(Path(agencies_path), "agency") + _read_jsonl(Path(places_path), "place"))


NAME_PARTS_FILE = DATA_DIR / "name_parts.json"


@lru_cache(maxsize=1)
def _name_parts() -> tuple[frozenset[str], frozenset[str]]:
    """(names, not_names): given and family names common in the region's news, and
    everyday words that are also names (which never decide anything on their own)."""
    if not NAME_PARTS_FILE.exists():
        return frozenset(), frozenset()
    data = json.loads(NAME_PARTS_FILE.read_text(encoding="utf-8"))
    names = frozenset(n.casefold() for key in ("family_names", "given_names") for n in data.get(key, []))
    return names, frozenset(n.casefold() for n in data.get("not_names", []))


@lru_cache(maxsize=65536)
def without_accents(word: str) -> str:
    """ "Nguyễn" -> "Nguyen", "Đức" -> "Duc": the plain letters English-language news uses."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.replace("\u0111", "d").replace("\u0110", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_name_part(word: str, strict: bool = True) -> bool:
    """A common given or family name; `strict` also excludes everyday words ("Touch", "Long").
    Accents do not count: "Nguyễn" is "Nguyen", as Vietnamese news written with diacritics has it."""
    names, not_names = _name_parts()
    key = without_accents(word.casefold())
    return key in names and not (strict and key in not_names)


def name_parts_split_by(tokenizer) -> list[str]:
    """The lexicon's one-word names the tokenizer's exceptions cut in two ("Im" as "I'm")."""
    data = json.loads(NAME_PARTS_FILE.read_text(encoding="utf-8")) if NAME_PARTS_FILE.exists() else {}
    words = {w for key in ("family_names", "given_names") for w in data.get(key, []) if w.isalpha()}
    return sorted(w for w in words if w in tokenizer.rules and len(tokenizer(w)) > 1)
