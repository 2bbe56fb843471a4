"""People, agencies and places from the model's entities: canonical, retyped, resolved.

The statistical NER is a starting point only. Here each span gets a canonical name, a
type fixed by the gazetteer and by context (a name followed by an age is a person),
junk is dropped, and short mentions ("Judge Vandy", "Savoeun") join the full name
given elsewhere in the article, so each real individual is one entity.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_ALPHA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from nlp.gazetteer import Gazetteer, is_name_part, load_gazetteer
from nlp.guard import warn
from nlp.names import (
    LEADING_NOT_NAME,
    NOT_OWNERS,
    PLACE_DESIGNATOR_BEFORE,
    POSSESSOR_PREFIX,
    TITLE_ALTERNATION,
    VIETNAMESE_MIDDLE_NAMES,
    agency_name,
    is_title_word,
    lookup_key,
    normalize_text,
    person_name,
    place_name,
)

AGE_AFTER = re.compile(
    r"^\s*(?:,\s*(?:aged\s+|age\s+)?|\(\s*(?:aged\s+)?)(\d{1,2})(?:\s*,|\s*\)|\s+and\b|\s+or\b|\s*\.|\s*;|\s*[\u2013\u2014]|\s+-\s|\s+(?:was|were|is|are|had|has|who|from|of)\b)"
)
TITLE_BEFORE = re.compile(
    r"(?:^|[\s(,])((?:(?:" + TITLE_ALTERNATION + r")\s+)*(?:" + TITLE_ALTERNATION + r"))$", re.IGNORECASE
)


def _last_words(alternation: str) -> frozenset[str]:
    """The lower-cased last word of each title ("col." and "col" of "Lt Col\\.?"): a text
    whose last word is none of them ends in no title, and TITLE_BEFORE's search need not run."""
    words = set()
    for title in alternation.split("|"):
        last = title.split(" ")[-1].lower()
        if last.endswith("\\.?"):
            words.add(last[:-3])
            last = last[:-3] + "\\."
        words.add(last.replace("\\.", "."))
    return frozenset(words)


TITLE_LAST_WORDS = _last_words(TITLE_ALTERNATION)
LAST_WORD = re.compile(r"[^\s(,]+$")

SUSPECT_VERBS = {
    "arrest",
    "charge",
    "convict",
    "detain",
    "sentence",
    "jail",
    "imprison",
    "accuse",
    "indict",
    "prosecute",
    "extradite",
    "deport",
    "apprehend",
    "nab",
    "try",
    "fine",
    "find",
}
AGENCY_CUE_BEFORE = re.compile(
    r"\b(?:NGO|NGOs|group|organi[sz]ation|charity|foundation|agency|company|firm|non-profit|nonprofit|carrier|"
    r"airline|automaker|carmaker|retailer|broadcaster|lender|insurer|newspaper|newspapers|chains?|startup|"
    r"start-up|operator|manufacturer|supplier|contractor|publisher|outlet)\s*$",
    re.IGNORECASE,
)

AGENCY_KIND_RULES: list[tuple[str, re.Pattern]] = [
    ("court", re.compile(r"\b(?:court|tribunal)\b", re.I)),
    (
        "police",
        re.compile(
            r"\b(?:police|gendarmerie|constabulary|immigration|border guard|coast guard|military police|polri|fbi|investigation)\b",
            re.I,
        ),
    ),
    ("ministry", re.compile(r"\b(?:ministry|minister)\b", re.I)),
    (
        "international",
        re.compile(
            r"\b(?:united nations|(?-i:UN)|interpol|asean|world|international organi[sz]ation|european union)\b", re.I
        ),
    ),
    (
        "ngo",
        re.compile(
            r"\b(?:ngo|foundation|charity|mission|rights|alliance|coalition|network|association|society|center for|centre for|project|watch|fund)\b",
            re.I,
        ),
    ),
    (
        "media",
        re.compile(r"\b(?:news|times|post|daily|tribune|radio|television|tv|press|herald|gazette|journal)\b", re.I),
    ),
    (
        "government",
        re.compile(
            r"\b(?:procuracy|procuratorate|committee|council|commission|government|parliament|assembly|senate|office|agency|authority|administration|department|bureau|embassy|consulate|cabinet|provincial hall)\b",
            re.I,
        ),
    ),
    (
        "company",
        re.compile(
            r"\b(?:company|co|ltd|limited|inc|corp|corporation|group|bank|airlines?|holdings|casino|resort|hotel|plc|llc)\b",
            re.I,
        ),
    ),
]

LAW_WORDS = re.compile(
    r"\b(?:law|act|code|convention|protocol|decree|sub-decree|subdecree|article|bill|constitution)\b", re.I
)
JUNK = {
    "osec",
    "osaec",
    "csec",
    "csam",
    "tip",
    "nap",
    "idr",
    "usd",
    "gdp",
    "pdf",
    "hiv",
    "aids",
    "ceo",
    "ipo",
    "ev",
    "usb",
    "awd",  # drivetrains, prices and parts, in car and gadget news
    "rwd",
    "fwd",
    "4wd",
    "rrp",
    "msrp",
    "suv",
    "led",
    "hdmi",
    "gps",
    "gmt",
    "rgb",
    "ecg",
    "hpv",
    "sop",
    "mou",
    "ktv",
    "sez",
    "gbv",
    "sms",
    "muay thai",
    "tier 2 watch list",
    "watch list",
    "tier 2",
    "tier 3",
    "covid",
    "covid-19",
    "covid 19",
    "coronavirus",
    "exit",
    "related",
    "related stories",
    "facebook post",
    "read more",
    "advertisement",
    "published",  # a page's date label ("PUBLISHED : 12 Feb", "Updated 3 Mar")
    "updated",
    "posted",
    "share",
    "share this post",
    "related news",
    "editor's choice",
    "photo",
    "supplied",  # "Photo: Supplied", "Photo: Handout": a credit naming no one
    "handout",
    "file",
    "screenshot",
    "screengrab",
    "file photo",
    "reuters photo",
    "ngo",
    "ngos",
    "un",
}
PERSON_LABELS = {"PERSON"}
# Day and month names, which run into the end of a name ("the Harbor Courier Monday")
WEEKDAY_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October"}
MONTHS |= {"November", "December"}
INITIALS_BEFORE = re.compile(
    r"\binitials?\b(?:[ \t]+(?:as|of|being))?[ \t]+(?:[A-Z]{1,4}\.?(?:,|,?[ \t]+and|,?[ \t]+or)?[ \t]+)*$"
)
DESK_CREDIT = re.compile(r"[A-Z]{2,5}/([A-Z][a-z][\w'-]*(?:[ \t]+[A-Za-z][\w'-]*){0,3})")
CREDIT_NOT_NAMES = {"Photo", "Photos", "Supplied", "File", "Image", "Images", "Pool", "Handout", "Screenshot", "Video"}
LETTERED_OPTION = re.compile(
    r"(?:Path|Plan|Option|Group|Pot|Pool|Section|Zone|Phase|Type|Grade|Class|Level|Stage|Round|Gate|Block|Route|"
    r"Line|Schedule|Tier|Category|Annex|Appendix|Exhibit|Figure|Table)\s+(?:[A-Z]|\d{1,3})\.?"
)
LAW_TITLE_BEFORE = re.compile(
    r"\b(?:Law|Act|Code|Decree|Sub-[Dd]ecree|Convention)\s+(?:No\.?\s*[\w/]+\s+)?(?:on|of)\s+(?:the\s+)?$"
)
STREET_HEAD = re.compile(
    r"^(?:Jalan|Jln\.?|Lorong|Soi|Thanon|Rue|Calle|Street|Road|Duong|Pho|Phlauv|Mahavithei|Wat|Corso|Via|Viale|Rua|Avenida)\s"
)
PLACE_PREPOSITIONS = {"in", "at", "near", "into", "across", "outside", "around", "from", "atop"}
FACILITY_TAIL = re.compile(
    r"\s(?:Road|Street|Avenue|Soi|Lane|Boulevard|Drive|Place|Highway|Market|Bridge|Pagoda|Temple)$"
)
# Bars, karaoke parlours, hotels and venues: where things happened, neither places nor agencies.
VENUE_TAIL = re.compile(
    r"\s(?:Hotel|Suites|KTV|Karaoke|Bar|Spa|Massage|Parlou?r|Lounge|Pub|Restaurant|Amphitheat(?:re|er)|Arena|"
    r"Stadium|Pavilion|Mall|Plaza|Guesthouse|Guest House|Salon|Nails|Apartments?|Condominium|Nightclub|"
    r"Disco|Beer Garden|Inn|Motel|Airport|Bridge|Terminal|Pier|Wharf|Jetty|Checkpoint|Border Crossing|Jail|Prison|Penitentiary|"
    r"Auditorium|Detention Cent(?:er|re)|Correctional (?:Facility|Institution|Center))$"
)
STREET_WORDS = {"Jalan", "Jln", "Lorong", "Soi", "Thanon", "Rue", "Calle", "Duong", "Pho", "Phlauv", "Mahavithei"}
DESIGNATED_TAIL = re.compile(r"\s(?:District|Province|Town|Commune|Village|Township|Regency|Municipality)$")
LAWYERS_BAR = re.compile(r"(?:[A-Z][a-z]+an|[A-Z][a-z]+ese|Philippine|Thai|British|Bar) (?:Bar|Council)(?: Council)?")
GEOGRAPHIC_HEAD = re.compile(r"\b(?:Delta|River|Sea|Island|Islands|Mountains?|Valley|Bay|Lake|Peninsula|Gulf|Strait)$")
# The pieces of the name runs below: a capitalised word that is not "The"/"A" (a new
# sentence or a headline's end), initials like "U.S.", and spaces that never cross a line.
_WORD = r"(?!(?:The|A|An)\b)[A-Z][\w'\u2019-]*"
_INITIALS = r"(?:[A-Z]\.){2,3}"
_SP = r"[ \t]+"
# The head nouns an institution's name ends in.
_INSTITUTION_HEADS = (
    r"Office|Ministry|Department|Commission|Committee|Council|Agency|Bureau|Division|Unit|"
    r"Task Force|Taskforce|Foundation|Association|Organi[sz]ation|Cent(?:er|re)|Coalition|Network|"
    r"Tribunal|Directorate|Secretariat|Authority|Institute|Service|Alliance|Federation|Union|Society|"
    r"Procuracy|Procuratorate|University|College|School|Academy"
)
# A dotted suffix ends the name before a comma too ("Siam Global Marketing Co., the firm"); a
# number may stand inside a name ("Lucky South 99 Outsourcing Inc.").
COMPANY_RUN = re.compile(
    rf"\b(?:PT\.?|CV\.?){_SP}(?:[A-Z][\w&'-]*[ \t]?){{1,5}}|"
    rf"(?:(?!(?:The|A|An)\b)[A-Z][\w&'-]*[ \t])(?:(?:[A-Z][\w&'-]*|\d{{1,4}})[ \t]){{0,4}}"
    r"(?:Manpower|Recruitment|Recruiting|Employment Agency|Agency|Trading|"
    r"Enterprises?|Company|Co\.,? Ltd\.?|Co(?:\.|(?![\w-]))|Ltd\.?|Limited|Sdn\.? Bhd\.?|Bhd\.?|Pte\.? Ltd\.?|Inc\.?|Incorporated|"
    r"Corp\.?|LLC|JSC|Corporation|Holdings|Group|Garments?|Fisheries|Seafood|Logistics|Services)(?!\w)"
)
# A bank, an airline or an exchange named with one to three capitalised words, a known place
# among them: "Siam Commercial Bank", "Biman Bangladesh Airlines", "Hong Kong Stock Exchange"
# (not "West Bank").
BANK_RUN = re.compile(
    rf"\b(?!(?:West|East|North|South|Left|Right){_SP}Bank\b)(?:{_WORD}{_SP}){{1,3}}"
    rf"(?:Bank|Airlines?|Airways|Stock{_SP}Exchange)\b"
)
# A police force named after its town, county or state: "Staffordshire Police", "Greater
# Manchester Police", "Selangor Police" (the model often leaves these untagged or cut).
POLICE_RUN = re.compile(rf"\b(?:{_WORD}{_SP}){{1,3}}(?:Police|Constabulary|Gendarmerie)\b(?![ \t]+[A-Z])")
# A company's legal form: a name that carries one is a firm, whatever the model or an age after it says.
LEGAL_FORM = re.compile(
    r"^(?:PT|CV)\.?\s+[A-Z]|\s(?:Sdn\.?\s+Bhd|Bhd|Co\.,?\s+Ltd|Ltd|Pte\.?\s+Ltd|Inc|Incorporated|LLC|JSC|Corp|PLC)\.?$"
)
# Honorifics that only stand before a person's name.
HONORIFIC_START = re.compile(
    r"^(?:U|Daw|Ko|Maung|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Datuk|Dato'?|Datin|Tan Sri|Puan|Encik|"
    r"Pol(?:\.|ice)?(?:\s+(?:Col|Lt|Gen|Maj|Capt|Sgt|Snr)\.?)+|Lt\.?\s+Col\.?|Brig-Gen|"
    r"Haji|Hajji|Hj\.?|Hajjah|Khun|Samdech|Oknha)\s+[A-Z]"
)
ADJECTIVAL_COUNTRIES = {"U.S.", "US", "UK", "U.K.", "EU"}
CURRENCY_WORDS = {"dollar", "dollars", "cent", "cents", "pound", "pounds"}
HYPHENATED_ACRONYM = re.compile(r"\b[A-Z]{2,6}-[A-Z]{2,6}\b")
# A court named after a town the gazetteer may not know: "Dobo District Court",
# "Stoke-on-Trent Crown Court", "Muar Sessions Court", "Myawaddy Township Court".
COURT_RUN = re.compile(
    rf"\b(?:{_INITIALS}{_SP}|{_WORD}{_SP}){{1,3}}(?:(?:Provincial|District|Municipal|High|Sessions|Crown|Magistrates'?|"
    r"Township|Regional Trial|Criminal|Juvenile|People's|Appeal|Appeals|Circuit|County|City|Sheriff|Family|Youth|"
    rf"Military|Special|Religious|Syariah|Sharia){_SP})+Court\b(?:{_SP}of{_SP}[A-Z][\w'-]+)?"
)
# A capitalised run ending in an institution's head noun, with an optional "of the ..."
# tail: "Attorney General's Office", "Anti-Trafficking in Persons Division", "Office of the
# Ombudsman" is found from its head too. The model often leaves these untagged or cut.
# A comma inside a name only in a list that "and" closes: "Ministry of Women, Family and
# Community Development", "Department of Labour, Invalids and Social Affairs".
_LISTED = rf",{_SP}(?={_WORD}(?:{_SP}{_WORD})*(?:,{_SP}{_WORD}(?:{_SP}{_WORD})*)*,?{_SP}and{_SP}[A-Z])"
INSTITUTION_RUN = re.compile(
    rf"\b(?:{_INITIALS}|{_WORD})(?:{_SP}|{_LISTED})(?:(?:{_INITIALS}|{_WORD}|of|and|in|for|on|the|&)(?:{_SP}|{_LISTED})){{0,6}}?"
    rf"(?:{_INSTITUTION_HEADS})\b"
    rf"(?:{_SP}(?:of|for|on|to|against){_SP}(?:the{_SP}|a{_SP})?{_WORD}"
    rf"(?:{_SP}{_WORD}|{_LISTED}{_WORD}|,{_SP}and{_SP}{_WORD}|{_SP}(?:and|of|in|the|for|on)(?:{_SP}the)?{_SP}{_WORD})*)?"
)
# An institution named from its head noun on: "Alliance for a Safe Community", "Office of
# the Ombudsman", "Department of Labour, Invalids and Social Affairs".
HEAD_FIRST_RUN = re.compile(
    rf"\b(?:{_INSTITUTION_HEADS}){_SP}(?:of|for|on|against){_SP}(?:the{_SP}|a{_SP})?{_WORD}"
    rf"(?:{_SP}{_WORD}|{_LISTED}{_WORD}|,{_SP}and{_SP}{_WORD}|{_SP}(?:and|of|in|the|for|on)(?:{_SP}the)?{_SP}{_WORD})*"
)
# A mission named after its country, before or after: "Embassy of Australia", "Consulate
# General of the Philippines", "the Myanmar Embassy" (the model often tags only the country).
MISSION_AFTER = re.compile(rf"\b{_WORD}{_SP}(?:Embassy|Consulate(?:{_SP}General)?|High{_SP}Commission)\b")
MISSION_OF = re.compile(
    rf"\b(?:Embassy|Consulate(?:{_SP}General)?|High{_SP}Commission){_SP}of{_SP}(?:the{_SP})?{_WORD}(?:{_SP}{_WORD}){{0,2}}"
)
MISSION_HEADS = {"embassy", "consulate", "high"}
INSTITUTION_HEAD = re.compile(rf"\b(?:{_INSTITUTION_HEADS}|Court)\b")
COURT_DISTRICT_OF = re.compile(
    r"^\s+for\s+the\s+(?:(?:Northern|Southern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+"
    r"(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?"
)
PLACE_DESIGNATOR_AFTER = re.compile(
    r"^\s+(?:districts?|provinces?|communes?|villages?|towns?|townships?|municipality|border|checkpoint|crossing|"
    r"regency|regencies|sub-districts?|subdistricts?|county|area)\b",
    re.IGNORECASE,
)
DEMONYMS = {
    "cambodian",
    "khmer",
    "thai",
    "lao",
    "laotian",
    "vietnamese",
    "burmese",
    "myanmar national",
    "malaysian",
    "indonesian",
    "filipino",
    "filipina",
    "chinese",
    "taiwanese",
    "korean",
    "japanese",
    "bangladeshi",
    "nepali",
    "nepalese",
    "indian",
    "pakistani",
    "sri lankan",
    "rohingya",
    "karen",
    "kachin",
    "shan",
    "mon",
    "african",
    "american",
    "british",
    "european",
    "asian",
    "middle eastern",
    "guatemalan",
    "mexican",
    "honduran",
    "nigerian",
    "kenyan",
    "ugandan",
    "ethiopian",
    "arab",
    "singaporean",
    "australian",
    "russian",
    "ukrainian",
    "uzbek",
    "kazakh",
    "muslim",
    "christian",
    "buddhist",
    "western",
    "eastern",
    "southeast asian",
    "south-east asian",
}
# Peoples whose name is also their state's: "Kachin, Rakhine, and Shan states".
STATE_PEOPLES = {"karen", "kachin", "shan", "mon", "chin", "kayah", "kayin", "rakhine"}
# A middle initial or a generational suffix: only a person's name has these ("from Delfin T. Mallari Jr.").
NAME_MARKS = re.compile(r"\s[A-Z]\.\s|\s(?:Jr\.?|Sr\.|II|III|IV)$")
AGENCY_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC"}

TITLE_ROLES: list[tuple[str, re.Pattern]] = [
    ("judge", re.compile(r"\b(?:judge|justice)\b", re.I)),
    ("prosecutor", re.compile(r"\bprosecutor|\b(?:u\.?s\.?|united states|district) attorney|attorney general", re.I)),
    ("lawyer", re.compile(r"\b(?:lawyer|attorney|atty)\b", re.I)),
    (
        "police",
        re.compile(
            r"\b(?:police|pol|general|gen|colonel|col|major|maj|captain|capt|lieutenant|lt|sergeant|sgt|inspector|superintendent|supt|commissioner|commander|officer|detective|agent|sheriff)\b",
            re.I,
        ),
    ),
    (
        "official",
        re.compile(
            r"\b(?:minister|secretary|governor|mayor|director|ambassador|senator|sen|representative|congress\w*|spokes\w*|president|chairman|chairwoman|chairperson|excellency|samdech|king|queen|prince|princess)\b",
            re.I,
        ),
    ),
]


def doc_text(doc: Doc) -> str:
    """`Doc.text` rebuilds the string from every token on each call; build it once per doc."""
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text


CURRENT_ENTS = "_current_ents"


def current_ents(doc: Doc) -> list[Span]:
    """`doc.ents` builds a new Span for every entity on each read, and the repairs below read
    it some 25 times a document; while they run, `_resolve` keeps the spans it last set."""
    kept = doc.user_data.get(CURRENT_ENTS)
    return list(kept) if kept is not None else list(doc.ents)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    sent_start: int
    sent_end: int
    token_start: int
    token_end: int


@dataclass
class Entity:
    kind: str  # person | agency | place
    name: str
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None
    age: int | None = None
    role: str | None = None
    agency_kind: str | None = None
    place_kind: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    canonical: str | None = None  # the gazetteer's name, used across articles in the database

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)


def person_tokens(entities: list[Entity]) -> dict[int, Entity]:
    """{token index: the person whose mention covers it}: how the sentence and case-event
    steps find who a verb's subject or object names."""
    found: dict[int, Entity] = {}
    for entity in entities:
        if entity.kind == "person":
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    found[i] = entity
    return found


def agency_kind_for(name: str) -> str:
    for kind, pattern in AGENCY_KIND_RULES:
        if pattern.search(name):
            return kind
    return "other"


def role_for_title(title: str | None) -> str | None:
    if not title:
        return None
    for role, pattern in TITLE_ROLES:
        if pattern.search(title):
            return role
    return None


def _span_keys(spans) -> tuple:
    """What setting `doc.ents` to `spans` would set, to tell a repair that changed nothing."""
    return tuple((e.start, e.end, e.label, e.kb_id, e.id) for e in spans)


# Prepositions no name begins with (unlike Burmese "Than", Scandinavian "Per", Dutch "Van").
PREPOSITIONS_NOT_NAMES = {
    *("despite off about after before during without through over under since until into upon".split()),
    *("against among toward towards across behind beyond except inside outside throughout within".split()),
}


