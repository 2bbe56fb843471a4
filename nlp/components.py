"""spaCy factories of this project, registered in one place.

Each component is configured through its factory config (so the whole pipeline is
described by `nlp.config`) and does one job:
- trafficking_gazetteer: marks known agencies and places before the statistical NER;
- trafficking_entities: canonical, typed, resolved people/agencies/places -> doc._.entities;
- court_sentences: sentencing records -> doc._.court_sentences;
- person_roles: roles from context;
- case_events: each named person's legal stage (arrested ... appeal decided) -> doc._.case_events;
- extraction_record: all of it as plain data -> doc._.extraction.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.case_events import CaseEventExtractor
from nlp.entities import CURRENCY_WORDS, EntityResolver, doc_text
from nlp.extract import extraction_record
from nlp.gazetteer import AGENCIES_FILE, PLACES_FILE, is_name_part, load_gazetteer, without_accents
from nlp.guard import DEADLINE_KEY, run_guarded
from nlp.names import VIETNAMESE_MIDDLE_NAMES
from nlp.roles import assign_roles
from nlp.sentencing import SentenceExtractor
from nlp.victims import mark_victims

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)
if not Doc.has_extension("court_sentences"):
    Doc.set_extension("court_sentences", default=None)
if not Doc.has_extension("case_events"):
    Doc.set_extension("case_events", default=None)
if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)

GAZETTEER_LABELS = {"agency": "ORG", "place": "GPE"}
NAME_FUNCTION_WORDS = {
    "of",
    "and",
    "for",
    "the",
    "in",
    "on",
    "de",
    "des",
    "la",
    "le",
    "du",
    "al",
    "bin",
    "binti",
    "against",
    "to",
    "at",
    "&",
}
INSTITUTION_AFTER_PLACE = re.compile(
    r"\s+(?:(?:Provincial|Municipal|District|City|Regional Trial|Regional|People's|Peoples|Military|High|"
    r"Sessions|Criminal|Juvenile|Appeals?|Crown|Magistrates'?|County|Circuit|Superior|Federal|State|"
    r"Immigration|Border|Labou?r|Social Welfare|Metropolitan|Tourist)\s+){0,3}"
    r"(?:Court|Police|Prison|Hall|Department|Administration|Office|Committee|Commissariat|Council|"
    r"University|Hospital|Border Guard|Guard|Command|Station|Times|Post|Daily|Tribune|Herald)"
    r"(?:\s+(?:Department|Force|Station|Bureau|Command|Headquarters|Division|Unit|Office))?\b"
)


class GazetteerRuler:
    """Phrase matching of gazetteer names; its spans override the model's where they overlap."""

    def __init__(self, nlp: Language, name: str, agencies_path: str, places_path: str):
        self.name = name
        self.gazetteer = load_gazetteer(agencies_path, places_path)
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="NORM")  # NORM: lower case, curly quotes straightened
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower, exact = {}, {}
        for surface, entry, case_sensitive in self.gazetteer.surface_forms():
            target = exact if case_sensitive else lower
            target.setdefault(entry.name, []).append(surface)
        for canonical, surfaces in lower.items():
            self.lower_matcher.add(canonical, list(nlp.tokenizer.pipe(surfaces)))
        for canonical, surfaces in exact.items():
            self.exact_matcher.add(canonical, list(nlp.tokenizer.pipe(surfaces)))

    def __call__(self, doc: Doc) -> Doc:
        # linear, and before the model: not counted in the text's time budget
        return run_guarded(doc, self.name, self._mark, budgeted=False)  # on failure the model's NER goes on alone

    def _mark(self, doc: Doc) -> Doc:
        spans = []
        for matcher, case_sensitive in ((self.lower_matcher, False), (self.exact_matcher, True)):
            for match_id, start, end in matcher(doc):
                if not case_sensitive and not all(
                    t.text[:1].isupper() or not t.is_alpha or t.lower_ in NAME_FUNCTION_WORDS for t in doc[start:end]
                ):
                    continue  # "tak" is a word, "Tak" a province; "The star witness" is no newspaper
                canonical = doc.vocab.strings[match_id]
                entry = self.gazetteer.lookup(canonical)
                if entry is None:
                    continue
                if (
                    case_sensitive
                    and entry.category == "place"
                    and end < len(doc)
                    and doc[end].is_alpha
                    and doc[end].text[:1].isupper()
                ):
                    continue  # "U.S. Attorney", "UK Border Force": part of a name, not the place
                if entry.category == "place" and end < len(doc) and doc[end].text in NEWSPAPER_HEADS:
                    continue  # "Pittsburgh Post-Gazette", "San Jose Mercury News": a paper named after its city
                if entry.category == "place" and start > 0 and doc[start - 1].text in FORCES_NAMED_BEFORE_PLACE:
                    continue  # "Police Scotland": a force named for its country, no place
                if entry.category == "place" and _surname_not_place(doc, start, end, case_sensitive):
                    continue
                if entry.kind in {"company", "media"} and _inside_longer_name(doc, start, end, self.gazetteer):
                    continue  # "CBS Sports", "Nissan North America Inc.": the model's longer name stands
                if (
                    entry.kind in {"company", "media"}
                    and end - start == 1
                    and start > 0
                    and doc[start - 1].text[:1].isupper()
                    and is_name_part(doc[start - 1].text, strict=False)
                ):
                    continue  # "Tep Sony", "Nikola Tesla": a person's name, not the company
                if entry.category == "place" and start > 0 and doc[start - 1].text in COMPASS_WORDS:
                    end += end < len(doc) and doc[end].text in GEOGRAPHIC_HEADS  # "the South China Sea"
                    spans.append(Span(doc, start - 1, end, label="GPE"))  # "Northern Ireland", "Western Australia"
                    continue  # another place than the one named: the model's guess, no gazetteer entry
                spans.append(Span(doc, start, end, label=GAZETTEER_LABELS[entry.category], kb_id=canonical))
        if spans:
            spans = [self._as_institution(doc, span) for span in filter_spans(spans)]
            spans = filter_spans(spans)
            taken = {i for span in spans for i in range(span.start, span.end)}
            kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = filter_spans(kept + spans)
        return doc

    @staticmethod
    def _as_institution(doc: Doc, span: Span) -> Span:
        """ "Kupang" + "District Court" is a court, not a place: widen it into an organisation."""
        if span.label_ != "GPE":
            return span
        match = INSTITUTION_AFTER_PLACE.match(doc_text(doc), span.end_char)
        if not match:
            return span
        widened = doc.char_span(span.start_char, match.end(), alignment_mode="expand")
        return Span(doc, widened.start, widened.end, label="ORG") if widened is not None else span


