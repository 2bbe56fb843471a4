"""Case events: each named person's legal stage in an article, from arrest to appeal.

A watchdog follows a case through the news: an arrest story, a trial story and a verdict
story about the same people. This finds, per sentence of text, a legal verb ("was
arrested", "stood trial", "found guilty", "upheld his sentence") and the person it is
about (passive subject or active object, or the subject of "pleaded guilty" / "appealed",
with the sentence extractor's back-references: "He was charged"), and records the stage,
the date expression attached to that verb, the court or police unit, the place, and the
sentence as evidence. The `sentenced` stage comes from the court sentences themselves
(`nlp.sentencing`), so both agree. Negated, hypothetical and future verbs ("could be
charged", "will appeal", "plans to appeal") are not events; victims never have any.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.entities import Entity, doc_text, person_tokens
from nlp.event_dates import find_dates
from nlp.sentencing import (
    NON_DEFENDANT_ROLES,
    PERSON_NOUNS,
    PLURAL_NOUNS,
    PLURAL_WORDS,
    TRIGGER_FORMS,
    TRIGGER_LEMMAS,
    court_and_place,
    is_asserted,
    person_aliases,
    persons_referred,
    subject_of,
)

STAGES = (
    "arrested",
    "charged",
    "on_trial",
    "convicted",
    "sentenced",
    "acquitted",
    "appeal_filed",
    "appeal_decided",
    "released",
    "deported",
)
APPEAL_OUTCOMES = ("upheld", "reduced", "increased", "overturned")
# lemma -> (stage, outcome, slot): "patient" = passive subject or active object; "agent" = the subject
STAGE_VERBS: dict[str, tuple[str, str | None, str]] = {
    "arrest": ("arrested", None, "patient"),
    "detain": ("arrested", None, "patient"),
    "apprehend": ("arrested", None, "patient"),
    "nab": ("arrested", None, "patient"),
    "capture": ("arrested", None, "patient"),
    "charge": ("charged", None, "patient"),
    "indict": ("charged", None, "patient"),
    "prosecute": ("charged", None, "patient"),
    "convict": ("convicted", None, "patient"),
    "acquit": ("acquitted", None, "patient"),
    "release": ("released", None, "patient"),
    "free": ("released", None, "patient"),
    "bail": ("released", None, "patient"),
    "deport": ("deported", None, "patient"),
    "appeal": ("appeal_filed", None, "agent"),
}
# Verbs an appeal court decides with; their object (or subject, passive) is a sentence,
# conviction or appeal whose owner is the person.
APPEAL_VERBS = {
    "uphold": "upheld",
    "affirm": "upheld",
    "dismiss": "upheld",
    "reject": "upheld",
    "overturn": "overturned",
    "quash": "overturned",
    "annul": "overturned",
    "reverse": "overturned",
    "reduce": "reduced",
    "cut": "reduced",
    "commute": "reduced",
    "lower": "reduced",
    "halve": "reduced",
    "increase": "increased",
    "raise": "increased",
    "extend": "increased",
    "lengthen": "increased",
}
DECIDED_NOUNS = {"sentence", "conviction", "verdict", "appeal", "term", "ruling", "judgment", "judgement", "penalty"}
APPEAL_CONTEXT = re.compile(r"\b(?:appeals?|appellate|supreme court|high court|court of cassation|on review)\b", re.I)
# Governors that make a verb an intention or a prospect, not something that happened
NOT_YET_GOVERNORS = {"plan", "intend", "expect", "vow", "threaten", "want", "hope", "aim", "prepare", "try", "decide"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# a sentence without one of these has no legal verb of STAGE_VERBS, APPEAL_VERBS or the phrases
# (the lookahead on their first letters lets the search skip, fast, the positions where none
# of them can start: the same matches)
STAGE_WORDS = re.compile(
    r"(?=[abcdefghilnopqrtu])(?:arrest|detain|apprehend|nab|captur|charg|indict|prosecut|convict|acquit|releas|free|bail|deport|"
    r"appeal|uph[eo]ld|affirm|dismiss|reject|overturn|quash|annul|revers|reduc|\bcut|commut|lower|halv|"
    r"increas|rais|extend|lengthen|guilty|trial|tried|custody)",
    re.I,
)
# what a description of someone about to be named ends in ("a Houston man", "its Chinese manager")
DESCRIBED_PEOPLE = PERSON_NOUNS | PLURAL_NOUNS | {"director", "neighbour", "neighbor", "guide", "person", "persons"}
# ... and a family told of before its members are named ("arrested two brothers", "three sisters")
DESCRIBED_PEOPLE |= {"brothers", "sisters", "siblings", "cousins", "relatives", "sons", "daughters", "spouses"}
# ... and the plural of a role ("its owner and two employees", "three accomplices")
DESCRIBED_PEOPLE |= {"employees", "accomplices", "associates", "managers", "guards", "drivers", "agents", "owners"}
DESCRIBED_PEOPLE |= {"operator", "operators", "official", "officials"}  # "a maid agency operator", "a former official"
# verbs that refuse what their complement names: "the court denied them bail" is no release
DENIAL_VERBS = {"deny", "refuse", "reject", "oppose"}
AGED = re.compile(r"\b(\d{1,3})-year-old\b")
PRE_TRIAL = re.compile(r"\b(?:pre-?\s?trial|provisional)\s+detention\b|\bremand\b", re.I)
# "returned the indictment against X", "filed charges against X" (not "the charges against X were dropped")
CHARGE_FILING_VERBS = {"return", "file", "bring", "lay", "press", "lodge", "hand"}
CONDITIONS = {"if", "unless", "once", "until", "whether"}  # "If convicted, they could ..."
PROSECUTION = re.compile(r"^(?:the\s+)?(?:prosecution|prosecutors?|state|government|attorney)", re.I)
COURT_STAGES = {"charged", "on_trial", "convicted", "acquitted", "appeal_filed", "appeal_decided", "released"}
POLICE_STAGES = {"arrested", "deported"}
NOT_SUSPECTS = {"victim", "judge", "prosecutor", "lawyer", "police", "official", "ngo"}

# IOM Human Trafficking Case Data Standard roles, from how the text describes a person
ROLE_WORDS: list[tuple[str, re.Pattern]] = [
    ("recruiter", re.compile(r"\brecruit(?:er|ers|ed|ing|s)?\b", re.I)),
    ("broker", re.compile(r"\b(?:(?:job|labou?r|marriage)\s+)?(?:broker|brokers|middlem[ae]n)\b", re.I)),
    ("smuggler", re.compile(r"\bsmuggl(?:er|ers|ed|ing)\b", re.I)),
    ("transporter", re.compile(r"\b(?:transport(?:er|ed|ing)?|drove|driver|ferried)\b", re.I)),
    (
        "exploiter",
        re.compile(
            r"\b(?:brothel|karaoke|massage parlou?r|boat|factory|farm|compound)\s+(?:owner|boss|manager|operator)|"
            r"\b(?:owner|boss|manager|operator)\s+of\s+(?:the|a)\s+\w+|\bexploit(?:ed|ing|er)\b|\bran\s+(?:a|the)\s+\w+",
            re.I,
        ),
    ),
]


class CaseEventExtractor:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.case_events = case_events(doc, doc._.entities or [], doc._.court_sentences or [])
        return doc


def case_events(doc: Doc, entities: list[Entity], sentences: list[dict]) -> list[dict]:
    """One event per person, stage (and appeal outcome) in the article, in text order."""
    persons_by_token = person_tokens(entities)
    aliases = person_aliases(doc, entities, persons_by_token)
    sents = list(doc.sents)
    events: dict[tuple, dict] = {}

    def add(person: Entity, stage: str, outcome, sent: Span, trigger: Token | None, court=None, place=None):
        person = aliases.get(id(person), person)
        if person.role in NOT_SUSPECTS:
            return
        key = (person.name, stage, outcome)
        if key in events:
            return
        if court is None and place is None:
            court, place = _court_and_place(doc, entities, sent, sents, stage)
        events[key] = {
            "person": person.name,
            "person_entity": person,
            "stage": stage,
            "outcome": outcome,
            "date_text": _date_of(doc, sent, trigger) if trigger is not None else None,
            "court": court,
            "place": place,
            "role": None,
            "text": sent.text.strip(),
            "start": sent.start_char,
        }

    text = doc_text(doc)
    for index, sent in enumerate(sents):
        if not STAGE_WORDS.search(text, sent.start_char, sent.end_char):
            continue  # most sentences hold no legal verb: skip their tokens
        before = sents[index - 1].text if index else ""
        for trigger, stage, outcome, heads in _stage_verbs(sent, before):
            if not _happened(trigger):
                continue
            people = [  # each head on its own: "X was detained along with a guard, Y"
                person
                for head in heads
                for person in persons_referred(doc, sents, index, [head], trigger, persons_by_token, entities, aliases)
            ]
            for person in people or _introduced_next(sents, index, heads, persons_by_token):
                add(person, stage, outcome, sent, trigger)
    for record in sentences:
        sent = next((s for s in sents if s.start_char <= record["start"] < s.end_char), None)
        if sent is None:
            continue
        trigger = next(
            (t for t in sent if t.lower_ in TRIGGER_FORMS or t.lemma_.lower() in TRIGGER_LEMMAS),
            None,
        )
        name = aliases.get(id(record["defendant_entity"]), record["defendant_entity"]).name
        if any(
            e["person"] == name and e["stage"] == "appeal_decided" and e["start"] == sent.start_char
            for e in events.values()
        ):
            continue  # a term told as changed or upheld on appeal: the appeal is the event
        events.pop((name, "sentenced", None), None)  # the sentence extractor's court and place are kept
        add(record["defendant_entity"], "sentenced", None, sent, trigger, record.get("court"), record.get("place"))
    roles = {
        id(e): _role(text, e)
        for e in entities
        if e.kind == "person" and any(v["person_entity"] is e for v in events.values())
    }
    ordered = sorted(events.values(), key=lambda e: (e["start"], STAGES.index(e["stage"])))
    for event in ordered:
        event["role"] = roles.get(id(event["person_entity"]))
    return ordered


REFUSING_VERBS = {"refuse", "decline", "reject"}


def _declined(verb) -> bool:
    """ "refused to cut the nine-year sentence", "did not reduce the term": the appeal court left
    the sentence as it was."""
    return any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSING_VERBS
    )


def _stage_verbs(sent: Span, before: str = ""):
    """(verb, stage, appeal outcome, the tokens that name the person) for each legal verb;
    `before`, the sentence before, says whether "the court reduced" is an appeal court's."""
    for token in sent:
        lemma = token.lemma_.lower()
        children = list(token.children)
        if lemma == "find" and token.pos_ in {"VERB", "AUX"}:
            # "found X guilty", "found X, 40, and Y, 45, guilty" (the parser hangs it on the last one)
            objects = {token.i, *(x.i for x in children)}
            objects |= {c.i for x in children if x.dep_ == "dobj" for c in x.conjuncts}
            guilty = next((c for c in token.subtree if c.lower_ == "guilty" and c.head.i in objects), None)
            if guilty is not None:
                convicted = [c for c in guilty.children if c.dep_ == "nsubj"] or _patient(token)
                negated = any(c.dep_ == "neg" or c.lower_ == "not" for c in guilty.children) or (
                    guilty.i > 0 and sent.doc[guilty.i - 1].lower_ == "not"
                )
                yield token, "acquitted" if negated else "convicted", None, convicted
        elif lemma == "plead" and any(c.lower_ == "guilty" for c in token.subtree):
            if not any(c.lower_ == "not" for c in token.subtree if c.i < token.i + 4):
                yield token, "convicted", None, _agent(token)
        elif lemma == "trial" and token.pos_ == "NOUN":
            heads = _on_trial(token)
            if heads:
                yield token.head if token.head.pos_ in {"VERB", "AUX"} else token, "on_trial", None, heads
        elif lemma == "try" and token.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in children):
            yield token, "on_trial", None, _patient(token)
        elif lemma == "take" and any(
            c.lower_ == "into" and any(g.lower_ == "custody" for g in c.children) for c in children
        ):
            yield token, "arrested", None, _patient(token)
        elif (
            lemma == "remand"
            and token.pos_ == "VERB"
            or (
                lemma in {"send", "place", "put", "commit"}
                and PRE_TRIAL.search(sent.doc[token.i : token.right_edge.i + 1].text)
            )
        ):
            yield token, "charged", None, _patient(token)  # a court's remand follows a charge
        elif lemma == "walk" and any(c.lower_ == "free" for c in children):
            yield token, "released", None, _agent(token)
        elif lemma in {"indictment", "charge"} and token.pos_ == "NOUN" and token.head.pos_ in {"VERB", "AUX"}:
            against = [g for c in _prep_chain(token) if c.lower_ == "against" for g in c.children]
            if against and token.head.lemma_.lower() in CHARGE_FILING_VERBS:
                yield token.head, "charged", None, [g for g in against if g.dep_ == "pobj"]
        elif lemma in {"file", "lodge", "launch", "submit", "lose"} and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "appeal" for c in children
        ):
            yield (
                token,
                "appeal_decided" if lemma == "lose" else "appeal_filed",
                ("upheld" if lemma == "lose" else None),
                _agent(token),
            )
        elif lemma in APPEAL_VERBS and token.pos_ == "VERB":
            decided = _decided_noun(token)
            if decided is not None:
                if APPEAL_VERBS[lemma] in {"reduced", "increased"} and not (
                    APPEAL_CONTEXT.search(sent.text) or _the_court(token) and APPEAL_CONTEXT.search(before)
                ):
                    continue  # "halved for a confession" is the trial court's, not an appeal's
                if lemma in {"dismiss", "reject"} and decided.lemma_.lower() != "appeal":
                    continue
                outcome = "upheld" if _declined(token) else APPEAL_VERBS[lemma]
                yield token, "appeal_decided", outcome, _owners(decided)
        elif lemma in STAGE_VERBS and token.pos_ in {"VERB", "AUX"} and _finite_or_after(token):
            stage, outcome, slot = STAGE_VERBS[lemma]
            if (
                lemma == "charge"
                and not _passive(token)
                and not any(c.dep_ == "prep" and c.lower_ == "with" for c in children)
            ):
                continue  # "charged each worker $300": a fee, not a charge
            if lemma in {"charge", "prosecute"} and any(c.lower_ in {"$", "fee", "fees"} for c in token.subtree):
                continue
            if lemma == "appeal" and any(c.lemma_.lower() in {"for", "to"} and c.dep_ == "prep" for c in children):
                if not any(c.dep_ == "dobj" for c in children) and any(
                    g.pos_ in {"NOUN", "PROPN"} and g.lemma_.lower() not in DECIDED_NOUNS
                    for c in children
                    if c.dep_ == "prep"
                    for g in c.children
                ):
                    continue  # "appealed for information", "appealed to the public"
            if (
                lemma in {"release", "free", "bail"}
                and token.head.lemma_.lower() in DENIAL_VERBS
                and token.head.i != token.i
            ):
                continue  # "denied them bail", "refused to release him"
            if lemma in {"release", "free"} and any(
                c.dep_ == "dobj" and c.lower_ not in {"him", "her", "them"} and c.pos_ != "PROPN" for c in children
            ):
                continue  # "released a statement"
            yield token, stage, outcome, _patient(token) if slot == "patient" else _agent(token)