class EntityResolver:
    def __init__(self, name: str, gazetteer: Gazetteer, keep_labels: list[str]):
        self.name = name
        self.gazetteer = gazetteer
        self.keep_labels = set(keep_labels)

    def _resolve(self, doc: Doc) -> Doc:
        candidates = []
        acronyms: dict[str, str] = {}
        doc.user_data.pop("_embedded_places", None)
        doc.user_data.pop("_sure_places", None)  # a dateline, "Davao del Sur": places whatever follows
        doc.user_data.pop("_sources", None)
        doc.user_data.pop("_products", None)
        doc.user_data.pop("_teams", None)
        doc.user_data.pop("_credits", None)
        doc.user_data.pop("_players", None)
        doc.user_data.pop("_group_names", None)
        doc.user_data.pop("_lower_words", None)
        doc.user_data.pop("_term_acronyms", None)
        doc.user_data[CURRENT_ENTS] = tuple(doc.ents)
        current = _span_keys(doc.user_data[CURRENT_ENTS])
        for repair in SPAN_REPAIRS:  # each one optional: a failing repair keeps the spans before it
            try:
                spans = repair(doc)
                if _span_keys(spans) != current:  # setting doc.ents walks every token: only on a change
                    doc.ents = spans
                    doc.user_data[CURRENT_ENTS] = tuple(sorted(spans, key=lambda e: e.start))
                    current = _span_keys(spans)
            except Exception as exc:  # noqa: BLE001
                warn(doc, f"{self.name}.{repair.__name__}", exc)
        for ent in current_ents(doc):
            if ent.label_ not in self.keep_labels:
                continue
            try:
                typed = self._classify(doc, ent)
            except Exception as exc:  # noqa: BLE001 - one odd span must not cost the article
                warn(doc, f"{self.name}: span {ent.text[:40]!r}", exc)
                continue
            if typed is None:
                continue
            candidates.append((ent, *typed))
            if (
                typed[0] == "agency"
                and POSSESSOR_PREFIX.match(normalize_text(ent.text))
                and not typed[1].startswith(normalize_text(ent.text).split("'")[0])
            ):
                _note_owner_place(doc, ent)
            if typed[0] == "agency":
                acronym = _acronym_after(doc, ent)
                if acronym:
                    acronyms[acronym] = typed[1]
        for start, end, kb_id in doc.user_data.pop("_embedded_places", []):
            span = Span(doc, start, end, label="GPE", kb_id=kb_id)
            typed = self._classify(doc, span)
            if typed is not None and typed[0] == "place" and (kb_id or typed[3] is not None):
                candidates.append((span, *typed))  # a known place only: "Women's" owns nothing
        products = doc.user_data.pop("_products", set())
        products -= {lookup_key(c[2]) for c in candidates if c[1] == "agency" and _acts_as_maker(c[0])}
        products |= _owned_services(doc, candidates)  # "Stadia launches": a service launches, its maker too
        candidates = [
            c
            for c in candidates
            if not (
                c[1] in {"agency", "person"}
                and c[4] is None
                and (lookup_key(c[2]) in products or (c[2].endswith("s") and lookup_key(c[2][:-1]) in products))
            )  # "MacBooks", "MacBook Pros": the plural of a product named in the article
        ]
        if _not_english(doc):
            candidates = [
                c for c in candidates if c[1] != "agency" or c[4] is not None or _sure_agency_in_any_language(c[2])
            ]
        if _not_english(doc):
            candidates = [c for c in candidates if c[1] != "person" or _sure_person_in_any_language(doc, *c)]
            candidates = [c for c in candidates if c[1] != "place" or c[4] is not None]  # "in Zusammenarbeit": a noun
        candidates.sort(key=lambda c: c[0].start)
        doc._.entities = self._merge(doc, candidates, acronyms)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        try:
            return self._resolve(doc)
        finally:
            _SEARCHES.clear()  # the searches hold this doc's text
            doc.user_data.pop(CURRENT_ENTS, None)  # spans: no part of a serialised doc

    # -- typing -------------------------------------------------------------
    def _classify(self, doc: Doc, ent: Span):
        """(kind, canonical name, title, gazetteer entry) or None to drop the span."""
        if ent.label_ in PLACE_LABELS and ent.end < len(doc) and doc[ent.end].lower_ in CURRENCY_WORDS:
            return None  # "3,900 U.S. dollars", "Hong Kong dollars": a currency, no place
        if (
            ent.text in ADJECTIVAL_COUNTRIES
            and ent.end < len(doc)
            and doc[ent.end].is_lower
            and doc[ent.end].pos_ in {"NOUN", "ADJ"}
        ):
            return None  # "U.S. citizens", "UK officials": an adjective, not the place
        if ent.label_ in PLACE_LABELS | AGENCY_LABELS and (
            ent.text in STREET_WORDS or ent.start > 0 and doc[ent.start - 1].text in STREET_WORDS
        ):
            return None  # "Jalan" + "Ipoh" tagged apart: a street named after a town
        if ent.label_ in PERSON_LABELS and len(ent) > 1 and ent[0].text in {"In", "At", "Near", "From", "Outside"}:
            return self._classify(doc, Span(doc, ent.start + 1, ent.end, label="GPE"))  # "In Rakhine, fighting ..."
        if _ends_in_stray_capitals(ent):  # "Tested by: John Milbank RRP: £23.99": the name is before
            return self._classify(doc, Span(doc, ent.start, ent.end - 1, label=ent.label_))
        owner_at = _person_owner_end(ent)
        if owner_at is not None and _owned_is_the_person(doc, ent, owner_at):
            return self._classify(doc, Span(doc, owner_at + 1, ent.end, label="PERSON"))  # "Leeds West's Amy Cole"
        if owner_at is not None:  # "Jeff Bezos's Blue Origin": the owner is the person
            return self._classify(doc, Span(doc, ent.start, owner_at, label="PERSON"))
        if (
            ent.label_ in PERSON_LABELS
            and len(ent) > 1
            and ent[0].tag_ == "IN"
            and ent[0].lower_ in PREPOSITIONS_NOT_NAMES
        ):
            return None  # "Despite The Monthly Fee", "35% Off Dell Alienware": a headline's words, no name
        if ent.label_ in PERSON_LABELS and len(ent) > 1 and ent[0].tag_ == "MD" and ent[0].dep_ == "aux":
            return self._classify(doc, Span(doc, ent.start + 1, ent.end, label="PERSON"))  # "Will Warren continue ...?"
        if (
            ent.label_ in PERSON_LABELS
            and len(ent) > 1
            and ent[0].is_sent_start
            and (ent[0].tag_ == "VBG" or _opens_before_named_surname(doc, ent))
        ):
            return self._classify(doc, Span(doc, ent.start + 1, ent.end, label="PERSON"))  # "Hosting Cook at ..."
        if ent.label_ in AGENCY_LABELS and ent.text in _term_acronyms(doc):
            return None  # "hypersensitivity pneumonitis, or HP", then "HP": a term's short form, no body
        if ent.kb_id_:
            entry = self.gazetteer.lookup(ent.kb_id_)
            if entry is not None:
                return entry.category, entry.name, None, entry
        label = ent.label_
        text = normalize_text(ent.text)
        if label in AGENCY_LABELS and ent.start in doc.user_data.get("_teams", ()):
            return "agency", agency_name(text), None, None  # "the Sabres", "Real Madrid": a team
        if label in PERSON_LABELS and ent.start in doc.user_data.get("_players", ()):
            return "person", person_name(text)[1], None, None  # "Tolivert 25 points": a box score's player
        if label in PLACE_LABELS and ent.start in doc.user_data.get("_sure_places", ()):
            return "place", place_name(text.title() if text.isupper() else text), None, None  # "DOBO, Indonesia (AFP)"
        if _in_capitals_line(doc, ent) and ent.start not in doc.user_data.get("_credits", ()):
            return None
        if re.fullmatch(r"(?:[A-Z]\.?){2,4}", text) and INITIALS_BEFORE.search(
            doc_text(doc)[max(0, ent.start_char - 60) : ent.start_char]
        ):
            return None  # "suspects identified by their initials as YL, MB and RD": people, unnamed
        desk = DESK_CREDIT.fullmatch(text)
        if desk:  # "KT/Chea Vichet": a desk's initials and its photographer; "KT/Photo supplied": nobody
            name = desk.group(1)
            return None if name.split()[0] in CREDIT_NOT_NAMES else ("person", person_name(name)[1], None, None)
        if (
            label in PLACE_LABELS
            and ent.text.isalpha()
            and ((ent.text.isupper() and len(ent.text) <= 5) or ent.text.casefold() in LEADING_NOT_NAME)
        ):
            return None  # "NASA", "RWD", "NCR": an acronym no gazetteer knows; "vote Republican": a party
        if (
            label in PLACE_LABELS
            and ent.text.replace(".", "").isupper()
            and len(ent.text) <= 5
            and ent.end < len(doc)
            and doc[ent.end].is_alpha
            and doc[ent.end].text[:1].isupper()
        ):
            return None  # "U.S. Attorney", "UK Border Force": part of a title or name
        if not re.search(r"[^\W\d_]", text) or text.casefold() in JUNK or LETTERED_OPTION.fullmatch(text):
            return None  # "Path C", "Group D", "Block 4": an option, a pool or a plot, no name
        if label in PERSON_LABELS and len(ent) > 2 and ent[0].tag_ == "NNS" and ent[0].text[:1].isupper():
            text = normalize_text(ent[1:].text)  # "Trainers Jonathan S. Lim": a plural noun, no name
        if label in PERSON_LABELS and _post_of_before(doc, ent):
            text = normalize_text(ent[1:].text)  # "Minister of Interior Kong Vibol": the post's last word
        title, as_person = person_name(text)
        if title and _after_burmese_honorific(doc, ent):
            title, as_person = _burmese_name_from_title(title, as_person)
        known_person = self.gazetteer.lookup(as_person)
        if known_person is not None and title and known_person.category == "place":
            known_person = None  # "Police Scotland": a force named for its country, not the place
        entry = known_person or self.gazetteer.lookup(place_name(text)) or self.gazetteer.lookup(agency_name(text))
        if entry is not None:
            return entry.category, entry.name, None, entry
        left_title = _title_before(doc, ent, title)
        before = doc_text(doc)[max(0, ent.start_char - 40) : ent.start_char]
        if LAW_TITLE_BEFORE.search(before) or (
            label in PLACE_LABELS | AGENCY_LABELS and LAW_WORDS.search(text) and agency_kind_for(text) == "other"
        ):
            return None  # "Law on the Eradication of ...", "Work in Fishing Convention"
        if STREET_HEAD.match(text):
            return None  # "Jalan Dunlop", "Soi Cowboy", "Street 63": an address, not a place
        designated = PLACE_DESIGNATOR_BEFORE.match(text)
        if designated and label in PLACE_LABELS | AGENCY_LABELS | PERSON_LABELS and len(text) > designated.end():
            return "place", place_name(text[designated.end() :]), None, None  # "Sangkat Chom Chao"
        if (
            label in PERSON_LABELS
            and ent.start > 0
            and (
                (doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS and not _made_of_names(as_person))
                or _where_only_places_stand(doc, ent)
            )
            and not _inquiry_into(doc, ent)
            and text.split()[-1].casefold() not in FIRM_TAILS  # "from Peter Koros Design": a firm
            and not _looks_like_person(doc, ent)
            and not left_title
            and not title
            and not NAME_MARKS.search(text)
        ):
            return "place", place_name(text), None, None  # "in Sre Ambel", "at Tan Thanh", "in Garut and Sumber Jaya"
        if (
            label in PERSON_LABELS | AGENCY_LABELS
            and (PLACE_OF_BEFORE.search(before) or CONSTITUENCY_BEFORE.search(before))
            and not _looks_like_person(doc, ent)
        ):
            return "place", place_name(text), None, None  # "the market town of Kampong Kdei"
        if (
            label in PERSON_LABELS | AGENCY_LABELS
            and len(ent) <= 3
            and _followed_by_known_place(doc, ent)
            and ent.start not in doc.user_data.get("_sources", ())  # "KOMPAS.COM, Surabaya -": the outlet
            and not AGENCY_CUE_BEFORE.search(before)  # "carrier SunExpress, Kazakhstan's ...": a firm
            and not _looks_like_person(doc, ent)
            and not title
            and agency_kind_for(text) == "other"
            and not COMPANY_RUN.fullmatch(text)
            and not INSTITUTION_HEAD.search(text)  # "the University of Kent, Canterbury": the university's campus
        ):
            return "place", place_name(text), None, None  # "Sugar Land, Texas", "Hanley, Stoke-on-Trent"
        if (
            label in AGENCY_LABELS
            and len(ent) <= 3
            and ent.start > 0
            and doc[ent.start - 1].lower_ in {"in", "near", "outside", "across"}
            and agency_kind_for(text) == "other"
            and not COMPANY_RUN.fullmatch(text)
            and all(t.text[:1].isupper() for t in ent)
            and not (len(ent) == 1 and ent.text.isupper())  # "in NASA's search", "in FIFA": an acronym is a body
        ):
            return "place", place_name(text), None, None  # "in Laiza", "near Bukit Pasir" tagged ORG
        if (
            label in AGENCY_LABELS
            and len(ent) <= 3
            and ent.end < len(doc)
            and doc[ent.end].lower_ == "police"
            and doc[ent.end].is_lower
            and agency_kind_for(text) == "other"
            and not COMPANY_RUN.fullmatch(text)
            and not INSTITUTION_HEAD.search(text)
            and text.casefold() not in DEMONYMS
            and all(t.is_title for t in ent)
        ):
            return "place", place_name(text), None, None  # "Forest Hill police officers": the town's police
        if (
            label in {"FAC", "ORG", "GPE"}
            and 2 <= len(ent) <= 3
            and ent.start > 0
            and ent.end < len(doc)
            and doc[ent.start - 1].lower_ in {"said", "says"}
            and doc[ent.end].text in {",", "."}
            and all(t.is_alpha and t.is_title and t.tag_ == "NNP" for t in ent)
            and agency_kind_for(text) == "other"
            and not (GEOGRAPHIC_HEAD.search(text) or VENUE_TAIL.search(text))
        ):
            return "person", as_person, None, None  # "..., said Yunus Husein, head of a task force"
        if (
            label in AGENCY_LABELS | PERSON_LABELS
            and len(ent) <= 3
            and ent.start > 1
            and doc[ent.start - 1].lower_ in {"and", ","}
            and doc[ent.start - 2].ent_type_ in {"GPE", "LOC"}
            and doc[ent.start - 2].ent_kb_id_
            and agency_kind_for(text) == "other"
            and not COMPANY_RUN.fullmatch(text)
            and not _looks_like_person(doc, ent)
            and not title
            and not _made_of_names(as_person)
            and ent.root.dep_ == "conj"
            and _after_place_preposition(doc, ent.start - 2)
        ):
            return "place", place_name(text), None, None  # "in Sandakan and Lahad Datu"
        if (
            label in AGENCY_LABELS
            and len(ent) == 1
            and not text.isupper()
            and ent.end < len(doc)
            and doc[ent.end].is_title
            and is_title_word(doc[ent.end].text)
        ):
            return None  # "Home" of "Home Minister": part of a post, not an agency
        if (
            label in AGENCY_LABELS | PERSON_LABELS
            and DESIGNATED_TAIL.search(text)
            and len(ent) <= 4
            and agency_kind_for(text) == "other"
            and not INSTITUTION_HEAD.search(text)
            and not any(w.casefold() in ORG_WORDS for w in text.split())
        ):
            return "place", place_name(text), None, None  # "of Cẩm Xuyên District"
        if (FACILITY_TAIL.search(text) or VENUE_TAIL.search(text)) and not LAWYERS_BAR.fullmatch(agency_name(text)):
            return None  # "Khao San Road", "Walking Street", "Golden Lotus Hotel": an address or a venue
        if (
            label in AGENCY_LABELS | PLACE_LABELS
            and ent.end < len(doc)
            and doc[ent.end].text[:1].isupper()
            and VENUE_TAIL.search(f"{text} {doc[ent.end].text}")
        ):
            return None  # "WoodSpring" + "Suites", "MIDFLORIDA Credit Union" + "Amphitheatre": a venue's name
        if (
            label == "PERSON"
            and re.search(r"\b[Tt]he\s+$", before)
            and len(ent) > 1
            and not PLACE_DESIGNATOR_AFTER.match(doc_text(doc)[ent.end_char : ent.end_char + 20])
        ):
            name = agency_name(text)
            return ("agency", name, None, None) if name and _plausible_agency(name) else None  # "the Mekong Ledger"
        if (
            label == "FAC"
            and ent.start > 0
            and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS - {"from"}
            and len(ent) <= 3
            and not NOT_PERSON_TAIL & {w.casefold() for w in text.split()}
            and all(t.text[:1].isupper() for t in ent)
        ):
            return "place", place_name(text), None, None  # "near Chau Doc": the model's FAC is a town
        if AIRLINE.fullmatch(text) and label in {"FAC", "ORG", "GPE", "PERSON"}:
            return "agency", agency_name(text), None, None  # "Kazakhstan's Air Astana": an airline
        if (
            label == "NORP"
            # "His accomplices Le Thi Mai, 35, got ...": a FAC made of names, told as a person, is one
            or (
                label == "FAC"
                and not (_name_parts_only(as_person) and _looks_like_person(doc, ent))
                # "his niece Jessa Mae Amistoso, 27,": capitalised words with an age after them
                and not (
                    all(t.is_title and t.is_alpha for t in ent)
                    and re.match(r"^\s*,\s*(?:aged\s+)?\d{1,2}\s*,", doc_text(doc)[ent.end_char : ent.end_char + 12])
                )
            )
            or text.casefold() in DEMONYMS
            or text.casefold().rstrip("s") in DEMONYMS
        ):
            return None
        if label != "PERSON" or not _looks_like_person(doc, ent):
            if (
                PLACE_DESIGNATOR_AFTER.match(doc_text(doc)[ent.end_char : ent.end_char + 20])
                and agency_kind_for(text) == "other"
                and not LAW_WORDS.search(text)
            ):
                return "place", place_name(text), None, None  # "Kien Svay district", "Padang Besar border"
        if (
            label in AGENCY_LABELS
            and LAW_WORDS.search(text)
            and agency_kind_for(text) not in {"court", "ministry", "police"}
        ):
            return None
        person_cue = _looks_like_person(doc, ent)
        if label in PERSON_LABELS or (person_cue and agency_kind_for(as_person) == "other"):
            if AGENCY_CUE_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 40) : ent.start_char]) and not person_cue:
                return "agency", agency_name(text), None, None
            if label in PERSON_LABELS and agency_kind_for(as_person) in {
                "court",
                "ministry",
                "police",
                "government",
                "international",
            }:
                return "agency", agency_name(text), None, None
            if LEGAL_FORM.search(text):
                return "agency", agency_name(text), None, None  # "Mega Perabot Sdn Bhd, a 52-year-old ...": a firm
            if not person_cue and (
                ORG_APPOSITION.match(doc_text(doc)[ent.end_char : ent.end_char + 80])
                or (len(ent) > 1 and text.split()[-1].casefold() in FIRM_TAILS)
            ):
                name = agency_name(text)  # "Kosmos, a group co-founded by ...", "Peter Koros Design"
                return ("agency", name, None, None) if name and _plausible_agency(name) else None
            if not person_cue and _product_line(doc, ent, as_person):
                return None  # "Chromecast Ultra", "the Nintendo Switch Lite": a product line, no person
            if re.search(r"[\u00ae\u2122]\s*$", doc_text(doc)[max(0, ent.start_char - 3) : ent.start_char]) or re.match(
                r"[\u00ae\u2122]", doc_text(doc)[ent.end_char : ent.end_char + 1]
            ):
                return None  # "Don Vito\u00ae Orange Blossom Honey", "Zephyr\u2122": a registered brand, no person
            if not person_cue and (
                THING_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 20) : ent.start_char])
                or WORKS_LISTED_BEFORE.search(
                    doc_text(doc)[max(ent.sent.start_char, ent.start_char - 120) : ent.start_char]
                )
            ):
                return None  # "the game Tomb Raider", "franchises such as Tomb Raider, ...": a title
            if not person_cue and (_quoted_title(doc, ent) or _used_as_software(doc, ent)):
                return None  # "classics including “Silver Lantern”", "download Shadow Quest": a work
            as_person = _name_before_lower_case_words(as_person)
            if not as_person or not _plausible_person(as_person, ent):
                if label in PERSON_LABELS and _acronym_taken_for_a_person(ent):
                    return "agency", text, None, None  # "[Photo = JTBC, ...]": a broadcaster's initials
                return None
            return "person", as_person, left_title or title, None
        if (
            label in AGENCY_LABELS | PLACE_LABELS
            and _made_of_names(as_person)
            and agency_kind_for(as_person) == "other"
            and not INSTITUTION_HEAD.search(text)  # "Lao Youth Union": not "Youth Union", a person
            and not PLACE_DESIGNATOR_AFTER.match(doc_text(doc)[ent.end_char : ent.end_char + 20])
        ):
            return "person", as_person, left_title or title, None  # "Touch Sokhom", "Rahmat Hidayat"
        if (
            label in AGENCY_LABELS
            and len(ent) > 1
            and any(t.is_alpha for t in ent[1:])  # "Dutta Corp.": no word after the name's first
            and all(t.is_lower for t in ent[1:] if t.is_alpha)
        ):
            return None  # "Thai police", "Appeals court": a description, not a name
        if label in AGENCY_LABELS and GEOGRAPHIC_HEAD.search(text):
            return "place", place_name(text), None, None  # "Mekong Delta"
        if label in AGENCY_LABELS and HONORIFIC_START.match(text) and _plausible_person(as_person, ent):
            return "person", as_person, left_title or title, None  # "U Tin Win", "Daw Khin Mya" tagged ORG
        if (
            label in AGENCY_LABELS
            and agency_kind_for(text) == "other"
            and not INSTITUTION_HEAD.search(text)  # "its Anti-Trafficking Unit" is a body
            and not COMPANY_RUN.fullmatch(text)
            and _names_a_work_or_thing(doc, ent)
        ):
            return None  # "my Complete and Total Endorsement", "A Song of Ice", "the planet Mercury"
        if label in AGENCY_LABELS and _a_makers_model_or_a_report(doc, ent, text):
            return None  # "ecobee's latest SmartThermostat", "the TexAuto Facts report from InfoNation"
        if label in AGENCY_LABELS and _names_a_specification(doc, ent, text):
            return None  # "a new Plasma Blue", "Xbox One X", "32GB of RAM": a finish, a console, a part
        if label in AGENCY_LABELS and _capitalised_imperative(doc, ent):
            return None  # "SPEND a day in the country ...", "ATTEND the clinic": a listing's call
        if label in AGENCY_LABELS:
            name = agency_name(text)
            if (
                ", " in name
                and " and " not in name
                and not re.search(r",\s*(?:Ltd|Inc|LLC|Co|Bhd)\b", name)
                and not name.startswith("University of ")  # "University of California, San Francisco"
            ):
                return None  # "CBS All Access, Disney has ...": two names the model ran together
            if name and len(name.split()) > 1 and name.split()[-1] in PRODUCT_TAIL and agency_kind_for(name) == "other":
                _note_product(doc, name.rsplit(" ", 1)[0])  # "Chromecast Ultra", "MacBook Pro": the line's name
            if not name or not _plausible_agency(name):
                return None
            if all(is_title_word(w) for w in name.split()) and agency_kind_for(name) == "other":
                return None  # "a Datuk title", "Tan Sri": an honorific, not an agency
            if (
                ent.end < len(doc)
                and doc[ent.end].is_lower
                and doc[ent.end].lemma_ in PRODUCT_NOUNS
                and agency_kind_for(name) == "other"
            ):
                _note_product(doc, name)
                return None  # "MacBook Air models", "DualShock controllers", "IPS panel": a product
            if (
                len(name.split()) > 1
                and name.split()[-1].casefold().rstrip("s") in DEVICE_HEADS
                and agency_kind_for(name) == "other"
                and not any(w.casefold() in ORG_WORDS for w in name.split())
            ):
                _note_product(doc, name)
                return None  # "Intelligent Around View Monitor", "Night Mode", "Liquid Retina Display": a feature
            following = ent.end + (ent.end < len(doc) and doc[ent.end].text in {"'", "'s", "\u2019", "\u2019s"})
            if following < len(doc) and doc[following].text[:1].isupper() and doc[following].lower_ in NOT_AGENCY_HEADS:
                return None  # "Domestic Workers Protection" + "Bill", "Seafarers" + "' Day": a law, a plan, an event
            if (
                len(ent) > 1
                and ent.end < len(doc)
                and doc[ent.end].is_title
                and is_title_word(doc[ent.end].text)
                and agency_kind_for(name) == "other"
                and not INSTITUTION_HEAD.search(name)
                and not COMPANY_RUN.fullmatch(name)
                and not any(w.casefold() in ORG_WORDS for w in name.split())
            ):
                return None  # "Labour Permanent" + "Secretary Pairoj": the first words of a post
            if (
                len(name.split()) == 1
                and not re.fullmatch(r"[A-Z][A-Z0-9&.-]+", name)
                and agency_kind_for(name) == "other"
                and not _proper_single_word(doc, ent)
                and ent.start not in doc.user_data.get("_sources", ())
            ):
                return None  # "Judicial", "Maid", "Families": one plain word the gazetteer does not know
            if len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].like_num and agency_kind_for(name) == "other":
                return None  # "30-600 MW", "256 GB": a unit after a number
            if (
                label in AGENCY_LABELS
                and 2 <= len(ent) <= 3
                and ent.start > 0
                and doc[ent.start - 1].is_lower
                and (is_title_word(doc[ent.start - 1].text) or doc[ent.start - 1].lower_ in ROLE_NOUNS)
                and all(t.is_title and t.is_alpha for t in ent)
                and agency_kind_for(name) == "other"
                and not COMPANY_RUN.fullmatch(name)
                and not any(w.casefold() in ORG_WORDS for w in name.split())
                and _plausible_person(as_person, ent)
            ):
                return "person", as_person, left_title or title, None  # "executive chair Marcelo Claure"
            if (
                label in AGENCY_LABELS
                and _starts_with_given_name(name)
                and ent.start not in doc.user_data.get("_sources", ())  # "Hong Kong (Mercer Business)": the outlet
                and agency_kind_for(name) == "other"
                and not COMPANY_RUN.fullmatch(name)
                and not INSTITUTION_HEAD.search(name)
            ):
                if _plausible_person(as_person, ent):
                    return "person", as_person, left_title or title, None  # "Freddie Spencer" tagged ORG
            if _surname_speaking(ent) and _plausible_person(as_person, ent):
                return "person", as_person, left_title or title, None  # "..., Cooke said": a quoted person
            if _agency_of_common_words(doc, name):
                return None  # "Black Death", "Child Labor": common words the article also writes in lower case
            return "agency", name, None, None
        if label in PLACE_LABELS and (
            (
                AGENCY_CUE_BEFORE.search(before)
                and not re.search(r"\b(?:in|at|of|from|to|near)\s+(?:the\s+)?\w+\s*$", before)
            )
            or (
                ent.start not in doc.user_data.get("_sure_places", ())
                and ORG_APPOSITION.match(doc_text(doc)[ent.end_char : ent.end_char + 80])
            )
        ):
            name = agency_name(text)  # "carrier SunExpress", "newspaper chains Gannett"; not "agency in Batam"
            return ("agency", name, None, None) if name and _plausible_agency(name) else None
        if label in PLACE_LABELS:
            name = place_name(text)
            if not name or not name[0].isupper() or (len(ent) == 1 and ent.root.tag_ not in {"NNP", "NNPS"}):
                return None
            if re.search(r"\s[A-Z]\.?$", name):
                return None  # "Path C", "Plan B": a lettered option, not a place
            if len(ent) == 1 and not _where_places_stand(doc, ent):
                return None  # "Siri", "Mustang", "Diwali": one unknown word the model guessed a place

            return "place", name, None, None
        return None

    # -- merging and within-article resolution -----------------------------
    def _merge(self, doc: Doc, candidates, acronyms: dict[str, str]) -> list[Entity]:
        entities: dict[tuple[str, str], Entity] = {}
        known_persons = KnownPersons()
        for ent, kind, name, title, entry in candidates:
            if name in acronyms and (kind == "agency" or (entry is None and " " not in name)):
                kind, name, title = "agency", acronyms[name], None  # "Satco said": the short form given in brackets
            entity = None
            if kind != "person" and entry is None and len(name.split()) <= 3:
                known = known_persons.find(name)
                if known is not None and (len(name.split()) == 1 or lookup_key(known.name) == lookup_key(name)):
                    kind, title = "person", None  # "Ocampo's lawyer" tagged ORG after "Maria Ocampo"
            if kind == "person" and len(name.split()) == 1:
                family = _shared_family_name(doc, ent)
                if family:
                    name = f"{name} {family}"
            if kind == "person":
                entity = known_persons.find(name)
                if entity is not None and len(name.split()) > len(entity.name.split()):
                    entities.pop(("person", lookup_key(entity.name)), None)
                    entity.name = name  # a fuller form of a name seen before
                    known_persons.renamed(entity)
                    entities[("person", lookup_key(name))] = entity
            key = (kind, lookup_key(entity.name if entity else name))
            entity = entity or entities.get(key)
            if entity is None:
                entity = Entity(kind=kind, name=name, canonical=entry.name if entry is not None else None)
                if entry is not None:
                    if kind == "agency":
                        entity.agency_kind = entry.kind
                    else:
                        entity.place_kind = entry.kind
                    entity.country = entry.country
                    entity.lat, entity.lon = entry.lat, entry.lon
                elif kind == "agency":
                    entity.agency_kind = agency_kind_for(name)
                entities[key] = entity
                if kind == "person":
                    known_persons.add(entity)
            if kind == "person":
                if title and not entity.title:
                    entity.title = title
                age = _age_after(doc, ent)
                if age is not None and entity.age is None:
                    entity.age = age
            sent = ent.sent
            entity.mentions.append(
                Mention(ent.start_char, ent.end_char, ent.text, sent.start_char, sent.end_char, ent.start, ent.end)
            )
        for key, entity in list(entities.items()):
            if (
                entity.kind == "person"
                and len(entity.name.split()) == 1
                and not _single_word_person_is_named(doc, entity)
            ):
                del entities[key]
        for entity in entities.values():
            if entity.kind == "person" and entity.role is None:
                entity.role = role_for_title(entity.title)
            if entity.kind != "person":
                entity.name = _name_as_written(entity)
        return sorted(entities.values(), key=lambda e: e.first_start)


KIN_GROUP_WORDS = {"spouses", "couple", "siblings", "brothers", "sisters", "twins"}


def _kin_group_persons(doc: Doc) -> list[Span]:
    """ "convicted spouses Jonel and Merlyn Orbeta": after a noun grouping kin, a given name,
    "and", and a two-word name are two persons, whatever the model tagged there (it often
    tags none, or one span across all three words)."""
    ents = current_ents(doc)
    extra = []
    for token in doc:
        i = token.i
        if token.lower_ not in KIN_GROUP_WORDS or i + 5 > len(doc):
            continue
        words = doc[i + 1 : i + 5]
        if words[1].lower_ != "and":
            continue
        names = [words[0], words[2], words[3]]
        if not all(w.is_title and w.is_alpha and not w.is_stop for w in names):
            continue
        after = doc[i + 5] if i + 5 < len(doc) else None
        if after is not None and after.is_title and after.is_alpha:
            continue
        if any(e.label_ not in {"PERSON", "ORG", "GPE", "NORP"} and e.start <= i + 4 and i + 1 < e.end for e in ents):
            continue
        extra += [Span(doc, i + 1, i + 2, label="PERSON"), Span(doc, i + 3, i + 5, label="PERSON")]
    return _preferring(extra, ents)


def _shared_family_name(doc: Doc, ent: Span) -> str | None:
    """SHARED FAMILY NAME: "spouses Rodel and Analyn Macaraeg", "the brothers Ali and Omar
    Hassan": a given name alone, joined by "and" to a two-word name, after a noun grouping
    kin, shares that name's last word. Without the kin noun a lone name stays alone
    ("crew members Joko and Asep Sunandar")."""
    before = doc[ent.start - 1].lower_ if ent.start else ""
    if before not in KIN_GROUP_WORDS and ent[0].lower_ not in KIN_GROUP_WORDS:
        return None
    i = ent.end
    if i + 2 >= len(doc) or doc[i].lower_ != "and":
        return None
    given, family = doc[i + 1], doc[i + 2]
    after = doc[i + 3] if i + 3 < len(doc) else None
    if not (given.is_title and family.is_title and given.is_alpha and family.is_alpha):
        return None
    if after is not None and after.is_title and after.is_alpha:
        return None  # "... and Analyn Cruz Macaraeg": whose last word is whose is less sure
    return family.text