# The last word of a unit, channel or subsidiary named after its parent: "CBS Sports",
# "CNN Business", "Nissan North America Inc." (with a place: "Lexus Philippines").
UNIT_TAILS = {
    *("Sports News Business Network Radio Television TV Channel Music Studios Pictures Records Media".split()),
    *("Entertainment Group Holdings Inc Inc. Corp Corp. Corporation Ltd Ltd. LLC Co Co. International".split()),
}


def _inside_longer_name(doc: Doc, start: int, end: int, gazetteer) -> bool:
    """A company or outlet the gazetteer knows at the start of a longer name: its unit,
    channel or subsidiary ("CBS Sports", "CBS DFW", "Nissan North America Inc."), which the
    model names whole; not its product ("Intel Core", "Nintendo Switch": the maker stays)."""
    run = []
    for token in doc[end : end + 4]:
        if not (token.text[:1].isupper() or token.text == ".") or token.text in {"I", "A"}:
            break
        run.append(token)
    if not run:
        return False
    if len(run) == 1 and run[0].is_alpha and run[0].is_upper and 2 <= len(run[0]) <= 5:
        entry = gazetteer.lookup(run[0].text)
        return entry is None or entry.category != "place"  # "CBS DFW", a station; not "Apple UK"
    last = run[-1].text if run[-1].text != "." else run[-2].text + "." if len(run) > 1 else ""
    if last in UNIT_TAILS or last.rstrip(".") in UNIT_TAILS:
        return True
    tail = " ".join(t.text for t in run)
    entry = gazetteer.lookup(tail) or gazetteer.lookup(run[-1].text)
    return entry is not None and entry.category == "place" and entry.kind in {"country", "region", "continent"}


# the word after a city's name in a newspaper's name ("Denver Post", "Argus Leader" is no city)
NEWSPAPER_HEADS = {
    *("Post Times Globe Herald Tribune Journal Mercury Gazette Chronicle Courier Register".split()),
    *("Inquirer Examiner Observer Dispatch Sentinel Star-Tribune Star-Ledger Post-Gazette".split()),
}

FORCES_NAMED_BEFORE_PLACE = {"Police", "Constabulary", "Gendarmerie"}