def _the_court(verb: Token) -> bool:
    """The verb's subject is "the court" or "the judges": the court the sentence before named."""
    return any(
        c.dep_ == "nsubj"
        and c.lemma_.lower() in {"court", "judge", "panel", "bench"}
        and c.i > 0
        and c.doc[c.i - 1].lower_ == "the"
        for c in verb.children
    )


def _finite_or_after(verb: Token) -> bool:
    """ "was arrested", "arrested X", or "after being arrested"; not "arresting officers"."""
    return verb.tag_ != "VBG" or (verb.dep_ == "pcomp" and verb.head.lower_ in {"after", "before", "since"})


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl", "conj", "pcomp"}
    )


def _prep_chain(noun: Token) -> list[Token]:
    """The prepositions hanging on `noun` and on the nouns of its prepositional phrases:
    "charges of qualified trafficking in persons against X" holds "against"."""
    found, stack = [], [noun]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "prep":
                found.append(child)
                objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
                stack.extend(objects + [c for g in objects for c in g.conjuncts])  # "... and child abuse against X"
    return found


def _inverted_passive(verb: Token) -> list[Token]:
    """ "Arrested were A, 38, B and C": the participle opening the sentence, the people after
    its auxiliary (the parser hangs them on the auxiliary)."""
    if verb.tag_ != "VBN" or verb.i - verb.sent.start > 1:
        return []
    aux = next((c for c in verb.children if c.dep_ == "auxpass" and c.i == verb.i + 1), None)
    if aux is None:
        return []
    return [t for t in (*aux.children, *verb.children) if t.dep_ in {"nsubj", "nsubjpass", "attr"} and t.i > aux.i]


