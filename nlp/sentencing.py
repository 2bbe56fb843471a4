"""Court sentences: who was sentenced, to what, by which court, and the sentence saying so.

Works on the dependency parse: a sentencing verb ("sentenced", "jailed", "handed ... a
15-year term") whose prison term hangs off it, and the person it applies to (passive
subject, active object, or a back-reference like "All three"). Law maximums, demands by
prosecutors, hypotheticals ("could be jailed"), ages ("a 7-year-old") and acquittals are
rejected by explicit rules, each named below so a reviewer can check them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.entities import INSTITUTION_HEAD, Entity, Mention, doc_text, person_tokens
from nlp.names import is_title_word
from nlp.numbers import (
    NUMBER,
    TERM_RE,
    UNITS,
    bare_number_months,
    compound_term,
    find_terms,
    parse_number,
    term_list,
    term_to_months,
)

TRIGGER_LEMMAS = {"sentence", "jail", "imprison", "incarcerate"}
TRIGGER_FORMS = {"sentenced", "jailed", "imprisoned", "incarcerated", "fined"}
TERM_VERB_LEMMAS = {
    "hand",
    "give",
    "receive",
    "serve",
    "mete",
    "impose",
    "get",
    "order",
    "award",
    "substitute",
    "slap",
    "draw",  # "drew a sentence of 13 years"
}
TERM_NOUNS = re.compile(
    r"\b(?:sentences?|terms?|prison|jail|imprisonment|behind bars|incarceration|years? in|months? in|perpetua)\b", re.I
)
# "His co-accused, X, got six.": a term whose unit the sentence before gave (no PREFILTER word)
BARE_NUMBER_GIVEN = re.compile(rf"\b(?:got|gets|received|receives)\s+{NUMBER}\s*[.;,]", re.I)
PREFILTER = re.compile(
    r"sentenc|jail|imprison|prison|term|life|death|incarcerat|fined|year|month|decade|perpetua", re.I
)

# Words right before a term that make it a bound, not a sentence handed down.
TRAP_BEFORE = re.compile(
    r"\b(?:maximum|max|up to|as (?:much|many|long) as|no more than|not (?:more than|exceeding)|"
    r"minimum|at least|between|ranging from|from|or|additional|extra|further|default)\s+(?:(?:of|a|an|the|penalty|sentence|prison|jail|term)\s+)*$",
    re.I,
)
# Governing words that make a term hypothetical or a demand.
TRAP_GOVERNORS = {
    "seek",
    "demand",
    "request",
    "ask",
    "propose",
    "recommend",
    "urge",
    "call",
    "want",
    "face",
    "carry",
    "risk",
    "punish",
    "stipulate",
    "provide",
    "prescribe",
    "threaten",
    "warn",
    "reduce",
    "increase",
    "mandate",
    "allow",
}
MODALS = {"could", "would", "may", "might", "can", "should", "must"}
HYPOTHETICAL = re.compile(r"\bif (?:convicted|found guilty|proven guilty)\b", re.I)
ACQUITTED = re.compile(r"\b(?:acquit\w*|cleared of|found not guilty|not guilty)\b", re.I)
LIFE = re.compile(
    r"\blife (?:imprisonment|in prison|in jail|sentences?|terms?|behind bars)\b|\breclusion perpetua\b|"
    r"\bimprisonment for life\b|\b(?:sentenced|jailed)\b[^.;]{0,200}?\b(?:to|for) life\b|"
    r"\b(?:got|gets|get|given|received|receives|handed)\s+life\b(?!\s+(?:savings|insurance|skills|story|stories)\b)",
    re.I,
)
DEATH = re.compile(
    r"\b(?:sentenced\b[^.;]{0,200}?\bto death|death (?:penalty|sentences?)|to be executed|"
    r"capital punishment|sentenced\b[^.;]{0,200}?\bto be hanged)\b",
    re.I,
)
SUSPENDED_AFTER = re.compile(
    r"^[\s,]*(?:(?:in\s+)?(?:prison|jail)\s*,?\s+)?(?:(?:sentences?|terms?|of|which|it|them|was|were|is|are|being|be|to|will)\s+)*suspended",
    re.I,
)
SUSPENDED_BEFORE = re.compile(r"suspended\s+(?:(?:prison|jail)\s+)?(?:sentence|term)s?\s+of\s+$|suspended\s+$", re.I)
OF_WHICH_SUSPENDED = re.compile(
    rf"\b(?:of which|with)\s+(?P<num>{NUMBER})(?:\s+(?P<unit>years?|months?))?\s+(?:(?:was|were|is|are|being|to be)\s+)?suspended",
    re.I,
)
WHOLLY_SUSPENDED = re.compile(
    r"\bsuspended (?:prison |jail )?(?:sentence|term)\b|\b(?:sentence|term) (?:was|were) suspended\b", re.I
)
# "three years of supervised release", "two years' probation", Vietnam's "30 months of
# non-custodial reform": a term, but not in prison
NON_CUSTODIAL_AFTER = re.compile(
    r"^(?:'|\u2019)?\s+(?:of\s+)?(?:supervised release|probation|community (?:service|supervision|order)|"
    r"unpaid work|house arrest|conditional release|court supervision|"
    r"non-custodial (?:reform|re-?education|sentence)|re-?education without detention)\b",
    re.I,
)
# FINE DEFAULT: "fined $4,000, and will spend 20 days in jail if he does not pay", "... in
# lieu of the fine": the term is served only if the fine is not paid; it is not the sentence.
FINE_DEFAULT_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:if\s+(?:he|she|they|the\s+fines?\s+(?:is|are))\s+(?:(?:does|do|did)\s+not|fails?\s+to|"
    r"(?:is|are)\s+not|cannot|can't)\s+(?:pay|paid)\b|should\s+(?:he|she|they)\s+fail\s+to\s+pay\b|"
    r"in\s+lieu\s+of\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:fine|payment)\b)",
    re.I,
)
# BESIDE LIFE: "25 years to life" (the minimum of a life term), "life plus 20 years" (a term
# served on top of life): the sentence is life, the years are not its length.
BESIDE_LIFE = re.compile(r"\blife\s+plus\s+\||^[^|]*\|\s+to\s+life\b", re.I)
AGE_AFTER_TERM = re.compile(r"^-?\s?olds?\b|^\s+of age\b|^\s+ago\b", re.I)
# "six years after the raid" is a time span, unless the term is what the verb gives:
# "was jailed for six years after Judge X found him guilty" (see _terms_of).
TIME_AFTER_TERM = re.compile(r"^\s+(?:later|earlier|before|after)\b", re.I)
# ... but "each received 12 years after the same reduction", "after a one-third discount for
# their confessions": what comes after is what made the term, not a later event
AFTER_A_REDUCTION = re.compile(
    r"^\s+after\s+(?:the\s+same|an?|the|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:reductions?|discounts?|cuts?|confessions?|(?:guilty\s+)?pleas?)\b",
    re.I,
)
# RANGE: "between two and 15 years", "from three to five years", "two to five years",
# "10-15 years": a span of possible terms (a law or a statistic), never one sentence.
RANGE_BEFORE = re.compile(
    rf"(?:\b(?:between|from)\s+{NUMBER}(?:[\s-]+(?:years?|months?))?\s+(?:and|to)\s+|"
    rf"\b(?!\d{{3}})(?<!\bin )(?<!\bsince ){NUMBER}(?:\s+to\s+|\s*[-\u2013]\s*))$",
    re.I,
)  # not "in 2019 to eight years"
# DATE, NOT RANGE: "was sentenced on May 6 to 87 months": the number before "to" is a day.
DATE_BEFORE_TO = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+to\s+$"
)


def _range_before(before: str) -> bool:
    return RANGE_BEFORE.search(before) is not None and DATE_BEFORE_TO.search(before) is None


# AGGREGATE: "a combined 60 years", "a total of 60 years", "an aggregate 30 years": the sum
# over several people (or several counts); it is a person's term only when one person got it.
AGGREGATE_BEFORE = re.compile(
    r"\b(?:combined|total(?:\s+of)?|aggregate(?:\s+of)?|cumulative(?:\s+of)?|collective(?:\s+of)?|"
    r"(?:altogether|together)\s+(?:of\s+)?|"
    r"(?:combined|total|aggregate|cumulative|overall)\s+(?:(?:prison|jail)\s+)?(?:sentence|term)\s+of)\s+$",
    re.I,
)  # "for a combined sentence of 18 years" too
# PARTLY SUSPENDED: "three years, most of it suspended": which part is told elsewhere
# ("so that she will spend seven months in jail") or by the word ("half of it", "three years
# in prison, two of them suspended": two of the term's own unit).
PARTLY_SUSPENDED_AFTER = re.compile(
    rf"^(?:\s+in\s+(?:prison|jail))?[\s,(]*(?:with\s+)?"
    rf"(?P<part>most|much|part|some|half|all but\s+(?P<but>{NUMBER}[\s-]+(?:years?|months?))|(?P<count>{NUMBER}))"
    rf"\s+of\s+(?:it|which|them|that|the (?:term|sentence))\s+(?:(?:was|were|is|being|to be)\s+)?suspended",
    re.I,
)
SERVED_IN_CUSTODY = re.compile(
    rf"\b(?:spend|serve|serving|spending|serves|spends)\s+(?:only\s+|just\s+)?(?P<term>{NUMBER}[\s-]+(?:years?|months?))"
    rf"\s+(?:in|behind)\s+(?:jail|prison|bars|custody)",
    re.I,
)
FINE = re.compile(
    r"\b(?:fined|fine of|fines of|ordered to pay(?: a fine of)?|and a fine of|a fine of)\s+(?:(?:him|her|them|each)\s+)?"
    r"(?:about\s+|around\s+|a total of\s+)?(?P<amount>(?:US\s?\$|\$|£|€|RM\s?|Rp\.?\s?|₱|P|฿|Php\s?|VND\s?|KHR\s?)?"
    r"\d(?:[\d,.]*\d)?(?:\s*(?:million|billion|thousand|m|bn))?(?:\s*(?:riels?|baht|dong|ringgit|rupiah|pesos?|kyats?|kip|"
    r"(?:US |Singapore |Hong Kong )?dollars?|USD|euros?|pounds?|won|yen|yuan|taka|rupees?))?(?:\s*\([^)]{1,30}\))?)",
    re.I,
)
PLURAL_WORDS = {
    "both": 2,
    "two": 2,
    "pair": 2,
    "couple": 2,
    "duo": 2,
    "three": 3,
    "trio": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "they": None, "them": None}
SINGULAR_NOUNS = {
    "man",
    "woman",
    "suspect",
    "defendant",
    "accused",
    "trafficker",
    "mother",
    "father",
    "broker",
    "recruiter",
    "owner",
    "driver",
    "teacher",
    "monk",
    "foreigner",
    "national",
    "husband",
    "wife",
    "boss",
    "pimp",
    "agent",
}
PLURAL_NOUNS = {
    "men",
    "women",
    "suspects",
    "defendants",
    "traffickers",
    "brokers",
    "accused",
    "recruiters",
    "people",
    "couple",
    "pair",
    "members",
    "nationals",
    "foreigners",
}
PERSON_NOUNS = SINGULAR_NOUNS | {
    "son",
    "daughter",
    "brother",
    "sister",
    "partner",
    "accomplice",
    "associate",
    "manager",
    "employee",
    "girlfriend",
    "boyfriend",
    "nephew",
    "niece",
    "cousin",
    "aunt",
    "uncle",
    "co-accused",
    "guard",
}
NON_DEFENDANT_ROLES = {"judge", "prosecutor", "lawyer", "police", "official", "ngo", "victim"}
# Named right at the verb ("Captain X was sentenced"), only these titles rule a person out.
NEVER_DEFENDANT_ROLES = {"judge", "prosecutor", "lawyer", "victim"}
QUANTIFIER_SUBJECTS = {"each", "both", "all", "they"}
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)

CHARGES: list[tuple[str, re.Pattern]] = [
    ("sex trafficking", re.compile(r"\bsex(?:ual)? trafficking\b", re.I)),
    (
        "child trafficking",
        re.compile(
            r"\b(?:child|children|minors?) trafficking|trafficking (?:of |in )?(?:a |the )?(?:children|minors?|child|\d+-year-old|girls?|boys?)\b",
            re.I,
        ),
    ),
    (
        "human trafficking",
        re.compile(
            r"\b(?:human|people|person|persons) trafficking|trafficking (?:in|of) (?:persons|people|women|humans)|\btrafficking\b",
            re.I,
        ),
    ),
    ("forced labour", re.compile(r"\bforced labou?r\b", re.I)),
    (
        "sexual exploitation",
        re.compile(r"\bsexual(?:ly)? exploit\w*|procur\w* (?:for )?prostitution|pimping|prostitution", re.I),
    ),
    ("migrant smuggling", re.compile(r"\bsmuggl\w*", re.I)),
    ("rape", re.compile(r"\brap(?:e|ed|ing)\b", re.I)),
    ("forced marriage", re.compile(r"\bforced marriage|bride trafficking", re.I)),
    ("illegal recruitment", re.compile(r"\billegal recruitment\b", re.I)),
    ("fraud", re.compile(r"\b(?:fraud|scam\w*|deceiv\w*|cheating)\b", re.I)),
    ("money laundering", re.compile(r"\bmoney laundering\b", re.I)),
    ("child abuse", re.compile(r"\bchild (?:sexual )?abuse|indecent\w*|sexual (?:assault|abuse)", re.I)),
    ("kidnapping", re.compile(r"\b(?:kidnap\w*|abduct\w*)\b", re.I)),
]

COURT_SUFFIX = re.compile(
    r"\s*(?:(?:provincial|municipal|district|city|regional|people's|peoples|trial|high|sessions|criminal|military|crown|magistrates'?|county|circuit|superior|juvenile|family|federal|appeals?)\s+)*court.*$",
    re.I,
)


class SentenceExtractor:
    def __init__(self, name: str, lookback_sentences: int = 3):
        self.name = name
        self.lookback_sentences = lookback_sentences

    def __call__(self, doc: Doc) -> Doc:
        if doc._.entities is None:
            doc._.entities = []
        entities: list[Entity] = doc._.entities  # a name the model missed may be added (_unrecognised_name)
        persons_by_token = person_tokens(entities)
        _one_part_references(doc, entities, persons_by_token)
        aliases = _aliases(doc, entities, persons_by_token)
        records: dict[str, dict] = {}
        pending: list = []
        sents = list(doc.sents)
        text = doc_text(doc)
        for index, sent in enumerate(sents):
            sent_text = text[sent.start_char : sent.end_char]  # Span.text rebuilds it from tokens each time
            same_as = SAME_AS.search(sent_text) is not None
            if same_as:
                _same_as(self, doc, sents, index, entities, persons_by_token, records)  # "So was Y."
            if QUASHED.search(sent_text):
                _quashed(sent, records, persons_by_token)
            if not PREFILTER.search(sent_text) and not (index and BARE_NUMBER_GIVEN.search(sent_text)):
                continue
            for record in self._sentence_records(doc, sents, index, entities, persons_by_token, aliases):
                key = record["defendant_entity"].name
                if record.pop("replaces") and key in records:
                    # "He substituted a jail term of five years for Mr Hakim": the new term stands
                    _set_term(records[key], record["prison_months"], record["life"], record["death"])
                elif key not in records:
                    records[key] = record
                elif (
                    (record["named"] and not records[key]["named"])
                    or (records[key].get("headline") and not record.get("headline"))
                    or (_told_outcome(record) and not _told_outcome(records[key]))
                ):
                    # a sentence naming the defendant beats a reference; the body beats the
                    # headline ("... get 26 years" above "sentenced to 26 years and eight months");
                    # the sentence telling the term beats one that did not ("sentenced three
                    # people to prison" before "The first defendant ... was sentenced to 18 years")
                    _merge(record, records[key])
                    records[key] = record
                else:
                    _merge(records[key], record)
            listed = (
                _semicolon_list(self, doc, sents, index, entities, persons_by_token)
                or _parenthesized_terms(self, doc, sents, index, entities, persons_by_token)
                or _line_list(self, doc, sents, index, entities, persons_by_token)
                or _pronoun_pair(self, doc, sents, index, entities, persons_by_token)
            )
            for record in listed:
                key = record["defendant_entity"].name
                if key in records and records[key]["start"] == record["start"]:
                    # the list's own term beats what the sentence's verb spread over everyone
                    for field in ("fine", "court", "place", "charge"):
                        record[field] = record[field] or records[key][field]
                    records[key] = record
                elif key not in records or not records[key]["named"]:
                    if key in records:
                        _merge(record, records[key])
                    records[key] = record
                else:
                    _merge(records[key], record)
            if same_as:
                _same_as(self, doc, sents, index, entities, persons_by_token, records)  # "..., as was Y"
            if SENTENCE_CHANGE.search(sent_text) or UPHELD.search(sent_text) or CHANGE_BY.search(sent_text):
                _changed_or_upheld(self, doc, sents, index, entities, records, persons_by_token, pending, aliases)
            elif (
                index
                and HALVED_LATER.search(sent_text)
                and not TERM_RE.search(sent_text)
                and not CHANGE_TRAPS.search(sent_text)
            ):
                _halved_later(sents[index - 1], sent, records)
            if index and (TOTAL_LATER.match(sent_text) or COMBINED_INTO.search(sent_text)):
                _total_later(sents[index - 1], sent, records)
            if QUASHED.search(sent_text):
                _quashed_here(sent, records, persons_by_token)
        _apply_pending_changes(records, pending)
        if sents:
            self._headline_term(doc, sents, entities, persons_by_token, records)
        for record in records.values():
            record.pop("changed", None)
            record.pop("replaces", None)
            record.pop("headline", None)
            record["defendant_entity"].role = "defendant"
        doc._.court_sentences = list(records.values())
        return doc

    # ------------------------------------------------------------------
    def _plain_record(self, doc, sents, index, entities, person, months, life, death) -> dict:
        """A record for someone whose term is told only as changed or upheld on appeal."""
        sent = sents[index]
        court = _court(doc, entities, sent, sents, index, self.lookback_sentences)
        court_name, court_place = _court_as_written(doc, court, entities)
        return {
            "defendant": person.name,
            "defendant_entity": person,
            "named": True,
            "prison_months": months,
            "suspended_months": None,
            "life": life,
            "death": death,
            "fine": None,
            "court": court_name,
            "place": court_place or _place(doc, entities, sent, court),
            "charge": _charge(sent.text, 0),
            "text": sent.text.strip(),
            "start": sent.start_char,
            "end": sent.end_char,
        }

    def _headline_term(self, doc, sents, entities, persons_by_token, records) -> None:
        """HEADLINE TERM: "Court jails ship captain 11 years" and a body that names the captain
        ("found Sompong Jaidee, 49, guilty") but tells no term: the headline's term is his.
        Only for one unnamed person in the headline and a body with no term of its own."""
        outcome = _headline_outcome(sents[0], persons_by_token)
        if outcome is None:
            return
        months, life = outcome
        if any(_told_outcome(r) for r in records.values()):
            self._headline_only_term(doc, sents, entities, persons_by_token, records, months, life)
            return
        if len(records) == 1:
            record = next(iter(records.values()))
            if record["prison_months"] is None and not record["suspended_months"]:
                record["prison_months"], record["life"] = months, life
            return
        if records:
            return  # several people sentenced, one term in the headline: whose is not told
        found = _first_convicted(sents, persons_by_token)
        if found is not None:
            person, index = found
            records[person.name] = self._plain_record(doc, sents, index, entities, person, months, life, False)

    def _headline_only_term(self, doc, sents, entities, persons_by_token, records, months, life) -> None:
        """HEADLINE ONLY: "Court jails mother 15 years for selling daughter", a body naming her
        as found guilty ("Pich Sreyneang, 39, ... was found guilty") with no term, and telling
        only a co-defendant's ("also sentenced her partner ... to five years"): the headline's
        term is hers, when no one in the body got that term."""
        found = _first_convicted(sents, persons_by_token)
        if found is None or found[0].name in records:
            return
        if any(r["prison_months"] == months and r["life"] == life for r in records.values()):
            return  # the body tells the headline's term: it is that person's
        person, index = found
        records[person.name] = self._plain_record(doc, sents, index, entities, person, months, life, False)

    def _sentence_records(self, doc, sents, index, entities, persons_by_token, aliases=None):
        sent: Span = sents[index]
        if HYPOTHETICAL.search(sent.text):
            return []
        records = []
        for trigger in _triggers(sent):
            if not _trigger_is_real(trigger):
                continue
            terms = _terms_of(doc, sent, trigger)
            life = bool(LIFE.search(sent.text))
            death = bool(DEATH.search(sent.text))
            reduced = _outcome_reduced(doc, sents, index, trigger) if (life or death) else None
            if reduced is not None:
                # "sentenced to life imprisonment, reduced to 33 years and four months because he
                # confessed", "to death, commuted to life": what is left is the sentence
                life, death = reduced == "life", False
                terms = [] if reduced == "life" else [reduced]
            elif life and death:
                # "A was sentenced to death, while B received life imprisonment": each verb's own outcome
                own = next((m for m in OUTCOME_WORDS.finditer(sent.text, trigger.idx - sent.start_char)), None)
                if own is not None:
                    death = own.group(0).lower() == "death"
                    life = not death
            custodial = [t for t in terms if not t["suspended"]]
            aggregate = [t for t in custodial if t["aggregate"]]
            prison = _final_terms([t for t in custodial if not t["aggregate"]], sent)
            suspended = [t for t in terms if t["suspended"]]
            fine = FINE.search(_sentence_text_through_period(doc, sent))
            fine_only = trigger.lower_ == "fined" and fine is not None
            # UNSTATED TERM: "were sentenced to prison", "were given prison terms": a sentence
            # was passed, its length not told; the record keeps prison_months null.
            after_trigger = sent.text[trigger.idx - sent.start_char :]
            unstated = not terms and (
                (
                    (UNSTATED_TERM.search(after_trigger) is not None or RANGE_GIVEN.match(after_trigger) is not None)
                    and trigger.lemma_.lower() in UNSTATED_TRIGGER_LEMMAS
                )
                or _cut_at_the_term(doc_text(doc), sent, after_trigger)
            )
            if (
                not prison
                and not suspended
                and not life
                and not death
                and not fine_only
                and not aggregate
                and not unstated
            ):
                continue
            listed = len(prison[0]["listed"]) if prison and len(prison[0]["listed"]) > 1 else None
            defendants = _defendants(doc, sents, index, trigger, persons_by_token, entities, aliases, listed)
            if len(defendants) == 1:
                defendants = _listed_before_subject(doc, sent, defendants[0], persons_by_token) + defendants
            if records and _pronoun_defendant(trigger):
                # SAME SENTENCE: "sentenced a labor recruiter to 12 years and fined him Rp 500
                # million": "him" is whom this sentence's first verb sentenced
                defendants = list({id(r["defendant_entity"]): r["defendant_entity"] for r in records}.values())
            tail = _gapped_tail(doc, sent, trigger, prison)
            gapped = _gapped_terms(doc, sent, prison + tail, persons_by_token)
            later_terms = sorted(prison + tail, key=lambda t: t["start"])[1:]
            if not gapped and later_terms and len(defendants) == 1 and _pronoun_object(trigger):
                # PRONOUN FIRST: "jailed him for 11 years and the nephew, Sok Rithy, 24, for five"
                first_end = min(t["start"] for t in prison + tail)
                first_end = next(t["end"] for t in prison + tail if t["start"] == first_end)
                rest = _gapped_terms(doc, sent, later_terms, persons_by_token, start=first_end, min_groups=1)
                if rest and all(p is not defendants[0] for p, _ in rest):
                    first = min(prison + tail, key=lambda t: t["start"])
                    gapped = [(defendants[0], first["months"]), *rest]
            terms_for = {id(p): months for p, months in gapped}
            if gapped and (life or death):
                # LIFE FIRST: "A was sentenced to life in prison; B, 38, to 30 years; and C to 17":
                # the verb's own person, before the listed terms, keeps the life (or death) term
                first = min(t["start"] for t in prison)
                if LIFE.search(text_before := doc_text(doc)[sent.start_char : first]) or DEATH.search(text_before):
                    for person in defendants:
                        if all(person is not q for q, _ in gapped):
                            gapped.insert(0, (person, None))
                            terms_for[id(person)] = None
            pairs = _role_pairs(doc_text(doc), trigger) if not gapped else []
            if pairs:
                named = _forward_reference(sents, index, persons_by_token, len(pairs))
                if named:
                    named = _by_role_noun(doc_text(doc), named, pairs, sents[index].end_char)
                    defendants, gapped = named, [(p, months) for p, (months, _) in zip(named, pairs)]
                    terms_for = {id(p): months for p, months in gapped}
            if gapped:
                defendants = [p for p, _ in gapped]
            elif prison and defendants:
                continued = _continued_list(doc, sents, index, prison[0], persons_by_token)
                if continued:
                    # the trigger's own people keep the first term; the list's people theirs
                    defendants = [p for p in defendants if all(p is not q for q, _ in continued)]
                    for person, months in continued:
                        terms_for[id(person)] = months
                        defendants.append(person)
            if not defendants:
                continue
            if _is_headline(sent):
                # HEADLINE: "Karaoke Boss Gets 25 Years": a title-case name there may be no
                # name at all; only people the story names again are defendants.
                defendants = [p for p in defendants if any(m.start >= sent.end_char for m in p.mentions)]
                if not defendants:
                    continue
            if aggregate and len(defendants) == 1 and not _with_unnamed_others(trigger):
                if not prison or _parts_of(aggregate[0], sent):
                    prison = aggregate  # one person's "total of 30 years" (several counts) is their term
            total = _total_for_one(sent.text, prison) if len(defendants) == 1 else None
            if total is not None and not _with_unnamed_others(trigger):
                prison = [{**prison[0], "months": total, "listed": [total]}]
            named_here = {
                id(p) for p in defendants if any(sent.start_char <= m.start < sent.end_char for m in p.mentions)
            }
            # prison_months is the term as pronounced; suspended_months the part of it suspended
            prison_months = prison[0]["months"] if prison else suspended[0]["months"] if suspended else None
            suspended_months = suspended[0]["months"] if suspended else _of_which_suspended(sent.text, prison)
            if prison and prison[0]["partly_suspended"]:
                suspended_months = _partly_suspended(sent, prison[0])
            if prison and suspended_months and suspended_months > prison_months:
                # SUSPENDED ON TOP: "18 months in prison with two years suspended": a part can't
                # exceed the whole, so the first term is the custodial part of 42 months.
                prison_months += suspended_months
            if prison_months and not suspended_months and WHOLLY_SUSPENDED.search(sent.text):
                suspended_months = prison_months
            court = _court(doc, entities, sent, sents, index, self.lookback_sentences)
            if fine_only and not prison and court is None and not _sentenced_before(sents, index):
                continue  # a fine with no court in sight may be a regulator's, not a sentence
            court_name, court_place = _court_as_written(doc, court, entities)
            if not terms_for and (len(prison) > 1 or (prison and len(prison[0]["listed"]) > 1)):
                defendants = _in_text_order(defendants, sent)
                count = len(prison[0]["listed"]) if len(prison[0]["listed"]) > 1 else len(prison)
                if len(defendants) > count:
                    # OWNER NOT LISTED: "Villareal's co-defendants, A and B, were sentenced to 87
                    # and 60 months, respectively": the owner named in the possessive is not one
                    not_owners = [p for p in defendants if not _only_possessive_here(doc, p, sent)]
                    if len(not_owners) == count:
                        defendants = not_owners
            if not terms_for and len(prison) > 1 and len(prison) == len(defendants) and RESPECTIVELY.search(sent.text):
                terms_for = {id(p): t["months"] for p, t in zip(defendants, prison)}
            if not terms_for and prison and len(prison[0]["listed"]) > 1:
                # LISTED TERMS: "jailed A and B for 14 and 11 years (respectively)": in order;
                # with more or fewer people than numbers, whose is whose is not told.
                listed = prison[0]["listed"]
                terms_for = {
                    id(p): listed[i] if len(listed) == len(defendants) else None for i, p in enumerate(defendants)
                }
            outcomes = _respective_outcomes(sent, trigger, prison, defendants) if (life or death) else {}
            paired = (
                _paired_outcomes(doc, sent, trigger, prison, defendants, persons_by_token) if (life or death) else []
            )
            if paired and not outcomes:
                defendants = [p for p, _ in paired]
                outcomes = {id(p): outcome for p, outcome in paired}
            for person in defendants:
                if _acquitted(sent, person):
                    continue
                outcome = outcomes.get(id(person), terms_for.get(id(person), prison_months))
                months = outcome if isinstance(outcome, int) else None
                records.append(
                    {
                        "defendant": person.name,
                        "defendant_entity": person,
                        "named": id(person) in named_here,
                        "prison_months": months,
                        "suspended_months": suspended_months,
                        "life": outcome == "life" if outcomes else life and not months,
                        "death": outcome == "death" if outcomes else death,
                        "fine": fine.group("amount").strip() if fine else None,
                        "court": court_name,
                        "place": court_place or _place(doc, entities, sent, court),
                        "charge": _charge(sent.text, trigger.idx - sent.start_char),
                        "text": sent.text.strip(),
                        "start": sent.start_char,
                        "end": sent.end_char,
                        "replaces": trigger.lemma_.lower() == "substitute",
                        "headline": index == 0 and (_is_headline(sent) or _title_line(sent)),
                    }
                )
        return records


SENTENCED = re.compile(r"\b(?:sentenced|jailed|imprisoned)\b", re.I)


def _sentenced_before(sents, index: int) -> bool:
    """A story that has told a sentencing ("was jailed for 22 months and fined $15,000") is in
    court even when it never names the court: a later fine ("A client was fined $4,000") is
    the court's too."""
    return any(SENTENCED.search(sent.text) for sent in sents[:index])