class KnownPersons:
    """The persons seen so far in an article, indexed by the words of their names, so that
    joining each new mention to one stays near-linear in the number of names.

    `find`: the person whose name contains every word of `name`, or else the one whose
    name is all in `name`. "Savoeun" after "Seng Savoeun" joins it; "Marites Dela Cruz
    Ocampo" after "Dela Cruz Ocampo" upgrades it. The most recent match wins.
    """

    def __init__(self):
        self._order: dict[int, int] = {}
        self._words: dict[int, frozenset[str]] = {}
        self._by_word: dict[str, list[Entity]] = {}

    def add(self, entity: Entity) -> None:
        self._order[id(entity)] = len(self._order)
        self._index(entity)

    def renamed(self, entity: Entity) -> None:
        """`entity.name` changed: index it under its new words."""
        for word in self._words.pop(id(entity), ()):
            self._by_word[word] = [e for e in self._by_word[word] if e is not entity]
        self._index(entity)

    def _index(self, entity: Entity) -> None:
        words = frozenset(lookup_key(entity.name).split())
        self._words[id(entity)] = words
        for word in words:
            self._by_word.setdefault(word, []).append(entity)

    def find(self, name: str) -> Entity | None:
        words = frozenset(lookup_key(name).split())
        if not words:
            return None
        holders = min((self._by_word.get(w, []) for w in words), key=len)
        best = self._latest(
            e
            for e in holders
            if self._words[id(e)] == words or (len(self._words[id(e)]) > len(words) and words <= self._words[id(e)])
        )
        if best is None:
            sharing = {id(e): e for w in words for e in self._by_word.get(w, [])}.values()
            best = self._latest(
                e for e in sharing if len(self._words[id(e)]) < len(words) and self._words[id(e)] <= words
            )
        return best

    def _latest(self, entities) -> Entity | None:
        return max(entities, key=lambda e: self._order[id(e)], default=None)


def _name_run(doc: Doc, start: int, step: int) -> tuple[int, int] | None:
    """A run of 1-4 capitalised proper-noun tokens starting at `start` going `step` (+1/-1)."""
    i, run = start, []
    while 0 <= i < len(doc) and len(run) < 4:
        token = doc[i]
        if token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper() and token.is_alpha and not token.ent_kb_id_:
            run.append(i)
            i += step
        else:
            break
    if not run:
        return None
    return (min(run), max(run) + 1)


ORG_OF_PLACE_HEADS = {"court", "tribunal"}
ORG_IN_PLACE_HEADS = {"embassy", "consulate", "general", "mission", "office"}
BRANCH_AFTER = re.compile(r"^,?\s+Branch\s+\d+\b|^\s+of\s+(?:Justice|Appeals?|First\s+Instance|Cassation)\b")
DESIGNATOR_AFTER = re.compile(r"^\s+(?:Province|province|City|State|District)\b")


def _institutions_as_organisations(ents: list[Span]) -> list[Span]:
    """ "the Cambodian Embassy" (FAC), "West Midlands Police" (LOC): institutions are organisations."""
    return [
        Span(e.doc, e.start, e.end, label="ORG")
        if (
            e.label_ in {"FAC", "LOC", "GPE"}
            and not e.kb_id_
            and agency_kind_for(e.text) in {"court", "police", "ministry", "government"}
        )
        or (e.label_ in {"LAW", "EVENT", "PRODUCT", "WORK_OF_ART"} and re.fullmatch(_INSTITUTION_HEADS, e[-1].text))
        else e
        for e in ents
    ]


def _join_court_of_place(doc: Doc, ents: list[Span]) -> list[Span]:
    """Organisation names that run on past the model's span: "People's Court" + "of An Giang
    Province", "Cambodian Embassy" + "in Beijing", "Regional Trial Court" + "Branch 153"."""
    text = doc_text(doc)
    result, skip = [], set()
    for i, ent in enumerate(ents):
        if i in skip:
            continue
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        head = ent[-1].lower_
        if (
            ent.label_ == "ORG"
            and head == "of"
            and nxt is not None
            and nxt.start == ent.end
            and nxt.label_ in {"GPE", "LOC"}
        ):
            result.append(Span(doc, ent.start, nxt.end, label="ORG"))  # "the Embassy of" + "Nepal"
            skip.add(i + 1)
            continue
        town = (
            nxt is not None
            and nxt.label_ == "PERSON"
            and len(nxt) == 1
            and head in ORG_OF_PLACE_HEADS
            and nxt.end < len(doc)
            and doc[nxt.end].text in {",", "."}
        )  # "High Court of Kendari,"
        joins = (
            ent.label_ == "ORG"
            and nxt is not None
            and (nxt.label_ in {"GPE", "LOC"} or town)
            and nxt.start == ent.end + 1
            and (
                (head in ORG_OF_PLACE_HEADS and doc[ent.end].lower_ == "of")
                or (
                    (head in ORG_IN_PLACE_HEADS or ent[0].lower_ in MISSION_HEADS and " of " in ent.text)
                    and doc[ent.end].lower_ == "in"
                )  # "Embassy of Australia" + "in Phnom Penh"
            )
        )
        if joins:
            end = nxt.end
            if doc[ent.end].lower_ == "in":  # "Embassy in Bangkok" also names Bangkok
                doc.user_data.setdefault("_embedded_places", []).append((nxt.start, nxt.end, nxt.kb_id_))
            designator = DESIGNATOR_AFTER.match(text[doc[end - 1].idx + len(doc[end - 1]) :])
            if designator and head in ORG_OF_PLACE_HEADS and end < len(doc):
                end += 1
            result.append(Span(doc, ent.start, end, label="ORG"))
            skip.add(i + 1)
            continue
        if ent.label_ == "ORG" and head in ORG_OF_PLACE_HEADS:
            after = text[ent.end_char : ent.end_char + 80]
            tail = BRANCH_AFTER.match(after) or COURT_DISTRICT_OF.match(after)
            if tail:
                widened = doc.char_span(ent.start_char, ent.end_char + tail.end(), alignment_mode="expand")
                if widened is not None:
                    result.append(Span(doc, widened.start, widened.end, label="ORG"))
                    skip.update(k for k in range(i + 1, len(ents)) if ents[k].start < widened.end)
                    continue
        result.append(ent)
    return _merge_adjacent_organisations(doc, result)


ORG_QUALIFIERS = {
    "crown",
    "high",
    "district",
    "sessions",
    "provincial",
    "municipal",
    "magistrates",
    "county",
    "circuit",
    "regional",
    "police",
    "people",
    "people's",
    "city",
    "state",
    "immigration",
    "border",
    "labour",
    "labor",
    "court",
    "metropolitan",
}
ORG_CONTINUES = {"ministry", "department", "council", "committee", "office", "commission", "bureau", "agency"}


# The name runs searched for after the model's organisations, and whether each may run
# over a known agency's words.
NAME_RUNS = (
    (COMPANY_RUN, False),
    (BANK_RUN, False),
    (POLICE_RUN, False),
    (INSTITUTION_RUN, False),
    (HEAD_FIRST_RUN, False),
    (MISSION_OF, False),
    (MISSION_AFTER, False),
    (COURT_RUN, True),  # a court's name may contain a known agency's words
    (HYPHENATED_ACRONYM, True),  # "PNP-WCPC": a unit of the PNP
)
# Words one of which every match of a name run contains (the patterns are case-sensitive):
# a text with none of them is not searched at all. Keep them in step with the patterns:
# tests/test_entity_patterns.py checks every match over the tune texts and named examples.
NAME_RUN_WORDS = {
    BANK_RUN: ("Bank", "Airline", "Airways", "Exchange"),
    POLICE_RUN: ("Police", "Constabulary", "Gendarmerie"),
    MISSION_OF: ("Embassy", "Consulate", "Commission"),
    MISSION_AFTER: ("Embassy", "Consulate", "Commission"),
    COURT_RUN: ("Court",),
    HYPHENATED_ACRONYM: ("-",),
}
# pattern.search(text, position) by (pattern, position, text): the two organisation passes
# (_organisations, _organisations_again) search the same text from mostly the same
# positions, and a search's result depends on nothing else. The resolver empties it after
# each doc; the bound only matters for callers outside it.
_SEARCHES: dict = {}
_SEARCHES_KEPT = 50_000


def _search(pattern: re.Pattern, text: str, position: int) -> re.Match | None:
    key = (pattern, position, text)
    if key in _SEARCHES:
        return _SEARCHES[key]
    if len(_SEARCHES) >= _SEARCHES_KEPT:
        _SEARCHES.clear()
    found = _SEARCHES[key] = pattern.search(text, position)
    return found


# The divisions a broadcaster or publisher names after its own name: "CBS Sports", "ABC News";
# not "Apple TV" or "Amazon Music", a firm's products.
MEDIA_DIVISIONS = {"Sports", "News", "Radio", "Television", "Entertainment", "Films"}


def _media_division_after(doc: Doc, span: Span) -> bool:
    """An organisation followed on the same line by a media division's word the model left
    out: the division is the name ("CBS Sports NFL Insider ...": CBS Sports, not CBS)."""
    if span.label_ != "ORG" or span.end >= len(doc) or doc[span.end].text not in MEDIA_DIVISIONS:
        return False
    after = doc[span.end]
    return (
        span[-1].whitespace_ == " "
        and after.ent_type_ not in {"PERSON", "GPE", "LOC"}
        and not (span.end + 1 < len(doc) and doc[span.end + 1].lower_ in {"of", "for", "on"})
        and after.text not in span.text.split()
    )


def _players_in_scored_results(doc: Doc) -> list[Span]:
    """ "after Vasek Pospisil edged Reilly Opelka 7-6 (5)": one side of a scored result a
    person, the other side, which the model took for an organisation, is a player too."""
    ents = list(doc.ents)
    by_start = {e.start: e for e in ents}
    extra = []
    for match in SCORED_MATCH.finditer(doc_text(doc)):
        spans = [doc.char_span(match.start(g), match.end(g), alignment_mode="contract") for g in (1, 2)]
        if any(span is None for span in spans):
            continue
        for side, other in (spans, spans[::-1]):
            ent = by_start.get(side.start)
            if (
                ent is not None
                and ent.end == side.end
                and ent.label_ == "ORG"
                and not ent.kb_id_
                and len(ent) > 1
                and all(t.is_title and t.is_alpha for t in ent)
                and any(t.ent_type_ == "PERSON" for t in other)
            ):
                extra.append(Span(doc, ent.start, ent.end, label="PERSON"))
    return _preferring(extra, ents)


# A league's division after the league's name: "the Mid-American Conference West Division"
# names the conference, and a division of it, no organisation of its own.
LEAGUES = {"Conference", "League"}
COMPASS_POINTS = {"East", "West", "North", "South", "Central", "Eastern", "Western", "Northern", "Southern"}


def _without_league_division(ent: Span) -> Span:
    if len(ent) > 3 and ent.label_ == "ORG" and ent[-1].text == "Division" and ent[-2].text in COMPASS_POINTS:
        if ent[-3].text in LEAGUES:
            return Span(ent.doc, ent.start, ent.end - 2, label="ORG")
    return ent


@functools.lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    return frozenset(e.name for e in load_gazetteer().entries if e.kind == "state" and e.country == "US")


def _state_university_campuses(doc: Doc) -> list[Span]:
    """ "the University of California, San Francisco", "University of Wisconsin, Madison": a US
    state university's campus is named by its town after a comma, and the whole is the name
    (elsewhere the town after a university is its seat: "the University of Kent, Canterbury")."""
    ents = list(doc.ents)
    extra = []
    for ent, town in zip(ents, ents[1:]):
        state = re.fullmatch(r"(?:[Tt]he )?University of (.+)", ent.text)
        if (
            ent.label_ == "ORG"
            and state
            and state.group(1) in _us_states()
            and town.label_ == "GPE"
            and town.start == ent.end + 1
            and doc[ent.end].text == ","
            and not (town.end < len(doc) and doc[town.end].text[:1].isupper())
        ):
            extra.append(Span(doc, ent.start + (ent[0].lower_ == "the"), town.end, label="ORG"))
    return _preferring(extra, ents)


def _national_arm(doc: Doc, company: Span, country: Span) -> bool:
    """ "Considering how Lexus Philippines offers ...", "Samsung Vietnam's plant": a company's
    name and a country right after it, the two the subject of a verb or an owner, name the
    company's arm in that country."""
    if company.label_ != "ORG" or country.label_ != "GPE" or country.start != company.end or not country.kb_id_:
        return False
    entry = load_gazetteer().lookup(country.kb_id_)
    after = doc[country.end] if country.end < len(doc) else None
    return (
        entry is not None
        and entry.kind == "country"
        and after is not None
        and (after.pos_ in {"VERB", "AUX"} or after.text in {"'s", "\u2019s"})
        and company[-1].whitespace_ == " "
        and len(company) <= 2
        and all(t.is_alpha and t.text[:1].isupper() for t in company)  # not "Tier 2 Watch List -" + "Cambodia does"
        and company[-1].dep_ == "compound"
        and company[-1].head.i in range(country.start, country.end)
        and not (
            company.start > 0 and doc[company.start - 1].pos_ in {"VERB", "AUX"}
        )  # "told Reuters" + "Cambodia had"
    )


