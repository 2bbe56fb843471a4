"""Roles of people from the words around their names: suspect, victim, NGO staff...

Defendants come from the sentence extractor, titled officials from their titles and clear
victims from `nlp.victims` (before sentencing); this weighs the rest of the context, where
weaker victim cues (`victim_votes`) compete with suspect and staff cues. Whoever ends up
"victim" is never stored as an entity.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.entities import Entity, doc_text
from nlp.victims import victim_votes

SUSPECT_PASSIVE = {
    "arrest",
    "charge",
    "detain",
    "accuse",
    "indict",
    "prosecute",
    "extradite",
    "apprehend",
    "nab",
    "try",
    "remand",
    "question",
    "hold",
    "deport",
    "investigate",
}
SUSPECT_OBJECT = {
    "arrest",
    "detain",
    "charge",
    "accuse",
    "indict",
    "prosecute",
    "extradite",
    "apprehend",
    "nab",
    "question",
    "investigate",
}
SUSPECT_WORDS = re.compile(r"\b(?:suspects?|accused|alleged (?:trafficker|recruiter|broker|ringleader))\b", re.I)
STAFF_WORDS = re.compile(
    r"\b(?:director|officer|coordinator|head|manager|spokes\w+|advocate|worker|founder|president|"
    r"chief|representative|researcher|official|chairman|chairwoman|adviser|advisor|specialist|"
    r"lawyer|team leader|country director|programme|program|secretary|secretary-general|commissioner|"
    r"deputy|governor|minister)\b",
    re.I,
)
SUSPECT_SENTENCE = re.compile(
    r"\bsuspects?\b|\baccused of\b|\b(?:was|were|been) (?:arrested|detained|charged|held|apprehended|nabbed)\b|"
    r"\bcharged in absentia\b|\bremains? at large\b|\bwanted\b",
    re.I,
)
ROLE_NOUN_BEFORE = [
    (
        "lawyer",
        re.compile(
            r"\b(?:lawyer|attorney|counsel|defen[cs]e lawyer)s?\s*,?\s*(?:(?:Datuk|Dato'?|Mr\.?|Ms\.?|Mrs\.?|Atty\.?)\s+)?$",
            re.I,
        ),
    ),
    ("prosecutor", re.compile(r"\bprosecutors?\s*,?\s*$", re.I)),
    ("judge", re.compile(r"\bjudges?\s*,?\s*$", re.I)),
]
AGENCY_ROLE = {
    "ngo": "ngo",
    "international": "ngo",
    "police": "police",
    "ministry": "official",
    "government": "official",
}


def assign_roles(doc: Doc, entities: list[Entity]) -> None:
    agencies = [e for e in entities if e.kind == "agency"]
    for person in entities:
        if person.kind != "person" or person.role in {"defendant", "judge", "prosecutor", "lawyer"}:
            continue
        role = _context_role(doc, person, agencies)
        if role in {"victim", "lawyer", "prosecutor", "judge"} or (role and person.role is None):
            person.role = role


def _context_role(doc: Doc, person: Entity, agencies: list[Entity]) -> str | None:
    votes: dict[str, int] = {}
    for m in person.mentions:
        span = doc[m.token_start : m.token_end]
        root = span.root
        head = root.head
        lemma = head.lemma_.lower()
        weight = victim_votes(doc, m) if not _official(person) else 0
        if weight:
            votes["victim"] = votes.get("victim", 0) + weight
        if root.dep_ == "nsubjpass" and lemma in SUSPECT_PASSIVE:
            votes["suspect"] = votes.get("suspect", 0) + 2
        elif root.dep_ == "dobj" and lemma in SUSPECT_OBJECT:
            votes["suspect"] = votes.get("suspect", 0) + 2
        window_after = doc_text(doc)[m.end : m.end + 90]
        window_before = doc_text(doc)[max(0, m.start - 40) : m.start]
        appositive = re.match(r"^,?\s*(?:\d{1,2}\s*,\s*)?(?:a|an|the|one of)\b[^,.;]{0,70}", window_after)
        if appositive and SUSPECT_WORDS.search(appositive.group(0)):
            votes["suspect"] = votes.get("suspect", 0) + 1
        if (root.dep_ == "nsubj" and lemma == "testify") or (
            appositive and re.search(r"\bwitness(?:es)?\b", appositive.group(0), re.I)
        ):
            votes["witness"] = votes.get("witness", 0) + 1  # victims who testify stay victims
        staff = _staff_of(doc, m, agencies)
        if staff:
            votes[staff] = votes.get(staff, 0) + 2
        for role, pattern in ROLE_NOUN_BEFORE:
            if pattern.search(window_before):
                votes[role] = votes.get(role, 0) + 3
        if SUSPECT_SENTENCE.search(doc_text(doc)[m.sent_start : m.sent_end]):
            votes["suspect"] = votes.get("suspect", 0) + 1
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: kv[1])[0]


# courtesy words, not posts: Burmese (Ko, Ma, U, Daw, Maung), Thai (Khun), Malay (Encik, Puan)
HONORIFICS = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "mx.",
    "khun",
    "encik",
    "puan",
    "ko",
    "ma",
    "u",
    "daw",
    "maung",
    "mg",
}


def _official(person: Entity) -> bool:
    """A rank or a post before the name ("Lt. Gen.", "Governor"): context words about
    victims around an official's name are about the people they speak of."""
    return bool(person.title) and person.title.lower() not in HONORIFICS


def _staff_of(doc: Doc, m, agencies: list[Entity]) -> str | None:
    """ "X, director of Licadho" / "Licadho's director X" / "X of the NGO Chab Dai"."""
    for agency in agencies:
        role = AGENCY_ROLE.get(agency.agency_kind or "")
        if role is None:
            continue
        for am in agency.mentions:
            if m.sent_start <= am.start < m.sent_end:
                if 0 <= am.start - m.end <= 90:
                    between = doc_text(doc)[m.end : am.start]
                    if STAFF_WORDS.search(between) or re.fullmatch(
                        r"\s*(?:of|from|at|with)\s+(?:the\s+)?(?:NGO\s+)?", between
                    ):
                        return role
                if 0 <= m.start - am.end <= 40:
                    between = doc_text(doc)[am.end : m.start]
                    if STAFF_WORDS.search(between) and "," not in between.strip(" ,"):
                        return role
    return None