PLURAL_VERB_AFTER = re.compile(r"^(?:\s*,\s*\d{1,2}\s*,)?\s+(?:were|have been|had been|are)\b")
LIST_GAP = re.compile(r"^(?:\s*,\s*(?:\d{1,2}\s*,\s*)?(?:and\s+)?|\s+and\s+)(?:(?:U|Daw|Ma|Ko|Mr|Mrs|Ms)\.?\s+)?$")


def _listed_before_subject(doc: Doc, sent: Span, subject: Entity, persons_by_token) -> list[Entity]:
    """LIST SUBJECT SPLIT: "U Kyaw Win, Daw Thida and Ma Hnin Wai were sentenced to 10 years
    each": the parser may take only the last name as the subject; the people listed right
    before it from the sentence's start, with only commas, "and", ages and honorifics
    between, share its plural verb."""
    text = doc_text(doc)
    own = [m for m in subject.mentions if sent.start_char <= m.start < sent.end_char]
    if not own or not PLURAL_VERB_AFTER.match(text[own[0].end : own[0].end + 30]):
        return []
    mentions = sorted(
        (m.start, m.end, p)
        for p in {id(q): q for q in persons_by_token.values()}.values()
        if p is not subject and p.role not in NON_DEFENDANT_ROLES
        for m in p.mentions
        if sent.start_char <= m.start < own[0].start
    )
    found, cursor = [], own[0].start
    for start, end, person in reversed(mentions):
        if not LIST_GAP.match(text[end:cursor]):
            return []
        found.insert(0, person)
        cursor = start
    lead = text[sent.start_char : cursor]
    if not found or not re.fullmatch(r"\s*(?:(?:U|Daw|Ma|Ko|Mr|Mrs|Ms)\.?\s+)?", lead):
        return []
    return list({id(p): p for p in found}.values())


def _only_possessive_here(doc: Doc, person: Entity, sent: Span) -> bool:
    text = doc_text(doc)
    here = [m for m in person.mentions if sent.start_char <= m.start < sent.end_char]
    return bool(here) and all(
        m.text.endswith(("'s", "\u2019s")) or text[m.end : m.end + 2] in {"'s", "\u2019s"} for m in here
    )


def _in_text_order(defendants: list[Entity], sent: Span) -> list[Entity]:
    """IN ORDER: terms listed "in order" go to the people in the order the sentence names
    them ("Her accomplices A and B got nine and seven years respectively"), whatever order
    they were found in; unchanged unless the sentence names every one of them."""
    first = {}
    for p in defendants:
        starts = [m.start for m in p.mentions if sent.start_char <= m.start < sent.end_char]
        if not starts:
            return defendants
        first[id(p)] = min(starts)
    return sorted(defendants, key=lambda p: first[id(p)])


# CUT AT THE TERM: a text cut off mid-sentence ("... was jailed for eig"): the sentencing is
# told, its length cut away; only at the very end of a text that stops without a full stop.
CUT_AFTER_TRIGGER = re.compile(r"^\w+(?:\s+[\w'-]+,?){0,4}?\s+(?:for|to)(?:\s+[\w-]+){0,2}\s*$", re.I)


def _cut_at_the_term(text: str, sent: Span, after_trigger: str) -> bool:
    end = text.rstrip()
    return (
        sent.end_char >= len(end)
        and end[-1:].isalnum()
        and CUT_AFTER_TRIGGER.match(after_trigger.strip()) is not None
        and not TERM_RE.search(after_trigger)
    )


# TOTAL FOR ONE: "12 years for human trafficking and eight years for illegal emigration,
# making a total of 20 years", "His combined sentence is 20 years": one person's terms for
# several charges add up to the sentence (Vietnamese and Indonesian courts say so).
_TOTAL = r"(?:combined|total|aggregate|cumulative|overall)\s+(?:(?:prison\s+|jail\s+)?(?:sentence|term)\s+)?(?:of\s+)?"
# "..., making a total of 17 years", "..., a total of 17 years", "..., totalling 17 years"
TOTAL_AFTER = re.compile(
    rf"(?:\b(?:making|bringing\s+(?:it|the\s+total)\s+to|for)\s+(?:a|an|the)\s+{_TOTAL}|,\s*(?:a|an)\s+{_TOTAL}|"
    rf",\s*totall?ing\s+)$",
    re.I,
)
TOTAL_LATER = re.compile(
    rf"^\s*(?:The|His|Her)\s+{_TOTAL.replace('(?:of', '(?:(?:is|was|comes to|amounts to)')}"
    rf"(?P<num>{NUMBER})[\s-]+(?P<unit>years?|months?)\b",
    re.I,
)


FOR_A_CHARGE = re.compile(
    r"^\s*(?:(?:in\s+)?(?:prison|jail)\s+)?(?:for|on)\b(?!\s+(?:a|an|the)\s+(?:combined|total))", re.I
)


PER_COUNT = re.compile(
    r"^\s*(?:(?:in\s+)?(?:prison|jail)\s+)?(?:per|for each|on each|each|a)\s+(?:of\s+the\s+)?(?:\w+\s+)?(?:counts?|charges?|offen[cs]es?)\b",
    re.I,
)


def _parts_of(total: dict, sent: Span) -> bool:
    """TOTAL AND ITS PARTS: "a total of seven years and three months: four years and nine
    months for trafficking and 30 months for money laundering", "15 years for trafficking and
    three years for illegal emigration, for a combined sentence of 18 years": the sentence's
    other terms add up to the total told beside them, so they are its parts and the total is
    the sentence (the parser may hang a part on another clause, so the text is read)."""
    parts = [months for start, _, months in find_terms(sent.text) if sent.start_char + start != total["start"]]
    return len(parts) >= 2 and abs(sum(parts) - total["months"]) <= 1


def _total_for_one(text: str, prison: list[dict]) -> int | None:
    """The total of one person's several terms told after them in the same sentence."""
    if not prison:
        return None
    found = find_terms(text)
    if len(prison) == 1:
        # PER COUNT: "six years per count, for a total of 24 years": one term told per charge
        per_count = [end for _, end, months in found if months == prison[0]["months"] and PER_COUNT.match(text[end:])]
        if not per_count:
            return None
        for start, _, months in found:
            if (
                start > per_count[0]
                and TOTAL_AFTER.search(text[max(0, start - 60) : start])
                and months > prison[0]["months"]
            ):
                return months
        return None
    if not all(FOR_A_CHARGE.match(text[end:]) for _, end, months in found if months in {t["months"] for t in prison}):
        return None  # "12 years and Le Thi Mai to eight years, for a combined 20": two people's terms
    for start, _, months in found:
        if TOTAL_AFTER.search(text[max(0, start - 60) : start]) and months > max(t["months"] for t in prison):
            return months
    return None


# "The court combined the terms into a 16-year sentence"
COMBINED_INTO = re.compile(
    rf"\b(?:combined|merged|aggregated)\s+(?:the|his|her|both|these)\s+(?:(?:prison|jail)\s+)?(?:terms|sentences)\s+"
    rf"(?:in)?to\s+(?:a|an)\s+(?:total\s+(?:of\s+)?)?(?P<num>{NUMBER})[\s-]+(?P<unit>years?|months?)\b",
    re.I,
)


def _total_later(previous: Span, sent: Span, records: dict[str, dict]) -> None:
    """ "... and eight years for organising illegal emigration." "His total sentence is 20 years." """
    match = TOTAL_LATER.match(sent.text) or COMBINED_INTO.search(sent.text)
    text = previous.text
    charged = [end for _, end, _ in find_terms(text) if FOR_A_CHARGE.match(text[end:])]
    if len(charged) < 2:
        return  # not one person's terms for several charges
    told = [r for r in records.values() if previous.start_char <= r["start"] < previous.end_char]
    months = _months_of(match.group("num"), match.group("unit")) if match else None
    if len(told) == 1 and months and told[0]["prison_months"] and months > told[0]["prison_months"]:
        told[0]["prison_months"] = months


def _with_unnamed_others(trigger: Token) -> bool:
    """ "X and his accomplices were sentenced to a total of 40 years": the total is not X's."""
    subject = _subject(trigger)
    return subject is not None and any(
        t.dep_ == "conj" and t.tag_ in {"NNS", "NNPS"} and t.pos_ == "NOUN" for t in subject.subtree
    )


def _pronoun_object(trigger: Token) -> bool:
    """The verb's person is a pronoun object ("jailed him for 11 years")."""
    return any(c.dep_ in {"dobj", "dative"} and c.lower_ in {"him", "her"} for c in trigger.children)


def _pronoun_defendant(trigger: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "nsubjpass"} and c.lower_ in PRONOUNS for c in trigger.children)


# LIFE OR DEATH REDUCED: "to life imprisonment, reduced to 33 years and four months" (Thai
# courts cut a third for a confession), "to death, commuted to life"; the sentence may run on
# past a paragraph break and a line of page furniture ("ADVERTISEMENT") in scraped copy.
OUTCOME_REDUCED = re.compile(
    r"\b(?:life(?:\s+imprisonment|\s+in prison|\s+sentences?)?|death(?:\s+penalty|\s+sentences?)?)\b"
    r"(?P<mid>[^.;]{0,80}?)\b(?:reduc\w*|commut\w*|cut|lower\w*|mitigat\w*)\b(?:\s+(?!to\b)[\w-]+){0,4}?\s+to\s+"
    r"(?P<to>life\b|(?:a\s+)?(?:jail\s+|prison\s+)?(?:term\s+of\s+)?\S)",
    re.I,
)
FURNITURE_LINE = re.compile(r"^[A-Z0-9 :&'\u2019-]{3,40}$")


def _run_on(doc: Doc, sents, index: int) -> str:
    """The sentence, continued across paragraph breaks when it stops mid-clause (no closing
    punctuation) and the text resumes in lower case after lines of page furniture."""
    text = sents[index].text.rstrip()
    if text.endswith((".", "!", "?", '"', "\u201d", ":")):
        return text
    for following in sents[index + 1 : index + 4]:
        line = following.text.strip()
        if FURNITURE_LINE.match(line):
            continue
        return text + " " + line if line[:1].islower() else text
    return text


def _outcome_reduced(doc: Doc, sents, index: int, trigger: Token):
    """ "life", a term dict, or None when the life or death sentence was not reduced."""
    sent = sents[index]
    text = _run_on(doc, sents, index)
    start = trigger.idx - sent.start_char
    match = OUTCOME_REDUCED.search(text, start)
    if (
        match is None
        or CHANGE_TRAPS.search(match.group("mid"))
        or TRAP_GOVERNORS & set(match.group("mid").lower().split())
    ):
        return None
    if match.group("to").lower().startswith("life"):
        return "life"
    found = find_terms(text[match.start("to") : match.start("to") + 50])
    if not found or found[0][0] > 25:
        return None
    begin = sent.start_char + match.start("to") + found[0][0]
    return {
        "months": found[0][2],
        "start": begin,
        "end": begin + found[0][1] - found[0][0],
        "listed": [found[0][2]],
        "aggregate": False,
        "partly_suspended": None,
        "suspended": False,
    }


HEADLINE_WORD = re.compile(r"[A-Za-z][\w'-]*")
HEADLINE_TRIGGER = re.compile(r"\b(?:jail(?:s|ed)?|sentenc(?:es|ed)|imprison(?:s|ed)|gets?|given|handed)\b", re.I)
# a headline about a demand, a bound, an appeal or several people is no one person's sentence
HEADLINE_TRAPS = re.compile(
    r"\b(?:faces?|facing|seeks?|sought|demands?|asks?|wants?|urges?|could|may|might|would|up to|maximum|minimum|"
    r"prosecutors?|acquit\w*|cleared|appeal\w*|upheld|upholds?|cut|cuts|reduc\w*|rais\w*|increas\w*|commut\w*|"
    r"overturn\w*|each|combined|total|between|and|suspended)\b|[,&;]",
    re.I,
)
PLURAL_HEADLINE = re.compile(r"\b\d+\b|\b(?:%s)\b" % "|".join(sorted(set(PLURAL_WORDS) | PLURAL_NOUNS)), re.I)


def _title_line(sent: Span) -> bool:
    """The text's first line standing alone (a headline), whatever its case."""
    text = sent.text.strip()
    return (
        sent.start == 0
        and bool(text)
        and "\n" in sent.text
        and "\n" not in text
        and not text.endswith((".", "!", "?", '"', "\u201d"))
    )


def _headline_outcome(sent: Span, persons_by_token) -> tuple[int | None, bool] | None:
    """(months, life) of a one-person headline sentencing naming nobody, or None."""
    if not _title_line(sent) or any(
        any(m.start >= sent.end_char for m in persons_by_token[i].mentions)
        for i in range(sent.start, sent.end)
        if i in persons_by_token
    ):
        return None  # a person named there and again in the body (a title-case fragment is none)
    text = sent.text.strip()
    if not HEADLINE_TRIGGER.search(text) or HEADLINE_TRAPS.search(text):
        return None
    found = list(TERM_RE.finditer(text))
    life = not found and bool(re.search(r"\b(?:gets?|given|jailed for|sentenced to)\s+life\b", text, re.I))
    if len(found) > 1 or (not found and not life) or (found and AGE_AFTER_TERM.match(text[found[0].end() :])):
        return None
    rest = text[: found[0].start()] + text[found[0].end() :] if found else text
    if PLURAL_HEADLINE.search(rest):
        return None  # "Two jailed 7 years", "Couple jailed 15 years"
    return (term_to_months(found[0]), False) if found else (None, True)


def _first_convicted(sents, persons_by_token) -> tuple[Entity, int] | None:
    """The first person the opening of the body names as convicted or with an age, who is
    no judge, official or spokesperson and not acquitted."""
    text = doc_text(sents[0].doc)
    for index in range(1, min(len(sents), 5)):
        sent = sents[index]
        if not COURT_CASE_WORDS.search(sent.text) and not AGE_CUE.search(sent.text):
            continue
        seen = []
        for i in range(sent.start, sent.end):
            person = persons_by_token.get(i)
            if person is None or person in seen:
                continue
            seen.append(person)
            if person.role in NON_DEFENDANT_ROLES or _is_byline(text, person) or _acquitted(sent, person):
                continue
            if person.age is not None or CONVICTED_NEAR.search(sent.text):
                return person, index
    return None


CONVICTED_NEAR = re.compile(r"\b(?:convicted|found\b[^.;]{0,60}\bguilty)\b", re.I)