def _patient(verb: Token) -> list[Token]:
    """Who undergoes the verb: the passive subject, the active object, the people after an
    inverted passive ("Arrested were ..."), or the noun an "X, arrested in May," / "X, who
    was arrested" clause hangs on."""
    inverted = _inverted_passive(verb)
    if inverted:
        return inverted
    several = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if len(several) > 1:  # "A, 41, and B were charged" parsed as two subjects
        return several
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubjpass":
        return [subject] + _arrested_with(verb)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.head.i == verb.i and c.i > verb.i]
    objects = [c for c in verb.children if c.dep_ == "dobj"] or objects
    if objects:
        return objects
    if verb.dep_ in {"acl", "relcl"}:
        return [verb.head]
    if verb.dep_ == "ccomp" and subject is not None:  # "police found him guilty" parsed as a clause
        return [subject]
    if any(c.dep_ == "auxpass" for c in verb.children) and subject is not None:
        return [subject]
    if verb.dep_ == "conj" and subject is not None and subject.dep_ == "nsubjpass":
        return [subject]
    if verb.dep_ == "pcomp":  # "after being arrested": the subject of the clause it modifies
        clause = verb.head.head
        return [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return []


def _arrested_with(verb: Token) -> list[Token]:
    """ "X was arrested with his accomplice Y", "along with Y", "together with Y": Y too."""
    if verb.lemma_.lower() not in {"arrest", "detain", "apprehend", "nab"}:
        return []
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    preps += [g for c in verb.children if c.lower_ in {"along", "together"} for g in c.children if g.lower_ == "with"]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def _introduced_next(sents: list[Span], index: int, heads: list[Token], persons_by_token) -> list[Entity]:
    """ "Police arrested a woman ... Nguyen Thi Hoa, 34, lured the women ...": a person told of
    by a description ("a woman", "a 44-year-old Houston man", "three men", "their neighbour")
    whom the next sentence names as its subject, the way news reports introduce a suspect.
    As many people as the description counts; none if the description points back ("the
    man") or the next sentence's subject is not a newly named person."""
    if index + 1 >= len(sents):
        return []
    wanted, described = 0, []
    for head in heads:
        if head.lower_ not in DESCRIBED_PEOPLE or any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "these", "those"} for c in head.children
        ):
            continue
        count = _described_count(head)
        if count:
            described.append(head)
            wanted += count
            wanted += sum(
                _described_count(c) for c in head.children if c.dep_ == "conj" and c.lower_ in DESCRIBED_PEOPLE
            )
    if not wanted:
        return []
    sent = sents[index + 1]
    verb = sent.root
    if verb.i in persons_by_token:  # a name part taken for the head ("Nurul Huda binti Kamaruddin, 35, ... claimed")
        verb = next(
            (t for t in sent if t.i > verb.i and t.pos_ in {"VERB", "AUX"} and t.i not in persons_by_token), verb
        )
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    found: list[Entity] = []
    for i in range(sent.start, verb.i):  # the subject stands before the verb (the parse may be wrong)
        person = persons_by_token.get(i)
        if person is None or person in found:
            continue
        if min(m.start for m in person.mentions) < sent.start_char or person.role in NON_DEFENDANT_ROLES:
            break  # named before, or an official: not who the description introduced
        found.append(person)
    if len(found) < wanted:
        return []
    found = found[:wanted]
    age = _described_age(described[0]) if wanted == 1 else None
    if age is not None and found[0].age is None:
        found[0].age = age  # "a 52-year-old woman ... Nguyen Thi Hoa": her age, for the case linker
    return found