def _merge_adjacent_organisations(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Cardiff" + "Crown Court" is "Cardiff Crown Court"; "Global New Light" + "of Myanmar";
    "Ministry of Maritime Affairs" + "and Fisheries"; company names the model missed."""
    text = doc_text(doc)
    result: list[Span] = []
    # "the" is no part of a name; left on, it makes the model's span win over a longer run found below
    ents = [
        Span(doc, e.start + 1, e.end, label=e.label_)
        if e.label_ == "ORG" and not e.kb_id_ and len(e) > 2 and e[0].lower_ == "the"
        else e
        for e in ents
    ]
    ents = [trimmed for e in ents if (trimmed := _without_lower_case_or_date_edges(doc, e)) is not None]
    ents = [
        piece for e in ents for piece in _split_at_owner(doc, _cut_after_legal_form(doc, _without_league_division(e)))
    ]
    for ent in ents:
        prev = result[-1] if result else None
        if (
            prev is not None
            and prev.end == ent.start
            and prev.label_ in {"GPE", "LOC"}
            and ent.label_ == "ORG"
            and ent[0].lower_ in ORG_QUALIFIERS
            and not ent.kb_id_
        ):
            result[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if prev is not None and _national_arm(doc, prev, ent):
            result[-1] = Span(doc, prev.start, ent.end, label="ORG")  # "Lexus" + "Philippines" offers ...
            continue
        if (
            prev is not None
            and prev.label_ == "ORG"
            and ent.label_ in {"GPE", "LOC"}
            and not prev.kb_id_
            and ent.start == prev.end + 1
            and doc[prev.end].lower_ == "of"
            and prev[0].lower_ not in ORG_CONTINUES
            and prev[-1].lower_ not in {"court", "police"}
        ):
            result[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        result.append(ent)
    for k, span in enumerate(result):
        if (
            span.label_ == "ORG"
            and span.kb_id_
            and span.end < len(doc)
            and doc[span.end].is_title
            and INSTITUTION_HEAD.fullmatch(doc[span.end].text)
            and doc[span.end].ent_type_ != "ORG"
            and not (span.end + 1 < len(doc) and doc[span.end + 1].lower_ in {"of", "for", "on"})
        ):
            result[k] = Span(doc, span.start, span.end + 1, label="ORG")  # "Save the Children" + "Foundation"
        elif _media_division_after(doc, span):
            result[k] = Span(doc, span.start, span.end + 1, label="ORG")  # "CBS" + "Sports", "Al Jazeera" + "English"
    result = _join_known_agency_pieces(doc, result)
    taken = {i for e in result for i in range(e.start, e.end)}
    extra = []
    for span in list(result):
        first = span[1] if span[0].lower_ == "the" and len(span) > 1 else span[0]
        if span.label_ == "ORG" and first.lower_ in ORG_CONTINUES:
            match = re.match(
                r"^(?:,\s+(?:[A-Z][\w'-]+\s?){1,3}){0,3},?\s+and\s+((?:[A-Z][\w'-]+\s?){1,3})",
                text[span.end_char : span.end_char + 80],
            )
            if match:
                widened = doc.char_span(span.start_char, span.end_char + match.end(1), alignment_mode="contract")
                if widened is not None and not any(
                    i in taken
                    and (
                        doc[i].ent_kb_id_
                        or doc[i].ent_type_ not in {"ORG", "PERSON", "NORP"}
                        or is_name_part(doc[i].text)
                    )
                    for i in range(span.end, widened.end)
                ):
                    extra.append(Span(doc, widened.start, widened.end, label="ORG"))
    for pattern, over_agencies in NAME_RUNS:
        if pattern in NAME_RUN_WORDS and not any(word in text for word in NAME_RUN_WORDS[pattern]):
            continue  # no match can be in this text
        position = 0
        while (match := _search(pattern, text, position)) is not None:
            span = _name_run_span(doc, match, taken, over_agencies)
            if (
                span is not None
                and pattern is HEAD_FIRST_RUN
                and span.start > 0
                and (doc[span.start - 1].is_title or doc[span.start - 1].ent_type_ == "ORG")
            ):  # "Department of Labor Office of Inspector General": a piece of a longer name, the whole if tagged
                owner = next((e for e in result if e.label_ == "ORG" and e.end == span.start), None)
                span = Span(doc, owner.start, span.end, label="ORG") if owner is not None else None
            if span is not None and pattern is POLICE_RUN and (span[0].is_stop or span[0].lower_ in NOT_NAME_PARTS):
                span = None  # "Meanwhile Police said": a sentence's first word
            if span is not None:
                extra.append(span)
                position = max(match.end() if span.end_char >= match.end() else span.end_char, match.start() + 1)
            else:  # rejected ("Costa of the U.S. Attorney's Office"): try from the next word on
                position = text.find(" ", match.start() + 1) + 1 or len(text)
    if not extra:
        return result
    # a run read over a possessive ("... Regional Police's Directorate of ...") is owner and unit
    trimmed = [t for span in extra if (t := _without_lower_case_or_date_edges(doc, span)) is not None]
    extra = [piece for span in trimmed for piece in _split_at_owner(doc, _without_league_division(span))]
    return filter_spans(result + extra)


WEEKDAYS_AND_MONTHS = {w.lower() for w in WEEKDAY_NAMES | MONTHS}


BURMESE_HONORIFICS = {"U", "Daw", "Ko", "Ma", "Maung", "Mg", "Naw", "Nang", "Sai", "Saw"}


def _after_burmese_honorific(doc: Doc, ent: Span) -> bool:
    return (ent.start > 0 and doc[ent.start - 1].text in BURMESE_HONORIFICS) or (
        len(ent) > 2 and ent[0].text in BURMESE_HONORIFICS
    )


def _burmese_name_from_title(title: str, name: str) -> tuple[str | None, str]:
    """ "U Tun Lwin": after a Burmese honorific, "Tun" opens the name; it is Malaysia's title
    only in a Malay name."""
    words = title.split()
    kept = words[:1] if words[0] in BURMESE_HONORIFICS else []
    moved = words[len(kept) :]
    if moved and all(is_name_part(w, strict=False) for w in moved):
        return " ".join(kept) or None, " ".join([*moved, name])
    return title, name


def _without_lower_case_or_date_edges(doc: Doc, ent: Span) -> Span | None:
    """The model's organisation span without what is no part of a name: all lower case
    ("the provincial" before "Department of Labour ...", which would join it and lose the
    name) is none; a date run into its end ("... Department on Wednesday") is cut off."""
    if ent.label_ != "ORG" or ent.kb_id_:
        return ent
    if all(t.is_lower or t.is_punct for t in ent):
        return None
    lead = ent.start
    while lead < ent.end - 1 and doc[lead].is_lower and doc[lead].lower_ not in {"the", "a", "an", "de", "van", "von"}:
        lead += 1  # "provincial Department of Women's Affairs": the post's level, no part of the name
    if lead > ent.start and doc[lead].text[:1].isupper():
        ent = Span(doc, lead, ent.end, label="ORG")
    for k in range(ent.start + 1, ent.end - 1):
        if doc[k].lower_ in {"on", "in", "since", "last", "this"} and doc[k + 1].lower_ in WEEKDAYS_AND_MONTHS:
            return Span(doc, ent.start, k, label="ORG")
    return ent


def _ends_in_stray_capitals(ent: Span) -> bool:
    """A person span the model ran into a following all-capitals word, an abbreviation of a
    field, price or unit ("John Milbank RRP", "Ana Cruz PDF"): the name is the words before
    it, when they start with a known given name (an organisation's acronym can follow its
    name). Roman numerals ("Henry Ford II") stay."""
    if ent.label_ not in PERSON_LABELS or len(ent) < 3:
        return False
    last = ent[-1]
    return (
        last.is_alpha
        and last.is_upper
        and len(last) >= 2
        and last.text not in {"II", "III", "IV", "VI", "VII", "VIII"}
        and _starts_with_given_name(ent[:-1].text)
    )


def _person_owner_end(ent: Span) -> int | None:
    """Where the owner ends in a person span the model ran over a possessive into what the
    person owns or founded ("Elon Musk's SpaceX", "Jeff Bezos’s Blue Origin"): the owner is
    a full name of two words or more, the rest a capitalised name; None for any other span."""
    if ent.label_ not in PERSON_LABELS or len(ent) < 4:
        return None
    at = next((t.i for t in ent[2:-1] if t.text in {"'s", "\u2019s"}), None)
    if at is None or not ent.doc[at + 1].text[:1].isupper():
        return None
    owner = ent.doc[ent.start : at]
    return at if all(t.is_title and t.is_alpha for t in owner) else None


def _owned_is_the_person(doc: Doc, ent: Span, at: int) -> bool:
    """ "Wichita North's Miguel Bernal", "Leeds West's Amy Cole": a team, school or town
    owning a player, the player's name after the possessive starting with a given name, the
    owner's not."""
    owner, owned = doc[ent.start : at].text, doc[at + 1 : ent.end].text
    return _starts_with_given_name(owned) and not _starts_with_given_name(owner)


FORCE_HEADS = {"Police", "Constabulary", "Army", "Navy", "Guard", "Guards", "Command"}


LEGAL_FORM_WORDS = {"Corp.", "Inc.", "Ltd.", "LLC", "PLC", "Corp", "Inc", "Ltd"}


def _cut_after_legal_form(doc: Doc, ent: Span) -> Span:
    """ "The Dutta Corp. Fair Hill International Three-Day Event": a firm's legal form ends
    its name, what follows is what it sponsors or runs ("Co., Ltd." and "Inc." after a comma
    stay)."""
    if ent.label_ != "ORG" or ent.kb_id_ or len(ent) < 3:
        return ent
    at = next((t.i for t in ent[1:-1] if t.text in LEGAL_FORM_WORDS), None)
    if (
        at is None
        or not doc[at + 1].is_title
        or doc[at + 1].text in LEGAL_FORM_WORDS
        or doc[at + 1].text in {"Co.", "Ltd"}
    ):
        return ent
    return Span(doc, ent.start, at + 1, label="ORG")


def _split_at_owner(doc: Doc, ent: Span) -> list[Span]:
    """ "New York University's Stern School of Business", "NASA's Goddard Space Flight Center":
    an institution owning another, which the model ran into one span, is two organisations
    (an owning country stays with the name: "Vietnam's Ministry of ..." is one)."""
    if ent.label_ != "ORG" or ent.kb_id_:
        return [ent]
    at = next((t.i for t in ent[1:-1] if t.text in {"'s", "\u2019s"}), None)
    if at is None:
        return [ent]
    before, after = doc[ent.start : at], doc[at + 1 : ent.end]
    owner_is_body = (
        INSTITUTION_HEAD.fullmatch(before[-1].text)
        or (len(before) == 1 and before[0].is_alpha and before[0].text.isupper() and len(before[0]) >= 2)
        # a named force owning its unit: "the East Java Regional Police's Directorate of General Crimes"
        or (len(before) >= 2 and before[-1].text in FORCE_HEADS and all(t.is_title for t in before))
    )
    if before[-1].text in NOT_OWNERS:
        return [ent]
    if not owner_is_body or not INSTITUTION_HEAD.search(after.text):
        return _owner_or_owned(doc, before, after) or [ent]
    return [Span(doc, before.start, before.end, label="ORG"), Span(doc, after.start, after.end, label="ORG")]


def _owner_or_owned(doc: Doc, before: Span, after: Span) -> list[Span] | None:
    """A one-word maker owning a product the model ran into one span ("Apple's AirPods",
    "Zenbook's Kemet Air review") is the maker alone; a person owning a firm named by its
    designator ("Jan Brook's Harlow Holdings") is the firm alone. None: neither."""
    after_words = {w.casefold() for w in after.text.split()}
    firm = bool(after_words & ORG_WORDS or LEGAL_FORM.search(after.text) or after[-1].lower_ in {"holdings", "inc"})
    if firm:
        if all(t.is_title and t.is_alpha for t in before) and not INSTITUTION_HEAD.search(before.text):
            return [Span(doc, after.start, after.end, label="ORG")]
        return None
    owner = before[0]
    if len(before) != 1 or not owner.text[:1].isupper() or owner.is_stop or is_title_word(owner.text):
        return None
    if is_name_part(owner.text) or GEOGRAPHIC_HEAD.search(after.text):
        return None  # "Martha's Vineyard", "Dawson's Creek": a person's name in a place's or a work's
    return [Span(doc, before.start, before.end, label="ORG")]


def _join_known_agency_pieces(doc: Doc, ents: list[Span]) -> list[Span]:
    """A known agency is part of a longer name the model cut in pieces: a country office
    after it ("World Vision" + "Cambodia", "Terre des Hommes" + "Netherlands"; not "told
    Reuters" + "Cambodia had ..."), a unit after it, or a capitalised qualifier before it
    ("the National" + "Security Council" is another council than the UN's)."""
    result: list[Span] = []
    for ent in ents:
        prev = result[-1] if result else None
        if prev is None or prev.end != ent.start or "\n" in doc[prev.end - 1].whitespace_:
            result.append(ent)
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        country_office = (
            prev.label_ == "ORG"
            and prev.kb_id_
            and ent.label_ == "GPE"
            and ent.kb_id_
            and not doc[prev.end - 1].whitespace_ == ""
            and (after is None or after.text not in {"'s", "\u2019s", "'", "\u2019"})
            and not (prev.start > 0 and doc[prev.start - 1].pos_ == "VERB")  # "told Reuters" + "Cambodia had"
        )
        qualified = (
            prev.label_ == "ORG"
            and not prev.kb_id_
            and ent.label_ == "ORG"
            and ent.kb_id_
            and doc[prev.end - 1].whitespace_ != ""
            and all(
                t.is_title and t.is_alpha and (t.lower_ == "national" or not is_title_word(t.text))
                for t in prev
                if t.lower_ != "the"
            )
            and prev[-1].lower_ != "the"
            and not prev[prev[0].lower_ == "the"].is_sent_start  # "Persons See the" + "Department of State"
        )
        unit = (  # "Philippine National Police" + "Women and Children Protection Center": its unit
            prev.label_ == "ORG"
            and (prev.kb_id_ or INSTITUTION_HEAD.fullmatch(prev[-1].text) or prev[-1].lower_ == "police")
            and ent.label_ == "ORG"
            and doc[prev.end - 1].whitespace_ != ""
            and ent[0].is_title
            and len(ent) > 1
            and (INSTITUTION_HEAD.search(ent.text) or ent[-1].lower_ in {"group", "team", "squad", "wing"})
        )
        if country_office or qualified or unit:
            start = prev.start + (prev[0].lower_ == "the")
            result[-1] = Span(doc, start, ent.end, label="ORG")
            continue
        result.append(ent)
    return result


# What may open a name run but is no part of the name: a person and "of the" before the
# organisation they belong to, an "X-based" description.
LEADING_NOT_OF_NAME = re.compile(
    r"^(?:(?:[A-Z][\w'-]+[ \t]){1,3}of[ \t]+the[ \t]+(?=[A-Z][a-z]))?(?:[A-Z][\w'.-]*-based[ \t]+(?=[A-Z]))?"
)


def _name_run_span(doc: Doc, match: re.Match, taken: set[int], over_agencies: bool) -> Span | None:
    """The organisation a name-run match stands for, or None: it may not join two
    organisations, run into a person, or (unless `over_agencies`) swallow a known agency;
    a known place inside is fine ("Thailand ... Taskforce")."""
    found = match.group(0)
    start, end = match.start(), match.end()
    joint = re.search(r" and (?:the|a) ", found)
    for later in re.finditer(r" and (?=[A-Z])", found if joint is None else ""):
        token = doc.char_span(start + later.end(), start + later.end() + 1, alignment_mode="expand")
        if token is not None and token[0].ent_kb_id_ and token[0].ent_type_ == "ORG" and token[0].ent_iob_ == "B":
            joint = later  # "Office of Inspector General and" + a known agency: two organisations
            break
    if joint:  # two organisations in a row ("the Ministry of X and the National Committee"): the first
        if not INSTITUTION_HEAD.search(found[: joint.start()]):
            return None
        found = found[: joint.start()]
        end = start + joint.start()
    opening = re.match(rf"(?:{_INSTITUTION_HEADS})[ \t]+and[ \t]+(?=[A-Z])", found)
    if opening:  # "Foundation and Thailand Association of ...": the end of one name, then the next
        start += opening.end()
        found = found[opening.end() :]
    lead = LEADING_NOT_OF_NAME.match(found)
    if lead and INSTITUTION_HEAD.search(found[lead.end() :]) and not INSTITUTION_HEAD.search(lead.group(0)):
        # "Thandar Myint of the" + "Karen Women's Organization", "Thailand-based" (not "Secretariat of the")
        start += lead.end()
        found = found[lead.end() :]
    if re.match(r"[A-Z]{2,}['\u2019]s\s", found):
        return None  # "NASA's" + a centre it owns: the name starts after the owner
    first = found.split()[0]
    if first in LEADING_FUNCTION_WORDS:  # a sentence-initial "The" or "In" is no part of the name
        start += len(first) + 1
    head = INSTITUTION_HEAD.search(found)
    owner = found.replace("\u2019", "'").find("'s ", head.end()) if head else -1
    owner_word = found[:owner].split()[-1] if owner > 0 else ""
    if owner > 0 and owner_word not in NOT_OWNERS and not is_title_word(owner_word):  # "Children's Rights"
        # "... New Jersey's Special Prosecutions Division": the name ends at the owner
        end = min(end, match.start() + owner)
    text = doc_text(doc)
    if head and re.match(r"[ \t]+(?:A|An)[ \t]+[A-Z]", text[end : end + 6]):
        tail = re.search(r"[ \t]+(?:of|for|on|to|against)[ \t]", found[head.end() : end - match.start()])
        if tail:  # "Division of the Nghe" + "An Provincial Police": the tail is another organisation
            end = match.start() + head.end() + tail.start()
    span = doc.char_span(start, end, alignment_mode="contract")
    while span is not None and len(span) > 2 and span[0].is_sent_start and span[0].pos_ != "PROPN":
        span = span[1:]  # "Officials of the Ministry of ...": a common noun opened the sentence
        while len(span) > 2 and span[0].lower_ in {"of", "the", "and", "for", "in", "on"}:
            span = span[1:]
    if span is None or len(span) < 2 or not any(t.text[:1].isupper() for t in span[-1:]):
        return None
    head_at = next((t.i for t in span if INSTITUTION_HEAD.fullmatch(t.text)), span.end)
    listed = {
        i
        for i in range(span.start, span.end)
        if i > head_at and _in_listed_words(doc, i) and any(t.text == "," for t in doc[head_at:i])
    }
    known = [i for i in range(span.start, span.end) if doc[i].ent_kb_id_ and doc[i].ent_type_ not in {"GPE", "LOC"}]
    # a known agency the name only continues ("Department of Labour" + ", Invalids and Social Affairs")
    continued = (
        bool(known)
        and known == list(range(span.start, span.start + len(known)))
        and span.start + len(known) < span.end
        and doc[span.start + len(known)].text == ","
    )
    # "PT Pusaka Benjina Resources", "Seri Jaya Gloves Sdn Bhd": a firm, though the model saw a person in it
    company = found.startswith(("PT ", "PT. ", "CV ", "CV. ")) or bool(LEGAL_FORM.search(found))
    if any(
        i in taken
        and (
            (
                doc[i].ent_type_ == "PERSON"
                and doc[i].is_alpha
                and not is_title_word(doc[i].text)
                and i not in listed
                and not company
                and (i < head_at or is_name_part(doc[i].text))  # "... of Labour and" + "Vocational Training"
                and doc[i].lower_ not in {"embassy", "consulate"}  # the model's person "Embassy" (of Indonesia)
            )
            or (doc[i].ent_kb_id_ and doc[i].ent_type_ not in {"GPE", "LOC"} and not over_agencies and not continued)
        )
        for i in range(span.start, span.end)
    ):
        return None
    return Span(doc, span.start, span.end, label="ORG")


def _in_listed_words(doc: Doc, i: int) -> bool:
    """Token i belongs to a capitalised word of a comma or "and" list ("on Women, Children,
    Family Relations and Gender Equality"): the model's person guess there is the list's."""
    j = i
    while j > 0 and doc[j - 1].is_title and doc[j - 1].is_alpha and i - j < 3:
        j -= 1
    return j > 0 and doc[j - 1].text in {",", "and"}


def _proper_noun_phrase(token) -> tuple[int, int] | None:
    """The span of a proper-noun head and its proper-noun compounds ("Pen Sokha")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    parts = [token.i] + [c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start, end = min(parts), max(parts) + 1
    if end - start != len(parts) or end - start > 5:
        return None
    return start, end


def _repair_subject_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """The untagged or mistyped subject of "was sentenced/arrested/charged" is a person."""
    extra = []
    # "Price was sentenced": a surname the tagger takes for a common noun, after "Darnell Price"
    surnames = {e[-1].text for e in ents if e.label_ in {"PERSON", "ORG"} and len(e) >= 2 and e[-1].is_title}
    person_at = {i: e for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    for token in doc:
        head = token.head
        gets_term = head.lemma_ in {"give", "hand", "receive", "serve"} and any(
            c.dep_ == "dobj" and c.lemma_ in {"sentence", "term", "year", "month"} for c in head.children
        )
        if (
            (token.dep_ == "nsubjpass" and (head.lemma_ in SUSPECT_VERBS or gets_term))
            or (token.dep_ == "nsubj" and gets_term)
            or (token.dep_ == "dobj" and head.lemma_ in {"arrest", "sentence", "detain", "charge", "jail", "convict"})
        ):
            span = _proper_noun_phrase(token)
            if span is None and token.pos_ == "NOUN" and token.text in surnames:
                span = (token.i, token.i + 1)
            if span is None or any(doc[i].ent_kb_id_ for i in range(*span)):
                continue
            if span[0] in doc.user_data.get("_sure_places", ()):
                continue  # the dateline's town the parser made the subject of the first sentence
            covering = person_at.get(span[0])
            if covering is not None and covering.start <= span[0] and span[1] <= covering.end:
                continue
            extra.append(Span(doc, span[0], span[1], label="PERSON"))
    if not extra:
        return ents
    taken = {i for span in extra for i in range(span.start, span.end)}
    kept = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
    return filter_spans(kept + extra)


LEADING_FUNCTION_WORDS = {"The", "A", "An", "In", "On", "At", "By", "For", "With", "From", "And", "But"}
MALAY_PATRONYMIC = {"bin", "binti", "bte", "bt", "b.", "a/l", "a/p", "anak"}


PATRONYMIC_NAME = re.compile(
    r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}\s+(?:bin|binti|bte|bt|a/l|a/p|anak)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}"
)


def _join_patronymics(doc: Doc) -> list[Span]:
    """ "Nur Aisyah binti Hamzah" is one name: the model often stops at "binti", calls the
    father's name an organisation, or tags nothing."""
    ents = current_ents(doc)
    extra = []
    for match in PATRONYMIC_NAME.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or any(t.ent_kb_id_ for t in span):
            continue
        while len(span) > 3 and (is_title_word(span[0].text) or span[0].is_sent_start and span[0].pos_ != "PROPN"):
            span = span[1:]  # "Datin Norliza binti Awang", "Suspect Rohani bin ..."
        extra.append(Span(doc, span.start, span.end, label="PERSON"))
    if not extra:
        return ents
    taken = {i for span in extra for i in range(span.start, span.end)}
    return filter_spans(extra + [e for e in ents if not any(i in taken for i in range(e.start, e.end))])


NICKNAMED_NAME = re.compile(  # 'Reynaldo "Dodong" Amistoso', 'Somsak "Tee" Inkaew'
    r"\b([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})[ \t]+[\"\u201c]([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+)?)[\"\u201d]"
    r"[ \t]+((?:(?:dela|de|del|delos)[ \t]+)?[A-Z][\w'-]+(?:[ \t]+(?:[A-Z][\w'-]+|dela|de|del|delos|bin|binti))*(?:,?[ \t]+(?:Jr|Sr)\.|[ \t]+(?:II|III|IV)\b)?)"
)


def _join_nicknamed_persons(doc: Doc) -> list[Span]:
    """A nickname in quotes inside a name is still one person: the model tags the family
    name alone, or the given name, or the whole as something else."""
    ents = current_ents(doc)
    extra = []
    for match in NICKNAMED_NAME.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or any(t.ent_kb_id_ for t in span):
            continue
        while len(span) > 4 and is_title_word(span[0].text):
            span = span[1:]  # "Driver Somsak \"Tee\" Inkaew"
        first = span[0].text
        if not (
            is_name_part(first) or _starts_with_given_name(span.text) or any(t.ent_type_ == "PERSON" for t in span)
        ):
            continue  # 'Operation "Dragon" Nets ...': a headline, no name
        extra.append(Span(doc, span.start, span.end, label="PERSON"))
    return _preferring(extra, ents)


def _repair_coordinated_persons(doc: Doc) -> list[Span]:
    """ "Preecha Saelim and Wichai Thongdee": the model often tags only the first as a person.

    A run of proper nouns joined to a PERSON by "and" or a comma, and not a gazetteer
    name, is taken as a person too.
    """
    ents = current_ents(doc)
    extra = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        for step, edge in ((1, ent.end), (-1, ent.start - 1)):
            i = edge
            if 0 <= i < len(doc) and doc[i].lower_ in {"and", ","}:
                i += step
                if 0 <= i < len(doc) and doc[i].lower_ == "and":
                    i += step
                run = _name_run(doc, i, step)
                if run and step == -1 and run[0] > 0 and _place_introduced(doc, run[0] - 1, run):
                    run = None  # "in Cambodia, Seng Savoeun ...", "Jones, 52, of Walsall and ...": a place
                if run and (
                    doc[run[1] - 1].lower_ in ORG_WORDS | NOT_PERSON_TAIL
                    or INSTITUTION_HEAD.fullmatch(doc[run[1] - 1].text)
                ):
                    run = None  # "of Victoria Hospital and Chris Kuo": an organisation
                if run and not any(e.label_ == "PERSON" and e.start <= run[0] and run[1] <= e.end for e in ents):
                    extra.append(Span(doc, run[0], run[1], label="PERSON"))  # not a piece of a person already found
    if not extra:
        return ents
    taken = {i for span in extra for i in range(span.start, span.end)}
    kept = [
        e
        for e in ents
        if not any(i in taken for i in range(e.start, e.end))
        or e.label_ == "PERSON"
        and not any(e.start <= s.start and s.end <= e.end for s in extra)
    ]
    return filter_spans(kept + extra)


def _place_introduced(doc: Doc, i: int, run: tuple[int, int]) -> bool:
    """Token i, before the name run, is a preposition that opens a place: "in Cambodia, Seng
    Savoeun", "Jones, 52, of Walsall and ..."; not "of" before names ("photos of Freddie
    Spencer and ...", "made up of Nam Yongwoo, Lee Gisoo"), unless a post is in the run
    ("of Representatives Speaker, Benjamin ...")."""
    token = doc[i]
    if token.pos_ != "ADP":
        return False
    if token.lower_ == "of" and not any(is_title_word(t.text) for t in doc[run[0] : run[1]]):
        return i > 0 and (doc[i - 1].text == "," or doc[i - 1].like_num)
    return True


def _widen_person_names(doc: Doc) -> list[Span]:
    """ "Dela Cruz Ocampo" tagged without "Marites": take in adjacent proper nouns, also a
    one-word place guess of the model's right before the name ("Chong" + "Kah Wai")."""
    ents = current_ents(doc)
    for k in range(1, len(ents)):
        prev, ent = ents[k - 1], ents[k]
        if (
            ent.label_ == "PERSON"
            and prev.label_ in {"GPE", "LOC"}
            and prev.end == ent.start
            and len(prev) == 1
            # a known place too, before "bin": "Mohd Rizal bin Abdul Rahman" (Rizal province)
            and (not prev.kb_id_ or ent[0].lower_ in {"bin", "binti"})
            and prev[0].pos_ == "PROPN"
        ):
            ents[k - 1] = None
            ents[k] = Span(doc, prev.start, ent.end, label="PERSON")
    ents = [e for e in ents if e is not None]
    taken = {i for e in ents for i in range(e.start, e.end)}
    result = []
    for ent in ents:
        if ent.label_ != "PERSON":
            result.append(ent)
            continue
        start, end = ent.start, ent.end
        while (
            start > 0
            and start - 1 not in taken
            and ent.start - start < 3
            and (
                _name_token(doc[start - 1])
                or _sentence_initial_name_part(doc[start - 1])
                or _short_family_name(doc[start - 1])
            )
        ):
            start -= 1
        # "Pol Sgt" tagged alone before "Maj Anucha Jaidee": title words do not count as the name
        reach = 2 + sum(1 for t in ent if is_title_word(t.text))
        while end < len(doc) and end not in taken and _name_token(doc[end]) and end - ent.end < reach:
            end += 1
        if (
            end + 1 < len(doc)
            and doc[end].text in SURNAME_PARTICLES
            and {end, end + 1}.isdisjoint(taken)
            and _name_token(doc[end + 1])
        ):
            end += 2  # "Mark Anthony dela Cruz", "Maria de Leon": a lower-case particle inside the name
        taken.update(range(start, end))  # two names widening into one gap must not share a token
        result.append(Span(doc, start, end, label="PERSON") if (start, end) != (ent.start, ent.end) else ent)
    return result


SURNAME_PARTICLES = {"dela", "delos", "de", "del", "della", "di", "da", "dos", "das", "van", "von", "bin", "binti"}

NOT_NAME_PARTS = {
    "officials",
    "villagers",
    "residents",
    "police",
    "authorities",
    "witnesses",
    "survivors",
    "victims",
    "relatives",
    "parents",
    "however",
    "meanwhile",
    "today",
    "yesterday",
    "separately",
    "also",
    "then",
    "now",
    "later",
    "earlier",
    "here",
}


def _sentence_initial_name_part(token) -> bool:
    """ "Um" in "Um Rada was charged": the parser calls it an interjection; it is a family name."""
    return (
        token.is_sent_start
        and token.is_alpha
        and token.text[:1].isupper()
        and not token.text.isupper()
        and not token.is_stop
        and 2 <= len(token) <= 10
        and token.pos_ in {"PROPN", "INTJ", "X", "NOUN"}
        and token.lower_ not in NOT_NAME_PARTS
        and not token.ent_kb_id_
    )


def _short_family_name(token) -> bool:
    """ "Im", "Un", "Ou", "Y" before a given name: Khmer family names that are also words elsewhere."""
    return (
        len(token) <= 3
        and token.is_alpha
        and token.text[:1].isupper()
        and (len(token) == 1 or token.text[1:].islower())
        and is_name_part(token.text, strict=False)
        and not token.ent_kb_id_
    )


def _name_token(token) -> bool:
    if token.text == "Ma.":  # Filipino "Maria": "Judge Ma. Elena Santos"
        return True
    return (
        (token.pos_ == "PROPN" or is_name_part(token.text))
        and token.is_alpha
        and token.text[:1].isupper()
        and not token.text.isupper()
        and not token.ent_kb_id_
    )


BALINESE_BIRTH_ORDER = {"Wayan", "Putu", "Gede", "Made", "Kadek", "Nengah", "Nyoman", "Komang", "Ketut"}
INITIAL = re.compile(r"^[A-Z]\.$")


def _name_opening(doc: Sequence[Token], i: int) -> bool:
    """A first token no run of capitalised words would take: an initial ("M. Saravanan", as
    Malaysian Indian names are written) or Balinese "I" / "Ni" before a birth-order name."""
    if i + 1 >= len(doc) or not doc[i + 1].is_alpha or not doc[i + 1].text[:1].isupper():
        return False
    if doc[i].text in {"I", "Ni"}:
        return doc[i + 1].text in BALINESE_BIRTH_ORDER
    return bool(INITIAL.match(doc[i].text)) and not doc[i + 1].text.isupper()


# A one-word name the writer says is all they know: "a man identified only as Sutrisno",
# "a broker known simply as Bayu", "a woman who gave only her first name, Lina".
ONLY_NAME_BEFORE = re.compile(
    r"\b(?:(?:identified|named|known|referred\s+to|listed|registered)\s+(?:only|simply|just|solely)\s+as"
    r"|(?:whom|who)\s+(?:[\w-]+\s+){0,2}?called\s+(?:(?:her|him)\s+)?(?:only|simply|just)(?:\s+as)?"
    r"|(?:who\s+)?(?:gave|give|gives|giving|used?|uses|using|goes|go|went)\s+(?:only\s+)?(?:by\s+)?"
    r"(?:his|her|their|one|a\s+single)\s+(?:first\s+|given\s+|family\s+|single\s+|one\s+)?name(?:,|\s+as)?"
    r"|identified\s+(?:only\s+)?by\s+(?:his|her|their|a|one)\s+(?:first\s+|given\s+|single\s+|family\s+)?name(?:,|\s+as)?)"
    r"\s+\Z",
    re.IGNORECASE,
)


def _one_word_name(doc: Doc, i: int, text: str) -> bool:
    """ "Rusdi, 33, a boat operator": one capitalised word, an age, then a person's description
    (Indonesian single names), mid-sentence, where the model saw no person."""
    token = doc[i]
    after = text[token.idx + len(token) : token.idx + len(token) + 80]
    if (
        token.is_alpha
        and token.is_title
        and not token.ent_kb_id_
        and ONLY_NAME_BEFORE.search(text[max(0, token.idx - 60) : token.idx])
    ):
        return True  # "identified only as Sutrisno": the text says this one word is the name
    if token.is_alpha and token.is_title and not token.ent_kb_id_ and _renamed_in_quotes(doc, doc[i : i + 1]):
        return True  # '"Sreyneang" (not her real name)': the name the press gave a victim
    if token.is_sent_start and token.pos_ == "PROPN" and not token.ent_kb_id_ and token.is_title:
        # "Ponijan, 57, the head of X village, was fined": at a sentence's start, an age and
        # then a description or a verb
        return AGE_THEN_CLAUSE.match(after) is not None
    if (
        not token.is_sent_start
        and token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_kb_id_
        and re.match(r"^\s*\(\d{1,2}\)", after)
        and i > 0
        and doc[i - 1].lower_ in {"and", ","}
    ):
        return True  # "Defendants Sutrisno (45) and Wahyuni (38)": an age in brackets, in a list
    return (
        not token.is_sent_start
        and token.pos_ in {"PROPN", "NOUN"}
        and not token.ent_kb_id_
        and ONE_WORD_APPOSITION.match(after) is not None
    )


def _hmong_middle_a(doc: Sequence[Token], i: int, j: int) -> bool:
    """ "Vang A Sinh", "Giang A Pao": the middle "A" of a Hmong name in Vietnam, between two
    capitalised proper nouns."""
    return (
        doc[j].text == "A"
        and j > i
        and j + 1 < len(doc)
        and doc[j + 1].is_alpha
        and doc[j + 1].text[:1].isupper()
        and not doc[j + 1].is_stop
        and {doc[i].pos_, doc[j + 1].pos_} == {"PROPN"}
    )  # the run is a person only by the caller's tests (an age, an apposition after it)


def _tag_untagged_persons(doc: Doc) -> list[Span]:
    """Proper-noun runs the model left untagged, followed by an age or a person's apposition
    ("Chum Sreymom, a program officer with ..."), or preceded by a title, are people."""
    # "Ponijan, 57," tagged as one date: the name is no part of it
    ents = [
        Span(doc, e.start + 2, e.end, label="DATE")
        if e.label_ == "DATE"
        and len(e) >= 3
        and e[0].pos_ == "PROPN"
        and e[0].is_title
        and e[0].is_alpha
        and e[1].text == ","
        and e[2].like_num
        else e
        for e in current_ents(doc)
    ]
    # a model's GPE/ORG guess ("Clarke" as a place) may be overruled; gazetteer names may not
    sure_places = doc.user_data.get("_sure_places", ())  # placed by position: "sangkat Buon", a dateline
    taken = {
        i
        for e in ents
        for i in range(e.start, e.end)
        if e.kb_id_
        or (e.label_ == "GPE" and e.start in sure_places)
        or e.label_ not in {"GPE", "LOC", "ORG", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"}
    }
    text = doc_text(doc)
    toks = list(doc)  # one Token object per token: `doc[i]` makes a new one on every read
    extra, after_role, sure, i = [], [], [], 0
    while i < len(toks):
        if is_title_word(toks[i].text) or (
            toks[i].text == "U" and i + 1 < len(toks) and toks[i + 1].is_alpha and toks[i + 1].text[:1].isupper()
        ):
            i += 1  # "Governor" of "Tak Governor Chucheep Pongchai", Burmese "U": the name starts after it
            continue
        j = i + 1 if _name_opening(toks, i) else i  # "M. Saravanan", Balinese "I Made Suardana"
        # after a Burmese honorific or Balinese "I", a name part may be an English stop word
        honorific = (i > 0 and toks[i - 1].text in {"U", "Daw"}) or (j > i and toks[i].text in {"I", "Ni"})
        while (
            j < len(toks)
            and j - i < 4
            and j not in taken
            and toks[j].is_alpha
            and (
                not toks[j].is_stop
                or (honorific and is_name_part(toks[j].text, strict=False))
                or _hmong_middle_a(toks, i, j)
            )
            and toks[j].text[:1].isupper()
            and (
                not toks[j].text.isupper()
                or (j == i and len(toks[j]) == 1 and _short_family_name(toks[j]))
                or _hmong_middle_a(toks, i, j)
            )
        ):
            j += 1  # "Y" of "Y Sarom, 33,": a one-letter Khmer family name starts the run
        if j - i == 1 and _one_word_name(doc, i, text):
            sure.append(Span(doc, i, j, label="PERSON"))  # "Rusdi, 33, a boat operator"
        if j - i >= 2:
            start_char, end_char = toks[i].idx, toks[j - 1].idx + len(toks[j - 1])
            after = text[end_char : end_char + 80]
            before = text[max(0, start_char - 40) : start_char].rstrip()
            proper = all(toks[k].pos_ == "PROPN" or is_name_part(toks[k].text) for k in range(i, j))
            if toks[i].text in {"I", "Ni"} and j - i >= 3:
                sure.append(Span(doc, i, j, label="PERSON"))  # Balinese: "I Made Suardana"
            elif proper and j - i <= 3 and i > 0 and toks[i - 1].is_lower and toks[i - 1].lower_ in ROLE_NOUNS:
                after_role.append(Span(doc, i, j, label="PERSON"))  # wins over the model's "Hartwell center X" (ORG)
            elif (
                AGE_AFTER.match(after)
                or _made_of_names(doc[i:j].text)
                or (
                    proper
                    and (
                        PERSON_APPOSITION.match(after)
                        or re.search(r"\b(?:Mr|Mrs|Ms|Dr|Judge|Prosecutor|Lawyer|U|Daw)\.?$", before)
                        or i > 0
                        and toks[i - 1].is_title
                        and is_title_word(toks[i - 1].text)
                        and j < len(toks)
                        and toks[j].lemma_ in SPEECH_VERBS | {",", "("}
                    )
                )
            ):
                extra.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    if not extra and not sure:
        return _preferring(after_role, ents)
    # a tie with the model's "work of art" or "product" ("Mohd Zaki Ismail, 42,") goes to the person
    weak = [e for e in ents if e.label_ in {"WORK_OF_ART", "PRODUCT"}]
    strong = [e for e in ents if e.label_ not in {"WORK_OF_ART", "PRODUCT"}]
    return _preferring(after_role, filter_spans(sure + strong + extra + weak))


def _preferring(extra: list[Span], ents: list[Span]) -> list[Span]:
    """The spans a repair found, and the model's spans that overlap none of them."""
    if not extra:
        return ents
    taken = {i for span in extra for i in range(span.start, span.end)}
    return filter_spans(extra + [e for e in ents if not taken & set(range(e.start, e.end))])


def _sure_place(doc: Doc, span: Span) -> Span:
    """A place by its position (a dateline, "Jones, 52, of Walsall"), whatever follows it."""
    doc.user_data.setdefault("_sure_places", set()).add(span.start)
    return Span(doc, span.start, span.end, label="GPE")


POST_OF_HEADS = {"minister", "ministry", "secretary", "department", "governor", "director", "chief", "head"}


def _post_of_before(doc: Doc, ent: Span) -> bool:
    """A person span opening with the last word of "<post> of <Word>" ("Minister of Interior
    Kong Vibol", "Secretary of Labor Ana Cruz"): that word names the post, not the person."""
    return (
        len(ent) >= 3
        and ent.start >= 2
        and doc[ent.start - 1].lower_ == "of"
        and doc[ent.start - 2].lower_ in POST_OF_HEADS
        and ent[0].is_title
        and ent[1].text[:1].isupper()
    )


def _name_as_written(entity: Entity) -> str:
    """The name the article itself uses: the gazetteer's form if the article writes it,
    otherwise the fullest form written (not an all-caps dateline or a bare acronym)."""
    clean = place_name if entity.kind == "place" else agency_name
    forms = [clean(normalize_text(m.text)) for m in entity.mentions]
    forms = [f for f in forms if f and re.search(r"[^\W\d_]", f)]

    def unapostrophed(name: str) -> str:
        return name.replace("'", "").casefold()

    if entity.canonical and any(unapostrophed(f) == unapostrophed(entity.canonical) for f in forms):
        return entity.canonical  # written, perhaps as "Ministry of Womens Affairs"
    words = [f for f in forms if not f.isupper()]
    if not words:  # the article writes only "ILO" or "RTP": that is its name here
        return max(forms, key=lambda f: (forms.count(f), len(f))) if forms else (entity.canonical or entity.name)
    if entity.kind == "place":  # the spelling used most, then the first
        return max(words, key=lambda f: (words.count(f), -words.index(f)))
    return max(words, key=len)


ACRONYM_IN_BRACKETS = re.compile(r"[A-Z][A-Za-z0-9&]*(?:[.-][A-Z0-9][A-Za-z0-9&]*)*\.?")


def _acronym_after(doc: Doc, ent: Span) -> str | None:
    """The short form in brackets after a name: "(ILO)", "(PNP-WCPC)", "(Suhakam)"; not a
    place or a person in brackets ("World Vision (Cambodia)")."""
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
        return None
    close = next((i for i in range(ent.end + 2, min(ent.end + 6, len(doc))) if doc[i].text == ")"), None)
    if close is None:
        return None
    inside = doc[ent.end + 1 : close]
    candidate = "".join(t.text_with_ws for t in inside).strip()
    if not ACRONYM_IN_BRACKETS.fullmatch(candidate) or not 2 <= len(candidate) <= 12:
        return None
    if candidate.isupper() or any(t.ent_kb_id_ and t.ent_type_ == "ORG" for t in inside):
        return candidate
    if len(inside) == 1 and inside[0].ent_type_ not in {"GPE", "LOC", "PERSON", "NORP"} and not is_name_part(candidate):
        return candidate  # "(Suhakam)", "(Pagcor)": a short name written in title case
    return None


# The words an acronym stands after: "hypersensitivity pneumonitis, or HP", "return on
# investment (ROI)", "Krankenhausinformationssystemen (KIS)" (one compound word).
SPELLED_BEFORE_ACRONYM = re.compile(r"((?:[\w-]+[ \t]+){0,5}[\w-]+)(?:,?[ \t]+or|[ \t]*\()[ \t]*$")


def _acronym_of_common_words(doc: Doc, ent: Span) -> bool:
    """An acronym the text spells out in lower-case words, or in one long compound word
    holding its letters in order, is a term (a disease, a system), not an organisation:
    organisations are spelled out in capitals."""
    acronym = ent.text
    if len(ent) != 1 or not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return False
    match = SPELLED_BEFORE_ACRONYM.search(doc_text(doc)[max(0, ent.start_char - 80) : ent.start_char])
    if match is None:
        return False
    words = match.group(1).split()
    for size in range(len(acronym) - 1, len(acronym) + 2):  # a small word ("on") may add a letter
        spelled = [w for w in words[-size:] if w not in SMALL_TITLE_WORDS] if size <= len(words) else []
        if (
            len(spelled) == len(acronym)
            and all(w.islower() for w in spelled)
            and "".join(w[0] for w in spelled) == acronym.lower()
        ):
            return True
    compound = words[-1].casefold()
    rest = iter(compound[1:])
    return (
        len(compound) >= 4 * len(acronym)
        and compound[0] == acronym[0].lower()
        and all(c in rest for c in acronym[1:].lower())
        and "ORG" not in {t.ent_type_ for t in doc[max(0, ent.start - 3) : ent.start]}
    )


def _term_acronyms(doc: Doc) -> set[str]:
    """The acronyms this article spells out in common words: terms wherever they stand."""
    if "_term_acronyms" not in doc.user_data:
        doc.user_data["_term_acronyms"] = {
            e.text for e in doc.ents if e.label_ in AGENCY_LABELS and _acronym_of_common_words(doc, e)
        }
    return doc.user_data["_term_acronyms"]


def _title_before(doc: Doc, ent: Span, inner_title: str | None = None) -> str | None:
    """The title written before the name; with the span's own title ("Attorney" in
    "U.S. Attorney X"), the whole title, so the role comes out right."""
    left = doc_text(doc)[max(0, ent.start_char - 60) : ent.start_char].rstrip()
    if inner_title:
        left = f"{left} {inner_title}"
    return _title_at_end(left)


@functools.lru_cache(maxsize=16384)
def _title_at_end(left: str) -> str | None:
    """The title phrase ending `left` (the text before a name), with the post's words before it."""
    last = LAST_WORD.search(left)
    if last is None or last.group().lower() not in TITLE_LAST_WORDS:
        return None
    match = TITLE_BEFORE.search(left)
    if not match:
        return None
    title = match.group(1).strip()
    # the words of the post before the title word: "Labour Minister", "Country Director"
    before = re.search(r"(?:(?<=\s)|^)((?:[A-Z][a-z][\w'-]*\s+){1,3})$", left[: match.start(1)])
    if before and not any(w in LEADING_FUNCTION_WORDS for w in before.group(1).split()):
        title = f"{before.group(1).strip()} {title}"
    return title


def _age_after(doc: Doc, ent: Span) -> int | None:
    match = AGE_AFTER.match(doc_text(doc)[ent.end_char : ent.end_char + 40])
    if match:
        age = int(match.group(1))
        if 10 <= age <= 99:
            return age
    return None


PERSON_NOUNS = (
    "officer|director|spokesman|spokeswoman|spokesperson|official|lawyer|attorney|chief|head|"
    "coordinator|manager|researcher|advocate|activist|worker|member|resident|mother|father|son|"
    "daughter|wife|husband|sister|brother|owner|founder|chairman|chairwoman|president|secretary|"
    "minister|governor|commander|prosecutor|judge|investigator|analyst|expert|professor|teacher|"
    "monk|villager|farmer|driver|broker|recruiter|defendant|suspect|victim|survivor|man|woman|"
    "boy|girl|mayor|deputy|adviser|advisor|consultant|specialist|representative|ambassador|"
    "journalist|reporter|editor|trafficker|smuggler|leader|boss|employer|supervisor|captain"
)
AGE_THEN_CLAUSE = re.compile(
    r"^\s*,\s*\d{1,2}\s*,\s+(?:(?:a|an|the)\s+[a-z][\w'-]*|who|was|were|is|has|had|from|of|and)\b"
)
ONE_WORD_APPOSITION = re.compile(
    rf"^\s*,\s*\d{{1,2}}\s*,\s+(?:a|an|the)\s+(?:[\w'-]+\s+){{0,3}}?(?:{PERSON_NOUNS}|operator)s?\b", re.I
)


PERSON_APPOSITION = re.compile(
    rf"^\s*,\s+(?:a|an|the|who|whose|his|her)\b(?:\s+[\w'-]+){{0,4}}?\s+(?:{PERSON_NOUNS})s?\b|^\s*,\s+who\b",
    re.IGNORECASE,
)


# What an organisation is, in apposition after its name: "Kosmos, a group co-founded by ..."
# (not "X, a monitor with rights group Y": the group is another's).
ORG_APPOSITION = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+(?:(?!(?:with|at|for|of|in|from|and|who)\b)[\w'-]+\s+){0,3}?(?:group|company|firm|startup|start-up|charity|"
    r"non-profit|nonprofit|organi[sz]ation|NGO|foundation|carrier|airline|retailer|manufacturer|"
    r"maker|publisher|broadcaster|newspaper|magazine|website|agency)\b(?!\s+of\b|\s+[a-z]+\s+(?:fellow|at|for)\b)",
)  # the noun in lower case: "Solomonidou, a European Space Agency research fellow" is a person
# The last word of a firm or studio named after its founder: "Peter Koros Design", "Lorimer Media".
FIRM_TAILS = {"design", "designs", "media", "group", "studios", "studio", "pictures", "records", "partners", "labs"}
AIRLINE = re.compile(r"Air(?:lines?)?[ \t]+[A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?")


# What a person is, written in lower case right before the name: "quarterback Mason Tully",
# "broker Chan Sopheap", "media mogul Debola Ade". A proper-noun run after one is a person.
ROLE_NOUNS = {
    "quarterback", "linebacker", "receiver", "center", "centre", "striker", "goalkeeper", "keeper",
    "midfielder", "defender", "forward", "winger", "pitcher", "shortstop", "outfielder", "batsman", "bowler",
    "player", "star", "coach", "teammate", "rookie", "singer", "actor", "actress", "rapper", "guitarist",
    "drummer", "bassist", "vocalist", "frontman", "musician", "comedian", "artist", "painter", "sculptor",
    "designer", "photographer", "filmmaker", "producer", "novelist", "author", "poet", "rider", "racer",
    "cyclist", "boxer", "fighter", "wrestler", "golfer", "swimmer", "sprinter", "champion", "mogul",
    "entrepreneur", "billionaire", "influencer", "journalist", "reporter", "columnist", "blogger", "broker",
    "recruiter", "trafficker", "smuggler", "pimp", "survivor", "fisherman", "maid", "nanny", "nurse",
    "activist", "researcher", "scientist", "economist", "analyst", "lecturer", "student", "villager",
    "nun", "priest", "pastor", "imam", "doctor", "surgeon", "witness", "informant", "whistleblower",
    "host", "presenter", "anchor", "commentator", "pundit", "chef", "writer", "composer", "dancer",
    "diver", "runner", "skier", "skater", "gymnast", "jockey", "referee", "umpire", "hurdler", "rower",
    "freshman", "sophomore", "junior", "senior",
}  # fmt: skip


KIN_BEFORE = re.compile(
    r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our)[ \t]+(?:late[ \t]+)?(?:wife|husband|son|daughter|mother|"
    r"father|brother|sister|partner|girlfriend|boyfriend|fianc[eé]e?|friend|cousin|uncle|aunt|niece|nephew|"
    r"grandson|granddaughter)(?:[ \t]*,)?[ \t]+\Z"
)
ALIAS_AFTER = re.compile(r"^\s*,?\s*\(?(?:alias|a\.k\.a\.?|aka)\s+[\"'\u201c\u2018]?[A-Z]")


def _looks_like_person(doc: Doc, ent: Span) -> bool:
    """Context that only a person has: an age after the name, a person's apposition
    ("X, a program officer with ..."), or being arrested/sentenced."""
    if _age_after(doc, ent) is not None:
        return True
    if PERSON_APPOSITION.match(doc_text(doc)[ent.end_char : ent.end_char + 80]):
        return True
    if ALIAS_AFTER.match(doc_text(doc)[ent.end_char : ent.end_char + 30]):
        return True  # "Rudianto alias Anto, 40": only people go by an alias
    if KIN_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 30) : ent.start_char]):
        return True  # "his wife, Kimberly,", "my friend Helen"
    root = ent.root
    if root.dep_ in {"nsubjpass"} and root.head.lemma_ in SUSPECT_VERBS:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in {"arrest", "sentence", "detain", "charge", "jail"}:
        return True
    return False