def _is_headline(sent: Span) -> bool:
    """A title-case line without a full stop: "Nail Bar Boss Who Kept Teenagers As Slaves Is Jailed"."""
    text = sent.text.strip()
    if not text or text.endswith((".", "!", "?", '"', "\u201d")) or "\n" in text:
        return False
    words = [w for w in HEADLINE_WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# RESPECTIVE OUTCOMES: "A and B were sentenced to life imprisonment and 18 years in prison
# respectively": life, death and terms listed in order, one per defendant.
OUTCOME_WORDS = re.compile(
    r"\b(?:life(?:\s+(?:imprisonment|in prison|sentences?|terms?))?|reclusion perpetua|death)\b", re.I
)


def _respective_outcomes(sent: Span, trigger: Token, prison: list[dict], defendants: list[Entity]) -> dict:
    if len(defendants) < 2 or not RESPECTIVELY.search(sent.text):
        return {}
    after = trigger.idx + len(trigger.text)
    found = [
        (m.start() + sent.start_char, "death" if m.group(0).lower() == "death" else "life")
        for m in OUTCOME_WORDS.finditer(sent.text)
        if m.start() + sent.start_char >= after
    ]
    for term in prison:
        found += [(term["start"] + i / 10, months) for i, months in enumerate(term["listed"])]
    found.sort(key=lambda pair: pair[0])
    if len(found) != len(defendants):
        return {}
    return {id(p): outcome for p, (_, outcome) in zip(defendants, found)}


# PAIRED OUTCOMES: "sentenced A, 39, to death for murder and B, 35, to 18 years in prison":
# each object has its own "to ...", life and death among them; each outcome goes to the
# person named right before it (only an age or an apposition between), in the verb's own run.
PAIR_GAP_WORDS = {"to", "and", "a", "an", "the", "of", "term", "sentence", "prison", "jail", "in", "for", "was", "were"}


def _paired_outcomes(
    doc: Doc, sent: Span, trigger: Token, prison: list[dict], defendants: list[Entity], persons_by_token
) -> list[tuple[Entity, object]]:
    """(person, outcome) in order; the first person may be the verb's own subject ("A was
    sentenced to death and B to 20 years")."""
    text = doc_text(doc)
    after = trigger.idx + len(trigger.text)
    found = [
        (m.start() + sent.start_char, m.end() + sent.start_char, "death" if m.group(0).lower() == "death" else "life")
        for m in OUTCOME_WORDS.finditer(sent.text)
        if m.start() + sent.start_char >= after
    ]
    if not found or not (prison or len(found) >= 2) or any(len(t["listed"]) > 1 for t in prison):
        return []  # "A to death and B to life": two outcomes and no term pair too
    found += [(t["start"], t["end"], t["months"]) for t in prison]
    found.sort(key=lambda x: x[0])
    people = {id(p): p for p in persons_by_token.values()}.values()
    mentions = sorted(
        (
            (m.start, m.end, p)
            for p in people
            for m in p.mentions
            if after <= m.start and m.end <= sent.end_char and p.role not in NEVER_DEFENDANT_ROLES
        ),
        key=lambda x: x[0],
    )
    pairs: list[tuple[Entity, object]] = []
    boundary = after
    for number, (start, end, outcome) in enumerate(found):
        before = [m for m in mentions if boundary <= m[0] and m[1] <= start]
        if not before and number == 0 and len(defendants) == 1 and _only_words(text[after:start], PAIR_GAP_WORDS):
            pairs.append((defendants[0], outcome))  # the passive subject: "A was sentenced to death"
        elif not before or not _only_words(text[before[-1][1] : start], PAIR_GAP_WORDS):
            return []
        elif number and not (
            _only_words(text[boundary : before[-1][0]], SEPARATOR_WORDS | FILLER_WORDS)
            or _no_clause(doc, boundary, before[-1][0])
        ):
            return []  # another clause between one pair and the next
        else:
            pairs.append((before[-1][2], outcome))
        boundary = end
    return pairs if len({id(p) for p, _ in pairs}) == len(found) >= 2 else []


UNSTATED_TERM = re.compile(
    r"\b(?:to|in)\s+(?:prison|jail|imprisonment)\b|\b(?:prison|jail|custodial)\s+(?:terms?|sentences?)\b|"
    r"\bto\s+time\s+served\b",
    re.I,
)  # "sentenced to time served": a sentence, no further prison
# RANGE GIVEN: "Three men were sentenced to between four and six years' jail", "received six to
# nine years each": sentenced, each to a term the range does not tell.
RANGE_GIVEN = re.compile(
    rf"^\w+(?:\s+(?:to|for|each|jail|prison|terms?|sentences?|ranging|of))*\s+(?:between\s+|from\s+)?"
    rf"{NUMBER}(?:[\s-]+(?:years?|months?))?\s+(?:and|to)\s+{NUMBER}[\s-]+(?:years?|months?)\b",
    re.I,
)
UNSTATED_TRIGGER_LEMMAS = {"sentence", "give", "hand", "receive", "get", "imprison", "mete"}


def _partly_suspended(sent: Span, term: dict) -> int | None:
    """Months suspended of a term "most of it suspended": whole minus what is served."""
    match = term["partly_suspended"]
    if match.group("but"):
        kept = find_terms(match.group("but"))
        return term["months"] - kept[0][2] if kept else None
    if match.group("part").lower() == "half":
        return term["months"] // 2
    if match.group("count"):
        unit = _unit_of(sent.text[term["start"] - sent.start_char : term["end"] - sent.start_char])
        count = parse_number(match.group("count"))
        part = int(count * unit) if unit and count else None
        return part if part and part < term["months"] else None
    served = SERVED_IN_CUSTODY.search(sent.text[term["end"] - sent.start_char :])
    if served:
        kept = find_terms(served.group("term"))
        if kept and kept[0][2] < term["months"]:
            return term["months"] - kept[0][2]
    return None


# GAPPED LIST: "X got nine years, Y six years, and Z and W five years each": each term goes
# to the people named right before it, when only ages, appositions and filler words
# ("was jailed for", "received") stand between them, and only a separator (", and",
# "while") between one pair and the next.
FILLER_WORDS = {
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "got",
    "gets",
    "get",
    "received",
    "receives",
    "receive",
    "each",
    "both",
    "jailed",
    "sentenced",
    "given",
    "handed",
    "for",
    "to",
    "a",
    "an",
    "the",
    "of",
    "term",
    "sentence",
    "prison",
    "jail",
    "imprisoned",
    "respectively",
    "also",
    "only",
    "then",
    "later",
    "must",
    "serve",
}
SEPARATOR_WORDS = {
    "and",
    "while",
    "whereas",
    "but",
    "with",
    "each",
    "respectively",
    "in",
    "prison",
    "jail",
    "behind",
    "bars",
    "imprisonment",
    "custody",
    "as",
    "for",
    "whilst",
    "apiece",
}
APPOSITION = re.compile(
    r",\s*(?:aged\s+)?\d{1,2}\s*(?=,|\s|$)|,\s*(?:the|a|an|his|her|their)\s[^,;]{1,40}(?=,)|"
    # "Jana Horvathova, 36, Marek's wife, to three years": a possessive description
    r",\s*[A-Z][\w-]*(?:'s|\u2019s)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*(?=,)|"
    # "X, 52, of Bradford, was jailed": the home town
    # ("from Kampong Cham province's Cheung Prey district"), Vietnam's "(born 1985)"
    # "of Tettenhall Road, Wolverhampton": a street, then its town
    r",\s*(?:of|from)\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:Road|Street|Lane|Avenue|Close|Drive|Crescent|Terrace|Gardens|Grove|Way|Row)"
    r",\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}(?=,)|"
    r",\s*(?:(?:also|both|all)\s+)?(?:of|from)\s+(?:no fixed (?:address|abode)|[A-Z][\w'.-]*"
    r"(?:\s+(?:[A-Z][\w'.-]*|(?:province|district|city|town|village|commune|county|state|region)(?:'s|\u2019s)?)){0,6})(?=,)|"
    r"\s*\((?:(?:born|b\.|SN)\s+(?:in\s+)?(?:19|20)\d{2}|\d{1,2}\s+years?\s+old|aged\s+\d{1,2})(?:\s*[,;]\s*[^()]{0,80})?\)|"
    r",\s*born\s+(?:in\s+)?(?:19|20)\d{2}(?=,)|"
    # "Y, who ran safe houses in Mae Sot, received four years"
    r",\s*who\s(?![^,;]*\b(?:acquit\w*|cleared|not guilty|fled|remains?|is|are)\b)(?:[^,;\d]|(?<!\d)(?:19|20)\d{2}(?!\d)){1,80}(?=,)"
)


def _only_words(text: str, allowed: set[str]) -> bool:
    return all(w in allowed for w in re.findall(r"[a-z][a-z'-]*", APPOSITION.sub(" ", text).lower()))


def _no_clause(doc: Doc, start: int, end: int) -> bool:
    """No verb and no number between: "..., and Cambodian security guard Sy Sophal to ..."."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and not any(
        (t.pos_ in {"VERB", "AUX"} and t.lower_ not in FILLER_WORDS) or (t.like_num and not _label_number(t))
        for t in span
    )


def _label_number(token: Token) -> bool:
    """ "under Section 24", "Daw Mya Mya, 41,": a provision's number or an age, not a term or a count."""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return before.lower_ in {"section", "article", "paragraph", "clause"} or (
        before.text == "," and after.text == "," and token.i > 1 and doc[token.i - 2].pos_ == "PROPN"
    )


BARE_TAIL = re.compile(rf"(?<=\bfor )(?P<num>{NUMBER})(?=\s*(?:[.;]|,\s+(?:and|while)\b|$))", re.I)


def _gapped_tail(doc: Doc, sent: Span, trigger: Token, prison: list[dict]) -> list[dict]:
    """GAPPED TAIL: "X must serve 10 years ..., and Y, 42, seven years": the verbless second
    half parses outside the verb's subtree; its terms, for _gapped_terms to check."""
    if len(prison) != 1 or len(prison[0]["listed"]) > 1:
        return []
    text = doc_text(doc)
    found = []
    per_unit = _unit_of(text[prison[0]["start"] : prison[0]["end"]])
    matches = sorted(
        [
            *TERM_RE.finditer(text, prison[0]["end"], sent.end_char),
            *BARE_TAIL.finditer(text, prison[0]["end"], sent.end_char),
        ],
        key=lambda m: m.start(),
    )
    for match in matches:
        if match.re is BARE_TAIL:
            # ELIDED UNIT: "jailed him for 11 years and the nephew, Sok Rithy, 24, for five"
            months = bare_number_months(match.group("num"), per_unit) if per_unit else None
        else:
            months = term_to_months(match)
        before = text[max(0, match.start() - 40) : match.start()]
        if not months or TRAP_BEFORE.search(before) or _range_before(before) or AGGREGATE_BEFORE.search(before):
            return []
        if AGE_AFTER_TERM.match(text[match.end() : match.end() + 12]) or NON_CUSTODIAL_AFTER.match(text[match.end() :]):
            return []
        start = found[-1]["end"] if found else prison[0]["end"]
        if not _no_clause(doc, start, match.start()):
            return []
        found.append({**prison[0], "months": months, "start": match.start(), "end": match.end(), "listed": [months]})
    return found


# "..., and their two recruiters, A and B, six years each": who the next group is, told
# before their names, between one term and the next
GROUP_DESCRIPTION = re.compile(
    r"\b(?:his|her|their|the)\s+(?:(?:two|three|four|five|six|\d)\s+)?(?:[a-z-]+\s+)?(?:%s)s?\b"
    % "|".join(sorted(PERSON_NOUNS | {"recruiter", "guard", "helper", "accomplice"})),
    re.I,
)
# CORPORAL PUNISHMENT: "to 11 years' jail and four strokes of the rotan, and his wife, X, to
# five years' jail": the caning or whipping told with a term belongs to that term's person.
CORPORAL = re.compile(
    rf"\b(?:and|with|plus)\s+(?:{NUMBER}\s+)?(?:strokes?|lashes)(?:\s+of\s+(?:the\s+)?(?:rotan|cane))?\b|"
    r"\b(?:and|with)\s+(?:caning|whipping)\b",
    re.I,
)


def _gapped_terms(
    doc: Doc, sent: Span, terms: list[dict], persons_by_token, start: int | None = None, min_groups: int = 2
) -> list[tuple[Entity, int]]:
    """`start`, `min_groups`: for the tail of a list whose first person is a pronoun, read from
    the end of the first term, one group enough."""
    listed = bool(terms) and len(terms[0]["listed"]) > 1
    if len(terms) < min_groups and not listed:
        return []
    people_here = {id(p): p for p in persons_by_token.values()}.values()
    mentions = sorted(
        (
            (m.start, m.end, p)
            for p in people_here
            for m in p.mentions
            # right before a term, an officer is a defendant too ("immigration officer X, 43, to seven years")
            if sent.start_char <= m.start < sent.end_char
            and p.role not in NEVER_DEFENDANT_ROLES
            # "Jana Horvathova, 36, Marek's wife, to three years": an owner is no one listed
            and doc_text(doc)[m.end : m.end + 2] not in {"'s", "\u2019s"}
        ),
        key=lambda x: x[0],
    )
    text = doc_text(doc)
    assigned: list[tuple[Entity, int]] = []
    previous_end = sent.start_char if start is None else start
    groups = 0
    for term in sorted(terms, key=lambda t: t["start"]):
        before = [m for m in mentions if previous_end <= m[0] and m[1] <= term["start"]]
        if not before:
            previous_end = term["end"]
            continue
        # the run of people right before the term, joined by "and" / commas / ages
        group = [before[-1]]
        for m in reversed(before[:-1]):
            if not _only_words(text[m[1] : group[0][0]], {"and"}):
                break
            group.insert(0, m)
        if not _only_words(text[group[-1][1] : term["start"]], FILLER_WORDS):
            return []
        if (
            groups
            and not _only_words(
                GROUP_DESCRIPTION.sub(" ", CORPORAL.sub(" ", FINE.sub(" ", text[previous_end : group[0][0]]))),
                SEPARATOR_WORDS | {"and", "a", "fine"},
            )
            and not _no_clause(doc, previous_end, group[0][0])
        ):
            return []
        people = list({id(p): p for _, _, p in group}.values())
        if len(term["listed"]) > 1 and len(term["listed"]) != len(people):
            return []
        values = term["listed"] if len(term["listed"]) > 1 else [term["months"]] * len(people)
        for person, months in zip(people, values):
            if all(person is not q for q, _ in assigned):
                assigned.append((person, months))
        groups += 1
        previous_end = term["end"]
    return assigned if groups >= min_groups or (listed and len(assigned) > 1) else []


# ROLE PAIRS: "sentenced a woman to 10 years' jail and a man to eight years' jail" and then
# "The two, Tan Mei Ling and Lim Kok Wai, ...": people told by role, each with their own term,
# named only in the next sentences; the terms go to those named, in order.
# "jailed three Chinese men for 10 years each and a Cambodian woman for five years": a number
# of people told by one role noun, each with that term.
ROLE_COUNTS = {word: n for word, n in UNITS.items() if 2 <= n <= 6}  # "two" ... "six"
ROLE_SEGMENT = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?:a|an|the|his|her|their|one\s+of\s+(?:his|her|their|the)|"
    rf"(?P<count>{'|'.join(ROLE_COUNTS)}|[2-6]))\s+"
    # people, not a term: "was given two years suspended for 18 months" is no role pair
    r"(?:(?!(?:years?|months?|weeks?|days?)\b)[\w'\u2019-]+\s+){0,4}?"
    r"(?P<noun>(?!(?:years?|months?|weeks?|days?|suspended)\b)[a-z][\w-]*)\s+(?:to|for)\s+"
    rf"(?P<term>{TERM_RE.pattern})(?:'|\u2019)?(?:\s+(?:in\s+prison|in\s+jail|jail|imprisonment|behind\s+bars))?"
    r"(?:\s+(?:each|apiece))?",
    re.I,
)


def _role_pairs(text: str, trigger: Token) -> list[tuple[int, str]]:
    """The (term, role noun) of "sentenced a woman to 10 years and a man to eight", in order; []
    unless two or more people are each told by a role noun with a term of their own."""
    position = trigger.idx + len(trigger.text)
    months = []
    while True:
        match = ROLE_SEGMENT.match(text, position)
        if match is None:
            break
        term = TERM_RE.match(match.group("term"))
        value = term_to_months(term) if term else None
        if not value:
            return []
        count = match.group("count")
        times = int(count) if count and count.isdigit() else ROLE_COUNTS.get((count or "").lower(), 1)
        months += [(value, match.group("noun").lower())] * times
        position = match.end()
    return months if len(months) >= 2 else []


def _by_role_noun(text: str, named: list[Entity], pairs: list[tuple[int, str]], after: int) -> list[Entity]:
    """The people in the order of the role nouns, when each noun names one of them ("identified
    the recruiter as X, and the driver as Y" after "jailed a driver ... and a recruiter ...");
    else in the order they are named."""
    nouns = [noun for _, noun in pairs]
    if len(set(nouns)) != len(nouns):
        return named
    ordered = []
    for noun in nouns:
        before = re.compile(rf"\b{re.escape(noun)}s?\b(?:\s+as)?[\s,]*$", re.I)
        match = [
            p
            for p in named
            if any(m.start > after and before.search(text[max(0, m.start - 30) : m.start]) for m in p.mentions)
        ]
        if len(match) != 1 or match[0] in ordered:
            return named
        ordered.append(match[0])
    return ordered


# SEMICOLON LIST: "the sentences were as follows: Kittipong Srisuk, the ringleader, 20 years;
# Jintana Phromma, 15 years; ... and Suda Chanthara, two years, suspended for three years":
# segments of "name[, apposition], term" (or life / death) with no verb of their own, after a
# colon, in a sentence that speaks of sentences. Two segments at least, or it is not a list.
# "Those sentenced were A, 20 years; B, 15 years; and C, 12 years": a list with no colon
LIST_OPENER = re.compile(
    r"\b(?:those|the (?:others|defendants|accused|people))\s+(?:sentenced|jailed|convicted)\s+(?:were|are)\s", re.I
)
LIST_CUE = re.compile(r"\b(?:sentenc\w*|jail\w*|prison|terms?|imprison\w*)\b", re.I)
SEGMENT_OUTCOME = re.compile(
    r"^[\s,]*(?P<what>life(?:\s+imprisonment|\s+in prison)?|reclusion perpetua|death(?:\s+penalty)?|"
    r"time[\s-]+served)\b",  # "Luis Vega, time served": sentenced, no further prison
    re.I,
)


def _semicolon_list(extractor, doc, sents, index, entities, persons_by_token) -> list[dict]:
    sent = sents[index]
    text = doc_text(doc)
    sent_text = text[sent.start_char : sent.end_char]
    opener = LIST_OPENER.search(sent_text)
    if ";" not in sent_text or (":" not in sent_text and opener is None):
        return []
    # the list starts after its colon, or after "Those sentenced were"
    colon = sent.start_char + (sent_text.index(":") if ":" in sent_text else opener.end() - 1)
    end = sent.end_char
    i = index
    while text[:end].rstrip().endswith(";") and i + 1 < len(sents):  # the parser may split at ";"
        i += 1
        end = sents[i].end_char
    if not LIST_CUE.search(text[sent.start_char : colon]):
        return []
    people = {id(q): q for q in persons_by_token.values()}.values()
    mentions = sorted(
        (
            (m.start, m.end, p)
            for p in people
            for m in p.mentions
            if colon < m.start < end and p.role not in NON_DEFENDANT_ROLES
        ),
        key=lambda x: x[0],
    )
    found: list[tuple[Entity, int | None, str | None, bool]] = []
    position = colon + 1
    for segment in re.split(r";", text[colon + 1 : end]):
        seg_start = text.index(segment, position)
        seg_end = seg_start + len(segment)
        position = seg_end
        named = [m for m in mentions if seg_start <= m[0] < seg_end]
        if not named:
            continue
        lead = text[seg_start : named[0][0]]
        if find_terms(lead) or len(lead.split()) > 4:
            continue
        rest_start = named[-1][1]
        rest = text[rest_start:seg_end]
        terms = find_terms(rest)
        outcome = None
        if terms:
            between = rest[: terms[0][0]]
            if (
                TRAP_BEFORE.search(between[-40:])
                or _range_before(between[-40:])
                or AGGREGATE_BEFORE.search(between[-40:])
            ):
                continue
            after = rest[terms[0][1] :]
            suspended = bool(re.match(r"^[\s,]*(?:(?:was|were|is|and)\s+)?suspended\b", after, re.I))
        else:
            match = SEGMENT_OUTCOME.match(_strip_appositions(rest))
            if not match:
                continue
            between = ""
            what = match.group("what").lower()
            outcome = "death" if what.startswith("death") else "served" if what.startswith("time") else "life"
            suspended = False
        if not _only_words(_strip_appositions(between), LIST_FILLER) or any(
            t.pos_ == "VERB"
            for t in doc.char_span(rest_start, rest_start + len(between), alignment_mode="expand") or []
        ):
            continue
        months = terms[0][2] if terms else None
        for _, _, person in named[-1:] if len({id(m[2]) for m in named}) == 1 else named:
            if all(person is not q for q, *_ in found):
                found.append((person, months, outcome, suspended))
    if len(found) < 2:
        return []
    records = []
    for person, months, outcome, suspended in found:
        record = extractor._plain_record(
            doc, sents, index, entities, person, months, outcome == "life", outcome == "death"
        )
        record["suspended_months"] = months if suspended else None
        records.append(record)
    return records


# SAME AS: "X was sentenced to 10 years, as was Y" / "... So was Y.": Y's term is X's.
SAME_AS = re.compile(r"\b(?:as|so)\s+(?:was|were|did|had)\b", re.I)
SAME_AS_BEFORE = re.compile(r"\b(?:as|so)\s+(?:was|were|did|had)\s+(?:(?:his|her|their|the)\s+[\w-]+,?\s+)?$", re.I)


def _same_as(extractor, doc, sents, index, entities, persons_by_token, records) -> None:
    sent = sents[index]
    text = doc_text(doc)
    for person in {id(q): q for q in persons_by_token.values()}.values():
        if person.role in NON_DEFENDANT_ROLES or person.name in records:
            continue
        for m in person.mentions:
            if sent.start_char <= m.start < sent.end_char and SAME_AS_BEFORE.search(
                text[max(sent.start_char, m.start - 40) : m.start]
            ):
                earlier = [r for r in records.values() if r["start"] < m.start]
                if not earlier:
                    continue
                model = max(earlier, key=lambda r: r["start"])
                record = extractor._plain_record(
                    doc, sents, index, entities, person, model["prison_months"], model["life"], model["death"]
                )
                record["suspended_months"] = model["suspended_months"]
                records[person.name] = record
                break


