"""Whether two reports name the same person: transliterations, misspellings and name order.

"Somchai Wongsakul" and "Somchay Wongsakun" are one name written two ways; "Wongsakul
Somchai" is the same name family-name first; "Nguyen Van Thang" and "Nguyen Van Thanh" are
two people. Each part of the shorter name must match a distinct part of the longer one:
the same letters, the same letters once an aspirating "h" and doubled letters are left out
("Phongsak" / "Pongsak", "Htet" / "Tet", "Sokkea" / "Sokea": `plain_part`), an abbreviation
("Abd" of "Abdul", "Mohd" of "Mohamad"), the same sound (metaphone), or a near spelling of a
long part.
Jellyfish supplies the phonetic codes and Jaro-Winkler, well tested, instead of our own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations

import jellyfish

# a Vietnamese name: a middle name "Van" or "Thi" and one of the common family names. Its given
# names differ by a vowel or an "h" ("Thanh" / "Thinh", "Minh" / "Manh", "Tam" / "Tham"), which
# sound alike to metaphone: two people, brothers often
VIETNAMESE_MIDDLE = {"van", "thi"}
VIETNAMESE_FAMILY = set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong mai lam luong trinh dao "
    "cao doan ha ta to quach vuong luu chu kieu lai".split()
)
# words before a name that are a courtesy, a title or a rank, not a part of it, when the name
# keeps two parts without them (the NLP stage drops most; one outlet may keep one: "Dato' Sri
# Wong Chee Keong" comes out "Sri Wong Chee Keong", "Hj Rosli Ismail" beside "Rosli Ismail")
HONORIFIC_PARTS = set(
    "u daw ko mr mrs ms miss dr datuk dato datin tun toh puan encik haji hajah hajjah hj "
    "pol police col colonel lt gen maj capt sgt cpl atty".split()
)
HONORIFIC_BEFORE_LONG = {"sri", "seri"}  # "Datuk Seri", "Tan Sri"; but Javanese "Sri Wahyuni" is a name
CONNECTORS = {"bin", "binti", "binte", "bte"}  # Malay "son of", "daughter of": left out as often as written
GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Ricardo Morales Sr." and "Jr.": a father and his son
NEAR_SPELLING = 0.93  # Jaro-Winkler of two parts of at least LONG_PART letters ("Sokha" / "Sokhar")
LONG_PART = 5


@dataclass(frozen=True)
class NameMatch:
    kind: str  # exact | reordered | variant | partial (one side a single part)
    similarity: float


# Latin letters that Unicode does not decompose into a base letter and a mark (a stroke or a
# ligature): dropped by the ASCII fold, they would turn "Đặng Văn Đức" into "ang van uc"
UNDECOMPOSED = str.maketrans(
    {"Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ħ": "H", "ħ": "h"}
    | {"Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "ß": "ss", "ı": "i", "Ŧ": "T", "ŧ": "t", "Ɖ": "D", "ɗ": "d"}
)


@functools.lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[str, ...]:
    """Lower-case ASCII parts: "Nguyễn Văn Thắng" -> ("nguyen", "van", "thang"), "Đặng Văn
    Đức" -> ("dang", "van", "duc") as the outlets that drop the marks write it."""
    plain = unicodedata.normalize("NFKD", name.translate(UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return tuple(part for part in re.split(r"[^a-z0-9]+", plain.casefold()) if part)


@functools.lru_cache(maxsize=65536)
def bare_parts(name: str) -> tuple[str, ...]:
    """The parts two names are compared by: without a leading courtesy, title or rank ("U",
    "Datuk", "Tan Sri", "Pol Col") and a Malay "bin" / "binti" ("Mohd Rosli bin Ismail" ->
    ("mohd", "rosli", "ismail")), as long as two parts are left."""
    parts = list(name_parts(name))
    parts = (
        parts[:1] + [part for part in parts[1:-1] if part not in CONNECTORS] + parts[-1:] if len(parts) > 2 else parts
    )
    while len(parts) > 2:
        if parts[0] in HONORIFIC_PARTS:
            parts = parts[1:]
        elif parts[0] == "tan" and parts[1] in HONORIFIC_BEFORE_LONG:
            parts = parts[2:] if len(parts) > 3 else parts[1:]
        elif parts[0] in HONORIFIC_BEFORE_LONG and len(parts) > 3:
            parts = parts[1:]
        else:
            break
    return tuple(parts)


@functools.lru_cache(maxsize=65536)
def plain_part(part: str) -> str:
    """A name part as romanisations of Thai, Khmer, Burmese and Indonesian vary it least: the
    old Indonesian spelling of a first letter in the new one ("Djoko" -> "joko", "Tjahjono" ->
    "cahjono"; not "oe": Thai "Charoen" keeps it), a first "j" as "ch" and "v" as "w" (Thai
    "Jaruwan" / "Charuwan", "Vichai" / "Wichai"), an "h" after a consonant or before one at the
    start left out (a doubled one too: Khmer "Chhum" -> "cum", as "Chum"), doubled letters once
    ("Phongsak" -> "pongsak", "Thongkham" -> "tongkam", "Htet" -> "tet")."""
    plain = re.sub(r"^dj", "j", part)
    plain = re.sub(r"^tj", "c", plain)
    plain = re.sub(r"^j", "ch", plain)
    plain = re.sub(r"^v", "w", plain)
    plain = re.sub(r"hh+", "h", plain)  # Khmer "Chh" as "Ch" ("Chhum" / "Chum", "Chhoeun" / "Choeun")
    plain = re.sub(r"(?<=[b-df-gj-np-tv-z])h|^h(?=[b-df-gj-np-tv-z])", "", plain)
    plain = re.sub(r"(.)\1+", r"\1", plain)
    return plain or part


@functools.lru_cache(maxsize=65536)  # the same names meet again and again
def compare_names(a: str, b: str) -> NameMatch | None:
    """How the two names match, or None when they name different people."""
    pa, pb = bare_parts(a), bare_parts(b)
    if not pa or not pb:
        return None
    if pa == pb:
        return NameMatch("exact", 1.0)
    if sorted(pa) == sorted(pb):
        return NameMatch("reordered", 1.0)
    short, long = sorted((pa, pb), key=len)
    sound = not (_vietnamese(pa) or _vietnamese(pb))  # whether parts that sound alike match
    scores = _aligned(short, long, sound)
    if scores is None and len(short) < len(long):  # "Jianhua Chen" / "Jian Hua Chen": one part written as two
        long = min(_joined(long, short), key=len, default=long)
        scores = _aligned(short, long, sound) if len(long) == len(short) else None
        if scores is not None:
            return NameMatch("variant", sum(scores) / len(scores) * 0.98)
    if scores is None:
        return None
    similarity = sum(scores) / len(scores)
    if len(short) == 1:
        return NameMatch("partial", similarity * 0.8)
    if len(short) < len(long):  # "Patrick Carlineo" / "Patrick W. Carlineo Jr"
        similarity *= 0.97
    return NameMatch("variant", similarity)


def _vietnamese(parts: tuple[str, ...]) -> bool:
    return bool(VIETNAMESE_MIDDLE & set(parts[1:-1])) and bool(VIETNAMESE_FAMILY & set(parts))


def _aligned(short: tuple[str, ...], long: tuple[str, ...], sound: bool = True) -> list[float] | None:
    """Similarity of each part of `short` to a distinct part of `long`, best pairs first."""
    pairs = sorted(
        ((_part_similarity(x, y, sound), i, j) for i, x in enumerate(short) for j, y in enumerate(long)),
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


def _joined(long: tuple[str, ...], short: tuple[str, ...]) -> list[tuple[str, ...]]:
    """`long` with two neighbouring parts written as one, where `short` holds that one part."""
    return [
        long[:i] + (long[i] + long[i + 1],) + long[i + 2 :]
        for i in range(len(long) - 1)
        if long[i] + long[i + 1] in short
    ]


def _part_similarity(x: str, y: str, sound: bool = True) -> float:
    """1 for one spelling, 0 for two names; `sound`: parts that sound alike (metaphone, an "h"
    left out) may match."""
    if x == y:
        return 1.0
    px, py = plain_part(x), plain_part(y)
    if px[0] != py[0]:  # every way two parts match keeps this first letter (`initials`)
        return 0.0
    if len(x) == 1 or len(y) == 1:  # an initial: "W." of "William"
        return 0.9
    short, long = sorted((x, y), key=len)
    if len(short) == 2 and len(long) >= 4 and long.startswith(short):  # "Ma." of "Maria", "Jo." of "Joseph"
        return 0.9
    if _abbreviates(short, long):  # "Abd" of "Abdul", "Mohd" of "Mohamad"
        return 0.9
    if sound and len(short) >= 3 and px == py:  # "Phongsak" / "Pongsak", "Htet" / "Tet", "Djoko" / "Joko"
        return 0.95
    similarity = jellyfish.jaro_winkler_similarity(x, y)
    if sound:  # "Tjahjono" / "Cahyono"
        similarity = max(similarity, jellyfish.jaro_winkler_similarity(px, py))
    if sound and x[0] == y[0] and jellyfish.metaphone(x) == jellyfish.metaphone(y):
        return max(similarity, 0.9)
    if min(len(x), len(y)) >= LONG_PART and similarity >= NEAR_SPELLING and (x[0] == y[0] or sound):
        return similarity
    return 0.0


def generation(name: str) -> str | None:
    """The generational suffix that ends a name ("jr", "sr", "iii"), if any."""
    parts = name_parts(name)
    return parts[-1] if len(parts) > 1 and parts[-1] in GENERATIONS else None


def _abbreviates(short: str, long: str) -> bool:
    """Whether `short` is a written abbreviation of `long`: its first two letters, then the rest
    of its letters in order, the long form at least two letters longer ("Abd" / "Abdul",
    "Mohd" / "Mohamad", "Muhd" / "Muhammad")."""
    if not 3 <= len(short) <= 4 or len(long) < len(short) + 2 or short[:2] != long[:2]:
        return False
    rest = iter(long[2:])
    return all(letter in rest for letter in short[2:])


@functools.lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """The first letters of a name's parts, sorted: "Nguyen Van Thang" -> "ntv". Two names can
    match only if the initials of the shorter are among those of the longer (every way two
    parts match keeps the first letter), which the blocking index uses to skip the namesakes
    of a common family name without comparing them."""
    return "".join(sorted(plain_part(part)[0] for part in bare_parts(name)))  # "Htet" matches "Tet"


@functools.lru_cache(maxsize=65536)
def initials_fit(a: str, b: str) -> bool:
    """Whether initials `a` and `b` (of `initials`) allow the names to match."""
    short, long = sorted((a, b), key=len)
    rest = list(long)
    for letter in short:
        if letter not in rest:
            return False
        rest.remove(letter)
    return True


def block_keys(name: str) -> set[str]:
    """Keys two names that may match share. A name of several parts gives one key per pair
    of its parts (each part by its sound or the first letters of its `plain_part`), so that two names meet only
    when two of their parts agree: "Chan Dara" and "Chan Sokha" share no pair key, and a common
    family name alone does not pair every one of its bearers. Each part is also a key of its
    own ("1:"), which only pairs a name of one part with the names holding it. Two neighbouring
    parts are keyed written as one too, with each other part ("Kittiphong Sae-tang" meets
    "Kittipong Saetang"), the way `compare_names` joins them."""
    per_part = [_part_keys(part) for part in bare_parts(name) if len(part) >= 2]  # "Phongsak", "Pongsak": one key
    keys = {"1:" + key for part in per_part for key in part}  # where a lone part meets full names
    if len(per_part) == 1:
        return keys
    for first, second in combinations(per_part, 2):  # by sound with sound, by letters with letters
        keys.update("|".join(sorted((x, y))) for x in first for y in second if x[:2] == y[:2])  # either order: one key
    parts = [part for part in bare_parts(name) if len(part) >= 2]
    for i in range(len(parts) - 1):  # "Sae-tang" also as "Saetang", "Jian Hua" as "Jianhua"
        joined = "p:" + plain_part(parts[i] + parts[i + 1])[:4]  # its first letters: both writings give them
        for j, other in enumerate(parts):
            if j not in {i, i + 1}:
                keys.update("|".join(sorted((joined, y))) for y in _part_keys(other) if y.startswith("p:"))
    return keys


def _part_keys(part: str) -> set[str]:
    return {"m:" + jellyfish.metaphone(part)[:3], "p:" + plain_part(part)[:4]}
