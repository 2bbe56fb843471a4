"""A processed Doc as plain data: the stored record and the public `extract` JSON contract.

`extraction_record` (the pipeline's last component) turns the rich objects the
components share into plain dicts in `doc._.extraction`, so docs can cross process
boundaries (`nlp.pipe(n_process=2)`) and every consumer reads one format.

Contract (fixed; later versions add keys, never rename): persons [{name, mentions}],
agencies [{name, kind, mentions}], places [{name, mentions}], sentences
[{defendant, prison_months, suspended_months, life, death, fine, court, place, charge, text}],
events [{person, stage, outcome, date, date_source, court, place, role, text}] (`date_source`:
"text" when the text dates the event, "article" when the article's date stands in, null when
neither is known), and `warnings` [str] only when a step failed on the text (what it found
before is kept).
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.event_dates import resolve
from nlp.guard import warnings_of
from nlp.names import lookup_key

SENTENCE_FIELDS = (
    "defendant",
    "prison_months",
    "suspended_months",
    "life",
    "death",
    "fine",
    "court",
    "place",
    "charge",
    "text",
)
EVENT_FIELDS = ("person", "stage", "outcome", "date", "date_source", "court", "place", "role", "text")
ENTITY_FIELDS = (
    "kind",
    "name",
    "canonical",
    "title",
    "age",
    "role",
    "agency_kind",
    "place_kind",
    "country",
    "lat",
    "lon",
)


def extraction_record(doc: Doc) -> dict:
    """Entities (with mention offsets) and sentences as JSON-ready dicts. Each entity
    carries its identity key (`key`: `lookup_key` of the name stored across articles) and
    each sentence its defendant's (`defendant_key`), so storage keys them without knowing
    how names compare."""
    entities = []
    for entity in doc._.entities or []:
        record = {key: getattr(entity, key) for key in ENTITY_FIELDS}
        record["key"] = lookup_key(entity.canonical or entity.name)
        record["mentions"] = [[m.start, m.end, m.text, m.sent_start, m.sent_end] for m in entity.mentions]
        entities.append(record)
    sentences = []
    for record in doc._.court_sentences or []:
        defendant = record["defendant_entity"]
        sentences.append(
            {
                **{key: record.get(key) for key in SENTENCE_FIELDS},
                "defendant_canonical": defendant.canonical or defendant.name,
                "defendant_key": lookup_key(defendant.canonical or defendant.name),
                "start": record.get("start"),
                "end": record.get("end"),
            }
        )
    events = [
        {
            **{
                key: event[key] for key in ("person", "stage", "outcome", "date_text", "court", "place", "role", "text")
            },
            "person_key": lookup_key(event["person_entity"].canonical or event["person_entity"].name),
            "start": event["start"],
        }
        for event in doc._.case_events or []
    ]
    return {"entities": entities, "sentences": sentences, "events": events, "warnings": warnings_of(doc)}


def dated_events(events: list[dict], published: str | None) -> list[dict]:
    """The record's events, each dated: by its own date expression read against the
    article's date `published` when it can be, else by `published` itself."""
    dated = []
    for event in events:
        when = resolve(event["date_text"], published) if event.get("date_text") else None
        dated.append(
            {
                **event,
                "date": when or (str(published)[:10] if published else None),
                "date_source": "text" if when else "article" if published else None,
            }
        )
    return dated


def doc_to_contract(doc: Doc, published: str | None = None) -> dict:
    extraction = doc._.extraction or extraction_record(doc)
    persons, agencies, places = [], [], []
    for entity in extraction["entities"]:
        base = {"name": entity["name"], "mentions": len(entity["mentions"])}
        if entity["kind"] == "person":
            persons.append({**base, "title": entity["title"], "age": entity["age"], "role": entity["role"]})
        elif entity["kind"] == "agency":
            agencies.append({**base, "kind": entity["agency_kind"]})
        elif entity["kind"] == "place":
            places.append(
                {
                    **base,
                    "kind": entity["place_kind"],
                    "country": entity["country"],
                    "lat": entity["lat"],
                    "lon": entity["lon"],
                }
            )
    sentences = [{key: record[key] for key in SENTENCE_FIELDS} for record in extraction["sentences"]]
    events = [{key: e[key] for key in EVENT_FIELDS} for e in dated_events(extraction.get("events", []), published)]
    contract = {"persons": persons, "agencies": agencies, "places": places, "sentences": sentences, "events": events}
    if extraction.get("warnings"):
        contract["warnings"] = extraction["warnings"]  # what failed; the rest is still right
    return contract


def empty_contract(error: str) -> dict:
    """The line printed for an input nothing could be extracted from: same keys, and why."""
    return {"persons": [], "agencies": [], "places": [], "sentences": [], "events": [], "error": error}


def contracts(nlp, texts: list[str], n_process: int = 1, published: str | None = None):
    """One contract per text, in order, whatever happens: when the pipeline raises on a
    text (the components degrade by themselves; this is for the model's own steps), the
    texts from there on are redone one at a time and the failing one gets `empty_contract`.
    `published` is the articles' date, which events are dated against."""
    done = 0
    try:
        for doc in nlp.pipe(texts, n_process=n_process):
            yield doc_to_contract(doc, published)
            done += 1
        return
    except Exception:  # noqa: BLE001 - one bad text must not lose the others
        pass
    for text in texts[done:]:
        try:
            yield doc_to_contract(nlp(text), published)
        except Exception as exc:  # noqa: BLE001
            yield empty_contract(f"{type(exc).__name__}: {exc}"[:500])