# LINE LIST: "The defendants were sentenced as follows:" then one line each, "John Smith, 34,
# of Leeds – eight years" / "• Jane Doe (29), of Bradford: six years" / "Chan Dara, 10 years".
LINE_BULLET = re.compile(r"^[\s\-\u2022\u2013\u2014*\u00b7]*")
# "- A, 44, of Norcross, Georgia, 240 months": age, home town (and its state), then the term
LINE_DETAILS = re.compile(
    r"^(?:\s*(?:,\s*(?:aged\s+)?\d{1,2}\b(?![\s-]*(?:years?|months?|yrs?)\b)|\(\s*\d{1,2}\s*\)|,?\s+(?:of|from)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}(?:,\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?)|"
    # "- A, 47, boat owner: 16 years": a lower-case description, then a colon or a dash
    r",\s+(?:(?:a|an|the)\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}(?=\s*[:\u2013\u2014-]))*"
    r"\s*[,:\u2013\u2014-]?\s*(?:(?:was\s+)?(?:jailed|sentenced)\s+(?:for|to)\s+|to\s+)?"
)


LISTED_NAME = re.compile(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'.-]+){1,4}(?=\s*,\s*\d{1,2}\s*,)")
TIME_SERVED = re.compile(r"^\s*time[\s-]+served\b", re.I)


def _listed_name(doc, entities, persons_by_token, start: int, end: int) -> Entity | None:
    text = doc_text(doc)
    match = LISTED_NAME.match(text, start, end)
    if match is None or INSTITUTION_HEAD.search(match.group(0)):
        return None
    span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
    if span is None or any(t.i in persons_by_token or t.ent_kb_id_ for t in span):
        return None
    sent = span.sent
    age = re.match(r"\s*,\s*(\d{1,2})", text[match.end() : match.end() + 6])
    person = Entity(
        "person",
        span.text,
        [Mention(span.start_char, span.end_char, span.text, sent.start_char, sent.end_char, span.start, span.end)],
        age=int(age.group(1)) if age else None,
    )
    entities.append(person)
    for i in range(span.start, span.end):
        persons_by_token[i] = person
    return person


def _line_list(extractor, doc, sents, index, entities, persons_by_token) -> list[dict]:
    sent = sents[index]
    text = doc_text(doc)
    header = text[sent.start_char : sent.end_char].strip()
    if not header.endswith(":") or not LIST_CUE.search(header):
        return []
    people = [p for p in {id(q): q for q in persons_by_token.values()}.values() if p.role not in NON_DEFENDANT_ROLES]
    found = []
    position = sent.end_char
    for line in text[sent.end_char : sent.end_char + 3000].split("\n"):
        start = text.index(line, position) if line else position
        position = start + len(line)
        if not line.strip():
            continue
        body_start = start + LINE_BULLET.match(line).end()
        named = sorted((m.start, m.end, p) for p in people for m in p.mentions if start <= m.start < position)
        if not named or named[0][0] != body_start:
            # "- Aroldo Rigoberto Castillo-Serrano, 40, of Marion, Ohio, 188 months;": a name
            # the model missed, told by its place in the list and the age after it
            missed = _listed_name(doc, entities, persons_by_token, body_start, position)
            if missed is None:
                break
            people.append(missed)
            named = [(missed.mentions[0].start, missed.mentions[0].end, missed)]
        if TIME_SERVED.match(text[named[-1][1] : position][LINE_DETAILS.match(text[named[-1][1] : position]).end() :]):
            continue  # "..., time served": released with the time already spent in custody
        rest = text[named[-1][1] : position]
        rest = rest[LINE_DETAILS.match(rest).end() :]
        terms = find_terms(rest)
        outcome = SEGMENT_OUTCOME.match(rest)
        if terms and terms[0][0] == 0:
            suspended = bool(re.match(r"^[\s,]*(?:(?:was|were|is|and)\s+)?suspended\b", rest[terms[0][1] :], re.I))
            found.append((named[0][2], terms[0][2], None, suspended))
        elif outcome:
            found.append(
                (named[0][2], None, "death" if outcome.group("what").lower().startswith("death") else "life", False)
            )
        else:
            break
    if len(found) < 2:
        return []
    records = []
    for person, months, outcome, suspended in found:
        record = extractor._plain_record(
            doc, sents, index, entities, person, months, outcome == "life", outcome == "death"
        )
        record["suspended_months"] = months if suspended else None
        records.append(record)
    return records


# PARENTHESIZED TERMS: "Also sentenced were Chan Dara (10 years), Lim Sokha (eight years) and
# Pov Rina (five years)": each name with its term in brackets, two at least.
PAREN_AFTER = re.compile(r"^\s*\((?P<inside>[^()]{1,40})\)")


def _parenthesized_terms(extractor, doc, sents, index, entities, persons_by_token) -> list[dict]:
    sent = sents[index]
    text = doc_text(doc)
    sent_text = text[sent.start_char : sent.end_char]
    if sent_text.count("(") < 2 or not LIST_CUE.search(sent_text):
        return []
    found = []
    for person in {id(q): q for q in persons_by_token.values()}.values():
        if person.role in NON_DEFENDANT_ROLES:
            continue
        for m in person.mentions:
            if not sent.start_char <= m.start < sent.end_char:
                continue
            inside = PAREN_AFTER.match(text[m.end : m.end + 50])
            if not inside:
                continue
            what = inside.group("inside")
            terms = find_terms(what)
            outcome = SEGMENT_OUTCOME.match(what)
            if terms and terms[0][0] == 0 and not TRAP_BEFORE.search(what[: terms[0][0]]):
                found.append((m.start, person, terms[0][2], None, bool(re.search(r"\bsuspended\b", what, re.I))))
            elif outcome:
                found.append(
                    (
                        m.start,
                        person,
                        None,
                        "death" if outcome.group("what").lower().startswith("death") else "life",
                        False,
                    )
                )
    if len(found) < 2:
        return []
    records = []
    for _, person, months, outcome, suspended in sorted(found, key=lambda f: f[0]):
        record = extractor._plain_record(
            doc, sents, index, entities, person, months, outcome == "life", outcome == "death"
        )
        record["suspended_months"] = months if suspended else None
        records.append(record)
    return records


# PRONOUN PAIR: "A, 56, and B, 51, were convicted ... He was sentenced to five years and six
# months and she to four years and nine months": two pronouns of different gender share one
# verb; they refer, in order, to the two people the sentence before named (the order is the
# cue, a name's gender is not known). The second term may leave its unit out ("she to 10").
PRONOUN_PAIR = re.compile(
    r"\b(?P<p1>he|she)\s+(?:was|were)\s+(?:(?:each|later|also)\s+)?(?:sentenced|jailed|imprisoned|given)\b"
    r"(?P<first>[^;:]{1,80}?)(?:,?\s+(?:and|while)|;(?:\s+and)?)\s+(?P<p2>he|she)\s+"
    r"(?:(?:was\s+(?:sentenced|jailed|imprisoned)\s+)?(?:to|for)|was\s+given|received|got)\s+(?P<second>[^;:]{1,60})",
    re.I,
)


def _pronoun_pair(extractor, doc, sents, index, entities, persons_by_token) -> list[dict]:
    sent = sents[index]
    text = doc_text(doc)
    match = PRONOUN_PAIR.search(text[sent.start_char : sent.end_char])
    if not match or match.group("p1").lower() == match.group("p2").lower() or not index:
        return []
    first = find_terms(match.group("first"))
    if not first or TRAP_BEFORE.search(match.group("first")[: first[0][0]]):
        return []
    second = find_terms(match.group("second"))
    if second and second[0][0] == 0:
        second_months = second[0][2]
    else:
        unit = _unit_of(match.group("first")[first[0][0] : first[0][1]])
        second_months = bare_number_months(match.group("second"), unit) if unit else None
    if not second_months:
        return []
    pronoun = sent.start_char + match.start()
    for start, end in ((sent.start_char, pronoun), (sents[index - 1].start_char, sents[index - 1].end_char)):
        named: dict[int, tuple[int, Entity]] = {}
        for person in {id(q): q for q in persons_by_token.values()}.values():
            if person.role in NON_DEFENDANT_ROLES:
                continue
            starts = [m.start for m in person.mentions if start <= m.start < end]
            if starts:
                named[id(person)] = (min(starts), person)
        if named:
            break  # the people named before the pronouns in this sentence, else in the one before
    if len(named) != 2:
        return []
    records = []
    for (_, person), months in zip(sorted(named.values(), key=lambda pair: pair[0]), (first[0][2], second_months)):
        record = extractor._plain_record(doc, sents, index, entities, person, months, False, False)
        fine = FINE.search(text[sent.start_char : sent.end_char])
        record["fine"] = fine.group("amount").strip() if fine else None
        records.append(record)
    return records


# CONTINUED LIST: "X, 36, was sentenced to 14 years; Y, 31, his girlfriend, 12 years; guards
# Z and W, 29, seven years each" and "sentenced X to 10 years, Y to eight and Z to six": after
# the trigger's own term, each segment names people and then their term (the unit may be
# left out: "to eight"), with only ages, appositions and aliases between.
ALIAS_APPOSITION = re.compile(
    r",?\s*\(?(?:also known as|a\.?k\.?a\.?|alias|known as)\s+[\"'\u201c\u2018]?[^,\"\u201d)]{1,30}[\"'\u201d\u2019]?\)?",
    re.I,
)
AGE_APPOSITION = re.compile(r",\s*(?:aged\s+)?\d{1,2}\b(?!\s*(?:years?|months?))")
LIST_FILLER = FILLER_WORDS | {"each", "apiece", "and", "in", "prison", "jail"}
# "..., and his wife, Mary Jones, for five": the words that may lead to the next person
ELLIPSIS_WORDS = {
    "and",
    "while",
    "whereas",
    "in",
    "prison",
    "jail",
    "his",
    "her",
    "their",
    "co-defendant",
} | PERSON_NOUNS
BARE_TO = re.compile(
    rf"^,?\s+(?:to|for|got|received|gets)\s+(?P<num>{NUMBER})(?![\w-])(?!\s+(?:years?|months?|yrs?)\b)", re.I
)


def _strip_appositions(text: str) -> str:
    return APPOSITION.sub(" ", AGE_APPOSITION.sub(" ", ALIAS_APPOSITION.sub(" ", text)))


def _continued_list(doc: Doc, sents, index: int, first: dict, persons_by_token) -> list[tuple[Entity, int]]:
    text = doc_text(doc)
    end = sents[index].end_char
    i = index
    while text[:end].rstrip().endswith(";") and i + 1 < len(sents):  # the parser may split at ";"
        i += 1
        end = sents[i].end_char
    tail = text[first["end"] : end]
    mentions = sorted(
        {
            (m.start, m.end, id(p)): (m.start, m.end, p)
            for p in {id(q): q for q in persons_by_token.values()}.values()
            for m in p.mentions
            if first["end"] <= m.start < end and p.role not in NEVER_DEFENDANT_ROLES
        }.values(),
        key=lambda x: x[0],
    )
    if not mentions:
        return []
    found: list[tuple[Entity, int]] = []
    if re.match(r"^\s*(?:each|apiece|in (?:prison|jail))?\s*;", tail):
        position = first["end"]
        for segment in re.split(r";", tail)[1:]:
            seg_start = text.index(segment, position)
            seg_end = seg_start + len(segment)
            position = seg_end
            people = [m for m in mentions if seg_start <= m[0] < seg_end]
            terms = [t for t in find_terms(segment) if t[0] + seg_start >= (people[-1][1] if people else seg_end)]
            if not people or not terms:
                break
            term_start = seg_start + terms[0][0]
            before = text[max(0, term_start - 40) : term_start]
            if TRAP_BEFORE.search(before) or _range_before(before) or AGGREGATE_BEFORE.search(before):
                break
            if not _only_words(_strip_appositions(text[people[-1][1] : term_start]), LIST_FILLER):
                break
            group = people  # one segment, one term: everyone the segment names
            if find_terms(_strip_appositions(text[seg_start : people[-1][0]])):
                break
            for _, _, person in group:
                if all(person is not q for q, _ in found):
                    found.append((person, terms[0][2]))
        return found
    if re.match(r"^\s+(?:to|on)\s+", tail):
        # TERM TO NAME: "handed down sentences of 20 years to A and 10 years to B"
        lead = re.match(r"^\s+(?:to|on)\s+", tail)
        own = [m for m in mentions if m[0] == first["end"] + lead.end()]
        if not own:
            return []
        previous = own[0][1]
        for start, stop, term_months in [(first["end"] + a, first["end"] + b, m) for a, b, m in find_terms(tail)]:
            if start < previous:
                continue
            if not _only_words(text[previous:start], {"and", "while", "with", "a", "an"}):
                break
            before = text[max(0, start - 40) : start]
            if TRAP_BEFORE.search(before) or _range_before(before):
                break
            after = re.match(
                r"^(?:\s+(?:in (?:prison|jail)|imprisonment|each))?\s+(?:to|on)\s+", text[stop : stop + 30]
            )
            people = [m for m in mentions if after and m[0] == stop + after.end()]
            if not people:
                break
            found.append((people[0][2], term_months))
            previous = people[0][1]
        return found
    # ellipsis: "Y to eight and Z to six" in the unit of the first term
    per_unit = _unit_of(text[first["start"] : first["end"]])
    if not per_unit:
        return []
    previous = first["end"]
    for start, stop, person in mentions:
        if not _only_words(_strip_appositions(text[previous:start]), ELLIPSIS_WORDS):
            break
        bare = BARE_TO.match(_strip_appositions(text[stop : stop + 30]))
        if not bare:
            break
        months = bare_number_months(bare.group("num"), per_unit)
        if not months:
            break
        found.append((person, months))
        previous = stop + bare.end()
    return found


REDUCED_TO = re.compile(
    r"\b(?:reduc\w*|commut\w*|halv\w*|cut|lower\w*)\b(?:\s+[\w-]+){0,3}?(?:\s+by\s+(?:half|(?:a|one)[\s-]third))?\s+to\s+",
    re.I,
)  # "cut the term by a third to eight years"


HALVED = re.compile(
    r"^[\s,]*(?:(?:which|that|it|the (?:terms?|sentences?)|(?:(?:jail|prison)\s+)?(?:terms?|sentences?),?|but|and)\s+)*"
    r"(?:the (?:court|judges?|panel)\s+)?(?:(?:was|were|is|being)\s+)?"  # "but the court reduced the term by half"
    r"(?:later\s+)?(?:halved|cut in half|(?:reduced|cut|commuted|lowered)\s+(?:(?:the|his|her|their|it|both)\s+"
    r"(?:(?:jail|prison)\s+)?(?:terms?|sentences?)?\s*)?by\s+(?:half|(?:a|one)[\s-]third))\b(?![^.;]{0,20}?\bto\s)(?!\s+from\b)",
    re.I,
)


# "sentenced to 16 years ..., but because he confessed the court halved both, leaving him with
# eight years in prison": what is left is the sentence.
LEAVING_WITH = re.compile(
    r"\b(?:leaving|left)\s+(?:him|her|them|each(?:\s+of\s+them)?)\s+(?:with\s+)?(?:a\s+term\s+of\s+)?", re.I
)


def _final_terms(terms: list[dict], sent: Span) -> list[dict]:
    """REDUCTION: "50 years, but the term was reduced to 25 years", "50 years, halved to 25
    for a confession", "50 years, halved because he confessed": the final term is the sentence."""
    if not terms:
        return terms
    after_first = sent.text[terms[0]["end"] - sent.start_char :]
    reduced = REDUCED_TO.search(after_first)
    if reduced:
        found = find_terms(after_first[reduced.end() : reduced.end() + 40])
        if found and found[0][0] == 0:
            return [{**terms[0], "months": found[0][2], "listed": [found[0][2]]}] + terms[1:]
        # "halved to 25": the unit is the one of the term it changes
        per_unit = _unit_of(sent.text[terms[0]["start"] - sent.start_char : terms[0]["end"] - sent.start_char])
        months = bare_number_months(after_first[reduced.end() : reduced.end() + 20], per_unit) if per_unit else None
        if months and months < terms[0]["months"]:
            return [{**terms[0], "months": months, "listed": [months]}] + terms[1:]
    leaving = LEAVING_WITH.search(after_first)
    if leaving:
        found = find_terms(after_first[leaving.end() : leaving.end() + 40])
        if found and found[0][0] == 0 and found[0][2] < terms[0]["months"]:
            return [{**terms[0], "months": found[0][2], "listed": [found[0][2]]}] + terms[1:]
    halved = HALVED.match(after_first)
    if halved:
        fraction = 2 / 3 if "third" in halved.group(0).lower() else 1 / 2
        months = int(round(terms[0]["months"] * fraction))
        return [{**terms[0], "months": months, "listed": [months]}] + terms[1:]
    return terms


def _unit_of(term_text: str) -> float | None:
    match = TERM_RE.search(term_text)
    if not match or match.group("num2"):
        return None
    unit = match.group("unit").lower()
    return 12.0 if unit.startswith(("year", "yr")) else 1.0 if unit.startswith("month") else None


# SENTENCE CHANGE (appeal, review, commutation): "the appeals court cut his sentence from 15
# to 10 years", "on appeal the sentence was increased to life": the current term replaces
# the one recorded earlier. Law changes ("raised the maximum penalty to 20 years") are not.
SENTENCE_CHANGE = re.compile(
    rf"\b(?:cut|cuts|reduc\w*|lower\w*|halv\w*|commut\w*|increas\w*|rais\w*|extend\w*|lengthen\w*|"
    rf"doubl\w*|upgrad\w*|toughen\w*|modif(?:y|ies|ied|ying))\b(?P<mid>[^.;]{{0,160}}?)\bto\s+(?P<to>life\b|death\b|"
    rf"(?P<num>{NUMBER})(?:[\s-]+(?P<unit>years?|months?)\b)?)(?P<tail>\s+from\s+(?:the\s+)?"
    rf"(?P<num0>{NUMBER})(?:[\s-]+(?P<unit0>years?|months?))?)?",
    re.I,
)
CHANGED_NOUN = re.compile(
    r"\b(?:sentences?|terms?|jail time|prison time)\b|"
    r"(?:\b(?:his|her|their)|'s|\u2019s) (?:penalt(?:y|ies)|punishments?)\b",
    re.I,
)
CHANGE_TRAPS = re.compile(
    r"\b(?:maximum|minimum|law|act|bill|code|statute|could|would|may|might|seek\w*|"
    r"sought|ask\w*|demand\w*|urg\w*|propos\w*|wants?|if|parliament|lawmakers|"
    r"legislat\w*|congress|amend\w*|vot\w*)\b",
    re.I,
)
CHANGE_FROM = re.compile(rf"\bfrom\s+(?P<num>{NUMBER})(?:[\s-]+(?P<unit>years?|months?))?\s*$", re.I)
OWNER_PRONOUN = re.compile(r"\b(?P<pron>his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:sentences?|terms?|convictions?)\b", re.I)
# UPHELD: "Her eight-year sentence was upheld", "let stand the eight-year term of X": the
# term stands; it is a sentencing of that person even when the first trial is not told.
UPHELD = re.compile(
    r"\b(?:upheld|uphold(?:s|ing)?|let stand|lets stand|affirmed|confirmed)\b|"
    # APPEAL LOST: "lost her appeal against a 10-year sentence": the term stands
    r"\blost (?:his|her|their|an?) appeals?\b|\b(?:dismissed|rejected|threw out)\b[^.;]{0,40}\bappeals?\b|"
    r"\bappeals?\b[^.;]{0,60}\b(?:was|were) (?:dismissed|rejected|thrown out)\b",
    re.I,
)
UPHELD_TERM = re.compile(
    rf"\b(?P<term>{NUMBER}[\s-]+(?:years?|months?))(?:[\s-]+(?:prison|jail))?\s+(?:sentence|term)s?\b|"
    rf"\b(?:sentence|term) of (?P<term2>{NUMBER}[\s-]+(?:years?|months?))|\b(?P<life>life (?:sentence|term|imprisonment))\b",
    re.I,
)


def _months_of(num: str | None, unit: str | None) -> int | None:
    value = parse_number(num) if num else None
    if value is None or not unit:
        return None
    return int(round(value * (12 if unit.lower().startswith("year") else 1)))


# CHANGED BY: "increased the 15-year prison term of X by five years", "cut Y's 10-year
# sentence by two years": the term it started from, plus or minus the change.
CHANGE_BY = re.compile(
    rf"\b(?P<dir>cut|cuts|reduc\w*|lower\w*|increas\w*|rais\w*|extend\w*|lengthen\w*)\b"
    rf"(?P<mid>[^.;]{{0,120}}?)\bby\s+(?:a\s+further\s+|another\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>years?|months?)\b",
    re.I,
)


def _parse_change_by(text: str):
    match = CHANGE_BY.search(text)
    if match is None or CHANGE_TRAPS.search(text):
        return None
    base = find_terms(match.group("mid"))
    if len(base) != 1 or not CHANGED_NOUN.search(match.group("mid")[base[0][1] :]):
        return None
    delta = _months_of(match.group("num"), match.group("unit"))
    if not delta:
        return None
    down = match.group("dir").lower().startswith(("cut", "reduc", "lower"))
    months = base[0][2] - delta if down else base[0][2] + delta
    return (months, False, False, base[0][2]) if months > 0 else None


def _parse_change(text: str):
    """(months, life, death, from_months) of a sentence change, or None."""
    match = SENTENCE_CHANGE.search(text)
    if match is None:
        return _parse_change_by(text)
    if CHANGE_TRAPS.search(text) or not CHANGED_NOUN.search(text[max(0, match.start() - 50) : match.end()]):
        return None
    came_from = CHANGE_FROM.search(match.group("mid"))
    from_months = (
        _months_of(came_from.group("num"), came_from.group("unit") or match.group("unit"))
        if came_from
        else _months_of(match.group("num0"), match.group("unit0") or match.group("unit"))
    )
    to = match.group("to").lower()
    if to.startswith("life"):
        return None, True, False, from_months
    if to.startswith("death"):
        return None, False, True, from_months
    unit = match.group("unit") or (came_from.group("unit") if came_from else None) or match.group("unit0")
    months = _months_of(match.group("num"), unit)
    whole = TERM_RE.match(text, match.start("num"))
    if months and whole and whole.group("num2"):
        months = term_to_months(whole) or months  # "reduced to six years and eight months": 80
    return (months, False, False, from_months) if months else None


def _set_term(record: dict, months, life, death) -> None:
    record["prison_months"] = months
    record["life"] = life
    record["death"] = death
    record["changed"] = True
    if record["suspended_months"] and months is not None and record["suspended_months"] > months:
        record["suspended_months"] = None


CHANGE_OR_UPHOLD_VERB = re.compile(
    r"^(?:cut|cuts|reduc\w*|lower\w*|halv\w*|commut\w*|increas\w*|rais\w*|extend\w*|lengthen\w*|doubl\w*|"
    r"upgrad\w*|toughen\w*|modif(?:y|ies|ied|ying)|upheld|uphold\w*|affirmed|confirmed|lost|loses)$",
    re.I,
)
OWNER_BEFORE = re.compile(
    r"\b(?:sentences?|terms?|conviction) (?:(?:handed|given) to )?of\s+(?:[\w-]+,?\s+){0,2}$|"
    r"\b(?:sentences?|terms?) (?:handed (?:down )?to|given to|imposed on|passed on)\s+$|\bfor\s+$|"
    r"\b(?:sentences?|terms?) for\s+(?:[\w-]+,?\s+){1,3}$|"  # "upheld a 30-year sentence for his nephew, X"
    r"\b(?:sentences?|terms?|conviction) against\s+(?:[\w-]+,?\s+){0,2}$",  # "upheld a 20-year sentence against X"
    re.I,
)


WHOSE_AFTER = re.compile(r"^\s*,\s*(?:\d{1,2}\s*,\s*)?whose\b", re.I)


def _owners_named(sent: Span, persons_by_token) -> list[Entity]:
    """People whose sentence it is: "the sentence of X", "X's term", or the clause's subject."""
    found = {}
    doc = sent.doc
    text = doc_text(doc)
    for i in range(sent.start, sent.end):
        person = persons_by_token.get(i)
        if person is None or id(person) in found or person.role in NON_DEFENDANT_ROLES or _acquitted(sent, person):
            continue
        token = doc[i]
        before = text[max(0, token.idx - 40) : token.idx]
        end = token.i
        while end + 1 < sent.end and persons_by_token.get(end + 1) is person:
            end += 1
        end_char = doc[end].idx + len(doc[end])
        after = text[end_char : end_char + 3]
        possessive = after.startswith(("'s", "\u2019s")) or doc[end].lower_ in {"'s", "\u2019s"}  # "'s" in the mention
        if (
            OWNER_BEFORE.search(before)
            or possessive
            or WHOSE_AFTER.match(text[end_char : end_char + 30])  # "X, whose 10-year sentence was upheld"
            or (doc[end].dep_ in {"nsubj", "nsubjpass"} and CHANGE_OR_UPHOLD_VERB.match(doc[end].head.text))
            or _had_own_term_changed(doc[end])
        ):
            found[id(person)] = person
    return _listed_with_owners(sent, persons_by_token, found)


def _listed_with_owners(sent: Span, persons_by_token, found: dict) -> list[Entity]:
    """OWNERS LISTED: "16-year terms for two boat captains, A, 44, and B, 39": whoever the
    sentence lists right after an owner ("A, 44, and B") is one too."""
    doc = sent.doc
    text = doc_text(doc)
    last_owner_end = None
    i = sent.start
    while i < sent.end:
        person = persons_by_token.get(i)
        if person is None:
            i += 1
            continue
        end = i
        while end + 1 < sent.end and persons_by_token.get(end + 1) is person:
            end += 1
        gap = text[last_owner_end : doc[i].idx] if last_owner_end is not None else None
        if (
            id(person) not in found
            and gap is not None
            and LIST_GAP.match(gap)
            and person.role not in NON_DEFENDANT_ROLES
        ):
            found[id(person)] = person
        last_owner_end = doc[end].idx + len(doc[end]) if id(person) in found else None
        i = end + 1
    return list(found.values())


def _named_before_pronoun(sent: Span, offset: int, persons_by_token) -> list[Entity]:
    """ "dismissed the appeal against his manager, X, 41, and upheld his two-year sentence": "his"
    is the nearest person this sentence names before it, when one could be a defendant."""
    text = doc_text(sent.doc)
    gender = PRONOUN_GENDER.get(sent.text[offset : offset + 3].lower().strip())
    limit = sent.start_char + offset
    named = [
        p for i in range(sent.start, sent.end) if (p := persons_by_token.get(i)) is not None and sent.doc[i].idx < limit
    ]
    if not named or named[-1].role in NON_DEFENDANT_ROLES or not _fits(text, named[-1], gender):
        return []
    return [named[-1]]


def _had_own_term_changed(token: Token) -> bool:
    """ "X, 39, had her four-year sentence upheld" / "had his term cut to ten years"."""
    for _ in range(4):
        # "His co-defendant, X, 39, ..., had her four-year sentence upheld"; "A and B had
        # their terms upheld": B as much as A, through the appositions and conjuncts
        if token.dep_ not in {"conj", "appos"} or token.head.i == token.i:
            break
        token = token.head
    head = token.head
    return (
        token.dep_ == "nsubj"
        and head.lemma_ == "have"
        and any(CHANGE_OR_UPHOLD_VERB.match(c.text) and c.i > head.i for c in head.subtree)
        and any(c.lower_ in {"his", "her", "their"} and c.i > head.i for c in head.subtree)
    )


def _earlier_owners(sent: Span, records: dict[str, dict], from_months) -> list[dict]:
    """Whose sentence "his sentence" / "the sentence" / "their sentences" is: the defendants
    of the latest sentencing before this sentence (the one with the 'from' term if told)."""
    earlier = sorted((r for r in records.values() if r["start"] < sent.start_char), key=lambda r: r["start"])
    if from_months is not None:
        earlier = [r for r in earlier if r["prison_months"] == from_months] or earlier
    if not earlier:
        return []
    owner = OWNER_PRONOUN.search(sent.text)
    plural = (owner and owner.group("pron").lower() == "their") or re.search(
        r"\b(?:sentences|terms)\b", sent.text, re.I
    )
    if owner and not plural:
        # "raised her sentence" after "Her husband, Agus, was sentenced to five years": not his
        gender = PRONOUN_GENDER.get(owner.group("pron").lower())
        text = doc_text(sent.doc)
        earlier = [r for r in earlier if _fits(text, r["defendant_entity"], gender)]
        if not earlier:
            return []
    same = [r for r in earlier if r["start"] == earlier[-1]["start"]]
    if plural:
        return same
    return [earlier[-1]] if len(same) == 1 else []  # "his sentence" after several defendants: unclear


# HALVED LATER: "X was initially sentenced to 60 years. Because he confessed, the court cut
# the term by half.": the sentence just before is halved (or cut by a third).
HALVED_LATER = re.compile(
    r"\b(?:halved\s+(?:the|his|her)\s+(?:(?:jail|prison)\s+)?(?:term|sentence)|(?:the|his|her)\s+(?:(?:jail|prison)\s+)?"
    r"(?:term|sentence)\s+(?:was\s+)?halved|(?:cut|reduced|commuted)\s+(?:the|his|her)\s+(?:(?:jail|prison)\s+)?"
    r"(?:term|sentence)\s+(?:by|in)\s+(?:half|(?:a|one)[\s-]third))\b",
    re.I,
)


def _halved_later(previous: Span, sent: Span, records: dict[str, dict]) -> None:
    told = [
        r
        for r in records.values()
        if previous.start_char <= r["start"] < previous.end_char and r["prison_months"] and not r.get("changed")
    ]
    if len(told) != 1:
        return  # "his term" after several people: whose is not told
    fraction = 2 / 3 if "third" in HALVED_LATER.search(sent.text).group(0).lower() else 1 / 2
    _set_term(told[0], int(round(told[0]["prison_months"] * fraction)), False, False)


DESCRIBED_OWNER = re.compile(
    r"\b(?:of|for)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?P<noun>%s)\b[^.;]*\b(?:his|her)\s+(?:[\w-]+\s+)?(?:sentence|term)\b"
    % "|".join(sorted(SINGULAR_NOUNS)),
    re.I,
)


SENTENCE_OF_A = re.compile(
    r"\b(?:sentences?|terms?|penalty) of (?:a|an)\s+(?:[\w-]+\s+){0,2}?(?P<noun>%s)\b"
    % "|".join(sorted(SINGULAR_NOUNS)),
    re.I,
)


def _upheld_term(text: str) -> tuple[int | None, bool] | None:
    """(months, life) of the first term upheld in `text`, None when it gives none."""
    term = UPHELD_TERM.search(text)
    if term is None:
        return None
    if term.group("life"):
        return None, True
    found = find_terms(term.group("term") or term.group("term2"))
    return (found[0][2], False) if found else None


def _upheld_after_change(extractor, doc, sents, index, entities, records, persons_by_token, changed) -> None:
    """CHANGED AND UPHELD: "reduced the term of A from ten years to seven, and upheld the
    eight-year sentences of his two co-accused, B, 30, and C, 42": the people named after
    "upheld" keep the upheld term, whatever the sentence's other numbers gave them."""
    sent = sents[index]
    text = doc_text(doc)
    upheld = UPHELD.search(text[sent.start_char : sent.end_char])
    if upheld is None:
        return
    after = sent.start_char + upheld.end()
    term = _upheld_term(text[after : sent.end_char])
    if term is None:
        return
    months, life = term
    done = {id(p) for p in changed}
    people = {id(p): p for p in persons_by_token.values() if p.role not in NON_DEFENDANT_ROLES}.values()
    for person in people:
        if id(person) in done or not any(after <= m.start < sent.end_char for m in person.mentions):
            continue
        record = records.get(person.name)
        if record is None:
            records[person.name] = extractor._plain_record(doc, sents, index, entities, person, months, life, False)
        elif record["start"] == sent.start_char or not (record["prison_months"] or record["life"]):
            _set_term(record, months, life, False)


def _changed_or_upheld(
    extractor, doc, sents, index, entities, records, persons_by_token, pending, aliases=None
) -> None:
    sent = sents[index]
    change = _parse_change(sent.text)
    if change is not None:
        months, life, death, from_months = change
        named = _owners_named(sent, persons_by_token)
        if named:
            for person in named:
                if person.name in records:
                    _set_term(records[person.name], months, life, death)
                else:
                    records[person.name] = extractor._plain_record(
                        doc, sents, index, entities, person, months, life, death
                    )
            _upheld_after_change(extractor, doc, sents, index, entities, records, persons_by_token, named)
            return
        if any(r["start"] == sent.start_char for r in records.values()):
            return  # "X was sentenced to 30 years, but the term was cut to 20": X's own record has it
        pronoun = OWNER_PRONOUN.search(sent.text)
        if pronoun and pronoun.group("pron").lower() != "their":
            # "the judges accepted that Khoa had paid ... and reduced his sentence": the person
            # this sentence names before "his", when that one was sentenced earlier
            before = _named_before_pronoun(sent, pronoun.start("pron"), persons_by_token)
            if before and before[0].name in records:
                _set_term(records[before[0].name], months, life, death)
                return
        owners = _earlier_owners(sent, records, from_months)
        if owners:
            for record in owners:
                _set_term(record, months, life, death)
        elif (described := DESCRIBED_OWNER.search(sent.text)) and (
            later := _forward_reference(sents, index, persons_by_token, 1, noun=described.group("noun").lower())
        ):
            # TOLD BY ROLE: "upheld the conviction of a broker ..., but reduced his sentence to
            # seven years" ... "Im Pheakdey, 48, had been sentenced in 2023": the one named next
            person = later[0]
            if person.name in records:
                _set_term(records[person.name], months, life, death)
            else:
                records[person.name] = extractor._plain_record(doc, sents, index, entities, person, months, life, death)
        elif (described := SENTENCE_OF_A.search(sent.text)) and (
            later := _forward_reference(sents, index, persons_by_token, 1, noun=described.group("noun").lower())
        ):
            # CHANGED, THEN NAMED: "commuted the death sentence of a woman ... to life in prison"
            # ... "Nong Thi Hoa, 41, was sentenced to death last year": the change is the outcome
            person = later[0]
            if person.name not in records:
                records[person.name] = extractor._plain_record(doc, sents, index, entities, person, None, False, False)
            _set_term(records[person.name], months, life, death)
        elif from_months is not None:
            # told before the trial: "The appeal court cut the sentence of a Chinese national
            # from 15 years to 10" ... "Chen Wei was jailed for 15 years in 2023"
            pending.append((sent.end_char, from_months, months, life, death))
        return
    if UPHELD.search(sent.text) and not CHANGE_TRAPS.search(sent.text):
        term = _upheld_term(sent.text)
        if term is None:
            return
        months, life = term
        owners = _owners_named(sent, persons_by_token)
        pronoun = OWNER_PRONOUN.search(sent.text)
        if not owners and pronoun and pronoun.group("pron").lower() != "their":
            owners = _named_before_pronoun(sent, pronoun.start("pron"), persons_by_token)
        if not owners and pronoun and pronoun.group("pron").lower() != "their":
            owners = _back_reference(
                doc,
                sents,
                index,
                1,
                entities,
                limit=sent.start_char,
                pronoun=True,
                gender=PRONOUN_GENDER.get(pronoun.group("pron").lower()),
                aliases=aliases,
            )
        for person in owners:
            if person.name not in records:
                own_months, own_life = _upheld_term_before(sent, person) or (months, life)
                records[person.name] = extractor._plain_record(
                    doc, sents, index, entities, person, own_months, own_life, False
                )


def _upheld_term_before(sent: Span, person: Entity) -> tuple[int | None, bool] | None:
    """ "upheld a 30-year sentence for A and 16-year terms for B and C": each owner's term is
    the last one told before their name."""
    first = min((m.start for m in person.mentions if sent.start_char <= m.start < sent.end_char), default=None)
    if first is None:
        return None
    told = list(UPHELD_TERM.finditer(doc_text(sent.doc)[sent.start_char : first]))
    return _upheld_term(told[-1].group(0)) if told else None


# QUASHED ON APPEAL: "set aside her conviction and sentence", "overturned the conviction of
# X", "X was acquitted on appeal": the earlier record of that person is no sentencing now.
QUASHED = re.compile(
    r"\b(?:overturn\w*|quash\w*|set aside|sets aside|revers\w*|annull\w*|vacat\w*)\b[^.;]{0,40}?"
    r"\b(?:convictions?|sentences?|verdicts?)\b|\b(?:acquitted|cleared)\b[^.;]{0,30}?\bon appeal\b",
    re.I,
)


def _quashed(sent: Span, records: dict[str, dict], persons_by_token) -> None:
    if CHANGE_TRAPS.search(sent.text):
        return
    named = {
        id(p): p
        for i in range(sent.start, sent.end)
        if (p := persons_by_token.get(i)) is not None and p.role not in NON_DEFENDANT_ROLES
    }
    owners = [
        records[p.name] for p in named.values() if p.name in records and records[p.name]["start"] < sent.start_char
    ]
    if not named:
        owners = _earlier_owners(sent, records, None) if OWNER_PRONOUN.search(sent.text) else []
    for record in owners:
        records.pop(record["defendant_entity"].name, None)


QUASHED_OF = re.compile(r"^\s+(?:of|against|for)\s+(?:(?:the\s+)?[a-z][\w-]*\s+){0,3}$")


def _quashed_here(sent: Span, records: dict[str, dict], persons_by_token) -> None:
    """QUASHED HERE: "affirmed the life term of A but overturned the conviction of B, who had
    been sentenced to 12 years": B's term, told in the very sentence that quashes it, is
    no sentence; the quashing names B right after "the conviction of" (or as "B's")."""
    if CHANGE_TRAPS.search(sent.text):
        return
    people = {id(p): p for p in persons_by_token.values() if p.role not in NON_DEFENDANT_ROLES}.values()
    for match in QUASHED.finditer(sent.text):
        start, end = match.start() + sent.start_char, match.end() + sent.start_char
        for person in people:
            record = records.get(person.name)
            if record is None or record["defendant_entity"] is not person or record["start"] != sent.start_char:
                continue
            for m in person.mentions:
                gap = sent.doc.text[end : m.start] if m.start >= end else None
                owned = start <= m.start < end and sent.doc.text[m.end : m.end + 2] in {"'s", "’s"}
                if owned or (gap is not None and QUASHED_OF.match(gap)):
                    records.pop(person.name, None)
                    break


def _apply_pending_changes(records: dict[str, dict], pending: list) -> None:
    for position, from_months, months, life, death in pending:
        later = [
            r
            for r in records.values()
            if r["start"] >= position and not r.get("changed") and r["prison_months"] == from_months
        ]
        if len(later) == 1:
            _set_term(later[0], months, life, death)


def _sentence_text_through_period(doc: Doc, sent: Span) -> str:
    """The sentence, continued to the next full stop when the parser split it early
    ("... and fined him | Rp 200 million.")."""
    text = doc_text(doc)
    if sent.text.rstrip().endswith((".", "!", "?", '"', "\u201d")):
        return sent.text
    stop = text.find(".", sent.end_char)
    return text[sent.start_char : stop + 1 if 0 <= stop < sent.end_char + 120 else sent.end_char]


OUTCOME_FIELDS = {"prison_months", "suspended_months", "life", "death"}


def _told_outcome(record: dict) -> bool:
    return bool(record["prison_months"] or record["life"] or record["death"])


def _merge(kept: dict, new: dict) -> None:
    """Fill what `kept` lacks from `new`; a term changed on appeal stays as changed."""
    for key, value in new.items():
        if (kept.get("changed") and key in OUTCOME_FIELDS) or key == "headline":
            continue
        if kept.get(key) in (None, False, "") and value not in (None, False, ""):
            kept[key] = value


def _triggers(sent: Span) -> list[Token]:
    has_term_noun = bool(TERM_NOUNS.search(sent.text))
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.lower_ in TRIGGER_FORMS or (lemma in TRIGGER_LEMMAS and token.pos_ in {"VERB", "AUX"}):
            found.append(token)
        elif lemma == "convict" and any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and (TERM_RE.search(_subtree_text(c)) or LIFE_OR_DEATH_OBJECT.match(_subtree_text(c)))
            for c in [*token.children, *(g for o in token.children if o.dep_ == "dobj" for g in o.children)]
        ):
            found.append(token)  # CONVICTED TO: "convicted X to life imprisonment"
        elif (
            lemma in TERM_VERB_LEMMAS
            and token.pos_ == "VERB"
            and (
                has_term_noun
                or any(
                    c.dep_ in {"dobj", "npadvmod", "attr"}
                    and c.lower_.rstrip("s") in {"year", "month", "life", "penalty"}
                    for c in token.children
                )
                or any(  # "each got 10 years under the anti-trafficking law": the years hung on "under"
                    c.dep_ == "prep"
                    and g.dep_ == "npadvmod"
                    and g.lower_.rstrip("s") in {"year", "month"}
                    and g.i > token.i
                    and g.i < c.i
                    for c in token.children
                    for g in c.children
                )
                or any(  # "received a total of seven years": the years hang on "total"
                    c.dep_ == "dobj"
                    and c.lower_ in {"total", "aggregate"}
                    and any(TERM_RE.match(_subtree_text(g)) for o in c.children if o.lower_ == "of" for g in o.children)
                    for c in token.children
                )
                or any(  # APIECE: "got five years apiece", parsed as "apiece" modified by the years
                    c.lower_ in {"apiece", "each"}
                    and any(g.lower_.rstrip("s") in {"year", "month"} for g in c.children)
                    for c in token.children
                )
                or any(  # "was given eight years after a jury convicted him"
                    g.lower_.rstrip("s") in {"year", "month"} and _term_before_a_clause(g, token)
                    for c in token.children
                    if c.dep_ == "advcl"
                    for g in c.children
                )
                or any(  # RANGE GIVEN: "were handed between six and nine years"
                    c.dep_ == "prep"
                    and c.lower_ in {"between", "from"}
                    and any(g.lower_.rstrip("s") in {"year", "month"} for g in c.children)
                    for c in token.children
                )
            )
        ):
            found.append(token)  # "received four years", "was given nine years"
        elif lemma in HANDING_LEMMAS and token.pos_ == "VERB" and _hands_a_term(token):
            found.append(token)  # "handed A, 38, and B, 27, seven years each, and C, 30, five years"
        elif _elided_unit_number(token) is not None or _elided_in_next_sentence(token) is not None:
            found.append(token)  # "He received 12 years and she received eight"; "... His co-accused got six."
        elif _confines(token) or _punished_with(token) or _locked_up(token):
            found.append(token)  # "was put behind bars for nine years", "will spend the next 12 years in jail"
    return found