def _described_age(noun: Token) -> int | None:
    """The age a description gives: "a 52-year-old woman" 52."""
    match = AGED.search(noun.doc[noun.left_edge.i : noun.i + 1].text)
    return int(match.group(1)) if match else None


def _described_count(noun: Token) -> int:
    """How many people an indefinite description counts: "a woman" 1, "three men" 3."""
    for child in noun.children:
        if child.dep_ == "nummod":
            word = child.lower_
            return int(word) if word.isdigit() and int(word) <= 10 else PLURAL_WORDS.get(word, 0)
    if noun.lower_ in {"pair", "couple", "duo"}:
        return 2
    if noun.tag_ in {"NN", "NNP"} and any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"a", "an", "its", "their", "his", "her"} for c in noun.children
    ):
        return 1
    return 0


def _agent(verb: Token) -> list[Token]:
    subject = subject_of(verb)
    return [subject] if subject is not None else []


def _on_trial(trial: Token) -> list[Token]:
    """ "X stood trial", "X went on trial", "X is on trial", "the trial of X began"."""
    for child in trial.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return [g for g in child.children if g.dep_ == "pobj"]
    head = trial.head
    if trial.dep_ == "pobj" and head.lower_ == "on":
        head = head.head
    elif not (trial.dep_ == "dobj" and head.lemma_.lower() == "stand"):
        return []
    if head.lemma_.lower() in {"go", "be", "stand", "remain", "appear", "put"}:
        if head.lemma_.lower() == "put":
            return _patient(head)
        return _agent(head)
    return []


