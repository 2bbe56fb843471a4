"""Generated corpora of realistic trafficking-news text for the benchmarks.

Deterministic (seeded) fictional articles built from sentence templates, names, courts
and provinces, so every bench run measures the same work. Not used by tests or the demo.
"""

from __future__ import annotations

import random

FAMILY = [
    "Sok",
    "Chea",
    "Keo",
    "Lim",
    "Heng",
    "Meas",
    "Ouk",
    "Pich",
    "Ros",
    "Sam",
    "Chhim",
    "Nhem",
    "Mao",
    "Yim",
    "Long",
    "Phan",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Somchai",
    "Aung",
    "Muhammad",
]
GIVEN = [
    "Dara",
    "Sophea",
    "Vannak",
    "Sreymom",
    "Rithy",
    "Bora",
    "Chanthy",
    "Sokha",
    "Pisey",
    "Vuthy",
    "Sambath",
    "Leakhena",
    "Van Hung",
    "Thi Mai",
    "Kyaw Min",
    "Hafiz",
    "Sophal",
    "Rotha",
]
PROVINCES = [
    "Banteay Meanchey",
    "Battambang",
    "Siem Reap",
    "Kandal",
    "Preah Sihanouk",
    "Svay Rieng",
    "Koh Kong",
    "Prey Veng",
    "Takeo",
    "Kampot",
    "Kampong Cham",
    "Pursat",
]
DESTINATIONS = ["Thailand", "Malaysia", "China", "Vietnam", "Indonesia", "Myanmar", "Laos"]
AGENCIES = [
    "Licadho",
    "Chab Dai",
    "Adhoc",
    "International Justice Mission",
    "the International Organization for Migration",
    "the Ministry of Interior",
    "the Ministry of Women's Affairs",
    "the National Committee for Counter Trafficking",
]
NUMBERS = ["two", "three", "five", "seven", "eight", "nine", "10", "12", "15", "18 months", "two and a half"]

PARAGRAPHS = [
    "{court} on {day} sentenced {p1}, {a1}, to {term} years in prison for trafficking {n} women from {prov} to {dest}.",
    "{p2}, {a2}, and {p3}, {a3}, were each jailed for {term} years by the {prov} Provincial Court on {day}.",
    "Police arrested {p1} in {prov} province in {month} after a woman escaped and told officers she had been sold to a broker in {dest}.",
    "Under the 2008 law on trafficking, the offence carries a maximum sentence of 15 years in prison.",
    "{ngo_person}, a program officer with {agency}, said the verdict sent a message to recruiters operating in {prov}.",
    "Prosecutors had sought {term} years for {p2}, whom they described as the leader of the network.",
    '"The victims were promised jobs in factories and restaurants," said Lieutenant Colonel {police}, deputy chief of the provincial anti-trafficking police.',
    "{agency} has helped return more than {big} Cambodian workers from {dest} since 2022, according to the ministry.",
    "Judge {judge} told the court that the evidence showed {p1} had taken payments for each worker delivered across the border.",
    "The families of the victims said they had borrowed money to pay the recruitment fees and were now in debt.",
]
MONTHS = ["January", "March", "May", "June", "August", "October", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"


def article(rng: random.Random) -> str:
    prov = rng.choice(PROVINCES)
    values = {
        "court": f"The {prov} Provincial Court",
        "prov": prov,
        "dest": rng.choice(DESTINATIONS),
        "p1": _name(rng),
        "p2": _name(rng),
        "p3": _name(rng),
        "a1": rng.randint(22, 60),
        "a2": rng.randint(22, 60),
        "a3": rng.randint(22, 60),
        "term": rng.choice(NUMBERS[:9]),
        "n": rng.choice(["two", "three", "four", "seven"]),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "ngo_person": _name(rng),
        "agency": rng.choice(AGENCIES),
        "police": _name(rng),
        "judge": _name(rng),
        "big": rng.randint(50, 900),
    }
    paragraphs = rng.sample(PARAGRAPHS, k=rng.randint(6, len(PARAGRAPHS)))
    title = f"{prov} court jails {values['p1']} for trafficking"
    body = "\n\n".join(p.format(**values) for p in paragraphs)
    return f"{title}\n\n{body}"


def articles(count: int, seed: int = 7):
    """`count` articles, generated lazily (memory stays flat however many are asked for)."""
    rng = random.Random(seed)
    for _ in range(count):
        yield article(rng)