def _punished_with(verb: Token) -> bool:
    """PUNISHED WITH: "The pair ... were punished with 12 years in prison each": a ruling in
    the past tense ("was"/"were"); "is punished with up to 15 years" is the law."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() == "punish"
        and any(c.dep_ == "auxpass" and c.lower_ in {"was", "were"} for c in verb.children)
        and any(
            c.dep_ == "prep"
            and c.lower_ == "with"
            and any(g.dep_ == "pobj" and g.lower_.rstrip("s") in {"year", "month"} for g in c.children)
            for c in verb.children
        )
    )


CONFINED = re.compile(r"\b(?:behind bars|in (?:prison|jail))\b", re.I)


def _confines(verb: Token) -> bool:
    """PUT BEHIND BARS / WILL SPEND: a ruling told as where the person goes: "put" with
    "behind bars", and "spend" only in the future ("will spend"), for "spent two years in jail
    awaiting trial" is time already served, not a sentence."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in {"put", "spend"}:
        return False
    if lemma == "spend" and not any(c.dep_ == "aux" and c.lower_ in {"will", "'ll"} for c in verb.children):
        return False
    after = doc_text(verb.doc)[verb.idx : verb.sent.end_char]
    below = " ".join(t.text for t in verb.subtree if t.i > verb.i)
    return (
        CONFINED.search(below) is not None
        and TERM_RE.search(after) is not None
        and (lemma == "spend" or "behind bars" in below.lower())
    )


# LOCKED UP: "has been locked up for seven years", "was sent down for six years", "put away
# for life": British verbs of jailing, a particle and a "for" with the term
LOCKED_UP = {("lock", "up"), ("send", "down"), ("put", "away")}


def _locked_up(verb: Token) -> bool:
    if verb.pos_ != "VERB" or not any(
        c.dep_ == "prt" and (verb.lemma_.lower(), c.lower_) in LOCKED_UP for c in verb.children
    ):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(
            g.dep_ == "pobj" and (g.lower_.rstrip("s") in {"year", "month", "life"} or TERM_RE.match(_subtree_text(g)))
            for g in c.children
        )
        for c in verb.children
    )


HANDING_LEMMAS = {"hand", "give", "mete", "award"}


def _hands_a_term(verb: Token) -> bool:
    """A person and a term of years or months somewhere under a verb of handing: the list of
    names may carry the term as an apposition the parser hangs far below the verb."""
    text = doc_text(verb.doc)
    below = list(verb.subtree)
    return any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in below) and any(
        t.lower_.rstrip("s") in {"year", "month"}
        and t.dep_ in {"appos", "npadvmod", "dobj", "conj"}
        and not AGE_AFTER_TERM.match(text[t.idx + len(t) : t.idx + len(t) + 12])
        and not TIME_AFTER_TERM.match(text[t.idx + len(t) : t.idx + len(t) + 12])
        for t in below
    )