def _name_parts_only(name: str) -> bool:
    """2-4 capitalised words, each a known given or family name (everyday words allowed:
    "Le Thi Mai"); only with another cue that it is a person."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and is_name_part(w, strict=False) for w in words)


def _made_of_names(name: str) -> bool:
    """2-4 capitalised words, every one a known given or family name and at least one not
    also an everyday word ("Touch Sokhom", "Marcus Lindqvist"; not "Sugar Land")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    return all(is_name_part(w, strict=False) for w in words) and any(is_name_part(w) for w in words)


ORG_FUNCTION_WORDS = {
    "of",
    "and",
    "the",
    "a",
    "for",
    "in",
    "on",
    "to",
    "de",
    "du",
    "des",
    "da",
    "do",
    "dos",
    "la",
    "le",
    "at",
    "against",
    "with",
    "und",
    "y",
    "e",
    "del",
    "van",
    "von",
    "bin",
    "binti",
    "al",
}
# What a product's name stands before ("Xbox One console"); an organisation's name does not.
PRODUCT_NOUNS = {
    "model",
    "controller",
    "panel",
    "port",
    "console",
    "device",
    "phone",
    "smartphone",
    "laptop",
    "notebook",
    "tablet",
    "headset",
    "speaker",
    "edition",
    "version",
    "update",
    "app",
    "keyboard",
    "charger",
    "camera",
    "chip",
    "processor",
    "sedan",
    "suv",
    "hatchback",
    "coupe",
    "truck",
    "pickup",
    "thermostat",
    "sensor",
    "monitor",
    "headphone",
    "earbud",
    "firmware",
    "subscriber",
    "player",
    "drive",
    "support",
    "control",
    "compatibility",
    "integration",
    "platform",
    "user",
    "mode",
    "soundtrack",
    "conference",  # "Salesforce's Dreamforce conference": an event
    "camp",  # "the Rukban camp": a place, no organisation
}
# A device's or feature's head noun, written in title case as the last word of its name
# ("Around View Monitor", "Night Mode"), never the head of an organisation's name.
DEVICE_HEADS = {
    "controller",
    "console",
    "smartphone",
    "laptop",
    "tablet",
    "headset",
    "headphone",
    "earbud",
    "keyboard",
    "charger",
    "camera",
    "chip",
    "processor",
    "sedan",
    "hatchback",
    "coupe",
    "thermostat",
    "sensor",
    "firmware",
    "mode",
    "touchscreen",
    "grille",
    "grill",
    "edition",
}
PRODUCT_TAIL = {"Pro", "Lite", "Ultra", "Series", "Edition", "Convertible", "Concept", "Max", "Mini", "Plus", "Watch"}
_DAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
WEEKDAYS = re.compile(rf"{_DAY}(?:\s*(?:&|and|-|\u2013|to)\s*{_DAY})+")  # two days at least: "The Sun" is a newspaper
US_STATE_CODES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
NOT_AGENCY_HEADS = {
    "plan",
    "plans",
    "program",
    "programs",
    "programme",
    "programmes",
    "survey",
    "rules",
    "procedures",
    "procedure",
    "mechanism",
    "strategy",
    "policy",
    "policies",
    "initiative",
    "campaign",
    "hotline",
    "helpline",
    "report",
    "framework",
    "guidelines",
    "standards",
    "index",
    "roadmap",
    "law",
    "act",
    "code",
    "convention",
    "protocol",
    "agenda",
    "decree",
    "regulation",
    "regulations",
    "database",
    "study",
    "assessment",
    "census",
    "manual",
    "handbook",
    "curriculum",
    "operation",
    "system",
    "interview",
    "pdf",
    "bill",
    "amendment",
    "list",
    "finals",
    "final",
    "cup",
    "championship",
    "championships",
    "induction",
    "performance",
    "tour",
    "dates",
    "festival",
    "concert",
    "vote",
    "expo",
    "summit",
    "tournament",
    "schedule",
    "grants",
    "grant",
    "dance",
    "declaration",
    "treaty",
    "memorandum",
    "award",
    "awards",
    "day",
    "week",
}
# Names opening like the title of a law or a programme: "Elimination of the Worst Forms of ...".
NOT_AGENCY_START = re.compile(
    r"^(?:Elimination|Protection|Prevention|Provision|Management|Employment|Profiling|Suppression|"
    r"Combating|Combatting|Eradication|Promotion|Rehabilitation|Special Protection|Forced|Trafficking|"
    r"Revised|Video|Moderate|Significant|Minimal|No|Prix|Grand Prix)\b"  # "Prix de Penn National": a race
)
GENERIC_AGENCIES = {
    "government",
    "the government",
    "district court",
    "high court",
    "provincial court",
    "municipal court",
    "appeals court",
    "appeal court",
    "trial court",
    "police",
    "court",
    "ministry",
    "department",
    "office",
    "embassy",
    "legislature",
    "state",
    "crown",
    "junta court",  # "Junta Court Jails ...": a headline's description, no court's name
    "regime court",
    "military court",
}


POSSESSIVE_DETERMINERS = {"my", "your", "his", "her", "its", "our", "their"}
# A lower-case noun for a thing that is no organisation, right before its name.
THING_BEFORE = re.compile(
    r"\b(?:planet|moon|song|single|album|film|movie|novel|book|game|show|series|ship|vessel|hurricane|"
    r"typhoon|storm|cyclone|painting|sculpture|artwork|franchise|brand)\s*$"
)
# A list of works after a plural noun for them: "franchises such as Halo, Tomb Raider and ...".
WORKS_LISTED_BEFORE = re.compile(
    r"\b(?:games|films|movies|franchises|titles|songs|albums|singles|books|novels|shows|series|brands|products|"
    r"apps|paintings)[ \t]+(?:such[ \t]+as|including|like)[ \t]+"
    r"(?:[A-Z][^,.;:()]*?(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))*\Z"
)
SMALL_TITLE_WORDS = {"a", "an", "the", "of", "to", "in", "on", "and", "for", "at", "with", "or"}


def _names_a_work_or_thing(doc: Doc, ent: Span) -> bool:
    """A span the model called an organisation that names something else: what someone owns
    ("my Complete and Total Endorsement", "its electric Gran Turismo", "his Old Trafford exit"),
    the title of a work ("wrote A Song of Ice and Fire", "“Takin' It to the Streets.”") or a
    thing named after a noun for it ("the planet Mercury")."""
    i = ent.start - 1
    while i >= 0 and doc[i].is_lower and doc[i].pos_ == "ADJ":
        i -= 1
    if i >= 0 and doc[i].lower_ in POSSESSIVE_DETERMINERS:
        return True
    if ent.start > 0 and doc[ent.start - 1].text in {"A", "An"} and not doc[ent.start - 1].is_sent_start:
        return True
    if THING_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 20) : ent.start_char]):
        return True
    sent_before = doc_text(doc)[ent.sent.start_char : ent.start_char]
    opened = max(sent_before.rfind("\u201c"), sent_before.rfind('"'))
    if opened >= 0 and re.match(r"^[.,!?]?[\u201d\"]", doc_text(doc)[ent.end_char : ent.end_char + 2]):
        words = sent_before[opened + 1 :].split()
        return 0 < len(words) <= 8 and all(w[:1].isupper() or w in SMALL_TITLE_WORDS for w in words)
    return False


QUOTES_OPEN = {"\u201c", '"', "\u2018", "'"}
QUOTES_CLOSE = {"\u201d", '"', "\u2019", "'"}
# What introduces a quoted nickname or alias, which is a person's: 'known as "Big Sam"'.
ALIAS_CUE_BEFORE = re.compile(
    r"\b(?:alias|a\.?k\.?a\.?|known\s+as|called|nicknamed|dubbed|named|name|names|pseudonym|as|by)\s*[,:]?\s*$", re.I
)


def _quoted_title(doc: Doc, ent: Span) -> bool:
    """A "person" that is the whole of a quotation, not a nickname inside a name or after
    "known as": “Mary Poppins” among films, “Silver Lantern,” a song. People are
    named, not quoted by their bare name; works are quoted by their title."""
    if ent.start == 0 or doc[ent.start - 1].text not in QUOTES_OPEN:
        return False
    k = ent.end
    if k < len(doc) and doc[k].text in {",", ".", "!", "?"}:
        k += 1
    if k >= len(doc) or doc[k].text not in QUOTES_CLOSE:
        return False
    before = ent.start - 2
    if before >= 0 and doc[before].is_title and k + 1 < len(doc) and doc[k + 1].is_title:
        return False  # 'Reynaldo "Dodong" Amistoso': a nickname inside the name
    said = k + 1 < len(doc) and doc[k + 1].lemma_ in SPEECH_VERBS  # '"Anna Lee," she said' is rare but a name
    text = doc_text(doc)
    before_quote = text[max(0, ent.start_char - 30) : ent.start_char - 1]
    after_quote = text[doc[k].idx + 1 : doc[k].idx + 60]
    # a victim renamed by the press is quoted: '17-year-old "Srey Pich" (not her real name)'
    renamed = bool(CHANGED_NAME_AFTER.match(after_quote) or AGE_BEFORE_QUOTE.search(before_quote))
    return not said and not renamed and not ALIAS_CUE_BEFORE.search(before_quote)


def _renamed_in_quotes(doc: Doc, span: Span) -> bool:
    """'"Sreyneang" (not her real name)': a quoted name with the note that the press changed it."""
    return (
        0 < span.start
        and span.end < len(doc)
        and doc[span.start - 1].text in QUOTES_OPEN
        and doc[span.end].text in QUOTES_CLOSE
        and CHANGED_NAME_AFTER.match(doc_text(doc)[doc[span.end].idx + 1 : doc[span.end].idx + 60]) is not None
    )


# how the press says it renamed someone (read here and by nlp.victims)
CHANGED_NAME_NOTE = (
    r"not (?:her|his|their) real names?|an? (?:pseudonym|assumed name)|"
    r"(?:whose|her|his|their) names? (?:has|have|was|were) been changed"
)
CHANGED_NAME_AFTER = re.compile(
    rf"^\s*(?:\(|,|\u2014|\u2013|-)\s*(?:{CHANGED_NAME_NOTE}|names? changed|\d{{1,2}}\b)",
    re.I,
)
AGE_BEFORE_QUOTE = re.compile(r"\b\d{1,2}-year-old\s*$|\b(?:girl|boy|woman|man|victim|survivor|teenager),?\s*$", re.I)


SOFTWARE_VERBS = {"download", "install", "uninstall", "reinstall", "preorder", "pre-order", "stream", "update"}
PLATFORMS = {"PS4", "PS5", "PlayStation", "Xbox", "Switch", "Steam", "PC", "iOS", "Android", "Stadia", "Mac", "Windows"}


def _used_as_software(doc: Doc, ent: Span) -> bool:
    """A "person" that is downloaded or installed ("players can download Shadow Quest") or
    that runs on a gaming or computing platform ("Shadow Quest on the Nintendo Switch",
    "Shadow Quest for PS4"): a game or an app, no one's name."""
    root = ent.root
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in SOFTWARE_VERBS:
        return True
    k = ent.end
    if k < len(doc) and doc[k].lower_ in {"on", "for"}:
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k < len(doc) and doc[k].text in {"Nintendo", "Sony", "Microsoft", "Apple", "Google"}:
            k += 1
        return k < len(doc) and doc[k].text in PLATFORMS
    return False


ENGLISH_FUNCTION_WORDS = {
    *"the of and to a in is that for it was on with as by at from his her are be has have said this".split(),
    *"which were not an or he she they will".split(),
}
# their string ids, as `doc.to_array(LOWER)` gives a lower-cased word
ENGLISH_FUNCTION_WORD_IDS = numpy.array([get_string_id(w) for w in ENGLISH_FUNCTION_WORDS], dtype=numpy.uint64)


def _not_english(doc: Doc) -> bool:
    """A text of 100 words or more in which under one word in ten is a common English
    function word (English prose has about three in ten): a German, Portuguese or
    Indonesian page, whose capitals (every German noun) say nothing of names."""
    columns = doc.to_array([IS_ALPHA, LOWER])  # read as arrays: a Token object per word costs more
    words = columns[columns[:, 0] == 1, 1]
    return len(words) >= 100 and int(numpy.isin(words, ENGLISH_FUNCTION_WORD_IDS).sum()) < 0.1 * len(words)


