"""Turn a processed Doc into the public `extract` JSON contract.

Shape (fixed; later versions add keys, never rename): persons [{name, mentions}],
agencies [{name, kind, mentions}], places [{name, mentions}], sentences
[{defendant, prison_months, suspended_months, life, death, fine, court, place, charge, text}].
"""
from __future__ import annotations

from spacy.tokens import Doc

SENTENCE_FIELDS = ("defendant", "prison_months", "suspended_months", "life", "death", "fine",
                   "court", "place", "charge", "text")


def doc_to_contract(doc: Doc) -> dict:
    persons, agencies, places = [], [], []
    for entity in doc._.entities or []:
        base = {"name": entity.name, "mentions": len(entity.mentions)}
        if entity.kind == "person":
            persons.append({**base, "title": entity.title, "age": entity.age, "role": entity.role})
        elif entity.kind == "agency":
            agencies.append({**base, "kind": entity.agency_kind})
        elif entity.kind == "place":
            places.append({**base, "kind": entity.place_kind, "country": entity.country,
                           "lat": entity.lat, "lon": entity.lon})
    sentences = [{key: record.get(key) for key in SENTENCE_FIELDS}
                 for record in doc._.court_sentences or []]
    return {"persons": persons, "agencies": agencies, "places": places, "sentences": sentences}
