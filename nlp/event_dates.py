"""When a case event happened: date expressions in a sentence, read against the article's date.

News dates events relative to the day it is published ("on Tuesday", "last month", "on
March 3"), so an expression is found in the text first (`find_dates`, no article date
needed) and resolved later (`resolve`), when the article's date is known: the pipeline
stays a function of the text alone, and a corrected article date needs no reprocessing.
A date is an ISO string as precise as the text is: "2025-03-04", "2025-03" or "2025".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    day: i for i, day in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE_PATTERNS = [
    # "3 March 2025", "March 3, 2025", "March 3", "3 March", "March 2025", "Tuesday (March 3)"
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:years?|months?|%|per))"),
    re.compile(
        rf"\b(?i:in|since|from|during|by|until|early|late|mid-?)\s+{_MONTH}(?:\s+(?:of\s+)?{_YEAR}|\s+(?P<ago>last year))?\b"
    ),
    re.compile(rf"\b(?i:in|since|during|early|late|mid-?)\s+{_YEAR}\b(?![-\u2013/]|\s*(?:years?|cases?|people|%))"),
    re.compile(rf"\b(?P<last>(?i:last|this|on|next))?\s*{_WEEKDAY}\b"),
    re.compile(
        r"\b(?P<relative>yesterday|today|last (?:week|month|year)|earlier this (?:week|month|year)|this (?:week|month|year))\b",
        re.I,
    ),
]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, expression) of each date expression in `text`, left to right, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            expression = match.group(0).strip()
            if not expression or any(s < end and start < e for s, e, _ in found):
                continue
            found.append((start, end, expression))
    return sorted(found)


def resolve(expression: str, published: str | None) -> str | None:
    """The ISO date (or month, or year) `expression` means in an article of date `published`
    ("2025-03-05..."), or None when it cannot be told: "on Tuesday" without the article's
    date, or "last week", which names no day."""
    today = _parse_iso(published)
    for pattern in DATE_PATTERNS:
        match = pattern.search(expression)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("relative"):
            return _relative(groups["relative"].lower(), today)
        if groups.get("weekday"):
            if today is None:
                return None
            back = (today.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
            if (groups.get("last") or "").lower() == "last" and back == 0:
                back = 7
            if (groups.get("last") or "").lower() == "next":
                return None  # a day to come is no event yet
            return (today - timedelta(days=back)).isoformat()
        year = int(groups["year"]) if groups.get("year") else None
        month = MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        if month is None:
            return f"{year:04d}" if year else None
        if year is None:
            if today is None:
                return None
            year = today.year - 1 if groups.get("ago") else today.year
            if not groups.get("ago") and (month, day or 1) > (today.month, today.day + 2):
                year -= 1  # "on December 28" in a January article
        if day is None:
            return f"{year:04d}-{month:02d}"
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _relative(word: str, today: date | None) -> str | None:
    if today is None:
        return None
    if word == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    if word == "today":
        return today.isoformat()
    if word.endswith("month"):
        if word.startswith("last"):
            year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
            return f"{year:04d}-{month:02d}"
        return f"{today.year:04d}-{today.month:02d}"
    if word.endswith("year"):
        return f"{today.year - 1 if word.startswith('last') else today.year:04d}"
    return None  # a week is no date


def _parse_iso(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