def _decided_noun(verb: Token) -> Token | None:
    """The sentence, conviction or appeal an appeal verb acts on."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lemma_.lower() in DECIDED_NOUNS:
            return child
    return None


def _owners(noun: Token) -> list[Token]:
    """Who a sentence or appeal belongs to: "X's sentence", "the sentence of X", "his appeal"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "against", "by", "for"}:
            owners += [g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() not in DECIDED_NOUNS]
    if any(PROSECUTION.match(_phrase(o)) for o in owners):
        return []  # the prosecution's appeal: whose case it is, the text says elsewhere
    # "the term of his manager, Nattaya Boonmee": the person the describing noun names
    return owners + [a for o in owners for a in o.children if a.dep_ == "appos"]


def _phrase(token: Token) -> str:
    return token.doc[token.left_edge.i : token.i + 1].text


def _happened(verb: Token) -> bool:
    """Asserted and past or present: not negated, hypothetical, intended or to come."""
    if not is_asserted(verb):
        return False
    for token in [verb, *verb.ancestors]:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return False
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return False
        if token is not verb and (token.lemma_.lower() in NOT_YET_GOVERNORS or token.lower_ == "going"):
            return False
        if token is not verb and token.dep_ == "prep" and token.lower_ == "without":
            return False
        if token.dep_ not in {"xcomp", "conj", "ccomp", "pcomp", "pobj"}:
            break
    return not any(c.dep_ == "prep" and c.lower_ == "without" for c in [verb.head] if verb.dep_ == "pcomp")