# A compass word before a known place names another place ("Southern California" is not
# California); the gazetteer's names that start with one ("North Korea") match whole first.
COMPASS_WORDS = {
    *("North Northern South Southern East Eastern West Western Central".split()),
    *("Northeast Northeastern Northwest Northwestern Southeast Southeastern Southwest Southwestern".split()),
}

GEOGRAPHIC_HEADS = {"Sea", "Ocean", "Coast", "Island", "Islands", "Peninsula", "Gulf", "Bay", "Strait", "Basin"}


AGE_NEXT = re.compile(r"^\s*,\s*(?:aged\s+)?\d{1,2}\b")


def _surname_not_place(doc: Doc, start: int, end: int, case_sensitive: bool) -> bool:
    """A place name used as a family name or in a person's name ("Arnel Baguio, 41",
    "Prasert Chaiyaphum", "Chong Kah Wai, 52"), or "U.S." used as an adjective ("U.S.
    citizens"): not the place."""
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.is_sent_start
        and is_name_part(before.text)
        and before.ent_type_ not in {"GPE", "LOC", "ORG"}
    ):
        return True  # a known given name right before it
    run_end = end
    while (
        run_end < len(doc)
        and run_end - end < 2
        and doc[run_end].is_alpha
        and doc[run_end].text[:1].isupper()
        and (doc[run_end].pos_ == "PROPN" or is_name_part(doc[run_end].text, strict=False))
    ):
        run_end += 1
    last = doc[run_end - 1]
    tail = doc_text(doc)[last.idx + len(last) : last.idx + len(last) + 12]
    name_before = (
        before is not None
        and before.is_alpha
        and before.text[:1].isupper()
        and (before.pos_ == "PROPN" or not before.is_sent_start)
    )
    if AGE_NEXT.match(tail) and (run_end > end or name_before):
        return True  # "Chong Kah Wai, 52", "Prasert Chaiyaphum, 38"
    if end < len(doc) and doc[end].lower_ in CURRENCY_WORDS:
        return True  # "3,900 U.S. dollars", "Singapore dollars": a currency, no place
    if (
        doc[start:end].text in {"U.S.", "US", "UK", "U.K."}
        and end < len(doc)
        and doc[end].is_lower
        and doc[end].pos_ in {"NOUN", "ADJ"}
    ):
        return True  # "U.S. citizens", "UK officials"
    return False


VIETNAMESE_LETTERS = re.compile("[\u0103\u0102\u0111\u0110\u01a1\u01a0\u01b0\u01af\u1ea0-\u1ef9]")


@Language.component("accent_norms", assigns=["token.norm"])
def accent_norms(doc: Doc) -> Doc:
    """ "Nguyễn Văn Hùng": the model learnt its words without accents, and reads an accented name
    as a verb; in a text written in Vietnamese letters, each accented Latin word is given its
    plain form as the norm the model sees (elsewhere, "Condé Nast" stays as the model knows it)."""

    def mark(doc: Doc) -> Doc:
        if VIETNAMESE_LETTERS.search(doc.text) is None:
            return doc
        for token in doc:
            if not token.is_ascii and token.is_alpha:
                plain = without_accents(token.text)
                if plain.isascii():
                    token.norm_ = plain.lower()
        return doc

    return run_guarded(doc, "accent_norms", mark, budgeted=False)


