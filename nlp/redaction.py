"""Victims' names out of everything the `process` stage stores: article text, titles,
mention contexts and sentence evidence, with every stored offset moved to match.

`nlp.victims` decides who is a victim; leaving the person out of `entities` is not enough,
because the article body, the context of every other mention in the same sentence and the
sentence quoted as evidence would still show the name, and search would find it.
"""

from __future__ import annotations

import bisect
import re

PLACEHOLDER = "[name withheld]"


def victim_names(extraction: dict) -> list[str]:
    """Every written form of every victim's name in the record, longest first; a short
    form that is also part of someone else's name ("Chan" of "Chan Vuthy") is left to the
    victim's own mention spans, so the other person's name stays whole."""
    forms, others = set(), set()
    for entity in extraction["entities"]:
        if entity["kind"] == "person" and entity["role"] == "victim":
            forms.add(entity["name"])
            forms.update(m[2] for m in entity["mentions"])
        else:
            others.update(entity["name"].split())
            others.update(word for m in entity["mentions"] for word in m[2].split())
    return sorted((f for f in forms if f.strip() and not set(f.split()) <= others), key=len, reverse=True)


def mask_names(text: str | None, names: list[str]) -> str | None:
    """`text` with each of `names` (as a whole word) replaced by the placeholder."""
    if not text or not names:
        return text
    return _name_pattern(names).sub(PLACEHOLDER, text)


def withhold_victims(text: str, extraction: dict) -> tuple[str, dict, list[str]]:
    """(text, extraction, names) with the victims' names replaced in the text and left out
    of the record; the other mentions, sentences and events point at the same words as before."""
    names = victim_names(extraction)
    if not names:
        return text, extraction, []
    spans = _spans(text, names, extraction)
    new_text, shift = _replace(text, spans)
    entities = []
    for entity in extraction["entities"]:
        if entity["kind"] == "person" and entity["role"] == "victim":
            continue
        mentions = [
            [shift(s), shift(e), surface, shift(ss), shift(se)]
            for s, e, surface, ss, se in entity["mentions"]
            if not _inside(spans, s, e)
        ]
        if mentions:
            entities.append({**entity, "mentions": mentions})
    sentences = []
    for record in extraction["sentences"]:
        if record["defendant"] in names:
            continue  # never a victim as a defendant, whatever an extractor did
        moved = {**record, "text": mask_names(record.get("text"), names)}
        for key in ("start", "end"):
            if record.get(key) is not None:
                moved[key] = shift(record[key])
        sentences.append(moved)
    events = []
    for event in extraction.get("events", []):
        if event["person"] in names:
            continue  # a victim has no case events
        moved = {**event, "text": mask_names(event.get("text"), names)}
        if event.get("start") is not None:
            moved["start"] = shift(event["start"])
        events.append(moved)
    return new_text, {**extraction, "entities": entities, "sentences": sentences, "events": events}, names


def _name_pattern(names: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _spans(text: str, names: list[str], extraction: dict) -> list[tuple[int, int]]:
    """Merged character spans to replace: every victim mention, and every other place the
    text writes one of their names (the model may have missed a later mention)."""
    found = [
        (m[0], m[1])
        for e in extraction["entities"]
        if e["kind"] == "person" and e["role"] == "victim"
        for m in e["mentions"]
    ]
    found += [(m.start(), m.end()) for m in _name_pattern(names).finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _replace(text: str, spans: list[tuple[int, int]]):
    """The text with each span replaced, and a function moving an old offset to the new text."""
    parts, last = [], 0
    starts, deltas, total = [], [], 0
    for start, end in spans:
        parts += [text[last:start], PLACEHOLDER]
        last = end
        total += len(PLACEHOLDER) - (end - start)
        starts.append(end)
        deltas.append(total)
    parts.append(text[last:])

    def shift(offset: int) -> int:
        i = bisect.bisect_right(starts, offset)
        return offset + (deltas[i - 1] if i else 0)

    return "".join(parts), shift


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
