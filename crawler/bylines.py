"""The people in a page's byline, from the author string trafilatura reads off the markup.

That string carries what surrounds a name on the page as well as the name: a lead-in ("View
all posts by"), a date run into it ("Joshua Hale May 3, 2024"), a degree or a post after it
("PhD", "Staff Writer"), a CMS placeholder ("admin", "No Author"). Journalists search the
`authors` column for a reporter's name, so each entry is one person's name, or the desk,
outlet or agency the page credits when it names no one.
"""

from __future__ import annotations

import re

LEAD_IN = re.compile(
    r"^(?:(?:view|see|read|more) (?:all |more )?(?:posts|articles|stories) (?:by|from)|"
    r"(?:posted|written|words|reported|story|text|report(?:ing)?) by|by)[:\s]+",
    re.I,
)
MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun"
# a date or time run into the name: "Jane Doe May 3, 2024", "Jane Doe Updated 10:42", "Jane Doe 2 hours ago"
DATE_TAIL = re.compile(
    rf"\s+(?:(?:updated|published|posted|on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:(?:{MONTHS})\.?(?:\s+\d|\s*$)|\d{{1,2}}(?:\s+|/|-)"
    rf"(?:{MONTHS}|\d)|\d{{1,2}}:\d\d|\d+\s+(?:minutes?|hours?|days?)\s+ago|(?:updated|published|posted)\b).*$",
    re.I,
)
# what the page says after the name: "says", a degree, the post held
SAYS_TAIL = re.compile(r"\s+(?:says|said|writes|wrote)\s*:?$", re.I)
DEGREES = r"Ph\.?\s?D|M\.?D|M\.?A|M\.?Sc?|B\.?Sc?|R\.?N|MPH|MBA|DPhil|LL\.?M|J\.?D|Esq"
DEGREE_TAIL = re.compile(rf"(?:,?\s+(?:{DEGREES})\.?)+$")
POST_NOUNS = (
    r"(?:editor|writer|reporter|correspondent|contributor|columnist|journalist|producer|staff|intern|"
    r"photographer|bureau chief)s?"
)
# after a name the post may name its rank, desk or outlet: "Senior Editor", "PhillyVoice Staff"
POST_TAIL = re.compile(rf"(?:,\s*|\s+)(?:[\w-]+ )?{POST_NOUNS}$", re.I)
POST_ALONE = re.compile(rf"(?:[\w-]+ )?{POST_NOUNS}", re.I)
DATE_LABEL = re.compile(r"^(?:publication date|published|updated|last updated|posted|date)\b", re.I)
# what a content system prints where no author was entered
PLACEHOLDERS = re.compile(
    r"^(?:admin(?:istrator)?|\w*admin|user(?:name)?|guest|anonymous|unknown|no author|none|null|"
    r"author|webmaster|root)$",
    re.I,
)
SEPARATORS = re.compile(r"\s*(?:;|\|)\s*|\s+(?:and|&)\s+|,\s+(?=(?:and\s+)?[A-Z][\w'’.-]+\s+[A-Z])")


def byline_names(raw: str | None) -> list[str]:
    """One name per person credited, in the page's order, each once."""
    names: list[str] = []
    for part in SEPARATORS.split((raw or "").strip()):
        if names and POST_ALONE.fullmatch(part.strip(" ,.")):
            continue  # "Ben Carter, Senior Correspondent": the post of the name before
        name = _name(part)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _name(part: str) -> str | None:
    """The name in one credited part ("Staff Writer" when the page credits a desk), or None
    for a degree, a date line or a placeholder alone."""
    name = LEAD_IN.sub("", " ".join(part.split()).strip(" ,.:-–—"))
    if DATE_LABEL.match(name):
        return None  # "Publication date 3 December 2026": the page's date line, read as a credit
    for tail in (DATE_TAIL, SAYS_TAIL, DEGREE_TAIL, POST_TAIL):
        cut = tail.sub("", name).strip(" ,")
        # a tail that is the whole part is no tail; a date or a post leaves a full name, or
        # it is a surname ("Theresa May", "Jorg Staff", "Anna Porter")
        if cut and (tail in (SAYS_TAIL, DEGREE_TAIL) or len(cut.split()) >= 2):
            name = cut
    name = name.strip(" ,.:-–—")
    if not name or PLACEHOLDERS.match(name) or re.fullmatch(rf"(?:{DEGREES})\.?", name):
        return None
    return name