def _sure_agency_in_any_language(name: str) -> bool:
    """What a non-English text keeps of its organisations without the gazetteer: a name
    written as an acronym ("NASCAR", "JTBC") or named by an organisation word; not its
    capitalised nouns ("Industrie", "Effizienz"). Its places: the gazetteer's only."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&.-]+", name)) or any(w.casefold() in ORG_WORDS for w in name.split())


def _sure_person_in_any_language(doc: Doc, ent: Span, kind: str, name: str, title: str | None, entry) -> bool:
    """What a non-English text keeps of its persons: a name with a title, a player of a
    results table, or a name with a known given or family name or a patronymic ("Miguel
    Queiroz", "Usman bin Affan"; in Cyrillic or another script without the lexicon, any)
    whose first word the text does not also write in lower case ("Karena Islam": "karena"
    opens a sentence). Not capitalised nouns ("Bereich Healthcare") or titles of works."""
    if title or entry is not None or ent.start in doc.user_data.get("_players", ()):
        return True
    words = re.split(r"[\s-]+", name)
    if words[0].casefold() in {t.lower_ for t in doc if t.is_lower}:
        return False
    if not all(ch < "\u0250" for ch in name if ch.isalpha()):
        return True  # "Джонни Депп": a script the name lexicon does not cover
    return any(w in MALAY_PATRONYMIC or (len(w) > 2 and is_name_part(w, strict=False)) for w in words)


SERVICE_NOUNS = r"(?:platform|service|assistant|console|app|browser|subscription|marketplace)"
OWNER = r"(?:[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){0,2}|[Tt]he[ \t]+(?:company|firm|group|tech[ \t]+giant|search[ \t]+giant))"
# A name in apposition with what an organisation owns: "Stadia, Google's streaming gaming
# platform, launches today", "the tech giant's game streaming service, Stadia, launched".
OWNED_SERVICE_AFTER = re.compile(rf"^,[ \t]+({OWNER})['\u2019]s[ \t]+(?:[\w-]+[ \t]+){{0,3}}{SERVICE_NOUNS}\b")
OWNED_SERVICE_BEFORE = re.compile(rf"\b({OWNER})['\u2019]s[ \t]+(?:[\w-]+[ \t]+){{0,3}}{SERVICE_NOUNS},[ \t]+$")


def _owned_services(doc: Doc, candidates) -> set[str]:
    """The names the article sets beside an organisation's own platform, service or app: a
    product of that owner, no organisation, wherever it stands in the article."""
    text = doc_text(doc)
    owners = {lookup_key(c[2]) for c in candidates if c[1] == "agency"}
    found = set()
    for ent, kind, name, _title, entry in candidates:
        if kind != "agency" or entry is not None:
            continue
        after = OWNED_SERVICE_AFTER.match(text[ent.end_char : ent.end_char + 100])
        before = OWNED_SERVICE_BEFORE.search(text[max(0, ent.start_char - 100) : ent.start_char])
        owner = (after or before).group(1) if after or before else None
        if (
            owner
            and (owner.lower().startswith("the ") or lookup_key(owner) in owners)
            and lookup_key(owner) != lookup_key(name)
        ):
            found.add(lookup_key(name))
    return found


def _note_product(doc: Doc, name: str) -> None:
    """A name the article once writes as a product ("the MEB platform", "Stadia port") is a
    product wherever else it stands ("The MEB's flexibility"): no agency in this article."""
    doc.user_data.setdefault("_products", set()).add(lookup_key(name))


def _product_line(doc: Doc, ent: Span, name: str) -> bool:
    """A "person" whose name ends in a model word ("Chromecast Ultra") or is followed by one
    ("Nintendo Switch" + "Lite"): a product line, noted so its other mentions go too."""
    words = name.split()
    if len(words) > 1 and words[-1] in PRODUCT_TAIL and ent[-1].text in PRODUCT_TAIL:
        _note_product(doc, " ".join(words[:-1]))
        _note_product(doc, name)
        return True
    if ent.end < len(doc) and doc[ent.end].text in PRODUCT_TAIL and not doc[ent.end].is_sent_start:
        _note_product(doc, name)
        return True
    return False


MAKER_VERBS = {"say", "reveal", "unveil", "announce", "call", "offer", "plan", "hope", "launch", "release", "sell"}


def _surname_speaking(ent: Span) -> bool:
    """ "“We will win,” Cooke said": one word the gazetteer does not know, a family name in the
    name lexicon (not an everyday word), the subject of a speech verb after a quote."""
    token = ent[0]
    if len(ent) != 1 or token.ent_kb_id_ or not token.is_title or not is_name_part(token.text):
        return False
    if not (token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS):
        return False
    before = ent.doc[ent.start - 2 : ent.start].text if ent.start >= 2 else ""
    return bool(re.search(r"[,.!?]?\s*[\u201d\"']\s*$", before) or ent.doc[ent.start - 1].text in {"\u201d", '"'})


def _acts_as_maker(ent: Span) -> bool:
    """ "Nissan says", "Lexus revealed": a name that speaks or sells is the maker, even where
    the article writes its products as "Nissan models"."""
    return ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in MAKER_VERBS


BODIES_ON = {"Committee", "Subcommittee", "Commission", "Council", "Caucus", "Panel"}  # "... on Intelligence"


TITLE_CASE_PREPOSITIONS = {"From", "In", "At", "To", "After", "Over", "Into", "On", "With", "Near", "Off", "Amid", "By"}
NAME_PARTICIPLES = {"United", "Limited", "Associated", "Allied", "Incorporated", "Chartered", "Reformed", "Federated"}


def _headline_run(words: list[str]) -> bool:
    """ "Teens Rescued From Fishing Boat In Ambon": a participle and then a preposition
    written with a capital, as headlines are cased; names write "of", "for", "in" small and
    take no verb."""
    for k, w in enumerate(words[:-1]):
        if w[:1].isupper() and (
            w.casefold() in HEADLINE_PARTICIPLES or (len(w) > 4 and w.endswith("ed") and w not in NAME_PARTICIPLES)
        ):
            return any(x in TITLE_CASE_PREPOSITIONS for x in words[k + 1 : -1])
    return False


# A race after its distance: "won the 200 yard Individual Medley", "the 100-metre Butterfly".
RACE_DISTANCE_BEFORE = re.compile(r"\b\d{2,5}[ \t-]?(?:yards?|yd|meters?|metres?|m|miles?|km)[ \t]+$")
LATEST_MODEL_BEFORE = re.compile(r"\w['\u2019]s[ \t]+(?:latest|newest|new|upcoming|next|flagship)[ \t]+$")
REPORT_FROM_AFTER = re.compile(
    r"^[ \t]+(?:report|survey|index|study|ranking)[ \t]+(?:from|by)[ \t]+(?:the[ \t]+)?[A-Z]"
)


def _a_makers_model_or_a_report(doc: Doc, ent: Span, text: str) -> bool:
    """A name after a maker's "latest" or "new" ("ecobee's latest SmartThermostat") is its
    model; a name before "report from X" is the title of X's report; a name after a distance
    is a race. None is a body (a body's own words keep it one: "the ministry's new
    Anti-Trafficking Division")."""
    if any(w.casefold() in ORG_WORDS for w in text.split()) or agency_kind_for(text) != "other":
        return False
    if INSTITUTION_HEAD.search(text):
        return False
    before = doc_text(doc)[max(0, ent.start_char - 40) : ent.start_char]
    after = doc_text(doc)[ent.end_char : ent.end_char + 40]
    return bool(
        LATEST_MODEL_BEFORE.search(before) or REPORT_FROM_AFTER.match(after) or RACE_DISTANCE_BEFORE.search(before)
    )


# The last word of a paint or case finish ("Plasma Blue", "Midnight Green", "Space Gray"), and
# the consoles whose names open a model's ("Xbox One X", "PlayStation 5 Digital").
FINISH_COLOURS = {"Blue", "Red", "Green", "Black", "White", "Silver", "Grey", "Gray", "Gold", "Bronze", "Purple"}
CONSOLE_WORDS = {"Xbox", "PlayStation", "PS4", "PS5"}
MEMORY_BEFORE = re.compile(r"\d[ \t]?[KMGT]B[ \t]+of[ \t]+$")


def _names_a_specification(doc: Doc, ent: Span, text: str) -> bool:
    """A product's finish, a console's model or a computer's part the model took for an
    organisation: a two- or three-word name ending in a colour, one opening with a console's
    name, an acronym after "16GB of"."""
    words = text.split()
    if any(w.casefold() in ORG_WORDS for w in words) or agency_kind_for(text) != "other":
        return False
    if 2 <= len(words) <= 3 and words[-1] in FINISH_COLOURS and not ent.kb_id_:
        return True
    if len(words) >= 2 and words[0] in CONSOLE_WORDS:
        return True
    return len(ent) == 1 and bool(MEMORY_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 20) : ent.start_char]))


DETERMINERS_AFTER_A_CALL = {"a", "an", "the", "your", "our", "their", "this", "these", "some", "any"}


def _capitalised_imperative(doc: Doc, ent: Span) -> bool:
    """ "SPEND a day in the country rooting for ...", "VISIT the show": a listing opens each entry
    with its verb in capitals; an acronym opening a line is followed by a verb, not "a"/"the"."""
    return (
        len(ent) == 1
        and ent.text.isupper()
        and ent.text.isalpha()
        and len(ent.text) >= 3
        and (ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or doc[ent.start - 1].is_space)
        and ent.end < len(doc)
        and doc[ent.end].lower_ in DETERMINERS_AFTER_A_CALL
        and doc[ent.end].is_lower
    )


def _acronym_taken_for_a_person(ent: Span) -> bool:
    """One word of three to five capitals, no name part, that the model guessed a person and no
    person's name can be: an organisation's initials."""
    return len(ent) == 1 and bool(re.fullmatch(r"[A-Z]{3,5}", ent.text)) and not is_name_part(ent.text, strict=False)


def _plausible_agency(name: str) -> bool:
    """A named organisation, not a law, plan, programme, survey, event or product, not a
    generic noun ("Government", "High Court"), not a lower-case fragment ("trafficking cases
    involving") and not a clause the model ran together ("Garrett hit Rudolph")."""
    words = name.split()
    if not name[:1].isupper() and not name[:1].isdigit() or "@" in name:
        return False  # "GA @ Ameris Bank Amphitheatre": a tour date's place and venue
    if any(w.isalpha() and w.islower() and w not in ORG_FUNCTION_WORDS for w in words[1:]):
        return False
    if words[-1] in PRODUCT_TAIL or (
        len(words) > 1 and words[-2:] == ["on", words[-1]] and (words[-3] if len(words) > 2 else "") not in BODIES_ON
    ):
        return False  # "Destiny on Stadia"; not "the Select Committee on Intelligence"
    if name in US_STATE_CODES or WEEKDAYS.fullmatch(name):
        return False  # "Closed on Sun & Mon"
    if len(words) >= 3 and _headline_run(words):
        return False  # "Teens Rescued From Fishing Boat In Ambon": a headline
    if re.search(r"\s\d+$", name) and not re.search(
        r"\b(?:Branch|Unit|Division|Region|Zone|Sector|Station)\s\d+$", name
    ):
        return False  # "Hai Feng 168": a vessel; "Branch 12" of a court stays
    if lookup_key(name) in GENERIC_AGENCIES:
        return False
    head = words[-2] if len(words) > 2 and words[-1] in COMPASS_POINTS else words[-1]  # "... Finals East"
    if head.casefold().strip(".") in NOT_AGENCY_HEADS and not any(
        w.casefold() in {"ministry", "department", "office", "committee", "council", "agency"} for w in words
    ):
        return False
    inner = next(
        (
            k
            for k, (w, nxt) in enumerate(zip(words, words[1:]))
            if nxt in {"for", "of", "and"} and w.casefold() in NOT_AGENCY_HEADS
        ),
        None,
    )
    if inner is not None and not re.search(
        rf"\b(?:{_INSTITUTION_HEADS}|Court|Police|Force)\b", " ".join(words[inner:])
    ):
        return False  # "Award for Best Actress", "Deworm the World Initiative and No Lean Season"
    if NOT_AGENCY_START.match(name) and not re.search(
        r"\b(?:Ministry|Department|Office|Committee|Council|Agency|Division|Unit|Bureau|Center|Centre|"
        r"Commission|Police|Court|Force|Foundation|Association|Organi[sz]ation)\b",
        name,
    ):
        return False
    return True


def _proper_single_word(doc: Doc, ent: Span) -> bool:
    """One word used as a name ("Amazon", "Netflix"): a proper noun not at the start of its
    sentence, and never written in lower case in the article ("Maid", "Families" are words)."""
    token = ent[-1]
    if token.tag_ not in {"NNP", "NNPS"} or not token.is_alpha or len(token) < 3:
        return False
    if all(t.is_sent_start for t in doc if t.text == token.text) and not _joined_to_an_organisation(token):
        return False
    return not any(t.lower_ == token.lower_ and t.is_lower for t in doc)


def _joined_to_an_organisation(token) -> bool:
    """ "Wistron and Global Lighting Technologies are said to ...": a sentence's first word
    coordinated with an organisation's name is a name too."""
    return any(c.ent_type_ == "ORG" and c.i > token.i for c in token.conjuncts)


def _starts_with_given_name(name: str) -> bool:
    """Two or three capitalised words, the first a known given name and the others not
    organisation words: a person the model tagged as an organisation."""
    words = name.split()
    short_family = len(words[0]) <= 3 and words[0][1:].islower() and is_name_part(words[0], strict=False)
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and (is_name_part(words[0]) or short_family)
        and not any(w.casefold() in ORG_WORDS for w in words)
    )


ORG_WORDS = {
    "bank",
    "group",
    "company",
    "media",
    "news",
    "times",
    "post",
    "airlines",
    "air",
    "motors",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "hospital",
    "center",
    "centre",
    "club",
    "united",
    "city",
    "fc",
    "records",
    "studios",
    "pictures",
    "entertainment",
    "capital",
    "partners",
    "design",
    "labs",
    "systems",
    "technologies",
    "international",
    "global",
    "services",
}


NAME_PARTICLES = (
    SURNAME_PARTICLES
    | MALAY_PATRONYMIC
    | {"al", "el", "ibn", "bint", "y", "la", "le", "du", "der", "den", "los", "las"}
)
LOWER_CASE_NAME_WORD = re.compile(r"^(?:al|el|ad|as|ash|at|ar|az|d|de|di|da|du)[-'\u2019]")  # "al-Bashri", "d'Arcy"


def _name_before_lower_case_words(name: str) -> str:
    """A person's name ends before its first lower-case word that is no name particle, and
    never on a particle: "Aisyah ra dan" is Aisyah, "Abu Bakar ra" Abu Bakar (an honorific
    abbreviation), "Dan janganlah sekali-kali ..." a sentence's words the model ran together."""
    words = name.split()
    for k, word in enumerate(words):
        if word[:1].islower() and word not in NAME_PARTICLES and not LOWER_CASE_NAME_WORD.match(word):
            words = words[:k]
            break
    while words and words[-1] in NAME_PARTICLES:
        words.pop()
    return " ".join(words)


def _opens_before_named_surname(doc: Doc, ent: Span) -> bool:
    """ "Hosting Cook at Dreamforce ..." after "Tim Cook": a gerund opening the sentence, no
    known name, before the surname of a person the article names in full is no given name
    (a relative shares the surname: "Amina Yusuf" after "Ibrahim Yusuf" stays)."""
    if len(ent) != 2 or not ent[0].lower_.endswith("ing") or is_name_part(ent[0].text, strict=False):
        return False
    return any(
        e.label_ == "PERSON" and len(e) >= 2 and e[-1].text == ent[-1].text and e[0].text != ent[0].text
        for e in doc.ents
        if e.start != ent.start
    )


def _plausible_person(name: str, ent: Span) -> bool:
    words = name.split()
    if len(words) == 1 and len(name) <= 2:  # "Ma" of "Ma. Lourdes", initials
        return False
    if TITLE_BEFORE.fullmatch(" " + name):  # a bare title ("Atty", "Governor") is no name
        return False
    if any(ch.isdigit() for ch in name) or not name[0].isupper():
        return False
    if len(words) == 1:
        tokens = [t for t in ent if t.text[:1].isupper()]
        if (
            not tokens
            or name.isupper()
            or (
                tokens[-1].tag_ not in {"NNP", "NNPS"}
                and not _surname_named_before(ent)
                and not ONE_WORD_APPOSITION.match(doc_text(ent.doc)[ent.end_char : ent.end_char + 80])
            )
        ):
            return False  # "Rusdi, 33, a boat operator" tagged as a common noun stays a person
    if (words[-1].casefold() in NOT_PERSON_TAIL or words[-1].casefold() in ORG_WORDS) and not (
        len(words) == 2 and is_name_part(words[0]) and _listed_with_persons(ent)
    ):
        return False  # "Jolinda Drive", "Davis Cup Finals", "GateHouse Media"
    if all(is_title_word(w) for w in words) or words[-1].casefold() in POST_WORDS:
        return False  # "Sub-Lt", "Karaoke Boss", "Country Director": a post, not a name
    if words[0] in {"Wat", "Fort", "Camp", "Mount", "Lake", "Operation"} and len(words) > 1:
        return False  # "Wat Bo": a pagoda; "Fort Lee": a town; "Operation Aurora": a police operation
    if len(words) > 3 and any(w.casefold() in HEADLINE_VERBS for w in words):
        return False  # "Georgia Forced Labor Conspiracy Sentenced": a headline
    if len(words) > 1 and words[-1].casefold() in HEADLINE_PARTICIPLES:
        return False  # "Burmese Migrants Rescued from ...": a headline's subject and verb
    if len(words) >= 3 and _headline_run(words):
        return False  # "Boss Jailed Over Maid Abuse": a headline
    if len(words) > 1 and _made_of_common_words(name, ent.doc):
        return False  # "Starry Night", "Case Reports": a title or a product, no person
    return len(words) <= 6


def _agency_of_common_words(doc: Doc, name: str) -> bool:
    """Several capitalised words, no organisation word, head, legal form or function word
    among them, each written elsewhere in the article in lower case as a noun, adjective or
    verb ("the black death ... Black Death"): a thing, a topic or a heading, no organisation."""
    words = name.split()
    if len(words) < 2 or agency_kind_for(name) != "other" or INSTITUTION_HEAD.search(name) or LEGAL_FORM.search(name):
        return False
    if COMPANY_RUN.fullmatch(name) or any(
        w.casefold() in ORG_WORDS or w.casefold() in ORG_FUNCTION_WORDS for w in words
    ):
        return False
    lower = _lower_words(doc)
    return all(w.casefold() in lower for w in words)


def _made_of_common_words(name: str, doc: Doc) -> bool:
    """No word of the name is a given or family name in the lexicon, and one of them is
    written elsewhere in the article in lower case as a noun, adjective or verb ("the night
    sky" ... "Starry Night"): a work's or a product's title, not a person's name."""
    words = name.split()
    if any(is_name_part(w, strict=False) for w in words):
        return False
    lower = _lower_words(doc)
    return any(w.casefold() in lower for w in words)


def _lower_words(doc: Doc) -> set[str]:
    """The article's nouns, adjectives and verbs written in lower case, read once per article."""
    lower = doc.user_data.get("_lower_words")
    if lower is None:
        lower = doc.user_data["_lower_words"] = {
            t.lower_ for t in doc if t.is_lower and t.pos_ in {"NOUN", "ADJ", "VERB"}
        }
    return lower


def _listed_with_persons(ent: Span) -> bool:
    """ "Catherine Whitaker, David Law and Matt Roberts": a name between people is a name."""
    doc = ent.doc
    before = ent.start > 1 and doc[ent.start - 1].text in {",", "and"} and doc[ent.start - 2].ent_type_ == "PERSON"
    after = ent.end + 1 < len(doc) and doc[ent.end].text in {",", "and"} and doc[ent.end + 1].ent_type_ == "PERSON"
    return before or after


def _surname_named_before(ent: Span) -> bool:
    """ "Price was sentenced" after "Darnell Price": the tagger's common noun is the surname."""
    return any(
        len(e) >= 2 and e.end <= ent.start and e[-1].text == ent[-1].text and e.label_ in {"PERSON", "ORG"}
        for e in current_ents(ent.doc)
    )


# Last words no person's name ends in: streets, venues, events, groups, products.
NOT_PERSON_TAIL = {
    "drive",
    "road",
    "street",
    "place",  # "4182 Marlowe Place": an address
    "boulevard",
    "highway",
    "avenue",
    "lane",
    "soi",
    "square",
    "plaza",
    "bridge",
    "market",
    "checkpoint",
    "crossing",
    "border",
    "cup",
    "finals",
    "final",
    "championship",
    "open",
    "games",
    "edition",
    "series",
    "dolls",
    "brothers",
    "band",
    "democrats",
    "republicans",
    "party",
    "harvesting",
    "trafficking",
    "labour",
    "labor",
    "program",
    "programme",
    "plan",
    "bill",
    "act",
    "law",
    "hotel",
    "bar",
    "karaoke",
    "club",
    "restaurant",
    "resort",
    "casino",
    "tower",
    "building",
    "mall",
    "airport",
    "station",
    "port",
    "pagoda",
    "temple",
    "church",
    "mosque",
    "village",
    "district",
    "province",
    "island",
    "city",
    "town",
    "state",
    "county",
    "hotspur",
    "lite",
    "pro",
    "max",
    "plus",
    "mini",
    "no",
    "base",
    "sentenced",
    "jailed",
    "convicted",
    "charged",
    "arrested",
    "acquitted",
    "freed",
    "bhd",  # a company's legal form ends no person's name
    "ltd",
    "inc",
    "incorporated",
    "llc",
    "corp",
    "jsc",
    "co",
}
HEADLINE_VERBS = {"sentenced", "jailed", "convicted", "charged", "arrested", "acquitted", "freed", "guilty"}
HEADLINE_PARTICIPLES = HEADLINE_VERBS - {"guilty"} | {
    "rescued",
    "deported",
    "repatriated",
    "nabbed",
    "busted",
    "stranded",
}
POST_WORDS = {
    "boss",
    "speaker",
    "owner",
    "director",
    "manager",
    "minister",
    "secretary",
    "chief",
    "ringleader",
    "leader",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coordinator",
    "chairman",
    "president",
    "governor",
    "commander",
    "head",
    "prosecutor",
    "gangmaster",
    "commissioner",
    "ambassador",
    "slaves",
    "victims",
    "survivors",
}
SPEECH_VERBS = {"say", "tell", "add", "explain", "note", "write", "insist", "claim", "confirm", "deny", "recall"}


BLESSINGS_AFTER_NAMES = {"ra", "r.a.", "RA", "SAW", "saw", "s.a.w.", "SWT", "AS", "a.s."}


def _single_word_person_is_named(doc: Doc, entity: Entity) -> bool:
    """A one-word "person" the article never names in full needs a person's context somewhere:
    a title (Mr, Judge), an age, an apposition, a sentencing or arrest verb, or being the
    one who says something; otherwise it is the model's guess on a product, team or place."""
    if entity.title or entity.age is not None:
        return True
    if any(m.token_start in doc.user_data.get("_players", ()) for m in entity.mentions):
        return True  # "Tolivert 25 points": a box score names its players by surname
    if any(m.token_start in doc.user_data.get("_group_names", ()) for m in entity.mentions):
        return True  # "the couple, Budi and Sari,": the names of the people counted
    if any(t.text in BLESSINGS_AFTER_NAMES for m in entity.mentions for t in doc[m.token_start + 1 : m.token_end + 1]):
        return True  # "Aisyah ra", "Umar r.a.": a blessing Muslim writers put after a name
    subjects = [
        m
        for m in entity.mentions
        if doc[m.token_start].ent_type_ == "PERSON"
        and doc[m.token_start].dep_ in {"nsubj", "nsubjpass"}
        and doc[m.token_start].head.pos_ in {"VERB", "AUX"}
        and (m.token_start == 0 or doc[m.token_start - 1].lower_ not in {"the", "a", "an"})
    ]
    determined = any(
        t.lower_ in {"the", "a", "an"} for m in entity.mentions for t in doc[max(0, m.token_start - 3) : m.token_start]
    )  # "the merged Gannett", "the \u201cnew Gannett\u201d": a firm or a thing, whatever the model says
    if len({m.sent_start for m in subjects}) >= 2 and not determined:
        return True  # the subject of two sentences, tagged a person both times: "Warren said ... Warren was"
    for mention in entity.mentions:
        span = doc[mention.token_start : mention.token_end]
        if span.start > 0 and doc[span.start - 1].lower_ in {"the", "a", "an", "this", "that"}:
            continue  # "the Taliban said", "the Bill": people take no article
        if _looks_like_person(doc, span):
            return True
        if ONLY_NAME_BEFORE.search(doc.text[max(0, span.start_char - 60) : span.start_char]):
            return True  # "identified only as Sutrisno": all the name the text gives
        if _renamed_in_quotes(doc, span):
            return True  # '"Sreyneang" (not her real name)'
        if span.start > 0 and doc[span.start - 1].is_lower and doc[span.start - 1].lower_ in ROLE_NOUNS:
            return True  # "Brazil star Neymar", "rapper Dele": an occupation before the one name
        root = span.root
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_VERBS | SUSPECT_VERBS:
            return True
        if (
            span.start > 2
            and doc[span.start - 1].lower_ == "and"
            and doc[span.start - 2].ent_type_ == "PERSON"
            and doc[span.start - 3].ent_type_ == "PERSON"
            and any(t.lemma_ in SUSPECT_VERBS or t.lower_ in {"years", "months"} for t in span.sent)
        ):
            return True  # "Markus Leba and Agustina got seven years": named alongside a defendant
    return False


PLACE_NEIGHBOURS = PLACE_PREPOSITIONS | {
    "of",
    "to",
    "via",
    "through",
    "and",
    "or",
    ",",
    "between",
    "inside",
    "throughout",
    "within",
    "toward",
    "towards",
    "across",
    "in",
    "against",
    "like",
    "visiting",
    "including",
    "south",
    "north",
    "east",
    "west",
    "central",
}
# "a Georgia man", "the former Massachusetts governor": a place used before who is from it
PLACE_BEFORE_PERSON = re.compile(
    r"^(?:-based\b|[ \t]+(?:islands?|man|woman|men|women|boy|girl|resident|residents|native|governor|senator|"
    r"mayor|police|official|officials|authorities|court|state|province|man's|woman's)\b|,[ \t]+[A-Z]{2}\b)"
)


def _where_places_stand(doc: Doc, ent: Span) -> bool:
    """A one-word place the gazetteer does not know needs a place's position: after a
    preposition or in a list ("in Dobo", "Kupang and Dobo"), before ", <known place>" or
    a designator ("Hanley, Stoke-on-Trent", "Dobo district"), or opening a dateline."""
    if ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_NEIGHBOURS:
        return True
    if ent.start == 0 or doc[ent.start - 1].text.startswith("\n") or ent.start in doc.user_data.get("_sure_places", ()):
        return True
    after = doc_text(doc)[ent.end_char : ent.end_char + 30]
    return (
        _followed_by_known_place(doc, ent)
        or bool(PLACE_DESIGNATOR_AFTER.match(after))
        or bool(PLACE_BEFORE_PERSON.match(after))
        or after.startswith(("'s", "\u2019s"))
    )


ONLY_PLACES_AFTER = {"in", "near", "through", "inside", "outside"}


def _where_only_places_stand(doc: Doc, ent: Span) -> bool:
    """After "in", "near", "through" (or "at" after a noun: "the border at"), or after "and"
    following a name that stands there, a name is a place even when it is made of personal
    names ("at Tan Thanh", "in Garut and Sumber Jaya"); not before a possessive ("in Sok
    Dara's house") and not as a clause's subject ("in Kandal and Sok Dara said")."""
    if (
        ent.start == 0
        or ent[-1].text in {"'s", "\u2019s"}
        or doc_text(doc)[ent.end_char : ent.end_char + 2] in {"'s", "\u2019s"}
    ):
        return False
    before = doc[ent.start - 1]
    if before.lower_ == "and":
        if ent.root.dep_ in {"nsubj", "nsubjpass"} or ent.end < len(doc) and doc[ent.end].pos_ in {"VERB", "AUX"}:
            return False
        listed = next((e for e in current_ents(doc) if e.end == ent.start - 1), None)
        return (
            listed is not None
            and listed.label_ in {"GPE", "LOC", "PERSON", "ORG"}
            and _right_after_place_word(doc, listed)
        )
    return _right_after_place_word(doc, ent)


INQUIRY_NOUNS = {"inquiry", "enquiry", "investigation", "probe", "look", "research", "audit", "review", "insight"}


def _inquiry_into(doc: Doc, ent: Span) -> bool:
    """ "an inquiry into Joe Biden", "a probe into Lena Morris": after "into", the one looked
    into, not a place one goes into."""
    return ent.start > 1 and doc[ent.start - 1].lower_ == "into" and doc[ent.start - 2].lemma_ in INQUIRY_NOUNS


def _right_after_place_word(doc: Doc, ent: Span) -> bool:
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.lower_ == "at":
        return ent.start > 1 and doc[ent.start - 2].pos_ in {"NOUN", "PROPN"}
    return before is not None and before.lower_ in ONLY_PLACES_AFTER


def _after_place_preposition(doc: Doc, i: int) -> bool:
    """The entity holding token i follows "in", "from", "near"...: the first of a list of places."""
    left = next((e for e in current_ents(doc) if e.start <= i < e.end), None)
    return left is not None and left.start > 0 and doc[left.start - 1].lower_ in PLACE_PREPOSITIONS


def _followed_by_known_place(doc: Doc, ent: Span) -> bool:
    """ ", Texas" after the name: a town named with its state or province."""
    return (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == ","
        and doc[ent.end + 1].ent_type_ in {"GPE", "LOC"}
        and bool(doc[ent.end + 1].ent_kb_id_)
    )


LISTED_BEFORE = re.compile(r"(?:^|[ \t(])([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2}),[ \t]+\Z")
DESIGNATED_PLACE = re.compile(
    r"\b(?:([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})(?:,?[ \t]+and|,)[ \t]+)?"
    r"((?:St[aoe]\.[ \t]+)?[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})[ \t]+(?:villages?|communes?|districts?|sub-districts?|subdistricts?|"
    r"townships?|regency|regencies|provinces?|municipality|island|hamlets?|wards?|area|towns?|city|states|regions|"
    r"counties|county|prefectures?|parishes)\b"
)
PLACE_OF_BEFORE = re.compile(
    r"\b(?:town|city|village|province|district|municipality|commune|island|region|"
    r"state|township|hamlet)\s+of\s+$",
    re.I,
)

# A legislator's seat: "the senator representing Yobe East", "MP for Bolton West" (a lawyer
# representing someone represents a person)
CONSTITUENCY_BEFORE = re.compile(
    r"\b(?:[Ss]enator|[Ss]en\.|[Rr]epresentative|[Rr]ep\.|MP|[Ll]awmaker|[Ll]egislator|[Cc]ongress(?:wo)?man|"
    r"[Aa]ssembly(?:wo)?man|[Cc]ouncill?or)\s+representing\s+(?:the\s+)?$|\bMP\s+for\s+$"
)