def _date_of(doc: Doc, sent: Span, trigger: Token) -> str | None:
    """The date expression of the sentence whose nearest legal-verb ancestor is `trigger`:
    in "arrested in 2019 and sentenced on Tuesday", 2019 is the arrest's."""
    text = doc_text(doc)
    expressions = find_dates(text[sent.start_char : sent.end_char])
    own = []
    for start, end, expression in expressions:
        span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is None:
            continue
        verb = next((a for a in span.root.ancestors if _clause_verb(a)), None)
        if verb is None and span.root.pos_ in {"VERB", "AUX"}:
            verb = span.root
        if verb is not None and verb.i == trigger.i or (verb is None and trigger.dep_ == "ROOT"):
            own.append(expression)
    return own[0] if own else None


def _clause_verb(token: Token) -> bool:
    """A verb that heads a clause a date can belong to; not the gerund of a charge
    ("guilty of trafficking on 12 May": the finding's date)."""
    return (
        token.pos_ in {"VERB", "AUX"}
        and token.dep_ not in {"aux", "auxpass"}
        and not (token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ in {"of", "for"})
    )


def _court_and_place(doc, entities, sent, sents, stage) -> tuple[str | None, str | None]:
    """The court (for court stages) or police unit (arrests, deportations) named in the
    sentence, and the place; else the place the sentence names after "in" or "at"."""
    kinds = {"court"} if stage in COURT_STAGES else {"police"} if stage in POLICE_STAGES else set()
    agency = None
    for entity in entities:
        if entity.kind == "agency" and entity.agency_kind in kinds:
            if any(sent.start_char <= m.start < sent.end_char for m in entity.mentions):
                agency = entity
                break
    if agency is not None and agency.agency_kind != "court":
        return agency.name, court_and_place(doc, entities, sent, None)[1]
    return court_and_place(doc, entities, sent, agency)


def _role(text: str, person: Entity) -> str | None:
    """The IOM role the text gives the person: the words around a mention ("Chan Dara, a
    recruiter,", "broker Im Sophorn", "X, who recruited the women")."""
    for role, pattern in ROLE_WORDS:
        if person.title and pattern.search(person.title):  # "Broker Hem Sopheak"
            return role
    best: tuple[int, str] | None = None
    for m in person.mentions:
        before = text[max(0, m.start - 30) : m.start]
        after = text[m.end : m.end + 90]
        after = re.split(r"(?<=[.!?])\s|\n", after)[0]
        after = re.split(r"\b(?:and|while|but)\s+(?:[A-Z]\w+|he|she|they)\b", after)[0]
        before = re.split(r"[.!?;]\s", before)[-1]
        for role, pattern in ROLE_WORDS:
            for window, offset in ((after, 0), (before, 1000)):
                match = pattern.search(window)
                if match and (best is None or offset + match.start() < best[0]):
                    best = (offset + match.start(), role)
    return best[1] if best else None