@Language.component("paragraph_boundaries", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break in article text ends a paragraph, and so a sentence (the parser keeps these);
    a Vietnamese middle name ("Thi", "Van") never ends one: the given name follows it, nor
    does any capitalised word right before another one."""

    def mark(doc: Doc) -> Doc:
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
            elif (
                doc[token.i - 1].text in VIETNAMESE_MIDDLE_NAMES
                and token.i >= 2
                and doc[token.i - 2].text[:1].isupper()
                and token.is_alpha
                and token.text[:1].isupper()
            ):
                token.is_sent_start = False  # "Cam Thi | Nga 12 years": a name the parser cut in two
            elif (
                doc[token.i - 1].is_alpha
                and doc[token.i - 1].text[:1].isupper()
                and token.is_alpha
                and token.text[:1].isupper()
                and doc[token.i - 1].whitespace_ == " "
            ):
                # "Ma Hnin | Wai were sentenced": two capitalised words with no stop between
                # are one run (a name), never a sentence's end and the next one's start
                token.is_sent_start = False
        return doc

    return run_guarded(doc, "paragraph_boundaries", mark, budgeted=False)


@Language.factory(
    "trafficking_gazetteer",
    default_config={"agencies_path": str(AGENCIES_FILE), "places_path": str(PLACES_FILE)},
    assigns=["doc.ents"],
)
def make_gazetteer(nlp: Language, name: str, agencies_path: str, places_path: str):
    return GazetteerRuler(nlp, name, agencies_path, places_path)


@Language.factory(
    "trafficking_entities",
    default_config={
        "agencies_path": str(AGENCIES_FILE),
        "places_path": str(PLACES_FILE),
        "keep_labels": ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"],
    },
    assigns=["doc._.entities"],
    requires=["doc.ents", "doc.sents"],
)
def make_entity_resolver(nlp: Language, name: str, agencies_path: str, places_path: str, keep_labels: list[str]):
    resolver = EntityResolver(name, load_gazetteer(agencies_path, places_path), keep_labels)

    def resolve(doc: Doc) -> Doc:
        return run_guarded(doc, name, resolver, fallback=_no_entities)

    return resolve


def _no_entities(doc: Doc) -> None:
    doc._.entities = []


@Language.factory(
    "court_sentences",
    default_config={"lookback_sentences": 3},
    assigns=["doc._.court_sentences"],
    requires=["doc._.entities"],
)
def make_sentence_extractor(nlp: Language, name: str, lookback_sentences: int):
    extractor = SentenceExtractor(name, lookback_sentences)

    def extract_sentences(doc: Doc) -> Doc:
        return run_guarded(doc, name, extractor, fallback=_no_sentences)

    return extract_sentences


def _no_sentences(doc: Doc) -> None:
    doc._.court_sentences = []


@Language.factory("possible_victims", assigns=["doc._.entities"], requires=["doc._.entities"])
def make_victim_marker(nlp: Language, name: str):
    """Marks victims before the sentence extractor, so that no back-reference ("the couple",
    "he") can make a victim a defendant."""

    def victims(doc: Doc) -> Doc:
        mark_victims(doc, doc._.entities or [])
        return doc

    def possible_victims(doc: Doc) -> Doc:
        return run_guarded(doc, name, victims, fallback=_withhold_all_persons)

    return possible_victims


def _withhold_all_persons(doc: Doc) -> None:
    """Victims unknown: nobody can safely be named, nor made a defendant."""
    for entity in doc._.entities or []:
        if entity.kind == "person":
            entity.role = "victim"


@Language.factory("person_roles", assigns=["doc._.entities"], requires=["doc._.entities", "doc._.court_sentences"])
def make_person_roles(nlp: Language, name: str):
    """Roles from context (suspect, victim, NGO staff); runs after the sentence extractor."""

    def roles(doc: Doc) -> Doc:
        assign_roles(doc, doc._.entities or [])
        return doc

    def person_roles(doc: Doc) -> Doc:
        return run_guarded(doc, name, roles, fallback=_withhold_unroled_persons)

    return person_roles


def _withhold_unroled_persons(doc: Doc) -> None:
    """Without roles, a victim cannot be told from anyone else: every person without a role
    is withheld as a possible victim (never stored by name) rather than published."""
    for entity in doc._.entities or []:
        if entity.kind == "person" and not entity.role:
            entity.role = "victim"


@Language.factory(
    "case_events",
    assigns=["doc._.case_events"],
    requires=["doc._.entities", "doc._.court_sentences"],
)
def make_case_events(nlp: Language, name: str):
    """Runs after person_roles, so the people roles rule out (victims, officials) have no events."""
    extractor = CaseEventExtractor(name)

    def case_events(doc: Doc) -> Doc:
        return run_guarded(doc, name, extractor, fallback=_no_events)

    return case_events


def _no_events(doc: Doc) -> None:
    doc._.case_events = []


@Language.factory(
    "extraction_record",
    assigns=["doc._.extraction"],
    requires=["doc._.entities", "doc._.court_sentences", "doc._.case_events"],
)
def make_extraction_record(nlp: Language, name: str):
    """Last component: results as plain data in doc._.extraction (picklable, one format)."""

    def record(doc: Doc) -> Doc:
        doc._.extraction = extraction_record(doc)
        return doc

    def to_record(doc: Doc) -> Doc:
        run_guarded(doc, name, record, fallback=_empty_record, budgeted=False)  # always: the record
        doc._.entities = doc._.court_sentences = doc._.case_events = None  # rich objects stay inside
        doc.user_data.pop("_text", None)
        doc.user_data.pop(DEADLINE_KEY, None)
        return doc

    return to_record


def _empty_record(doc: Doc) -> None:
    doc._.extraction = {
        "entities": [],
        "sentences": [],
        "events": [],
        "warnings": list(doc.user_data.get("warnings", [])),
    }
