"""Generated article texts: a short report of a court sentence, a name-heavy text, a 9 MB page."""

from __future__ import annotations

import random

SYLLABLES = [
    "sok",
    "chan",
    "dara",
    "vuthy",
    "mean",
    "rith",
    "kosal",
    "bopha",
    "nary",
    "phal",
    "thy",
    "ra",
    "ka",
    "mon",
    "lin",
    "rat",
    "pov",
    "heng",
    "ly",
    "touch",
    "meas",
    "kim",
    "ros",
    "keo",
]
SHORT = (
    "KANDAL — The Kandal Provincial Court sentenced Chea Sophal, 41, to nine years in prison for human "
    "trafficking on Tuesday. Judge Keo Vuthy said Chea Sophal had sold workers to a broker in Poipet. "
)


def names_text(n: int, seed: int = 1) -> str:
    """`n` different people, each arrested in one sentence."""
    rng = random.Random(seed)
    people = (" ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(2)) for _ in range(n))
    return " ".join(f"{p}, {20 + i % 40}, was arrested in Poipet for human trafficking." for i, p in enumerate(people))


HUGE = (
    "The Provincial Court heard that brokers recruited workers for the compound, the prosecutor said. " * 90 + "\n"
) * 1000  # about 9 MB: a page that was stored whole
