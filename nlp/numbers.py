"""Prison terms as written in news ("two and a half years", "15-year", "18 months") to months."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(TENS)
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = rf"(?:\d+(?:\.\d+)?|(?:{_TEN_WORDS})(?:[- ](?:{_DIGIT_WORDS}))?|(?:{_UNIT_WORDS}))"
HALF = r"(?:[\s-]+and[\s-]+(?:a[\s-]+)?half|\s*½)"
UNIT = r"(?:years?|yrs?|months?|weeks?|days?|decades?)"

# "15 years", "15-year", "two and a half years", "a year and a half", "1½ years", and the
# Philippine "twenty (20) years" (the number in words, then in digits)
DIGITS_AGAIN = r"(?:\s*\(\d+\))?"
TERM_RE = re.compile(
    rf"\b(?P<num>{NUMBER}){DIGITS_AGAIN}(?P<half>{HALF})?[\s-]+(?P<unit>{UNIT})\b(?P<half2>\s+and\s+a\s+half)?"
    rf"(?:(?:,?\s+and\s+|\s+)(?P<num2>{NUMBER}){DIGITS_AGAIN}[\s-]+(?P<unit2>months?|weeks?|days?)\b)?",
    re.IGNORECASE,
)

MONTHS_PER = {"decade": 120, "year": 12, "yr": 12, "month": 1, "week": 12 / 52, "day": 12 / 365}


def parse_number(text: str) -> float | None:
    text = text.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = 0
    for part in re.split(r"[- ]", text):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return float(total)


def _unit_months(unit: str) -> float:
    unit = unit.lower().rstrip("s")
    return MONTHS_PER.get(unit, 0)


def term_to_months(match: re.Match) -> int | None:
    """Months for a TERM_RE match, rounded; None when the number is not a number."""
    value = parse_number(match.group("num"))
    if value is None:
        return None
    if match.group("half") or match.group("half2"):
        value += 0.5
    months = value * _unit_months(match.group("unit"))
    if match.group("num2"):
        extra = parse_number(match.group("num2"))
        if extra is not None:
            months += extra * _unit_months(match.group("unit2"))
    return int(round(months))


# "14 years, eight months and one day": a term told in parts, each a smaller unit than the
# one before (Philippine decisions write terms so); the parts add up.
TERM_PART = re.compile(rf"(?P<num>{NUMBER}){DIGITS_AGAIN}[\s-]+(?P<unit>years?|months?|weeks?|days?)\b", re.IGNORECASE)
PART_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)


def compound_term(text: str) -> tuple[int, int] | None:
    """(months, length) of the term told in parts at the start of `text`, or None."""
    match = TERM_PART.match(text)
    total, end, last_unit = 0.0, 0, None
    while match:
        value = parse_number(match.group("num"))
        unit = _unit_months(match.group("unit"))
        if value is None or (last_unit is not None and unit >= last_unit):
            break
        total, end, last_unit = total + value * unit, match.end(), unit
        joined = PART_JOIN.match(text, end)
        match = TERM_PART.match(text, joined.end()) if joined else None
    return (int(round(total)), end) if end else None


def find_terms(text: str) -> list[tuple[int, int, int]]:
    """All (start, end, months) prison-term expressions in text."""
    found = []
    for match in TERM_RE.finditer(text):
        months = term_to_months(match)
        if months is not None and months > 0:
            found.append((match.start(), match.end(), months))
    return found


# "12 and 10 years", "14, 11 and 9 years": numbers listed before one unit. Only "and" and
# commas join them; "two or three years" and "between two and 15 years" are not lists.
TERM_LIST_BEFORE = re.compile(rf"(?<![\w-])(?P<nums>{NUMBER}(?:\s*,\s*{NUMBER})*)\s*,?\s+and\s+$", re.IGNORECASE)
RANGE_WORD_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def term_list(text: str, match: re.Match) -> list[int]:
    """Months for each number listed before the TERM_RE `match` in `text`, then the match's own.

    "jailed for 14 and 11 years" -> [168, 132]; a lone term -> [its months]; a range
    ("between two and 15 years") is not a list -> [its months]."""
    months = term_to_months(match)
    if months is None:
        return []
    if match.group("num2"):
        # "four years and 30 months": a second part of a year or more is a second term
        first = parse_number(match.group("num")) * _unit_months(match.group("unit"))
        second = (parse_number(match.group("num2")) or 0) * _unit_months(match.group("unit2"))
        if second >= 12 and not match.group("half"):
            return [int(round(first)), int(round(second))]
    before = text[max(0, match.start() - 60) : match.start()]
    listed = TERM_LIST_BEFORE.search(before)
    if not listed or match.group("num2"):
        return [months]  # "12 and eight and a half years" lists; "three and four years and six months" is unclear
    if RANGE_WORD_BEFORE.search(before[: listed.start()]):
        return [months]
    per = _unit_months(match.group("unit"))
    values = [parse_number(n) for n in re.split(r"\s*,\s*", listed.group("nums"))]
    if any(v is None for v in values):
        return [months]
    return [int(round(v * per)) for v in values] + [months]


def bare_number_months(text: str, unit_months: float) -> int | None:
    """ "25" in "halved to 25 for a confession": a number with its unit left out, in the
    unit of the term it refers back to."""
    match = re.match(rf"\s*(?P<num>{NUMBER})(?![\w-])", text, re.IGNORECASE)
    if not match:
        return None
    value = parse_number(match.group("num"))
    return None if value is None else int(round(value * unit_months))