def _elided_unit_number(token: Token) -> Token | None:
    """The bare number of a second term verb whose unit the first one gave ("... and she received eight")."""
    if token.lemma_.lower() not in TERM_VERB_LEMMAS or not (
        (token.dep_ == "conj" and token.head.lemma_ == token.lemma_)
        # "X was sentenced to 10 years, while his wife Y received five"
        or (token.dep_ in {"conj", "advcl"} and token.head.lemma_.lower() in TRIGGER_LEMMAS)
    ):
        return None
    return next(
        (c for c in token.children if c.dep_ in {"dobj", "npadvmod", "attr"} and c.like_num and not list(c.children)),
        None,
    )


def _elided_in_next_sentence(token: Token) -> tuple[Token, dict] | None:
    """ELIDED UNIT, NEXT SENTENCE: "Tran Van Hung was sentenced to 10 years. His co-accused,
    Pham Van Duc, got six.": the bare number of a sentence's main verb, in the unit of the
    last term of the sentence just before; (number, that term) or None."""
    if token.lemma_.lower() not in {"get", "receive"} or token.dep_ != "ROOT" or token.sent.start == 0:
        return None
    number = next(
        (c for c in token.children if c.dep_ in {"dobj", "npadvmod", "attr"} and c.like_num and not list(c.children)),
        None,
    )
    if number is None or not any(c.dep_ == "nsubj" for c in token.children):
        return None
    doc = token.doc
    previous = doc[token.sent.start - 1].sent
    told = [t for trigger in _triggers(previous) for t in _terms_of(doc, previous, trigger) if not t["aggregate"]]
    return (number, told[-1]) if told else None


def _elided_unit_terms(doc: Doc, sent: Span, trigger: Token) -> list[dict]:
    """ELIDED UNIT: "He received 12 years and she received eight": the number is in the first verb's unit."""
    number = _elided_unit_number(trigger)
    if number is None:
        earlier = _elided_in_next_sentence(trigger)
        if earlier is None:
            return []
        number, term = earlier
        per_unit = _unit_of(doc_text(doc)[term["start"] : term["end"]])
        months = bare_number_months(number.text, per_unit) if per_unit else None
        if not months or term["suspended"]:
            return []
        return [{**term, "months": months, "listed": [months], "start": number.idx, "end": number.idx + len(number)}]
    first = _terms_of(doc, sent, trigger.head)
    per_unit = _unit_of(doc_text(doc)[first[0]["start"] : first[0]["end"]]) if len(first) == 1 else None
    months = bare_number_months(number.text, per_unit) if per_unit else None
    if not months or first[0]["suspended"] or first[0]["aggregate"]:
        return []
    return [{**first[0], "months": months, "listed": [months], "start": number.idx, "end": number.idx + len(number)}]


LIFE_OR_DEATH_OBJECT = re.compile(r"^to\s+(?:life|death|reclusion perpetua)\b", re.I)


def _subtree_text(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


def _trigger_is_real(trigger: Token) -> bool:
    """Not negated, not hypothetical, not under 'seek'/'face'/'could'."""
    for child in trigger.children:
        if child.dep_ == "neg":
            return False
        if child.dep_ == "aux" and child.lower_ in MODALS and not _ordered_to_serve(trigger, child):
            return False
    for ancestor in trigger.ancestors:
        if ancestor.lemma_.lower() in TRAP_GOVERNORS and not _after_a_semicolon(trigger, ancestor):
            return False
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in ancestor.children) and trigger.dep_ in {
            "xcomp",
            "ccomp",
        }:
            return False
    return True


def _after_a_semicolon(trigger: Token, ancestor: Token) -> bool:
    """ "sentenced X to 16 years; because he confessed, the sentence was reduced to eight": the
    parser hangs the sentencing under the clause after the semicolon, which only tells its outcome."""
    return trigger.head.i == ancestor.i and any(
        c.text == ";" and trigger.i < c.i < ancestor.i for c in ancestor.children
    )


COURT_SPEAKERS = {"judge", "court", "magistrate", "tribunal", "justice", "bench", "panel"}


def _ordered_to_serve(trigger: Token, modal: Token) -> bool:
    """ "The court ruled that X must serve 10 years": what a ruling orders, not a hypothesis;
    "Judge X said the accused would serve seven years' jail": a ruling told in reported speech."""
    if trigger.lemma_.lower() not in {"serve", "spend"}:
        return False
    if modal.lower_ == "must":
        return True
    speaker_verb = trigger.head
    after = doc_text(trigger.doc)[trigger.idx : trigger.sent.end_char]
    return (
        modal.lower_ == "would"
        and not re.search(r"\b(?:if|unless|in default|should)\b", after, re.I)
        and trigger.dep_ == "ccomp"
        and speaker_verb.lemma_.lower() in {"say", "rule", "order", "decide"}
        and any(t.lower_ in COURT_SPEAKERS for c in speaker_verb.children if c.dep_ == "nsubj" for t in c.subtree)
    )


def _misparsed_object(trigger: Token) -> Token | None:
    """VERB READ AS ADJECTIVE: "Judge X handed syndicate leader Tan, 48, ten years' jail" parsed
    with "handed" (it has its own subject) as an adjective of "leader": the noun phrase it
    modifies is the verb's object, and its subtree holds the term."""
    if trigger.dep_ != "amod" or trigger.pos_ != "VERB":
        return None
    if not any(c.dep_ == "nsubj" for c in trigger.children) and not (
        trigger.i > 0 and trigger.doc[trigger.i - 1].pos_ == "PROPN"  # "Judge X Yusof handed ..."
    ):
        return None
    token = trigger.head
    while token.dep_ in {"compound", "amod"} and token.head.i > token.i:
        token = token.head
    return token if token.i > trigger.i else None


# INDETERMINATE SENTENCE: Philippine courts pass a range, "six years and one day of prision
# mayor as minimum to 12 years and one day of reclusion temporal as maximum", "an indeterminate
# term of 12 years of prision mayor to 20 years of reclusion temporal": the maximum is the term
# pronounced (the minimum only says when parole may begin). Told by "as minimum" or by the
# name of a penalty of the Revised Penal Code between the two terms, so a plain "two to five
# years" (a range of the law) stays a trap.
PH_PENALTY = r"(?:prision|reclusion|arresto|presidio)\s+(?:mayor|menor|correccional|temporal)"
INDETERMINATE_TO = re.compile(
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){NUMBER}(?:\s*\(\d+\))?[\s-]+(?:years?|months?|days?)\b)*"
    rf"(?P<penalty>\s+of\s+{PH_PENALTY})?\s*,?\s*(?P<min>as\s+(?:the\s+|its\s+)?minimum\s*,?\s*)?to\s+",
    re.I,
)


ONE_DAY_TO = re.compile(r"\band\s+one\s+(?:\(1\)\s+)?day\s*,?\s*to\s+$", re.I)


def _indeterminate_maximum(text: str, term_end: int) -> tuple[int, int] | None:
    """(months, end) of the maximum when the term ending at `term_end` is an indeterminate
    sentence's minimum: told by "as minimum", a penalty's name, or a minimum ending in "and
    one day" ("12 years and one day to 20 years"), the Revised Penal Code's way of counting."""
    joined = INDETERMINATE_TO.match(text, term_end)
    if not joined or not (
        joined.group("penalty") or joined.group("min") or ONE_DAY_TO.search(text[max(0, term_end - 40) : joined.end()])
    ):
        return None
    maximum = compound_term(text[joined.end() :])
    return (maximum[0], joined.end() + maximum[1]) if maximum else None


# CONSECUTIVE TERMS: "two seven-year terms, to be served consecutively", "three consecutive
# terms of 60 months": several equal terms served one after the other add up; concurrent ones
# (or ones whose order is not told) are served at once, so one of them is the sentence.
_COUNT = r"(?P<count>two|three|four|five|six|seven|eight|nine|ten|[2-9])"
COUNTED_TERMS_BEFORE = re.compile(rf"\b{_COUNT}\s+(?P<consecutive>consecutive\s+)?$", re.I)
COUNTED_TERMS_AFTER = re.compile(r"^\s*(?:(?:prison|jail)\s+)?(?:terms|sentences)\b", re.I)
CONSECUTIVE_TERMS_OF_BEFORE = re.compile(
    rf"\b{_COUNT}\s+(?P<consecutive>consecutive)\s+(?:(?:prison|jail)\s+)?(?:terms|sentences)\s+of\s+$", re.I
)
CONSECUTIVE = re.compile(r"\bconsecutive(?:ly)?\b", re.I)


def _consecutive_total(text: str, match: re.Match, months: int) -> int:
    """The months served for `months` told as one of several equal terms served consecutively."""
    before = text[max(0, match.start() - 60) : match.start()]
    counted = CONSECUTIVE_TERMS_OF_BEFORE.search(before)
    if counted is None and COUNTED_TERMS_AFTER.match(text[match.end() :]):
        counted = COUNTED_TERMS_BEFORE.search(before)
    if counted is None or not (counted.group("consecutive") or CONSECUTIVE.search(text[match.end() :])):
        return months
    return months * int(parse_number(counted.group("count")))


def _terms_of(doc: Doc, sent: Span, trigger: Token) -> list[dict]:
    """Prison terms that hang off this trigger (in its subtree, no trap governor between)."""
    if trigger.dep_ == "amod" and TERM_NOUNS.fullmatch(trigger.head.text):
        trigger = trigger.head  # "were each handed two-year sentences" parsed with "handed" as an adjective
    anchor = _misparsed_object(trigger) or trigger
    subtree = {t.i for t in anchor.subtree}
    # REPORTED LIST: "Judge X said A got 11 years, his wife B eight years, and C six years":
    # the parser hangs the later items on "said"; after the verb's own clause they are its
    speech = (
        trigger.head
        if trigger.dep_ == "ccomp"
        and trigger.head.lemma_.lower() in {"say", "tell", "announce"}
        and trigger.head.i < trigger.i
        else None
    )
    text = sent.text
    terms = []
    inside_range = 0  # the rest of an indeterminate sentence read with its minimum
    for match in TERM_RE.finditer(text):
        months = term_to_months(match)
        if not months or match.start() < inside_range:
            continue
        start, end = sent.start_char + match.start(), sent.start_char + match.end()
        maximum = _indeterminate_maximum(text, match.end())
        if maximum:
            months, inside_range = maximum
        months = _consecutive_total(text, match, months)
        if (
            AGE_AFTER_TERM.match(text[match.end() : match.end() + 12])
            or NON_CUSTODIAL_AFTER.match(text[match.end() :])
            or FINE_DEFAULT_AFTER.match(text[match.end() :])
            or BESIDE_LIFE.search(
                text[max(0, match.start() - 12) : match.start()] + "|" + text[match.end() : match.end() + 12]
            )
        ):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if TRAP_BEFORE.search(before) or _range_before(before):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        reported = speech is not None and span.start > trigger.right_edge.i and span.root in speech.subtree
        if not any(t.i in subtree for t in span) and not reported:
            continue
        if (
            TIME_AFTER_TERM.match(text[match.end() : match.end() + 12])
            and not _given_by(span.root, trigger)
            and not AFTER_A_REDUCTION.match(text[match.end() :])
        ):
            continue
        path = _path_to(span.root, speech if reported else anchor)
        if path == [span.root.head] and _term_before_a_clause(span.root, anchor):
            path = []
        if path is None or any(
            t.pos_ in {"VERB", "AUX"}
            and not _serving(t, anchor)
            and not _alias_participle(t)
            and t.ent_type_ != "PERSON"  # "jailed for nine years and Radu for seven": a name parsed as a verb
            for t in path
        ):
            continue  # the term belongs to another clause ("paid nothing for nine months")
        if {t.lemma_.lower() for t in path} & TRAP_GOVERNORS:
            continue
        after = text[match.end() : match.end() + 40]
        partly = PARTLY_SUSPENDED_AFTER.match(text[match.end() : match.end() + 60])
        terms.append(
            {
                "months": months,
                "start": start,
                "end": end,
                "listed": term_list(text, match),
                "aggregate": bool(AGGREGATE_BEFORE.search(before)),
                "partly_suspended": partly,
                "suspended": not partly and bool(SUSPENDED_AFTER.match(after) or SUSPENDED_BEFORE.search(before)),
            }
        )
    return terms or _elided_unit_terms(doc, sent, trigger)


def _serving(verb: Token, trigger: Token) -> bool:
    """ "sentenced to suffer the penalty of 20 years", "sentenced to serve 10 years": the verb
    under the trigger only carries its term (Philippine decisions say "to suffer")."""
    return verb.dep_ == "xcomp" and verb.head.i == trigger.i and verb.lemma_.lower() in {"suffer", "serve", "undergo"}


ALIAS_PARTICIPLES = {"known", "called", "nicknamed", "dubbed"}


def _alias_participle(verb: Token) -> bool:
    """ "sentenced X, known as "Hung Lua", 42, to 20 years": the parser hangs the term on the
    alias's participle; it is still the sentencing verb's."""
    return verb.dep_ == "acl" and verb.lower_ in ALIAS_PARTICIPLES


def _term_before_a_clause(token: Token, trigger: Token) -> bool:
    """ "was given eight years after a jury convicted him": the parser hangs the years on the
    clause that follows ("eight years after"), but the verb has no other object: they are
    what it gives."""
    clause = token.head
    return (
        token.dep_ == "npadvmod"
        and clause.dep_ == "advcl"
        and clause.head.i == trigger.i
        and any(c.dep_ == "mark" and c.i == token.i + 1 for c in clause.children)
        and not any(c.dep_ in {"dobj", "attr"} for c in trigger.children)
        and trigger.lemma_.lower() in TRIGGER_LEMMAS | TERM_VERB_LEMMAS
    )