# Where a defendant lives, in court reports: "Jones, 52, of Walsall, was jailed", "Tays, 32, of
# Franklin, on charges", "Jane Hill, of Hanley, and ...".
RESIDENCE = re.compile(
    r"(?<=[\w.])(?:(,?[ \t]+(?:aged[ \t]+)?\d{1,3},)|,)[ \t]+of[ \t]+([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})"
    r"(?=[ \t]*(?:[,.;)]|$)|[ \t]+(?:and|was|were|who|is|are|has|had|pleaded|appeared|admitted|denies|denied)\b)"
)


def _residence_places(doc: Doc) -> list[Span]:
    """The town after a person's name and age ("Jones, 52, of Walsall") is a place, whatever
    the model made of it; not an organisation ("Phil Robertson, of Human Rights Watch")."""
    ents = current_ents(doc)
    extra = []
    text = doc_text(doc)
    for match in RESIDENCE.finditer(text):
        span = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
        if span is None or span.start < 2:
            continue
        aged = match.group(1) is not None  # "Jones, 52, of Walsall": the model often calls Walsall a person
        named_before = re.search(r"\b[A-Z][\w'.-]*$", text[max(0, match.start() - 40) : match.start()])
        person_before = any(e.label_ == "PERSON" and e.end_char == match.start() for e in ents)
        if (
            not (person_before or (aged and named_before))
            or any(t.ent_kb_id_ and t.ent_type_ not in {"GPE", "LOC"} for t in span)
            or INSTITUTION_HEAD.search(span.text)
            or agency_kind_for(span.text) != "other"  # "Rachel Moody, of Staffordshire Police"
            or FACILITY_TAIL.search(span.text)  # "of Bloxwich Road": a street
            or any(w.casefold() in ORG_WORDS for w in span.text.split())
            or (not aged and any(t.ent_type_ == "PERSON" for t in span))
            or any(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in span[:1])
        ):
            continue
        if any(t.ent_kb_id_ for t in span):
            continue  # a known place already marked
        extra.append(_sure_place(doc, span))
    return _preferring(extra, ents)


# A place the text describes as one: "Ou Trapeang, a village of 400 families", "Kouk Sla, a
# remote border town near ..."; not "Sok Dara, a village chief" (a post follows the noun).
APPOSITION_PLACE = re.compile(
    r",[ \t]+(?:a|the)[ \t]+(?:[a-z-]+[ \t]+){0,2}?"
    r"(?:village|commune|district|sub-district|subdistrict|township|town|city|province|island|hamlet|"
    r"municipality|regency|barangay)(?=[ \t]*[,.;:)]|[ \t]+(?:in|of|on|near|located|about|some|where|that|which|"
    r"north|south|east|west|outside|close|just|across|along|bordering|around|known|famous|home)\b)"
)
NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(]))((?:[A-Z][\w'-]+[ \t]+){0,2}[A-Z][\w'-]+)\Z")
# The place a local post is of: "the former Deputy Regent of North Buton", "the governor of Tak".
POST_OF_PLACE = re.compile(
    r"\b(?:[Rr]egent|[Gg]overnor|[Mm]ayor|[Bb]upati|[Ww]alikota|[Cc]hief [Mm]inister|[Vv]illage [Cc]hief|"
    r"[Cc]ommune [Cc]hief|[Dd]istrict [Cc]hief)[ \t]+of[ \t]+((?:[A-Z][\w'-]+[ \t]+){0,2}[A-Z][\w'-]+)"
)


def _described_places(doc: Doc) -> list[Span]:
    """A name the text calls a village, town or district in apposition, or whose governor,
    mayor or regent someone is, is a place, whatever the model made of it (often a person:
    "Ou" is a Khmer family name)."""
    ents = current_ents(doc)
    text = doc_text(doc)
    extra = []
    named = [NAME_BEFORE.search(text, max(0, m.start() - 60), m.start()) for m in APPOSITION_PLACE.finditer(text)]
    for match in [*filter(None, named), *POST_OF_PLACE.finditer(text)]:
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        while span is not None and len(span) > 1 and span[0].text in LEADING_FUNCTION_WORDS | {"Near", "Outside"}:
            span = span[1:]  # "In Ou Trapeang, a village ..."
        if (
            span is None
            or any(t.ent_kb_id_ for t in span)
            or INSTITUTION_HEAD.search(span.text)
            or any(w.casefold() in ORG_WORDS for w in span.text.split())
            or span[0].is_stop
        ):
            continue
        extra.append(_sure_place(doc, span))
    return _preferring(extra, ents)


# Local designators written before a place's name, in lower case in English copy ("tambon Nong
# Prue", "kecamatan Praya", "sangkat Buon"), or capitalised ("Kabupaten Lombok Tengah"); "Khan"
# (also a family name) only after a possessive or a place preposition ("Phnom Penh's Khan Mean Chey").
LOCAL_DESIGNATOR_BEFORE = re.compile(
    r"(?:\b(?:[Tt]ambon|[Aa]mphoe|[Aa]mphur|[Kk]abupaten|[Kk]ecamatan|[Kk]elurahan|[Dd]esa|[Ss]angkat|[Bb]arangay|Brgy\.|"
    r"[Ss]rok|[Kk]hum|[Hh]uyen|[Pp]huong)|(?:'s|\u2019s|\b(?:in|at|from|of|to|near))[ \t]+Khan|\bkhan)"
    r"[ \t]+((?:[A-Z][\w'\u2019-]+)(?:[ \t]+[A-Z][\w'\u2019-]+){0,3})"
)


def _locally_designated_places(doc: Doc) -> list[Span]:
    """The name after a local designator is a place, whatever the model made of it: a
    person ("tambon Mae Pa"), nothing ("kecamatan Cibeber"), or the designator with it."""
    ents = current_ents(doc)
    extra, designators = [], set()
    for match in LOCAL_DESIGNATOR_BEFORE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is None or any(w.casefold() in ORG_WORDS | NOT_PERSON_TAIL for w in span.text.split()):
            continue  # "Barangay San Isidro Health Center": an institution of the place
        if any(t.ent_kb_id_ and t.ent_type_ not in PLACE_LABELS for t in span):
            continue  # a known agency's name follows
        known = next((e for e in ents if e.start == span.start and e.end == span.end and e.kb_id_), None)
        if known is not None:
            _sure_place(doc, known)  # the gazetteer's place already: keep its span
        else:  # also over a shorter known place inside: "Kabupaten Lombok Tengah" is not "Lombok"
            extra.append(_sure_place(doc, span))
        designators.add(span.start - 1)
    # the model's span over the designator and the name ("Khan Kamboul") gives way, and so
    # does the designator left alone when the gazetteer took the name
    kept = [e for e in ents if not (e.end == e.start + 1 and e.start in designators)]
    if not extra:
        return kept
    taken = {i for span in extra for i in range(span.start, span.end)}
    return filter_spans(extra + [e for e in kept if not any(i in taken for i in range(e.start, e.end))])


def _designated_places(doc: Doc) -> list[Span]:
    """ "Trapeang Thma village", "Nam Can district": the words before a lower-case place
    designator are one place, even where the model tagged one word or none."""
    ents = current_ents(doc)
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    extra = []
    text = doc_text(doc)
    for match in DESIGNATED_PLACE.finditer(text):
        pieces = [match.span(g) for g in (1, 2) if match.group(g) is not None]
        plural = match.group(1) is not None and text[match.end() - 1] == "s"
        while plural and (more := LISTED_BEFORE.search(text, 0, pieces[0][0])) is not None:
            pieces.insert(0, more.span(1))  # "Batheay, Cheung Prey and Prey Chhor districts": all three
        for group, (piece_start, piece_end) in enumerate(pieces, start=3 - len(pieces)):
            span = doc.char_span(piece_start, piece_end, alignment_mode="contract")
            if span is None or any(t.ent_kb_id_ for t in span) or span.text.casefold() in DEMONYMS - STATE_PEOPLES:
                continue  # "Arab states": a people, not a place ("Mon and Kayin states" are places)
            if any(t.is_sent_start and t.pos_ != "PROPN" for t in span) or any(
                taken.get(i) is not None
                and (
                    (taken[i].label_ == "ORG" and not (plural and len(taken[i]) <= 3 and not taken[i].kb_id_))
                    or taken[i].label_ == "PERSON"
                    and group == 2
                    and _looks_like_person(doc, taken[i])
                )
                for i in range(span.start, span.end)
            ):
                continue  # "Police district", or the words belong to an organisation or a real person
            people = span.text.casefold() in STATE_PEOPLES  # "Mon state": the place, though also a people
            sure = people or plural  # listed before "counties", "districts": places, whatever names they are made of
            extra.append(_sure_place(doc, span) if sure else Span(doc, span.start, span.end, label="GPE"))
    if not extra:
        return ents
    covered = {i for span in extra for i in range(span.start, span.end)}
    return filter_spans(extra + [e for e in ents if not covered & set(range(e.start, e.end))])


def _join_person_pieces(doc: Doc) -> list[Span]:
    """One name the model cut in two: "Minister Datuk Seri Saifuddin Nasution" + "Ismail",
    "Datuk Seri Mohd Shuhaily" + "Mohd Zain" (two person spans touching on one line), or a
    bare title "Sr. Comr" tagged as the person with the name after it guessed as places."""
    ents = current_ents(doc)
    result: list[Span] = []
    after_title = False  # the last span grew from a bare title: its name may still run on
    for ent in ents:
        prev = result[-1] if result else None
        bare_title = prev is not None and (all(is_title_word(w) for w in prev.text.split()) or after_title)
        touching = (
            prev is not None
            and (
                ent.start == prev.end
                or bare_title
                and ent.start == prev.end + 1
                and doc[prev.end].text == "."
                # "Maria Santos" + "dela" + "Rosa", "Pedro" + "de los" + "Reyes": a family name with its particle
                or 0 < ent.start - prev.end <= 2
                and all(t.text in NAME_PARTICLES and t.is_lower for t in doc[prev.end : ent.start])
                and doc[prev.end].text in SURNAME_PARTICLES
            )
        )
        if (
            touching
            and prev.label_ == "PERSON"
            and not ent.kb_id_
            and ent.label_ in {"PERSON", "GPE", "LOC", "ORG"}
            and "\n" not in doc[prev.start : ent.end].text
            and all(t.is_alpha and t.text[:1].isupper() for t in ent)
            and len(ent) <= 3
            and (ent.label_ == "PERSON" or bare_title)
        ):
            result[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            after_title = bare_title and ent.label_ != "PERSON"
            continue
        after_title = False
        result.append(ent)
    return result


# Vietnamese given names that are English stop words ("Mỹ" written "My"): the model ends the
# name before them ("Dang Thi" + "Hanh" as an organisation) or sees no name at all
VIETNAMESE_STOP_WORD_NAMES = {"My", "M\u1ef9"}
VIETNAMESE_STOP_WORD_NAME = re.compile(r"\b(?:Thi|Van|Th\u1ecb|V\u0103n)[ \t]+(?:My|M\u1ef9)[ \t]+[A-Z\u0110]")


def _vietnamese_names_with_stop_words(doc: Doc) -> list[Span]:
    """ "Vo Thi My Linh", "Dang Thi My Hanh": family name, middle name, the given name My (Mỹ)
    and the last name are one person."""
    ents = current_ents(doc)
    if not VIETNAMESE_STOP_WORD_NAME.search(doc_text(doc)):
        return ents
    toks = list(doc)
    extra = [
        Span(doc, j - 2, j + 2, label="PERSON")
        for j in range(2, len(toks) - 1)
        if toks[j].text in VIETNAMESE_STOP_WORD_NAMES
        and toks[j - 1].text in VIETNAMESE_MIDDLE_NAMES
        and toks[j - 2].is_alpha
        and toks[j - 2].is_title
        and toks[j + 1].is_alpha
        and toks[j + 1].is_title
        and not toks[j + 1].is_stop
        and not any(t.ent_kb_id_ for t in toks[j - 2 : j + 2])
    ]
    return _preferring(filter_spans(extra), ents)


# "the couple, Budi and Sari,", "three drivers – Somchai, Prasert and Anan –": one-word names
# (Indonesian, Thai nicknames) set in apposition to the people the sentence counts
NAMED_GROUP = re.compile(
    r"\b(?:couple|pair|duo|brothers|sisters|siblings|twins|spouses|husband and wife|"
    r"(?:two|three|four|five|six)[ \t]+(?:[a-z]+[ \t]+)?(?:men|women|drivers|brokers|suspects|defendants|"
    r"recruiters|accused|sisters|brothers|agents|traffickers))[ \t]*(?:,|\u2013|\u2014|:)[ \t]*"
    r"((?:[A-Z][a-z]+[ \t]*,[ \t]*){0,5}[A-Z][a-z]+,?[ \t]+and[ \t]+[A-Z][a-z]+)(?=[ \t]*(?:,|\u2013|\u2014|\(|\.|[ \t]+(?:were|was|to|for|who)\b))"
)


def _persons_named_after_a_group(doc: Doc) -> list[Span]:
    """The one-word names that follow "the couple," or "three drivers –" are the people counted,
    wherever the model saw nothing, a place or an organisation in them (not a known name)."""
    ents = current_ents(doc)
    extra = []
    for match in NAMED_GROUP.finditer(doc_text(doc)):
        for word in re.finditer(r"[A-Z][a-z]+", match.group(1)):
            span = doc.char_span(match.start(1) + word.start(), match.start(1) + word.end())
            if span is not None and not span[0].ent_kb_id_ and not span[0].is_stop:
                extra.append(Span(doc, span.start, span.end, label="PERSON"))
                doc.user_data.setdefault("_group_names", set()).add(span.start)
    return _preferring(extra, ents)


CREDIT_CUE = re.compile(
    r"(?:^|\n)[ \t]*By[ \t]+|\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Rr]eport|[Ff]ilming)[ \t]+(?:by|from)[ \t]+"
    r"|[(;][ \t]*[Pp]hoto(?:graph)?s?[ \t]+by[ \t]+(?:[\w.-]+/)?"
    # labelled credit lines: "Reporter: Andi Firmansyah", "Editor: ...", "Photo: Hagar / Pich Sotheary",
    # and a desk's initials before a photographer: "KT/Chea Vichet"
    r"|(?:^|\n)[ \t]*(?:(?:Reporters?|Editors?|Writer|Written[ \t]+by|Translated[ \t]+by|Translator|Text|"
    r"Photo(?:grapher|graph)?s?|Pictures?|Images?)[ \t]*:[ \t]*(?:[^\n/:]{1,40}/[ \t]*)?|[A-Z]{2,5}[ \t]*/[ \t]*)"
)
CREDIT_NAME = re.compile(r"(?:[A-Z][\w'-]*\.?|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w'-]*\.?|de|da|van|bin|binti)){1,4}")
BYLINE_LINE = (
    re.compile(  # "Ou Sokhom / Khmer Times", "Wassana Kaewmanee, Bangkok Post", "X Legal affairs correspondent"
        r"(?m)^[ \t]*(?:By[ \t]+)?((?:[A-Z][\w'-]+)(?:[ \t]+[A-Z][\w'-]+){1,3}?)"
        r"(?=[ \t]*(?:/|,|\|)[ \t]*[A-Z][^\n]{0,40}$|[ \t]+(?:[A-Z][a-z]+[ \t]+)?(?:[a-z]+[ \t]+)?"
        r"(?:correspondent|reporter|editor|writer)[ \t]*$)"
    )
)


OUTLET_THEN_NAME_LINE = re.compile(  # "ANTARA | HENDRA WIBOWO", "Khmer Times / Sok Dara": outlet first, then the writer
    r"(?m)^[ \t]*[A-Z][\w.&-]{1,20}(?:[ \t]+[A-Z][\w.&-]{1,20}){0,2}[ \t]*[|/][ \t]*((?:[A-Z][\w'-]+)(?:[ \t]+[A-Z][\w'-]+){1,3})[ \t]*$"
)


def _credit_persons(doc: Doc) -> list[Span]:
    """Bylines and credits name people: "By Hong Raksmey and Niem Chheng", "(Reporting by
    Panu Wongcha-um; Editing by Martin Petty)", "With a report from Delfin T. Mallari Jr.",
    and a byline line "Name / Outlet" or "Name Legal affairs correspondent"."""
    ents = current_ents(doc)
    text = doc_text(doc)
    found = []
    places_after_comma = []  # "By Phil McCann, BBC News, West Midlands": the desk's region, no person
    for cue in CREDIT_CUE.finditer(text):
        position = cue.end()
        after_comma = False
        while (name := CREDIT_NAME.match(text, position)) is not None:
            found.append((name.start(), name.end()))
            if after_comma:
                places_after_comma.append((name.start(), name.end()))
            joined = re.match(r"(?:,[ \t]*|[ \t]+and[ \t]+)", text[name.end() :])
            if not joined:
                break
            after_comma = joined.group(0).startswith(",")
            position = name.end() + joined.end()
    labelled = set(found)  # after a credit's cue: a name even in capitals ("Photo by KHEM VIBOL / AFP")
    found += [m.span(1) for m in BYLINE_LINE.finditer(text)]
    labelled |= {m.span(1) for m in OUTLET_THEN_NAME_LINE.finditer(text)}
    found += sorted(labelled - set(found))
    extra = []
    for start, end in found:
        span = doc.char_span(start, end, alignment_mode="contract")
        if (
            span is None
            or any(t.ent_kb_id_ for t in span)
            or any(w.casefold() in ORG_WORDS | NOT_PERSON_TAIL for w in span.text.split())
            or not all(t.is_alpha or t.text in {".", "-"} or "-" in t.text or t.text.endswith(".") for t in span)
        ):
            continue  # an outlet ("By The Irrawaddy") or a known agency, not a person
        if span.text.split()[0] in {"The", "A", "An", "Staff", "Our"}:
            continue
        if (start, end) in places_after_comma and any(t.ent_type_ in {"GPE", "LOC"} for t in span):
            continue
        extra.append(Span(doc, span.start, span.end, label="PERSON"))
        if (start, end) in labelled:  # "ANTARA | HENDRA WIBOWO": capitals, still a name
            doc.user_data.setdefault("_credits", set()).add(span.start)
    return _preferring(extra, ents)


DATELINE = re.compile(  # "DOBO, Indonesia (AFP) —", "COLUMBIA, S.C. (AP) —", "PATTAYA:", "HÀ TĨNH —"
    r"(?m)^[ \t]*([^\W\d_][^\W\d_'.-]*(?:[ \t'.-]+[^\W\d_]+){0,3})(?=(?:,[ \t]+[^\n]{1,30}?)?"
    r"(?:[ \t]*\([A-Za-z ]{2,25}\))?[ \t]*(?:[:\u2014\u2013]|--|-[ \t]))"
)


DATELINE_WITHIN = 600  # characters: after a headline, a byline and a photo credit at most


def _dateline_places(doc: Doc) -> list[Span]:
    """The all-capitals town opening a wire story's first line is a place, known or not."""
    ents = current_ents(doc)
    extra = []
    text = doc_text(doc)
    for match in filter(None, [DATELINE.search(text[:DATELINE_WITHIN])]):  # one dateline, near the top
        name = match.group(1)
        if (
            not name.isupper()
            or len(name) < 3
            or name.casefold() in JUNK
            or re.search(r"\.\w", name)
            or text.count("\n" + name.split()[0] + " ") > 1
        ):
            continue  # "DEAR ABBY:" opens every letter of an advice column
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is None or any(t.ent_kb_id_ and t.ent_type_ not in {"GPE", "LOC"} for t in span):
            continue
        if any(t.ent_kb_id_ for t in span):
            continue  # a known place already marked
        extra.append(_sure_place(doc, span))
    return _preferring(extra, ents)


# A US town written with its state's postal code: "Gladstone, NJ;", "in Elkton, MD, on ...".
TOWN_STATE_CODE = re.compile(
    r"\b([A-Z][a-z][\w'-]*(?:[ \t]+[A-Z][a-z][\w'-]*){0,2}),[ \t]+([A-Z]{2})(?=[ \t]*(?:[;,.)]|$)|[ \t]+\d)", re.M
)


def _towns_with_state_codes(doc: Doc) -> list[Span]:
    """ "Gladstone, NJ", "Elkton, MD": the town and the state its postal code names are
    places, whatever the model made of either (a product, an organisation)."""
    ents = current_ents(doc)
    extra = []
    for match in TOWN_STATE_CODE.finditer(doc_text(doc)):
        if match.group(2) not in US_STATE_CODES:
            continue
        town = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        code = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
        if town is None or code is None or any(t.ent_kb_id_ and t.ent_type_ not in PLACE_LABELS for t in town):
            continue
        if town[0].is_sent_start and town[0].pos_ != "PROPN" or any(t.ent_type_ == "PERSON" for t in town):
            continue  # "Thanks, MD": a word; "Jane Cole, MD": a doctor
        if LEGAL_FORM.search(town.text) or any(w.casefold() in ORG_WORDS for w in town.text.split()):
            continue  # "Acme Corp, NY": a firm and its state
        extra += [_sure_place(doc, town), _sure_place(doc, code)]
    return _preferring(extra, ents)


def _in_capitals_line(doc: Doc, ent: Span) -> bool:
    """A headline or crosshead in capitals ("SCORES QUARANTINED", "WHO IS THE FRONT-RUNNER?"):
    its words are shouted, not names (an acronym or a gazetteer name is still one)."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    line = text[start : end if end >= 0 else len(text)]
    words = re.findall(r"[^\W\d_]+", line)
    return len(words) >= 2 and all(w.isupper() for w in words) and not (len(ent) == 1 and len(ent[0]) <= 5)


SOURCE_CUE = re.compile(  # "according to the Intelligencer", "told Polygraph.info", "Main image credit: Getty"
    r"(?:\b(?:[Aa]ccording to(?: a report in)?|a report (?:in|by)|published by|reported by|courtesy of|told|tells|"
    r"via|(?P<findings>confirmed to|(?:an? |new )?(?:analysis|survey|poll|report|study) (?:from|by)))[ \t]+(the[ \t]+)?|"
    r"\b(?:[Cc]redit|[Pp]hoto|[Ss]ource)s?:[ \t]*(the[ \t]+)?)"
    r"([A-Z][\w&'\u2019-]*(?:\.[a-z]{2,4})?(?:[ \t]+[A-Z][\w&'\u2019-]*){0,3})"
)


# An outlet as the subject of "reported" at a sentence's start or after "the": "Rolling
# Stone reported", "the Valley Courier first reported" (two words at least: one is a guess).
REPORTED_BY = re.compile(
    r"(?:(?<=^)|(?<=[.!?\n][ \t])|(?<=\n)|(?<=\b[Tt]he[ \t]))(?!The\b)"
    r"([A-Z][\w&'\u2019-]*(?:[ \t]+[A-Z][\w&'\u2019-]*){1,3})[ \t]+(?:first[ \t]+)?reported\b",
    re.M,
)
# An outlet's web name opening the dateline: "TEMPO.CO, Batam -", "Kompas.com, Jakarta -".
DATELINE_OUTLET = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z]+\.(?i:co|com|net|org)(?:\.[a-zA-Z]{2})?)(?=,[ \t]+[A-Z])")


# The outlet in brackets after a dateline's place: "HONOLULU, Hawaii (KHNL News) -",
# "Hong Kong (CNN Business) Markets fell ...".
DATELINE_CREDIT = re.compile(
    r"(?m)^[ \t]*[^\W\d_][^\n(]{1,40}?[ \t]\(([A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){0,3})\)"
    r"(?=[ \t]*(?:[:\u2014\u2013]|--|-[ \t])|[ \t]+[A-Z])"
)


def _after_town_of_outlet(span: Span) -> int:
    """Where an outlet's own words start after the town it is named for ("the Sioux Falls
    Argus Leader", "the Tampa Bay Times"): 0 when the span does not open with a place."""
    town = 0
    while town < len(span) and span[town].ent_type_ == "GPE":
        town += 1
    return town if 0 < town < len(span) and all(t.is_title and not t.ent_type_ for t in span[town:]) else 0


def _source_agencies(doc: Doc) -> list[Span]:
    """Who a report is credited to is an outlet or an organisation: "according to the X",
    "told X", "published by X", "credit: X". A person the model found there stays a person
    (people take no article, so after "the" it is the outlet); places stay places."""
    ents = current_ents(doc)
    extra = []
    for match in SOURCE_CUE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(4), match.end(4), alignment_mode="contract")
        unknown_place_ok = bool(match.group("findings"))  # "analysis from Poynter" the model took for a town
        article = bool(match.group(2) or match.group(3))
        own = _after_town_of_outlet(span) if span is not None and article else 0  # "the Sioux Falls Argus Leader"
        if span is None or any(
            t.ent_kb_id_ or t.ent_type_ in {"LOC", "NORP"} or t.ent_type_ == "GPE" and not unknown_place_ok
            for t in span[own:]
        ):
            continue
        findings_from = bool(match.group("findings")) and match.group("findings").rstrip().endswith("from")
        if (
            not article
            and not (findings_from and len(span) > 1)  # "a new survey from Piper Jaffray": people write, firms survey
            and (
                any(t.ent_type_ == "PERSON" for t in span)
                or _starts_with_given_name(span.text)
                or is_name_part(span[0].text)
            )
        ):
            continue
        if span.text.casefold() in JUNK or all(is_title_word(t.text) for t in span) or span[0].is_stop:
            continue
        if (
            span.end < len(doc)
            and doc[span.end].ent_type_ == "ORG"
            and doc[span.end].lower_ in {"for", "of", "on", "and", "&"}
        ):
            continue  # "according to the Institute for Criminal Justice Reform": the model's longer name
        extra.append(Span(doc, span.start, span.end, label="ORG"))
        doc.user_data.setdefault("_sources", set()).add(span.start)
    for match in REPORTED_BY.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if (
            span is None
            or any(t.ent_kb_id_ or t.ent_type_ in {"GPE", "LOC", "NORP", "PERSON"} for t in span)
            or _starts_with_given_name(span.text)
            or is_name_part(span[0].text)
            or any(is_title_word(t.text) or t.is_stop for t in span)
        ):
            continue  # "Smith reported", "Police reported": a person or a word
        extra.append(Span(doc, span.start, span.end, label="ORG"))
        doc.user_data.setdefault("_sources", set()).add(span.start)
    for match in filter(None, [DATELINE_CREDIT.search(doc_text(doc)[:DATELINE_WITHIN])]):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and not any(t.ent_kb_id_ or t.ent_type_ in {"GPE", "LOC", "PERSON"} for t in span):
            extra.append(Span(doc, span.start, span.end, label="ORG"))
            doc.user_data.setdefault("_sources", set()).add(span.start)
    for match in DATELINE_OUTLET.finditer(doc_text(doc)[:DATELINE_WITHIN]):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None:
            extra.append(Span(doc, span.start, span.end, label="ORG"))
            doc.user_data.setdefault("_sources", set()).add(span.start)
    return _preferring(extra, ents)


# The posts a sports team's name stands before: "Sabres center Casey Mittelstadt", "Steelers
# defensive captain Cam Heyward", "Browns pass rusher Myles Garrett", "Wild coach Bruce Boudreau".
TEAM_POSTS = {
    "quarterback", "linebacker", "receiver", "center", "centre", "striker", "goalkeeper", "keeper",
    "midfielder", "defender", "forward", "winger", "pitcher", "shortstop", "outfielder", "coach", "captain",
    "rusher", "cornerback", "safety", "tackle", "guard", "goaltender", "goalie", "defenseman",
    "end", "lineman", "kicker", "punter", "catcher", "infielder", "reliever", "batter", "fullback",
}  # fmt: skip
# Two-word posts only a sports team or a school's athletics have: "Vanderbilt athletic director
# Malcolm Turner" (the head alone, "director", is any body's).
SPORTS_ONLY_POSTS = {
    ("athletic", "director"),
    ("athletics", "director"),
    ("offensive", "coordinator"),
    ("defensive", "coordinator"),
}
TEAM_POST_HEADS = {head for _, head in SPORTS_ONLY_POSTS}
# A club's name: "Real Madrid", "Athletic Bilbao", "Manchester United", "Tottenham Hotspur" (the
# town in it is no place here).
CLUB_BEFORE_TOWN = re.compile(r"^(?:Real|Athletic|Atl[eé]tico|Sporting|Dynamo|Dinamo|Olympique|Borussia|Inter|Bayern)$")
CLUB_AFTER_TOWN = re.compile(r"^(?:United|Hotspur|Rovers|Wanderers|Albion)$")
# What each of _team_names' token walks needs somewhere in the text; most articles have none,
# and a search of the text costs far less than a walk of its tokens.
TEAM_POST_BEFORE_NAME = re.compile(rf"\b(?:{'|'.join(sorted(TEAM_POSTS | TEAM_POST_HEADS))})\s+[A-Z]")
CLUB_WORD = re.compile(
    r"\b(?:Real|Athletic|Atl[eé]tico|Sporting|Dynamo|Dinamo|Olympique|Borussia|Inter|Bayern"
    r"|United|Hotspur|Rovers|Wanderers|Albion)\b"
)


TEAM_RECORD = re.compile(r"\(\d{1,2}-\d{1,2}(?:-\d{1,2})?(?:,\s*\d{1,2}-\d{1,2}(?:-\d{1,2})?)?\)")


def _team_pairing(ent: Span, teams: set[str]) -> bool:
    """ "Browns-Steelers": two teams the article names, joined by a hyphen for their game."""
    parts = [p.strip() for p in ent.text.split("-")]
    return len(parts) == 2 and all(p in teams for p in parts)


# A result with its score: "Eastern Michigan rolled past Northern Illinois, 45-17", "Duke beat
# Virginia 72-60": the two names are teams (a college's, a town's), not places.
_SCORED = (
    r"(?<![\w.])((?:[A-Z][\w.'-]*[ \t]+){0,2}[A-Z][\w'-]*)[ \t]+"
    r"(?:beat|defeated|routed|downed|edged|topped|blanked|stunned|upset|outlasted|thrashed|crushed|"
    r"rolled[ \t]+past|held[ \t]+off|cruised[ \t]+past|edged[ \t]+past)[ \t]+(?:the[ \t]+)?"
    r"((?:[A-Z][\w.'-]*[ \t]+){0,2}[A-Z][\w'-]*),?[ \t]+\d{1,3}-\d{1,3}\b"
)
SCORED_RESULT = re.compile(_SCORED + r"(?![ \t]*\()")  # "7-6 (5)": a set's tie-break, players
SCORED_MATCH = re.compile(_SCORED)  # a team's result or a player's


# A game's other side, a plural nickname after "the": "Monday night's loss to the Chiefs",
# "a win over the Ravens", "the game against the Sharks".
TEAM_PLAYED = re.compile(
    r"\b(?:loss|losses|win|wins|victory|defeat|game|games|rivalry|matchup|lost|beat|swept)[ \t]+"
    r"(?:(?:to|over|against|with)[ \t]+)?the[ \t]+([A-Z][a-z]+s)\b(?![ \t]+[A-Z])"
)


def _teams_played(doc: Doc) -> set[str]:
    """The nickname a game's report gives its opponent; not a people ("the Rohingyas") nor a
    name the gazetteer knows ("the Philippines")."""
    teams = set()
    for match in TEAM_PLAYED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if (
            span is not None
            and len(span) == 1
            and not span[0].ent_kb_id_
            and span[0].ent_type_ in {"", "ORG"}
            and span.text.casefold() not in DEMONYMS
            and span.text.casefold().rstrip("s") not in DEMONYMS
        ):
            teams.add(span.text)
    return teams


def _teams_around_a_score(doc: Doc) -> set[str]:
    """The winner and the loser of a scored result; not players ("Vasek Pospisil edged Reilly
    Opelka 7-6 (5)": a tennis set, and persons) nor a known country ("Wales beat Hungary 2-0":
    a national side, written as the place)."""
    teams = set()
    for match in SCORED_RESULT.finditer(doc_text(doc)):
        spans = [doc.char_span(match.start(g), match.end(g), alignment_mode="contract") for g in (1, 2)]
        if any(
            span is None
            or span[0].is_stop
            or any(t.ent_type_ == "PERSON" or t.ent_kb_id_ or is_title_word(t.text) for t in span)
            or _starts_with_given_name(span.text)
            for span in spans
        ):
            continue
        teams |= {span.text for span in spans}
    return teams


def _team_names(doc: Doc) -> list[Span]:
    """Sports teams: a name before a player's or coach's post and his name ("Sabres center
    Casey Mittelstadt") is the team, wherever the article writes it ("the Sabres"); a town
    with a club word ("Real Madrid", "Manchester United") is the club. The model takes them
    for persons, places or nothing."""
    ents = current_ents(doc)
    text = doc_text(doc)
    teams: set[str] = set()
    found: list[tuple[int, int]] = []
    for i, token in enumerate(doc if TEAM_POST_BEFORE_NAME.search(text) else ()):
        if token.lower_ not in TEAM_POSTS | TEAM_POST_HEADS or not token.is_lower or i + 1 >= len(doc):
            continue
        if token.lower_ not in TEAM_POSTS and (i == 0 or (doc[i - 1].lower_, token.lower_) not in SPORTS_ONLY_POSTS):
            continue
        if not (doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"):
            continue
        end = i - 1 if i > 0 and doc[i - 1].is_lower and doc[i - 1].is_alpha else i  # "defensive", "pass"
        sports_post = (doc[end].lower_, token.lower_) in SPORTS_ONLY_POSTS  # "athletic director": no other body's
        start = end
        while start > 0 and start > end - 3 and doc[start - 1].is_title and doc[start - 1].is_alpha:
            start -= 1
        if start == end or (start > 0 and doc[start - 1].text[:1].isupper()):
            continue
        words = doc[start:end]
        if (
            words[0].is_sent_start
            and not sports_post
            and not (len(words) > 1 and all(t.pos_ == "PROPN" for t in words))  # "Penn State quarterback ..."
            and not any(
                doc[i : i + len(words)].text == words.text and not doc[i].is_sent_start for i in range(len(doc))
            )
        ):
            continue  # "Former nightclub manager ...", "Their coach ...": a sentence's first word
        if words.text.casefold() in DEMONYMS or any(
            t.ent_type_ in {"GPE", "LOC"} or t.ent_kb_id_ or is_title_word(t.text) for t in words
        ):
            continue  # "Thai boxer", a town, a known name or a post stays what it is
        if any(e.text == words.text and _after_place_preposition(doc, e.start) for e in current_ents(doc)):
            continue  # "Pittsburgh center ..." where the article has "in Pittsburgh"
        teams.add(words.text)
    for i, token in enumerate(doc[1:-1] if TEAM_RECORD.search(text) else (), 1):
        if not (
            doc[i + 1].text == "(" and token.is_title and token.is_alpha and TEAM_RECORD.match(text, doc[i + 1].idx)
        ):
            continue  # "The Eagles (6-5, 3-4)": a won-lost record after the name
        start = i
        while start > 1 and i - start < 2 and doc[start - 1].is_title and not doc[start - 1].is_stop:
            start -= 1
        words = doc[start : i + 1]
        if doc[start - 1].lower_ == "the" and not any(
            t.ent_kb_id_ or t.ent_type_ in {"GPE", "LOC"} or is_title_word(t.text) for t in words
        ):
            teams.add(words.text)
    teams |= _teams_around_a_score(doc) | _teams_played(doc)
    for i, token in enumerate(doc[:-1] if CLUB_WORD.search(text) else ()):
        town, club = (doc[i + 1], token) if CLUB_BEFORE_TOWN.match(token.text) else (token, doc[i + 1])
        if (CLUB_BEFORE_TOWN.match(token.text) or CLUB_AFTER_TOWN.match(doc[i + 1].text)) and (
            town.is_title and town.ent_type_ in {"GPE", "LOC"} and club.is_title
        ):
            found.append((i, i + 2))
    clubs = len(found)  # a club's name wins over the model's spans; a team's only over its own
    for team in teams:
        size = len(team.split())
        found += [(i, i + size) for i in range(len(doc) - size + 1) if doc[i : i + size].text == team]
    extra = []
    for k, (start, end) in enumerate(found):
        if k >= clubs and any(
            e.start < end and e.end > start and (e.start < start or e.end > end) and not _team_pairing(e, teams)
            for e in ents
        ):
            continue  # inside a longer name the model found ("Browns DL Sheldon Richardson")
        extra.append(Span(doc, start, end, label="ORG"))
        doc.user_data.setdefault("_teams", set()).add(start)
    return _preferring(filter_spans(extra), ents)


PARTICLE_PLACE = re.compile(  # "Davao del Sur", "Lanao del Norte", "Stoke-on-Trent" (the model stops at the particle)
    r"\b[A-Z][a-z]+(?:[ \t]+(?:del|de|do)[ \t]+[A-Z][a-z]+|(?:-(?:on|upon|under|le|en|sur)-[A-Z][a-z]+))\b"
)
# "Sta. Rosa", "Sto. Tomas": Philippine towns after Santa/Santo, which the model takes for a
# person's first name ("Rosa") once the abbreviation is cut off
SAINT_PLACE = re.compile(r"\bSt[ao]\.[ \t]+[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+)?")


def _places_with_particles(doc: Doc) -> list[Span]:
    """A place name with a lower-case particle is one place, where the model took its first
    word for the place, or nothing; so is a town after "Sta." or "Sto."."""
    ents = current_ents(doc)
    extra = []
    text = doc_text(doc)
    for match in SAINT_PLACE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and not any(t.ent_kb_id_ and t.i != span.start for t in span):
            extra.append(_sure_place(doc, span))
    for match in PARTICLE_PLACE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or any(t.ent_type_ == "PERSON" or t.ent_kb_id_ and t.i != span.start for t in span):
            continue
        org = next((e for e in ents if e.label_ == "ORG" and e.start < span.end and span.start < e.end), None)
        if org is not None and not (
            (org.start, org.end) == (span.start, span.end)
            and span.start > 0
            and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS
        ):
            continue  # part of an organisation's name, unless the model took the place itself for one
        if doc[span.start].ent_type_ not in {"GPE", "LOC"} and not (
            span.start > 0 and (doc[span.start - 1].lower_ in PLACE_PREPOSITIONS | {"of", ","})
        ):
            continue  # "Jose de Leon": a name, unless it stands where places stand
        extra.append(_sure_place(doc, span))
    return _preferring(extra, ents)


def _note_owner_place(doc: Doc, ent: Span) -> None:
    """ "Vietnam's Ministry of Public Security" also names Vietnam: queue it as a place."""
    end = next((t.i for t in ent if t.text in {"'s", "\u2019s"}), None)
    if end is not None and end > ent.start:
        doc.user_data.setdefault("_embedded_places", []).append((ent.start, end, ""))


def _organisations(doc: Doc) -> list[Span]:
    """Institutions after a place as organisations; "Court of" + place joined."""
    return _join_court_of_place(doc, _institutions_as_organisations(current_ents(doc)))


def _organisations_again(doc: Doc) -> list[Span]:
    """A second pass on the joined spans: "Embassy of" + "Nepal" + "in Kuala Lumpur"."""
    return _join_court_of_place(doc, current_ents(doc))


# A capitalised name spelled out before its initials in brackets: "the Development and Education
# Programme for Daughters and Communities (DEPDC)", "Migrant Workers Rights Network (MWRN)".
SPELLED_OUT_ACRONYM = re.compile(
    r"\b((?:[A-Z][\w'-]+)(?:[ \t]+(?:[A-Z][\w'-]+|of|and|for|the|on|in|&)){1,11})[ \t]+\(([A-Z][A-Z0-9&-]{2,9})\)"
)


def _initials_fit(words: list[str], acronym: str) -> bool:
    """The acronym's letters are the capitalised words' initials, in order (small words and a
    hyphenated word's second part may add or drop a letter)."""
    initials = "".join(w[0] for w in words if w[0].isupper())
    letters = "".join(c for c in acronym if c.isalpha())
    if len(letters) == len(initials):
        return letters == initials
    rest = iter(letters)  # one letter more: a hyphenated word ("Anti-Trafficking") gives two
    return len(letters) == len(initials) + 1 and letters[0] == initials[0] and all(c in rest for c in initials)


def _spelled_out_organisations(doc: Doc) -> list[Span]:
    """A name written out before its own initials is an organisation's, though the model
    missed it or cut it at "and"; laws and programmes are turned away when typed."""
    ents = current_ents(doc)
    extra = []
    for match in SPELLED_OUT_ACRONYM.finditer(doc_text(doc)):
        words = match.group(1).split()
        while words and not _initials_fit(words, match.group(2)) and len(words) > 2:
            words = words[1:]  # "Officers of the Migrant Workers Rights Network (MWRN)": the name starts later
        while len(words) > 2 and not words[0][:1].isupper():
            words = words[1:]
        if not _initials_fit(words, match.group(2)) or words[-1] in {"of", "and", "for", "the", "on", "in", "&"}:
            continue
        start = (
            match.start(1) + match.group(1).rfind(" ".join(words))
            if len(words) < len(match.group(1).split())
            else match.start(1)
        )
        span = doc.char_span(start, match.end(1), alignment_mode="contract")
        if (
            span is None
            or span[0].lower_ in {"the", "a", "an"}
            or any(t.ent_type_ in {"PERSON", "GPE", "LOC"} and not t.ent_kb_id_ and len(span) <= 2 for t in span)
        ):
            continue
        if any(
            e.label_ == "ORG"
            and e.start < span.end
            and span.start < e.end
            and (e.end > span.end or e.start <= span.start)
            for e in ents
        ):
            continue  # the model has it already, or a longer name holding it
        if not (INSTITUTION_HEAD.search(span.text) or span[-1].lower_ in ORG_WORDS):
            continue  # "East Nusa Tenggara (NTT)", "Philippine Offshore Gaming Operator (POGO)": no body
        if re.match(r"[ \t]*\([^)]*\)[ \t]+[A-Z]", doc_text(doc)[span.end_char :]):
            continue  # "... Against Children (TICAC) Task Force": the name goes on after its initials
        extra.append(Span(doc, span.start, span.end, label="ORG"))
    return _preferring(extra, ents)


def _subject_persons(doc: Doc) -> list[Span]:
    return _repair_subject_persons(doc, current_ents(doc))


def _organisations_without_weekday(doc: Doc) -> list[Span]:
    """ "told the Harbor Courier Monday": the model runs the day into the name before it."""
    return [
        Span(doc, e.start, e.end - 1, label=e.label_, kb_id=e.kb_id_)
        if e.label_ in AGENCY_LABELS and len(e) > 1 and e[-1].text in WEEKDAY_NAMES
        else e
        for e in current_ents(doc)
    ]


KIND_NOUNS = {
    *("firm company startup start-up retailer chipmaker automaker carmaker broadcaster lender insurer".split()),
    *("carrier airline publisher manufacturer outlet website magazine newspaper".split()),
    *("developer studio maker brand supplier distributor provider conglomerate giant".split()),
}


def _owner_of_a_work_at(doc: Doc, start: int) -> Span | None:
    """ "indie developer Tequila Works' Gylt": the model's person span after a kind of
    organisation runs over a possessive; the words before it are the organisation."""
    ent = next((e for e in doc.ents if e.start == start and e.label_ == "PERSON"), None)
    if ent is None:
        return None
    mark = next((t.i for t in ent if t.text in {"'", "'s", "\u2019", "\u2019s"}), None)
    if mark is None or mark == start or not all(t.is_title for t in doc[start:mark]):
        return None
    return Span(doc, start, mark, label="ORG")


def _organisations_after_kind_nouns(doc: Doc) -> list[Span]:
    """ "research firm IDC", "the carrier Nordwind", "magazine Wired": an untagged name right
    after a lower-case noun for a kind of organisation is that organisation."""
    ents = current_ents(doc)
    tagged = {i for e in ents for i in range(e.start, e.end)}
    extra = []
    for token in doc[:-1]:
        opening = (
            token.is_sent_start and token.is_title and token.i + 1 < len(doc) and not doc[token.i + 1].is_sent_start
        )
        if not ((token.is_lower or opening) and token.lower_ in KIND_NOUNS):
            continue  # "research firm IDC", "Developer Valve called ..."
        start = end = token.i + 1
        while (
            end < len(doc)
            and end - start < 3
            and end not in tagged
            and not doc[end].is_sent_start
            and (doc[end].is_title or (doc[end].is_upper and len(doc[end]) >= 2))
            and doc[end].text.replace("-", "").isalnum()
            and not doc[end].is_stop
            and not is_title_word(doc[end].text)
            and doc[end].text not in WEEKDAY_NAMES | MONTHS
        ):
            end += 1
        if end > start and not _starts_with_given_name(doc[start:end].text) and not is_name_part(doc[start].text):
            extra.append(Span(doc, start, end, label="ORG"))
        elif end == start and (owner := _owner_of_a_work_at(doc, start)) is not None:
            extra.append(owner)
    text = doc_text(doc)
    for ent in ents:  # "CloudSimple, a startup that ...": what the model took for a product or a work
        if ent.label_ in {"PRODUCT", "WORK_OF_ART"} and ORG_APPOSITION.match(text[ent.end_char : ent.end_char + 80]):
            extra.append(Span(doc, ent.start, ent.end, label="ORG"))
    return _preferring(extra, ents)


_LIST_ITEM = r"[A-Z][\w&.'-]*(?:[ \t]+[A-Z][\w&.'-]*){0,2}"
# A run of three names or more between commas, the last after "and"/"or": "Blue Origin, Ceres
# Robotics, Sierra Nevada Corporation (SNC), SpaceX and Tyvak" (a bracketed short form allowed).
NAME_LIST = re.compile(
    rf"(?<![\w-])({_LIST_ITEM}(?:[ \t]+\([A-Z][\w&-]*\))?(?:,[ \t]+{_LIST_ITEM}(?:[ \t]+\([A-Z][\w&-]*\))?)+"
    rf"(?:,?[ \t]+(?:and|or)[ \t]+{_LIST_ITEM})?)"
)
NOT_IN_ORG_LISTS = {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "EVENT", "LAW", "CARDINAL", "MONEY"}


def _guessed_name_in_a_list(span: Span) -> bool:
    """ "Visa, Mastercard, Zelle and PayPal": one word no gazetteer or name lexicon knows, which
    the model guessed a person or a place."""
    return (
        len(span) == 1
        and span[0].ent_type_ in {"PERSON", "GPE", "LOC"}
        and not span[0].ent_kb_id_
        and not is_name_part(span.text)
    )


def _organisations_listed_with_organisations(doc: Doc) -> list[Span]:
    """ "the five companies — Blue Origin, Ceres Robotics, Sierra Nevada Corporation, SpaceX":
    an untagged name in a list whose other names are mostly organisations is one too, and so is
    one word no name lexicon knows that the model took for a person; a list holding a person,
    a place or a date is left alone."""
    ents = list(doc.ents)
    extra = []
    for match in NAME_LIST.finditer(doc_text(doc)):
        items = []
        for item in re.finditer(_LIST_ITEM, match.group(1)):
            span = doc.char_span(match.start(1) + item.start(), match.start(1) + item.end(), alignment_mode="contract")
            if span is not None and span[0].lower_ not in {"and", "or"}:
                items.append(span)
        kinds = [
            {""} if _guessed_name_in_a_list(span) else kinds
            for span, kinds in ((span, {t.ent_type_ for t in span}) for span in items)
        ]
        organisations = sum(kind == {"ORG"} for kind in kinds)
        untagged = [span for span, kind in zip(items, kinds) if kind == {""}]
        if (
            len(items) < 3
            or any(kind & NOT_IN_ORG_LISTS for kind in kinds)
            or organisations < 2
            or organisations < len(untagged)
        ):
            continue
        for span in untagged:
            if (
                span[0].is_stop
                or span[0].is_sent_start
                or any(is_title_word(t.text) or t.text in WEEKDAY_NAMES | MONTHS for t in span)
                or _starts_with_given_name(span.text)
            ):
                continue
            extra.append(Span(doc, span.start, span.end, label="ORG"))
    return _preferring(extra, ents)


def _full_names_before_surnames(doc: Doc) -> list[Span]:
    """ "Hours before Zach Parise's goal ... Parise scored": the model tags the later surname
    alone and leaves the full name untagged; a proper noun right before that surname, where
    nothing is tagged, is the given name."""
    ents = current_ents(doc)
    surnames = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1 and e[0].is_title and e[0].is_alpha}
    if not surnames:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    extra = []
    for token in doc[1:]:
        given = doc[token.i - 1]
        if (
            token.text in surnames
            and not taken & {token.i, given.i}
            and given.is_title
            and given.is_alpha
            and given.pos_ == "PROPN"
            and not given.is_stop
            and not is_title_word(given.text)
            and given.lower_ not in NOT_NAME_PARTS
            and given.text.casefold() not in DEMONYMS
        ):
            extra.append(Span(doc, given.i, token.i + 1, label="PERSON"))
    return _preferring(extra, ents)


# Results tables and box scores name players with figures and nothing else: a rank, the name
# and figures ("3 Kevin Harvick 5033 4 6 15 26"), or the name, a figure and what it counts
# ("Palm Bay (1-0): Tolivert 25 points. K. Hupfer 1 goal."). The model tags some of them,
# runs the figures into others ("Dquendo 4") and leaves the rest.
_PLAYER_WORD = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*"
_PLAYER = rf"(?:(?:[A-Z]\.|[A-Z]{{2}})[ \t]+)?{_PLAYER_WORD}(?:[ \t]+{_PLAYER_WORD}){{0,3}}(?:[ \t]+(?:Jr|Sr)\.?)?"
STAT_WORDS = (
    "points|pts|goals?|assists?|saves?|steals?|rebounds?|blocks?|tackles?|sacks?|yards|touchdowns?|TDs?"
    "|hits|runs|RBIs?|strikeouts|aces|kills|digs|wickets"
)
STAT_LINE = re.compile(
    rf"(?m)(?:^|(?<=[.:;][ \t]))[ \t]*({_PLAYER})(?:[ \t]+and[ \t]+({_PLAYER}))?[ \t]+\d{{1,4}}[ \t]+"
    rf"(?:total|(?:{STAT_WORDS})\b)"
)
RANKED_ROW = re.compile(rf"(?m)^[ \t]*\d{{1,3}}\.?[ \t]+({_PLAYER})(?:[ \t]+[-+]?\d[\d.,:%]*)+[ \t]*$")
RANKED_ROWS_MIN = 3  # a table, not a sentence that happens to start with a figure
_TEAM = r"[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3}"
RESULT_LINE = re.compile(rf"(?m)^[ \t]*({_TEAM})[ \t]+d\.[ \t]+({_TEAM})(?:,?[ \t]+\d{{1,3}}-\d{{1,3}})?[ \t]*$")


def _ranked_rows_of_persons(doc: Doc, rows: list[Span]) -> bool:
    """A standings table's rows name persons, not teams, when the model tags half of their
    names as persons or half of them open with a known given name ("Kyle Busch")."""
    persons = sum(
        any(t.ent_type_ == "PERSON" for t in row) or is_name_part(row[0].text) or bool(INITIAL.match(row[0].text))
        for row in rows
    )
    return len(rows) >= RANKED_ROWS_MIN and 2 * persons >= len(rows)


def _listed_players(doc: Doc) -> list[Span]:
    """Players named in a box score's stat lines or a results table's ranked rows, and the
    teams of its result lines ("Palm Bay d. Rockledge 70-44": "d." for "defeated")."""
    ents = list(doc.ents)
    text = doc_text(doc)
    found = [m.span(k) for m in STAT_LINE.finditer(text) for k in (1, 2) if m.group(k)]
    rows = [doc.char_span(*m.span(1), alignment_mode="contract") for m in RANKED_ROW.finditer(text)]
    rows = [row for row in rows if row is not None]
    if _ranked_rows_of_persons(doc, rows):
        found += [(row.start_char, row.end_char) for row in rows]
    names = {m.group(k) for m in RESULT_LINE.finditer(text) for k in (1, 2)}  # "Palm Bay d. Rockledge 70-44"
    teams = [m.span() for name in names for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    extra = []
    for start, end in teams:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and not any(t.ent_kb_id_ for t in span):
            extra.append(Span(doc, span.start, span.end, label="ORG"))
            doc.user_data.setdefault("_teams", set()).add(span.start)
    for start, end in found:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or all(t.ent_kb_id_ for t in span) or span.text.casefold() in DEMONYMS:
            continue  # a known team, agency or place ("Brazil 2 goals") is no player
        extra.append(Span(doc, span.start, span.end, label="PERSON"))
        doc.user_data.setdefault("_players", set()).add(span.start)
    return _preferring(extra, ents)


# Span repairs run in this order on the model's entities before typing and merging.
FOOTNOTE_MARKS = {"*", "**", "†", "‡"}


def _without_footnote_marks(doc: Doc) -> list[Span]:
    """ "Srey Leak*": the mark of a changed name (explained at the foot) is no part of it; the
    victim step reads it right after the name."""
    return [
        Span(doc, e.start, e.end - 1, label=e.label_, kb_id=e.kb_id_)
        if len(e) > 1 and e[-1].text in FOOTNOTE_MARKS
        else e
        for e in current_ents(doc)
    ]


SPAN_REPAIRS = (
    _without_footnote_marks,
    _organisations,
    _organisations_again,
    _state_university_campuses,
    _designated_places,
    _locally_designated_places,
    _places_with_particles,
    _dateline_places,
    _towns_with_state_codes,
    _residence_places,
    _described_places,
    _source_agencies,
    _organisations_after_kind_nouns,
    _organisations_listed_with_organisations,
    _spelled_out_organisations,
    _join_patronymics,
    _join_nicknamed_persons,
    _subject_persons,
    _repair_coordinated_persons,
    _kin_group_persons,
    _widen_person_names,
    _credit_persons,
    _join_person_pieces,
    _vietnamese_names_with_stop_words,
    _persons_named_after_a_group,
    _tag_untagged_persons,
    _full_names_before_surnames,
    _listed_players,
    _organisations_without_weekday,
    _team_names,  # last: a club's town or a team the person repairs took for a name
    _players_in_scored_results,
)