def _given_by(token: Token, trigger: Token) -> bool:
    """The term is what the verb gives: "jailed for six years", "sentenced to six years"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in {"total", "aggregate"}:
        token = token.head.head  # "jailed for a total of 24 years after ..."
    if token.dep_ == "npadvmod" and (token.head == trigger or _term_before_a_clause(token, trigger)):
        return True  # "was given six years after the court found them guilty"
    return token.dep_ in {"pobj", "dobj"} and (
        token.head == trigger
        or (token.head.dep_ == "prep" and token.head.lower_ in {"for", "to"} and token.head.head == trigger)
    )


def _path_to(token: Token, stop: Token) -> list[Token] | None:
    """Tokens strictly between `token` and its ancestor `stop`; None if `stop` is not above it."""
    path = []
    for ancestor in token.ancestors:
        if ancestor.i == stop.i:
            return path
        path.append(ancestor)
    return None


def _of_which_suspended(text: str, prison: list[dict]) -> int | None:
    match = OF_WHICH_SUSPENDED.search(text)
    if not match:
        return None
    value = parse_number(match.group("num"))
    if value is None:
        return None
    unit = (match.group("unit") or "").lower()
    if unit.startswith("month"):
        return int(value)
    if unit.startswith("year"):
        return int(value * 12)
    return None


def _defendants(
    doc, sents, index, trigger: Token, persons_by_token, entities, aliases=None, listed: int | None = None
) -> list[Entity]:
    """`listed`: how many terms the verb lists ("12 and 10 years"), so how many "them" are
    when they are named only in the next sentences."""
    lemma = trigger.lemma_.lower()
    heads: list[Token] = []
    inverted = _inverted_subjects(trigger)
    if inverted:
        people = _persons_in(inverted, persons_by_token)
        if people:
            return people  # "Sentenced to 10 years in prison each were A, 39, and B, 44"
    subject = _subject(trigger)
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
    objects += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in {"to", "on"}
        for g in c.children
        if g.dep_ == "pobj" and lemma in {"hand", "give", "impose", "mete", "award"}
    ]
    objects += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj" and any(t.lower_ == "absentia" for t in g.subtree) and g.lower_ != "absentia"
    ]  # "sentenced in absentia Chen Wei to 15 years": the parser hangs the person on "in"
    if not objects and (subject is None or subject.dep_ != "nsubjpass"):
        # "The court sentenced both to 12 years": "both" parsed as an adverb of "to"
        objects = [
            g
            for c in [trigger, *(c for c in trigger.children if c.dep_ == "prep")]
            for g in c.children
            if g.lower_ in {"both", "all"} and g.dep_ in {"advmod", "npadvmod", "predet", "det"} and g.i > trigger.i
        ]
    misparsed = _misparsed_object(trigger)
    if misparsed is not None:
        objects = [misparsed]
    # MISPARSED QUANTITY: "sentenced a Myanmar couple to six years' imprisonment each" read as
    # "a couple to six" years' imprisonment: the people are the quantifier noun of the term
    objects = [
        next((t for t in o.subtree if t.dep_ == "quantmod" and t.pos_ == "NOUN"), o) if TERM_NOUNS.search(o.text) else o
        for o in objects
    ]
    if objects:  # "sentenced A, 51, a headman ..., and B, 44, to ...": B parsed as the verb's conjunct
        objects += [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i in persons_by_token]
    if lemma in {"receive", "serve", "get", "spend", "draw"}:
        heads = [subject] if subject is not None else []
    elif subject is not None and subject.dep_ == "nsubjpass":
        heads = [subject]
    elif objects:
        # "imposed on her the penalty of life imprisonment": the penalty is what is given, not whom to
        heads = [o for o in objects if not TERM_NOUNS.search(o.text) and o.lemma_.lower() != "penalty"] or objects
    elif subject is not None and trigger.dep_ == "relcl":
        heads = [subject]
    elif _among(trigger) is not None:
        heads = [_among(trigger)]  # "X was among five people sentenced to 10 years": X, of the five
    elif trigger.dep_ in {"relcl", "acl"}:
        heads = [_out_of_place_slot(trigger.head)]
    elif subject is not None:
        heads = [subject]
    # MISPARSED QUANTITY: "sentenced a couple to 10 years each" read as "a couple to ten" years:
    # the people are the quantifier noun, not the years
    heads = [
        next((t for t in h.subtree if t.dep_ == "quantmod" and t.pos_ == "NOUN"), h)
        if h.lemma_.lower() in {"year", "month"}
        else h
        for h in heads
    ]
    if lemma == "substitute":
        # SUBSTITUTED: "substituted a jail term of five years for Mr Hakim", "set aside the fine
        # imposed on X and substituted a jail term of three years": the one it is "for", else
        # whom the sentence names before the verb; never the verb's object (the term)
        heads = [
            g
            for c in [trigger, *(o for o in trigger.children if o.dep_ == "dobj")]
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "for"
            for g in p.children
            if g.dep_ == "pobj" and g.i in persons_by_token
        ]
    if not heads and trigger.dep_ in {"amod", "dep", "attr"}:
        # BROKEN PARSE: "Five members ... were each handed reclusion perpetua" with "handed"
        # read as an adjective: the subject of the clause it sits in
        heads = [s for s in [_clause_subject(trigger)] if s is not None]
    people = _persons_in(heads, persons_by_token)
    if people and subject is not None and heads == [subject]:
        # SPLIT SUBJECT: "The defendants A (born 1985), B (born 1990) and C were sentenced":
        # the parser makes "The defendants A" one subject and "B and C" another
        others = [c for c in subject.head.children if c.dep_ == subject.dep_ and c.i < subject.i]
        earlier = [p for p in _persons_in(others, persons_by_token) if p not in people]
        people = earlier + people
    if not people and trigger.dep_ == "conj" and (not heads or heads[0].lower_ in QUANTIFIER_SUBJECTS):
        head_subject = _subject(trigger.head)
        if head_subject is not None:
            people = _persons_in([head_subject], persons_by_token)
    if not people and lemma in TRIGGER_LEMMAS:
        people = [p for p in (_unrecognised_name(h, entities, persons_by_token) for h in heads) if p is not None]
    if not people and lemma in TERM_VERB_LEMMAS and _beside_a_sentencing(trigger):
        # "sentenced A to 42 months, while Yuliana received 32 months": a single name, the
        # subject of the second clause of a sentencing
        people = [
            p for p in (_unrecognised_name(h, entities, persons_by_token, single=True) for h in heads) if p is not None
        ]
    if people:
        return people
    for head in heads:
        aged = _told_by_age(doc, head, entities, aliases, trigger.idx) or _told_by_nationality(
            doc, head, entities, aliases, trigger.idx
        )
        if aged is not None:
            return [aged]
        if head.lemma_.lower() in TERM_HEADS and not any(
            t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PLURAL_NOUNS for t in head.subtree
        ):  # not "sentenced an Indonesian couple to five years' imprisonment", the couple parsed under it
            # TERM AS OBJECT: "The court initially handed down a 36-year term but reduced it":
            # the term is no one; whom it was given to is the person the story is about
            found = _back_reference(doc, sents, index, 1, entities, limit=trigger.idx, aliases=aliases, pronoun=True)
            if found:
                return found
            continue
        if (
            head.pos_ in {"PROPN", "NOUN"}
            and head.i not in persons_by_token
            and not any(c.dep_ == "det" for c in head.children)
        ):
            # DATELINE SUBJECT: "VALDOSTA, Georgia — A farm labor contractor who ... was
            # sentenced": the parser makes the dateline the subject; the person is its apposition.
            head = next(
                (
                    c
                    # "BOISE, Idaho (AP) - A dairy manager ...": on the state after the town too
                    for c in [*head.children, *(g for k in head.children if k.dep_ == "conj" for g in k.children)]
                    if c.dep_ == "appos" and c.pos_ == "NOUN" and any(g.dep_ in {"det", "nummod"} for g in c.children)
                ),
                head,
            )
        if WITHHELD_NAME.match(doc_text(doc)[head.idx + len(head.text) : head.idx + len(head.text) + 80]):
            continue  # "sentenced the mother, whose name was withheld, to life": no one to name
        count = _reference_count(head)
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        # "A businessman with the title Datuk and his wife": the conjunct hangs lower down
        conjuncts += [t for t in head.subtree if t.dep_ == "conj" and t.lower_ in PERSON_NOUNS and t.head.i != head.i]
        if conjuncts:  # "a husband and wife"
            count = 1 + len(conjuncts)
        # "sentenced the couple, A, 45, and B, 41, to ...", "the head guard, X, to 11 years": the
        # names are right there, for any noun with an article
        named = _named_after(doc, head, persons_by_token) if count != 0 or _determined_noun(head) else []
        if named:
            return named
        numbered = _numbered_defendant(sents, index, head, persons_by_token)
        if numbered is not None:
            return [numbered]
        listed_after = _named_after_colon(sents[index], trigger, persons_by_token) if count != 0 else []
        if listed_after and (count is None or len(listed_after) == count):
            return listed_after  # "sentenced two people to 10 years each: A, 32, and his cousin B, 29"
        numbered = _numbered_before(sents, index, persons_by_token) if head.lower_ in {"he", "she"} else None
        if numbered is not None and _fits(doc_text(doc), numbered, PRONOUN_GENDER.get(head.lower_)):
            return [numbered]  # "The first defendant, 41, ... was sentenced to 18 years. He was also fined"
        if count != 0:
            found = _back_reference(
                doc,
                sents,
                index,
                count,
                entities,
                limit=trigger.idx,
                aliases=aliases,
                pronoun=head.lower_ in PRONOUNS,
                gender=PRONOUN_GENDER.get(head.lower_),
                noun=_noun_phrase(head),
                several=count is None and head.lower_ in {"each", "all", "they", "them"},
            )
            if found:
                return found
        if (count != 0 or (head.pos_ == "NOUN" and _determined(head))) and not _others(head):
            # "sentenced a recruiter to life ..." then "Maria Santos, 41, was found guilty"
            count = count or listed or _naming_count(sents, index, persons_by_token, aliases) or 1
            return _forward_reference(sents, index, persons_by_token, count, noun=head.lemma_.lower())
    if not heads:  # no parse to lean on: eligible persons in the sentence before the verb
        sent = sents[index]
        found = []
        for i in range(sent.start, trigger.i):
            person = persons_by_token.get(i)
            if person and person not in found and person.role not in NON_DEFENDANT_ROLES:
                found.append(person)
        return found
    return []


# NUMBERED DEFENDANT: Thai courts (and the press after them) number the accused: "The
# defendants were identified as A, B, C and D. ... The first defendant, 41, the owner of the
# bar, was sentenced to 18 years": the Nth defendant is the Nth name of the list of them.
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
NUMBERED_NOUNS = {"defendant", "accused", "suspect"}
DEFENDANTS_LISTED = re.compile(r"\b(?:defendants|accused|suspects)\b", re.I)


def _numbered_defendant(sents, index: int, head: Token, persons_by_token) -> Entity | None:
    """The person an ordinal defendant ("the second defendant") stands for, from the earlier
    sentence that lists the defendants; None when the story lists none."""
    if head.lemma_.lower() not in NUMBERED_NOUNS:
        return None
    ordinal = next((ORDINAL_WORDS[c.lower_] for c in head.children if c.lower_ in ORDINAL_WORDS), None)
    if ordinal is None:
        return None
    for sent in sents[:index]:
        if not DEFENDANTS_LISTED.search(sent.text):
            continue
        listed = []
        for i in range(sent.start, sent.end):
            person = persons_by_token.get(i)
            if person is not None and person not in listed and person.role not in NON_DEFENDANT_ROLES:
                listed.append(person)
        if len(listed) >= max(ordinal, 2):
            return listed[ordinal - 1]
    return None


def _numbered_before(sents, index: int, persons_by_token, lookback: int = 3) -> Entity | None:
    """The numbered defendant ("The first defendant, 41, ...") of the last sentences, when no
    one has been named since: what a following "he" or "she" refers to."""
    for back in range(index - 1, max(-1, index - 1 - lookback), -1):
        sent = sents[back]
        for token in sent:
            if token.lemma_.lower() in NUMBERED_NOUNS and any(c.lower_ in ORDINAL_WORDS for c in token.children):
                return _numbered_defendant(sents, back, token, persons_by_token)
        if any(i in persons_by_token for i in range(sent.start, sent.end)):
            return None
    return None


TERM_HEADS = {"term", "sentence", "penalty", "imprisonment", "jail", "prison"}

# TOLD BY AGE: "Martin Hale, 45, of Leeds, ran the operation. The 45-year-old was sentenced to
# 12 years": the press refers back to a person by the age it gave them.
AGE_REFERENCE = re.compile(r"^(?:the|a)\s+(?P<age>\d{1,2})[\s-]year[\s-]old\b", re.I)


# TOLD BY NATIONALITY: "Police arrested British national Gary Smith ... The Briton was jailed
# for 10 years", "X, an Australian teacher, ... The Australian was sentenced": the press refers
# back to a foreigner by nationality; the noun, and the adjective told beside the name.
NATIONALITY_NOUNS = {
    "briton": "british",
    "scot": "scottish",
    "englishman": "english",
    "welshman": "welsh",
    "irishman": "irish",
    "frenchman": "french",
    "dutchman": "dutch",
    "swede": "swedish",
    "dane": "danish",
    "pole": "polish",
    "turk": "turkish",
    "spaniard": "spanish",
    "finn": "finnish",
    "filipina": "filipino",
    **{
        word: word
        for word in (
            "australian american canadian german italian russian ukrainian romanian albanian nigerian kenyan "
            "ugandan indian pakistani bangladeshi nepali chinese taiwanese japanese korean vietnamese cambodian "
            "malaysian indonesian singaporean filipino burmese laotian thai"
        ).split()
    },
}


def _told_by_nationality(doc: Doc, head: Token, entities, aliases, limit: int) -> Entity | None:
    """The one person named before `limit` whom the text calls by the subject's nationality
    ("The Briton" after "British national Gary Smith"); None when no one or several."""
    adjective = NATIONALITY_NOUNS.get(head.lower_)
    if adjective is None or not any(c.lower_ == "the" and c.dep_ == "det" for c in head.children):
        return None
    text = doc_text(doc)
    beside = re.compile(rf"\b{adjective}\b", re.I)
    aliases = aliases or {}
    people = {
        id(person): person
        for e in entities
        if e.kind == "person"
        and (person := aliases.get(id(e), e)).role not in NON_DEFENDANT_ROLES
        and any(
            m.start < limit
            and beside.search(
                text[max(m.sent_start, m.start - 30) : m.start] + " " + text[m.end : min(m.sent_end, m.end + 40)]
            )
            for m in e.mentions
        )
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _told_by_age(doc: Doc, head: Token, entities, aliases, limit: int) -> Entity | None:
    """The one person named before `limit` with the age the subject ("The 45-year-old
    [father]") gives; None when no one or several have it."""
    found = AGE_REFERENCE.match(_subtree_text(head))
    if found is None:
        return None
    age = int(found.group("age"))
    aliases = aliases or {}
    people = {
        id(person): person
        for e in entities
        if e.kind == "person"
        and e.age == age
        and any(m.start < limit for m in e.mentions)
        and (person := aliases.get(id(e), e)).role not in NON_DEFENDANT_ROLES
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _inverted_subjects(trigger: Token) -> list[Token]:
    """ "Sentenced to 10 years ... were A and B": the people come after the verb "be"."""
    head = trigger.head
    if trigger.dep_ not in {"advcl", "csubj", "ccomp"} or head.lemma_ != "be" or trigger.i > head.i:
        return []
    return [c for c in head.children if c.dep_ in {"attr", "nsubj", "nsubjpass"} and c.i > head.i]


# WITHHELD NAME: "the mother, whose name was withheld to protect her children,": the one
# sentenced is unnamed on purpose; the people named next are others.
WITHHELD_NAME = re.compile(
    r"^\s*,?\s*(?:whose\s+(?:names?|identit(?:y|ies))\s+(?:was|were|is|are|has been|have been)\s+"
    r"(?:withheld|not\s+(?:released|disclosed|given|made public|published))|who\s+(?:can|could)not\s+be\s+named|"
    r"who\s+(?:was|were)\s+not\s+named)\b",
    re.I,
)


def _among(trigger: Token) -> Token | None:
    """The subject of "X was among the five people sentenced ...", or None."""
    group = trigger.head
    if trigger.dep_ != "acl" or group.dep_ != "pobj" or group.head.lower_ != "among":
        return None
    return next((c for c in group.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _determined_noun(head: Token) -> bool:
    return head.pos_ == "NOUN" and any(c.dep_ == "det" for c in head.children)


def _determined(noun: Token) -> bool:
    """ "a recruiter", "two men": a noun for someone, not a bare word; the article counts even
    where a dateline ("KUALA LUMPUR, Sept 9 - A Thai woman") puts the parse out."""
    return any(c.dep_ in {"det", "nummod"} for c in noun.children) or any(
        t.lower_ in {"a", "an"} for t in noun.subtree if t.i < noun.i
    )


NAME_TOKEN = re.compile(r"^[A-Z][a-z'-]+$")
ALIAS_WORDS = {"alias", "aka", "a.k.a."}


def _beside_a_sentencing(verb: Token) -> bool:
    return verb.dep_ in {"advcl", "conj"} and verb.head.lemma_.lower() in TRIGGER_LEMMAS


def _unrecognised_name(head: Token, entities: list[Entity], persons_by_token, single: bool = False) -> Entity | None:
    """NAME THE MODEL MISSED: "Suharto alias Anto, 40, was sentenced", "sentenced Thai national
    Wichai Boonma in absentia": the one sentenced, a run of capitalised proper nouns heading
    the subject or object, is a person even when entity recognition missed it. Two words, or
    one with an age after it; never a word of an institution or of a known place or agency."""
    if head.pos_ != "PROPN" or head.i in persons_by_token:
        return None
    doc = head.doc
    start = head.i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].head.i == head.i
        and NAME_TOKEN.match(doc[start - 1].text)  # not "former kagawad": a lower-case post
    ):
        start -= 1
    end = head.i + 1
    if start >= 2 and doc[start - 1].lower_ in ALIAS_WORDS and doc[start - 2].pos_ == "PROPN":
        end, start = start - 1, start - 2  # "Suharto alias Anto": the name before the alias
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == doc[end - 1].i:
            start -= 1
    words = doc[start:end]
    text = doc_text(doc)
    after = head.idx + len(head)  # "Suharto alias Anto, 40,": the age follows the alias
    aged = AGE_APPOSITION.match(text[after : after + 12])
    if single:
        if head.dep_ != "nsubj" or head.is_sent_start or head.ent_type_ not in {"", "PERSON"}:
            return None
    elif head.dep_ not in {"nsubjpass", "dobj"} or not (len(words) >= 2 or aged) or len(words) > 4:
        return None
    if not all(NAME_TOKEN.match(t.text) for t in words) or INSTITUTION_HEAD.search(words.text):
        return None
    taken = {i for e in entities for m in e.mentions for i in range(m.token_start, m.token_end)}
    if any(t.i in taken for t in words):
        return None  # a place or an agency already
    sent = head.sent
    person = Entity(
        "person",
        words.text,
        [Mention(words.start_char, words.end_char, words.text, sent.start_char, sent.end_char, start, end)],
        age=int(re.search(r"\d+", aged.group(0)).group(0)) if aged else None,
    )
    entities.append(person)
    for i in range(start, end):
        persons_by_token[i] = person
    return person


def _named_after_colon(sent: Span, trigger: Token, persons_by_token) -> list[Entity]:
    """The people a colon after the verb lists to the end of the sentence, when nothing else
    (no verb, no second term) comes after the colon."""
    colon = next((t for t in sent if t.i > trigger.i and t.text == ":"), None)
    if colon is None:
        return []
    tail = sent.doc[colon.i + 1 : sent.end]
    if any(t.pos_ in {"VERB", "AUX"} for t in tail) or TERM_RE.search(tail.text):
        return []
    found: list[Entity] = []
    for t in tail:
        person = persons_by_token.get(t.i)
        if person is not None and person not in found:
            if person.role in NEVER_DEFENDANT_ROLES:
                return []
            found.append(person)
    return found


def _naming_count(sents, index: int, persons_by_token, aliases=None) -> int | None:
    """ "They are A and B.": how many the next sentence names, when it only names them (an
    alias, "B, 33, alias Mamasang B", is its person again)."""
    if index + 1 >= len(sents) or not NAMING.match(sents[index + 1].text):
        return None
    sent = sents[index + 1]
    aliases = aliases or {}
    named = {
        id(aliases.get(id(p), p)) for i in range(sent.start, sent.end) if (p := persons_by_token.get(i)) is not None
    }
    return len(named) or None


def _named_after(doc, head: Token, persons_by_token) -> list[Entity]:
    """People listed right after a noun like "the couple" or "the pair", as its apposition
    by position ("the couple, A, 45, and B, 41,"): the parser often attaches them elsewhere."""
    found: list[Entity] = []
    i = head.i + 1
    if i < len(doc) and doc[i].pos_ == "ADP" and doc[i].lower_ in {"for", "from", "at", "of", "with", "in"}:
        # "a recruiter for an unlicensed manpower company, Syamsul Hadi,": the noun's own short
        # phrase (no comma, no verb, no name inside) stands between it and the name
        j = i + 1
        while j < len(doc) and j - i <= 7 and not doc[j].is_punct:
            j += 1
        inside = doc[i:j]
        if (
            j < len(doc)
            and doc[j].text == ","
            and not any(t.pos_ in {"VERB", "AUX"} or t.i in persons_by_token or t.like_num for t in inside)
        ):
            i = j
    if i >= len(doc) or doc[i].text not in {",", ":", "—", "–"}:
        return []
    while i < len(doc):
        token = doc[i]
        person = persons_by_token.get(i)
        if person is not None:
            if person.role in NON_DEFENDANT_ROLES:
                return []
            if person not in found:
                found.append(person)
        elif not (
            token.is_punct or token.like_num or token.lower_ in {"and", "his", "her", "wife", "husband", "aged", "both"}
        ):
            break
        i += 1
    return found


def _out_of_place_slot(token: Token) -> Token:
    """ "John Smith, 34, of Leeds, who was jailed": the clause hangs off Leeds; it is about Smith."""
    while token.dep_ == "pobj" and token.head.lower_ in {"of", "from", "in"} and token.head.head.pos_ == "PROPN":
        token = token.head.head
    return token


def _clause_subject(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        subjects = [c for c in ancestor.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects[-1]
    return None


INDEFINITE_PRONOUNS = {"nothing", "something", "anything", "everything", "little", "much"}


def _subject(trigger: Token) -> Token | None:
    """The subject's head noun; "co - defendants" parses as several subjects: take the last,
    but never a stray "nothing" ("A man who worked them for almost nothing has been jailed")."""
    found = _plain_subject(trigger)
    if found is None or found.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
        # RELATIVE LEDE: "A gangmaster who kept workers ... and took most of their wages has
        # been locked up": the parser makes the noun the root and "most" the subject
        root = trigger.sent.root
        passive = any(c.dep_ == "auxpass" for c in trigger.children)
        if (
            root.pos_ == "NOUN"
            and trigger.i > root.i
            and passive
            and any(c.dep_ == "relcl" and trigger in c.subtree for c in root.children)
        ):
            return root
        if found is None and passive:
            # "A man who made a teenager tend a cannabis factory ... has been locked up": the
            # parse loses the subject; it is the noun with the relative clause opening the sentence
            sent = trigger.sent
            for token in sent[:4]:
                if (
                    token.pos_ == "NOUN"
                    and token.i < trigger.i
                    and any(c.dep_ == "relcl" for c in token.children)
                    and any(c.dep_ == "det" for c in token.children)
                ):
                    return token
    return found


def _plain_subject(trigger: Token) -> Token | None:
    token = trigger
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ in {"nsubjpass", "nsubj"}]
        if len(subjects) > 1:
            subjects = [c for c in subjects if c.lower_ not in INDEFINITE_PRONOUNS] or subjects
            # "Her uncle, X, 58, and a driver, Y, 33, each got 10 years": a floating "each"
            # beside the real subject
            # (a common noun: after a run of names the parser garbles, "each" finds them all)
            if any(c.pos_ == "NOUN" for c in subjects):
                subjects = [c for c in subjects if c.lower_ not in {"each", "both", "all"}] or subjects
            # "A company director with the title Datuk was sentenced": "Datuk" read as a second
            # subject; a bare title is not who was sentenced
            subjects = [c for c in subjects if not (c.pos_ == "PROPN" and is_title_word(c.text))] or subjects
        if subjects and subjects[-1].tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
            return _out_of_place_slot(token.head)  # "X, who was also sentenced to life": X
        if subjects:
            return subjects[-1]
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "xcomp":
            controller = [c for c in token.head.children if c.dep_ in {"dobj", "dative"}]
            if controller:
                return controller[-1]  # OBJECT CONTROL: "Judge X ordered him to serve 188 months": him
        if token.dep_ in {"conj", "xcomp", "advcl"}:
            token = token.head
            continue
        break
    return None


def _persons_in(heads: list[Token], persons_by_token, owners: bool = True) -> list[Entity]:
    """Persons heading the NP (and its conjuncts/appositions); the whole subtree as fallback,
    without the NP's owners ("X's albums", "the appeal of X") when `owners` is False."""
    found: list[Entity] = []

    def add(person):
        if person and person not in found and person.role not in NEVER_DEFENDANT_ROLES:
            found.append(person)

    for head in heads:
        stack = [head]
        while stack:
            token = stack.pop()
            add(persons_by_token.get(token.i))
            stack.extend(c for c in token.children if c.dep_ in {"conj", "appos", "compound"})
            # "Zhang Yong, Wu Dehai, Sun Lei and Xu Ming received": a listed name the parser
            # hangs on the first as a modifier, after a comma
            stack.extend(
                c
                for c in token.children
                if c.dep_ in {"npadvmod", "dep", "nmod"}
                and c.i in persons_by_token
                and c.left_edge.i > 0
                and c.doc[c.left_edge.i - 1].text == ","
            )
            # "Three defendants, including A, B and C, received ...": the people listed are the head's
            stack.extend(
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in {"including", "namely"} and token.i == head.i
                for g in c.children
                if g.dep_ == "pobj"
            )
        if not found:
            for token in head.subtree:
                if owners or not _owned_by(token, head):
                    add(persons_by_token.get(token.i))
        if not found and head.pos_ == "NOUN" and head.i + 1 < len(head.doc):
            # TITLE AS HEAD: "sentenced former police lieutenant colonel Surachai Wongsa": the
            # parser makes the post the object and hangs the name elsewhere; it follows the post
            after = persons_by_token.get(head.i + 1)
            if after and any(m.token_start == head.i + 1 for m in after.mentions):
                add(after)
    return found


def _in_a_clause_below(token: Token, head: Token) -> bool:
    """ "A nail bar owner who forced three teenagers to work": "three" counts the teenagers,
    not the owners (a relative clause or a prepositional phrase other than "of")."""
    while token.i != head.i and token.dep_ != "ROOT":
        if token.dep_ in {"relcl", "acl", "advcl"} or (token.dep_ == "prep" and token.lower_ != "of"):
            return True
        token = token.head
    return False


def _owned_by(token: Token, head: Token) -> bool:
    """Under a possessive or an "of"-like phrase of `head`, not "identified as X"."""
    while token.i != head.i:
        if token.dep_ == "poss" or (token.dep_ == "prep" and token.lower_ in OWNER_PREPOSITIONS):
            return True
        token = token.head
    return False


MONTH_NAME = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")


def _day_of_month(token: Token) -> bool:
    """DATELINE DAY: the 9 of "KUALA LUMPUR, Sept 9 - A Vietnamese woman was ...", which the
    parser may hang under the subject, counts days, not people."""
    doc = token.doc
    return any(0 <= i < len(doc) and MONTH_NAME.match(doc[i].text) for i in (token.i - 1, token.i + 1))


def _reference_count(head: Token) -> int | None:
    """How many earlier-named people an NP like 'All three' or 'the couple' points back to.

    Returns 0 when the NP is not a back-reference (e.g. '120 traffickers' is a statistic).
    """
    tokens = [t for t in head.subtree if not _in_a_clause_below(t, head)]
    words = [t.lower_ for t in tokens]
    if _others(head):
        return 0  # "Two other men ... received three years each": not the people named before
    for token in tokens:
        if re.fullmatch(r"\d+", token.text) and not _day_of_month(token):
            return 0 if int(token.text) > 10 else int(token.text)
    if head.lower_ in PRONOUNS:
        return PRONOUNS[head.lower_]
    for word in words:
        if word in PLURAL_WORDS:
            return PLURAL_WORDS[word]
    if head.lower_ in SINGULAR_NOUNS and ("the" in words or "this" in words):
        return 1
    if head.lower_ in PLURAL_NOUNS and ("the" in words or "all" in words or "these" in words):
        return None
    if head.lower_ in {"all", "each"}:
        return None  # "Each was sentenced to seven years" after a list of names
    return 0


def _others(head: Token) -> bool:
    """ "two other men", "another suspect": people besides those the text names, told unnamed."""
    return any(
        t.lower_ in {"other", "others", "another", "further", "more"} and t.i <= head.i
        for t in head.subtree
        if not _in_a_clause_below(t, head)
    )


def _noun_phrase(head: Token) -> str | None:
    """ "Chinese national" of "the Chinese national": the words that can describe one person."""
    if head.pos_ != "NOUN" or head.lower_ in PRONOUNS:
        return None
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ in {"amod", "compound"} and t.head == head] + [head]
    return " ".join(t.lower_ for t in words)


def _described_as(text: str, entity: Entity, noun: str) -> bool:
    """ "Chinese national Wang Lei" / "Chan Dara, a 35-year-old recruiter," / "the broker, Im Sophorn"."""
    before = re.compile(rf"\b{re.escape(noun)}s?\s*,?\s*$", re.I)
    after = re.compile(
        rf"^\s*,\s*(?:\d{{1,2}}\s*,\s*)?(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b", re.I
    )
    return any(
        before.search(text[max(0, m.start - 40) : m.start]) or after.match(text[m.end : m.end + 80])
        for m in entity.mentions
    )


def _back_reference(
    doc,
    sents,
    index,
    count,
    entities,
    limit: int,
    aliases=None,
    pronoun=False,
    gender: str | None = None,
    noun: str | None = None,
    several: bool = False,
) -> list[Entity]:
    """The last `count` people named before `limit` (the verb) who could be defendants
    (`several`: the reference is plural, "each", "they", with no number).

    An alias counts as its person; a "person" only ever named in a place's slot ("Jones, 52,
    of Walsall") is a mistyped place and is never what "he" refers to."""
    aliases = aliases or {}
    # "the two", "all four" may point further back than "he": their number has to fit
    earliest = sents[max(0, index - (12 if count and count >= 2 else 6))].start_char
    text = doc_text(doc)
    latest: dict[int, tuple[int, Entity]] = {}
    for entity in entities:
        if entity.kind != "person":
            continue
        person = aliases.get(id(entity), entity)
        if person.role in NON_DEFENDANT_ROLES or _only_in_place_slots(text, entity) or _is_byline(text, entity):
            continue
        if not _fits(text, person, gender):
            continue  # "She was given 40 months" after "Kevin Jones ... and his wife Lan Jones"
        if count and count >= 2 and _told_as_one_more(text, entity, count):
            continue  # "the two" after "A and B ... A third suspect, C, fled": C is not one of them
        before = [m.start for m in entity.mentions if earliest <= m.start < limit]
        if before and max(before) > latest.get(id(person), (-1, None))[0]:
            latest[id(person)] = (max(before), person)
    recent: list[tuple[int, Entity]] = list(latest.values())
    recent.sort(key=lambda pair: pair[0], reverse=True)
    if noun and count:
        # SAME NOUN: "the recruiter was jailed" after "Chan Dara, a recruiter, and Lim Sokha, a driver"
        described = [e for _, e in recent if _described_as(text, e, noun)]
        if len(described) == count:
            return described[::-1]
    if count is None:
        if not recent:
            return []
        # "they": everyone named in the last sentence that named someone eligible
        last_sent = next(s for s in reversed(sents[: index + 1]) if s.start_char <= recent[0][0])
        group = [e for pos, e in recent if pos >= last_sent.start_char][::-1]
        if several and len(group) == 1:
            # "Each was sentenced" after "named them as A and B. ... B took the girl ...": each
            # of several is the last sentence naming two or more, with whoever was named since
            for sent in reversed(sents[:index]):
                if sent.start_char >= last_sent.start_char:
                    continue
                if sent.start_char < earliest:
                    break
                named = [
                    e
                    for e in {id(e): e for _, e in recent}.values()
                    if any(sent.start_char <= m.start < sent.end_char for m in e.mentions)
                ]
                if len(named) >= 2:
                    ordered = sorted(
                        named,
                        key=lambda e: min(m.start for m in e.mentions if sent.start_char <= m.start < sent.end_char),
                    )
                    return ordered + [e for e in group if e not in ordered]
        return group
    if pronoun and count == 1 and recent:
        # PRONOUN: "He" is the person the last sentence naming people was about: its subject,
        # or someone introduced with an age ("Darren Whitfield, 52, of Walsall, ran Glamour
        # Nails"), before a mere name in object position.
        last_sent = next(s for s in reversed(sents[: index + 1]) if s.start_char <= recent[0][0])
        in_last = [(pos, e) for pos, e in recent if pos >= last_sent.start_char]
        aged = {id(aliases.get(id(e), e)) for e in entities if e.kind == "person" and e.age is not None}
        introduced = [(pos, e) for pos, e in in_last if id(e) in aged or _is_subject_there(doc, e, last_sent)]
        if introduced:
            return [introduced[0][1]]
    chosen = [e for _, e in recent[:count]]
    if len(chosen) == count:
        return chosen[::-1]
    if count >= 2 and len(chosen) >= 2:
        # SHORT LIST: "All four" after a sentence listing four people, one of whom entity
        # recognition missed: the people that sentence does name are among the four.
        last_sent = next(s for s in reversed(sents[: index + 1]) if s.start_char <= recent[0][0])
        group = [e for pos, e in recent if pos >= last_sent.start_char]
        if len(group) >= 2:
            return group[::-1]
    return []


ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
ORDINAL_BEFORE = re.compile(
    r"\b(?:a|an|the)\s+(?P<ordinal>%s)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*,\s*"
    r"(?:(?:who\s+was\s+)?(?:identified|named|known)\s+(?:only\s+)?as\s+)?$" % "|".join(ORDINALS),
    re.I,
)  # "A fifth suspect, identified only as X,"


def _told_as_one_more(text: str, entity: Entity, count: int) -> bool:
    """ "A third suspect, Keo Rith," is not among "the two"."""
    for m in entity.mentions:
        found = ORDINAL_BEFORE.search(text[max(0, m.start - 50) : m.start])
        if found and ORDINALS[found.group("ordinal").lower()] > count:
            return True
    return False


def _is_subject_there(doc: Doc, entity: Entity, sent: Span) -> bool:
    return any(
        doc[m.token_start : m.token_end].root.dep_ in {"nsubj", "nsubjpass"}
        for m in entity.mentions
        if sent.start_char <= m.start < sent.end_char
    )


# GENDER: "his wife, X" / "Her husband, Y" / "Ms X": what "she" or "her sentence" can point to.
FEMALE_BEFORE = re.compile(
    r"\b(?:wife|mother|daughter|sister|girlfriend|niece|aunt|grandmother|woman|widow|"
    r"Ms|Mrs|Miss|Madam|Madame|Daw)\.?\s*,?\s*$"
)
MALE_BEFORE = re.compile(r"\b(?:husband|father|son|brother|boyfriend|nephew|uncle|grandfather|man|Mr)\.?\s*,?\s*$")
FEMALE_TITLES = re.compile(r"^(?:Ms|Mrs|Miss|Madam|Madame|Daw|Mother|Sister)\.?$", re.I)
MALE_TITLES = re.compile(r"^(?:Mr|Father|Brother)\.?$", re.I)
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _gender(text: str, entity: Entity) -> str | None:
    """ "f", "m" or None (not told) from the words right before a mention or the title."""
    title = entity.title or ""
    if FEMALE_TITLES.match(title):
        return "f"
    if MALE_TITLES.match(title):
        return "m"
    for m in entity.mentions:
        before = text[max(0, m.start - 25) : m.start]
        if FEMALE_BEFORE.search(before):
            return "f"
        if MALE_BEFORE.search(before):
            return "m"
    return None


def _fits(text: str, entity: Entity, gender: str | None) -> bool:
    told = _gender(text, entity) if gender else None
    return told is None or told == gender


BYLINE_BEFORE = re.compile(r"(?:^|\n)\s*(?:By|BY|Reporting by|Written by)\s+$")


def _is_byline(text: str, entity: Entity) -> bool:
    """ "By Kittipong Saenmuang" above the story, or a name alone on a line below the headline
    ("Yohanes Bria Seran / The Jakarta Post", "Phnom Penh Post | Mom Kunthear"): the reporter,
    never a defendant."""
    return all(
        BYLINE_BEFORE.search(text[max(0, m.start - 20) : m.start]) or _on_a_line_of_names(text, m)
        for m in entity.mentions
    )


def _on_a_line_of_names(text: str, m) -> bool:
    """The mention's line, not the first, has no lower-case word and no digit: no clause."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line_start > 0 and not re.search(r"\b[a-z]|\d", line)


def _only_in_place_slots(text: str, entity: Entity) -> bool:
    """Every mention sits where a place goes: "of Walsall", "from Leeds,"."""
    return all(re.search(r"\b(?:of|from|in|at|near)\s+$", text[max(0, m.start - 8) : m.start]) for m in entity.mentions)


# ALIAS: "Sok Dara, also known as Meng, 36": later mentions of "Meng" are Sok Dara.
ALIAS_CUE = re.compile(
    r"\b(?:(?:also|better|locally|widely|popularly) known as|known (?:locally |widely |popularly )?as|"
    r"a\.?k\.?a\.?|alias|nicknamed|who goes by)\b",
    re.I,
)
ALIAS_AFTER = re.compile(  # "X alias Y", "X, 33, alias Y": an age may stand between
    r"^\s*,?\s*(?:(?:aged\s+)?\d{1,2}\s*,\s*)?\(?\s*(?:(?:also|better|locally|widely|popularly) known as|known (?:locally |widely |popularly )?as|"
    r"a\.?k\.?a\.?|alias|nicknamed|who goes by)\s+"
    r"[\"'\u201c\u2018]?(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})"
)


def _aliases(doc: Doc, entities: list[Entity], persons_by_token: dict[int, Entity]) -> dict[int, Entity]:
    """{id(alias entity): person} for aliases given in the text; alias tokens are remapped in
    persons_by_token so "Meng was sentenced" finds Sok Dara. Entity resolution may keep
    "Meng" as a person of its own; here it only stands for Sok Dara."""
    text = doc_text(doc)
    if not ALIAS_CUE.search(text):
        return {}
    found: dict[int, Entity] = {}
    for person in [e for e in entities if e.kind == "person"]:
        for m in person.mentions:
            match = ALIAS_AFTER.match(text[m.end : m.end + 80])
            if not match:
                continue
            alias = match.group("alias").strip().rstrip("'\u2019")  # "alias 'Phong Bac'": no closing quote
            for occurrence in re.finditer(rf"\b{re.escape(alias)}\b", text):
                span = doc.char_span(occurrence.start(), occurrence.end(), alignment_mode="expand")
                if span is None:
                    continue
                others = {id(o): o for t in span if (o := persons_by_token.get(t.i)) is not None}
                if any(o is not person and o.name.casefold() != alias.casefold() for o in others.values()):
                    continue  # "Meng" inside another person's name "Meng Sokha"
                for other in others.values():
                    if other is not person:
                        found[id(other)] = person
                for token in span:
                    persons_by_token[token.i] = person
    for i, other in list(persons_by_token.items()):
        if id(other) in found:  # the rest of the alias's own mention ("Phong Bac'")
            persons_by_token[i] = found[id(other)]
    return found


COURT_CASE_WORDS = re.compile(
    r"\b(?:convict\w*|guilty|sentenc\w*|jail\w*|prison|trial|court|accused|defendants?|"
    r"traffick\w*|arrest\w*|charged|pleaded|(?:identified|named)(?:\s+(?:him|her|them|the\s+\w+))?\s+as)\b",
    re.I,
)
AGE_CUE = re.compile(r",\s*\d{1,2}\s*,|\(\d{1,2}\)")


# "They are A, B and C." / "The three were A, B and C." / "Convicted were A; B; and C.": a
# sentence that only names them
NAMING = re.compile(
    r"^\s*(?:They|These|Those|The\s+(?!victims|survivors|girls|boys|children|women|workers)"
    r"(?:[a-z]+\s+)?[a-z]+)\s+(?:are|were)\s+(?:[A-Z]|identified|named)|"
    r"^\s*(?:Also\s+)?(?:[Cc]onvicted|[Ss]entenced|[Jj]ailed)\s+were\s+[A-Z]"
)


# "The men, Wang Lei and Zhou Bin, ran ...", "The convict, X,": a sentence opening on a noun
# for the people sentenced, then their names
NOUN_THEN_NAMES = re.compile(
    r"^\s*The\s+(?:[a-z-]+\s+){0,2}(?:%s|convicts?|convicted)\s*,\s+(?:(?:identified|named)\s+as\s+)?[A-Z]"
    % "|".join(sorted(SINGULAR_NOUNS | PLURAL_NOUNS | PERSON_NOUNS))
)


OFFICER_NOUNS = {
    *(("police", n) for n in ("officer", "policeman", "policewoman", "colonel", "general", "sergeant")),
    *(("official", n) for n in ("official", "officer", "chief", "governor", "mayor")),
}


def _forward_reference(sents, index, persons_by_token, count: int = 1, noun: str | None = None) -> list[Entity]:
    """The first `count` people named in the next two sentences, preferring those given an age
    (the third only when it names them by the noun of the sentencing)."""
    candidates = []
    text = doc_text(sents[index].doc)
    # "The mother, X," / "named the mother as X, and the broker as Y": the noun right before the name
    same = (
        re.compile(rf"\b{re.escape(noun)}s?\b(?:\s+as)?[\s,]*$", re.I)
        if noun and noun.isalpha() and len(noun) > 2
        else None
    )
    for offset, sent in enumerate(sents[index + 1 : index + (4 if count == 1 else 3)]):
        # the third sentence for one person only, by the same noun ("The mother, Y Sarom, 48, wept")
        about_the_case = offset < 2 and (
            COURT_CASE_WORDS.search(sent.text)
            or AGE_CUE.search(sent.text)
            or NAMING.match(sent.text)
            or NOUN_THEN_NAMES.match(sent.text)
        )
        for token in sent:
            person = persons_by_token.get(token.i)
            if not about_the_case and not (
                # "... has been jailed for 13 years." "The man, Phan Rithy, denied it.": the noun names him
                person and same and same.search(text[max(0, token.idx - 30) : token.idx])
            ):
                continue  # a sentence about something else ("House Bill No. 7836 ...") names no defendant
            if (
                person
                and person.role not in NEVER_DEFENDANT_ROLES
                and person not in candidates
                and not _is_byline(doc_text(sent.doc), person)
                and not _acquitted(sent, person)  # "His co-accused, X, 31, was acquitted"
            ):
                candidates.append(person)
    if same is not None:
        # SAME NOUN: "sentenced a mother ... to three years" ... "The mother, Y Sarom, 48, wept"
        named_so = [
            p
            for p in candidates
            if any(
                same.search(text[max(0, m.start - 30) : m.start]) for m in p.mentions if m.start > sents[index].end_char
            )
        ]
        if len(named_so) >= count:
            return named_so[:count]
    # IDENTIFIED AS: "Police ... identified the convict as Maria Lourdes Caballero": the one
    # so named, before a spokesperson named in the same sentence
    identified = [
        p
        for p in candidates
        if any(
            IDENTIFIED_AS.search(text[max(0, m.start - 60) : m.start])
            for m in p.mentions
            if m.start > sents[index].end_char
        )
    ]
    if len(identified) >= count:
        return identified[:count]
    if count == 1 and noun in PERSON_NOUNS:
        # OTHER ROLE: "sentenced a mother to three years" ... "X was arrested with the broker,
        # Y, 40": Y is told as someone else, not as the mother
        other_roles = PERSON_NOUNS - {noun, "accused", "defendant", "suspect", "trafficker"}
        candidates = [
            p for p in candidates if not any(_described_as(text, p, other) for other in other_roles)
        ] or candidates
    with_age = [p for p in candidates if p.age is not None]
    # not police or officials speaking, unless the one sentenced was one ("a former senior police officer")
    plain = [p for p in candidates if p.role not in NON_DEFENDANT_ROLES or (p.role, noun) in OFFICER_NOUNS]
    chosen = (with_age if len(with_age) >= count else plain if len(plain) >= count else candidates)[:count]
    return chosen if len(chosen) == count else []


IDENTIFIED_AS = re.compile(r"\b(?:identified|named)\s+(?:the\s+|her\s+|him\s+|them\s+)?(?:[\w-]+\s+){0,2}?as\s+$", re.I)


OTHER_CLAUSE = re.compile(r",?\s+(?:while|whereas|but)\s+|;")


def _acquitted(sent: Span, person: Entity) -> bool:
    for m in person.mentions:
        if sent.start_char <= m.start < sent.end_char:
            window = sent.text[m.end - sent.start_char : m.end - sent.start_char + 60]
            window = re.sub(r"^,\s*(?:aged\s+)?\d{1,2}\s*,", " ", window)  # "X, 31, was acquitted"
            window = OTHER_CLAUSE.split(window)[0]  # "B to eight years, while C was acquitted": C's
            if ACQUITTED.search(window.split(",")[0] if "," in window[:5] else window):
                return True
    return False


APPELLATE = re.compile(r"\b(?:appeals?|appellate|supreme|cassation|constitutional)\b", re.I)
COURT_IN_PLACE = re.compile(r"^\s+in\s+((?:[A-Z][\w'-]+\s?){1,4})")


def _court(doc, entities, sent, sents, index, lookback) -> Entity | None:
    """The court in the sentence; else one named just before; else the article's first trial court."""
    courts = [e for e in entities if e.kind == "agency" and e.agency_kind == "court"]
    earliest = sents[max(0, index - lookback)].start_char
    best, best_pos = None, -1
    for entity in courts:
        for m in entity.mentions:
            if sent.start_char <= m.start < sent.end_char:
                return entity
            if earliest <= m.start < sent.start_char and m.start > best_pos:
                best, best_pos = entity, m.start
    if best is not None:
        return best
    trial = [c for c in courts if not APPELLATE.search(c.name)]
    return (trial or courts or [None])[0]


def _court_as_written(doc, court: Entity | None, entities) -> tuple[str | None, str | None]:
    """("Criminal Court in Bangkok", "Bangkok") when the article places the court that way."""
    if court is None:
        return None, None
    surfaces = sorted(
        {(m.text, e.name) for e in entities if e.kind == "place" for m in e.mentions},
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for m in court.mentions:
        inside = re.search(r"\s(?:in|of)\s+([A-Z][\w' -]+)$", m.text)
        if inside and not APPELLATE.match(
            inside.group(1)
        ):  # the gazetteer matched "Criminal Court in Bangkok" as one name
            place = next(
                (name for surface, name in surfaces if inside.group(1).casefold().startswith(surface.casefold())), None
            )
            return re.sub(r"^(?:the|The)\s+", "", m.text), place or inside.group(1)
        match = COURT_IN_PLACE.match(doc_text(doc)[m.end : m.end + 60])
        if match:
            words = match.group(1).strip().casefold()
            for surface, name in surfaces:
                if words.startswith(surface.casefold()):
                    return f"{court.name} in {match.group(1).strip()[: len(surface)]}", name
    return court.name, None


def _place(doc, entities, sent, court) -> str | None:
    places = [e for e in entities if e.kind == "place"]
    if court is not None:
        for place in places:
            if place.name.casefold() in court.name.casefold():
                return place.name
        prefix = COURT_SUFFIX.sub("", court.name).strip()
        if prefix and prefix[0].isupper() and "court" not in court.name.casefold().split()[0]:
            return prefix
    in_sentence = []
    for place in places:
        if place.place_kind == "country":
            continue
        for m in place.mentions:
            if sent.start_char <= m.start < sent.end_char:
                before = doc_text(doc)[max(0, m.start - 6) : m.start].lower()
                if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", before):
                    in_sentence.append((m.start, place.name))
    if in_sentence:
        return min(in_sentence)[1]
    return None


def _charge(text: str, trigger_offset: int) -> str | None:
    tail = text[trigger_offset:]
    for source in (tail, text):
        best = None
        for label, pattern in CHARGES:
            match = pattern.search(source)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), label)
        if best:
            return best[1]
    return None


# ----------------------------------------------------------------------
# Shared with nlp.case_events: who a legal verb is about, and where it happened.
subject_of = _subject
is_asserted = _trigger_is_real
person_aliases = _aliases


def persons_referred(doc, sents, index, heads: list[Token], verb: Token, persons_by_token, entities, aliases):
    """The named people `heads` stand for: named there ("A and B were arrested"), listed
    right after ("the couple, A and B,"), or referred back to ("He was charged", "the two
    men"), by the same rules as a sentence's defendants, but never an NP's owner ("Taylor
    Swift's albums were released")."""
    people = _persons_in(heads, persons_by_token, owners=False) or _named_by_one_part(heads, entities)
    if people:
        return people
    for head in heads:
        pronoun = POSSESSIVE_PRONOUNS.get(head.lower_, head.lower_)  # "his conviction was quashed"
        if pronoun not in PRONOUNS and head.pos_ == "NOUN" and not _points_back(head):
            people += _named_after(doc, head, persons_by_token)  # "with a guard, Nhem Dara, 26"
            continue  # "arrested a man suspect of the killing": no one named before
        count = PRONOUNS[pronoun] if pronoun in PRONOUNS else _reference_count(head)
        if count == 0:
            continue
        named = _named_after(doc, head, persons_by_token)
        if named:
            return named
        found = _back_reference(
            doc,
            sents,
            index,
            count,
            entities,
            limit=verb.idx,
            aliases=aliases,
            pronoun=pronoun in PRONOUNS,
            gender=PRONOUN_GENDER.get(pronoun),
            noun=_noun_phrase(head),
        )
        if found:
            return found
    return people


def _one_part_references(doc: Doc, entities: list[Entity], persons_by_token: dict[int, Entity]) -> None:
    """ONE NAME PART: "The court gave Sothy 12 years and Dara eight years" after "Hun Sothy
    ... and his nephew Hun Dara": a capitalised word standing alone (no capitalised word
    next to it), which the model left untagged or tagged as something else, is the one
    person named in full before it whose name has that word (the word of two people: no one)."""
    persons = [e for e in entities if e.kind == "person" and len(e.name.split()) >= 2]
    if not persons:
        return
    owners: dict[str, list[Entity]] = {}
    for person in persons:
        for part in set(person.name.casefold().split()):
            owners.setdefault(part, []).append(person)
    for token in doc:
        if (
            token.i in persons_by_token
            or token.pos_ != "PROPN"
            or not token.is_title
            or not token.is_alpha
            or len(token) < 3
            or token.ent_kb_id_  # a known place or agency
            or token.ent_type_ == "NORP"
            or is_title_word(token.text)
        ):
            continue
        if (
            token.i > 0
            and doc[token.i - 1].is_title
            and doc[token.i - 1].is_alpha
            and not doc[token.i - 1].is_sent_start
        ) or (token.i + 1 < len(doc) and doc[token.i + 1].is_title and doc[token.i + 1].is_alpha):
            continue  # part of a longer name the model missed
        found = owners.get(token.lower_, [])
        if len(found) == 1 and any(m.end <= token.idx for m in found[0].mentions):
            person = found[0]
            persons_by_token[token.i] = person
            sent = token.sent
            person.mentions.append(
                Mention(
                    token.idx, token.idx + len(token), token.text, sent.start_char, sent.end_char, token.i, token.i + 1
                )
            )
            person.mentions.sort(key=lambda m: m.start)


def _named_by_one_part(heads: list[Token], entities) -> list[Entity]:
    """ "Zhang, who was arrested ...": a name part alone, after one person named in full with it."""
    found = []
    for head in heads:
        if head.pos_ != "PROPN":
            continue
        owners = [
            e
            for e in entities
            if e.kind == "person"
            and head.lower_ in e.name.casefold().split()
            and any(m.start < head.idx for m in e.mentions)
            and e.role not in NEVER_DEFENDANT_ROLES
        ]
        if len(owners) == 1:
            found.append(owners[0])
    return found


def _points_back(noun: Token) -> bool:
    """ "the suspect", "these men", "the two", "all four": a noun phrase of its own words that
    points back (not a "the" further down, in "suspect of the killing")."""
    return any(
        (c.dep_ in {"det", "predet"} and c.lower_ in {"the", "this", "these", "those", "both", "all", "each"})
        or c.dep_ == "nummod"
        for c in noun.children
    ) or noun.lower_ in {"both", "all", "each"}


POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
OWNER_PREPOSITIONS = {"of", "by", "for", "against", "with", "from", "to"}


def court_and_place(doc, entities, sent: Span, court: Entity | None) -> tuple[str | None, str | None]:
    """The court as the article writes it and the place: the court's, else "in X" in `sent`."""
    name, place = _court_as_written(doc, court, entities)
    return name, place or _place(doc, entities, sent, court)
