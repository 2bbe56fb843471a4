"""Who may be a victim: people the text calls a victim, a survivor, rescued, trafficked, sold,
or gives a child's age — marked before the sentence extractor runs (`mark_victims`), plus the
weaker cues the role step weighs against others afterwards (`victim_votes`).

Runs first so that a victim can never become a defendant: "the couple" and "he" resolve only
to people who are not marked here, and whoever is marked is never stored by name. The cost of
a false mark is a name withheld; the cost of a miss is a victim published, so the cues are
generous, except that a minor's age alone gives way to a defendant verb in the same clause.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.entities import CHANGED_NAME_NOTE, Entity, Mention, doc_text

ADULT_AGE = 18
# "complainant": the British courts' word for the person an offence was against
GROUP_NOUNS = (
    r"victims?|survivors?|girls?|boys?|child(?:ren)?|minors?|teen(?:ager)?s?|schoolgirls?|schoolboys?|complainants?"
)
# people who are the victims in labour cases, when the text picks one out ("One of the workers, X")
WORKER_NOUNS = (
    r"workers?|women|men|migrants?|fishermen|fisherman|labou?rers?|crew(?: members?)?|crewm[ae]n|deckhands?|employees?|maids?|returnees?|"
    r"recruits?|foreigners|domestic workers?|job-?seekers?|plantation workers?|farmworkers?"
)
# "The victim, X" / "Both girls, X and Y" / "One of the rescued girls, X" / "Survivors, including X" /
# "The girl, identified as X" / "Survivor X" / "Rescued teenager X" / "the trafficked boy X"
CUE_BEFORE = re.compile(
    rf"(?:\b(?:{GROUP_NOUNS})\s*(?:,|:|—|–|\s-)?\s*(?:(?:who was |later |were |are )?(?:identified|named|known) (?:only )?as\s+|"
    # "The girl, whom police called only Noi": the name others gave her
    rf"(?:whom|who)\s+(?:[\w-]+\s+){{0,2}}?(?:called|named|identified|referred to)(?:\s+(?:her|him|them))?\s+"
    rf"(?:only\s+|simply\s+|just\s+)?(?:as\s+)?|"
    rf"(?:including|included|include|among them|such as|were|are)\s+(?:(?:siblings|sisters|brothers|cousins|twins)\s+)?)?"
    rf"|\b(?:victim|survivor|minor)\s+"
    rf"|\b(?:rescued|trafficked|freed|enslaved|underage|under-age|teenage|young)\s+"
    rf"(?:teen(?:ager)?|girl|boy|child|woman|man|worker|maid|fisherman|migrant)\s*,?\s*)$",
    re.I,
)
# "the man who kidnapped the child, X, was sentenced": the noun is what X did something to
OBJECT_OF_CLAUSE = re.compile(
    rf"\b(?:who|that)\s+(?:had\s+|has\s+|allegedly\s+)?[a-z]+\s+(?:the|a|an|his|her|their|\d+|two|three)\s+"
    rf"(?:[\w-]+\s+)?(?:{GROUP_NOUNS})\s*,\s*$",
    re.I,
)
# "One of the workers, X" — a cue that a defendant verb outweighs ("One of the women, X, was jailed")
ONE_OF_THE_WORKERS = re.compile(
    rf"\b(?:(?:(?:one|two|three|four|five|another|some|many) of the|among the) (?:[\w-]+\s+){{0,2}}?"
    # "Another former worker, X" / "Another crewman, X": one more of the people the story is about
    rf"|another (?:(?:former|rescued|freed|repatriated|trafficked|returned)\s+)?)"
    rf"(?:{WORKER_NOUNS})\s*(?:,|:|—|–)\s*$",
    re.I,
)
# "Two Uzbek women, identified only as X and Y": workers the text names by a first name only
# ("The women, named as X and Y, were jailed" says nothing; a defendant verb outweighs it:
# "a woman known only as X was arrested")
WORKERS_KNOWN_AS = re.compile(
    rf"\b(?:\d+|two|three|four|five|six|several|some|the|a|an)\s+(?:[A-Z][a-z]+\s+)?(?:{WORKER_NOUNS})\s*,?\s*"
    rf"(?:who were |who was )?(?:identified|named|known|referred to) (?:only|simply|just|by (?:their|her|his) first names?) as\s+$",
    re.I,
)
# "The Indonesian maid, X," / "the domestic helper, X,": in this news, the worker the story is about
THE_WORKER = re.compile(
    r"\bthe (?:[\w-]+\s+){0,2}?(?:maid|housemaid|domestic (?:worker|helper)|helper|fisherman|crewman|deckhand|"
    # "The worker, X", not "the social worker, X"
    r"(?<!social )(?<!aid )(?<!case )(?<!health )(?<!outreach )(?<!relief )(?<!care )(?<!youth )(?<!field )worker)"
    r"\s*(?:,|:|—|–)\s*$",
    re.I,
)
# "Fishermen such as X" / "migrant workers, including X": one of the workers the story is about
# (not bare "men" or "women": "women such as X" says nothing of what was done to them)
WORKERS_SUCH_AS = re.compile(
    rf"\b(?!(?:wo)?men\b)(?:{WORKER_NOUNS})\s*,?\s+(?:such as|including|like)\s+$",
    re.I,
)
# "X, 34, a construction worker who was lured to Thailand": the apposition says what was done
WORKER_WHO_WAS = re.compile(
    rf"^\s*(?:,\s*\d{{1,2}}\s*)?,\s*(?:a|an|the|one of the)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{WORKER_NOUNS}|woman|man|mother|father|farmer|student|teacher|villager|widow)\s+"
    rf"who\s+(?:had\s+)?(?:was|were|had been)\s+(?:(?:later|then|first)\s+)?"
    rf"(?:lured|trafficked|tricked|deceived|sold|forced|enslaved|rescued|freed|trapped|held captive|smuggled|promised)\b",
    re.I,
)
# "Officers found X and four other women in a locked room": one of a group of the people the
# story is about (weak: "X and two other men were arrested" is a suspect)
AND_OTHERS = re.compile(
    rf"^\s*(?:,\s*\d{{1,2}}\s*,)?\s*and (?:\d+|[a-z]+) other (?:[\w-]+\s+)?(?:{GROUP_NOUNS}|{WORKER_NOUNS})\b",
    re.I,
)
# "One of them, X" / "Among them was X": one of a group told before
ONE_OF_THEM = re.compile(
    r"\b(?:(?:one|two|another|some) of them\s*,|another\s*,"
    r"|among (?:them|the (?:[\w-]+\s+)?(?:group|returnees|rescued|workers|men|women|victims|survivors)) (?:was|were|is|are))\s*$",
    re.I,
)
VICTIMS_NAMED = re.compile(
    rf"\b(?:victims|survivors|girls|boys|children|minors)\b|\bone of the (?:[\w-]+\s+)?(?:{WORKER_NOUNS}),", re.I
)
# "X, a survivor of trafficking" / "X, one of the trafficked girls" / "X, a Rohingya boy";
# not "X, a lawyer for the victims" nor "X, the girl's aunt".
CUE_APPOSITIVE = re.compile(
    r"^\s*(?:,\s*\d{1,2}\s*)?,\s*(?:now |then )?(?:a|an|the|one of the|one of (?:his|her|their)|another|(?:his|her|their))\s+"
    r"(?:(?!(?:for|of|with|representing|who|and|to|at|in)\b)[\w-]+\s+){0,3}?"
    r"(?:victims?|survivors?|girls?|boys?|child|minor|teen(?:ager)?|schoolgirl|schoolboy)\b(?![\'’])"
    # the noun ends the phrase: not "a UNICEF child protection officer", "a girls' school"
    r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:of|who|from|in|at|and|was|were|is|are|aged|with|whom|rescued|"
    r"trafficked|found|freed|sold|held|taken|lured|now|then|when|after|before|said|told)\b)",
    re.I,
)
# "X, 15," / "X (14)" / "X, aged 14" / "X, then 14" / "X, who was 15 at the time"
AGE_AFTER = re.compile(
    r"^\s*(?:,|\()\s*(?:aged\s+|age\s+|then\s+|who was (?:only |just )?|who is (?:only |just )?)?"
    r"(\d{1,2})(?:\s*(?:,|\)|\.|;|at the time|years? old)|\s+(?:and|or|was|were|is|are|had|has|who|from|of)\b)",
    re.I,
)
# "16-year-old X" / "Aged just 12, X"
AGE_BEFORE = re.compile(
    r"(?:\b(\d{1,2})-year-old\s+(?:[a-z]+\s+)?|\b[Aa]ged (?:just |only )?(\d{1,2})\s*,\s*)[\"'\u201c\u2018]?$"
)
# "\"Srey Pich\" (not her real name)", "Mai, a pseudonym", "Noy*": news and NGOs rename victims, never defendants
PSEUDONYM_AFTER = re.compile(
    rf"^\*|^[\"'\u201d\u2019]?\s*(?:,|\(|—|–)\s*(?:{CHANGED_NAME_NOTE}|name changed|names? changed to protect)",
    re.I,
)
# before the first of a list: "Three sisters aged 14 to 16 — X, Y and Z"
AGE_RANGE_BEFORE = re.compile(r"\baged \d{1,2}\s*(?:to|-|and)\s*(\d{1,2})\s*(?:,|:|—|–|\s-)\s*$", re.I)
YEAR_OLD_AFTER = re.compile(r"^\s*,\s*(?:a|an)\s+(\d{1,2})-year-old\b", re.I)
# after the last of a list: "A and B, both 16" / "A, B and C, all victims of ..."
GROUP_AFTER = re.compile(
    r"^\s*,\s*(?:both|all|each)\s+(?:aged\s+)?(?:(\d{1,2})\b|(?:victims?|survivors?|minors|girls|boys)\b)", re.I
)
# those a country takes back from abroad: "42 Cambodians", "12 Filipinos", "21 Indonesian citizens"
RETURNED_PEOPLE = r"(?-i:[A-Z][a-z]+(?:ese|ians|ans|nos|nas|is|ns))|(?:[A-Z][a-z]+\s+)?(?:nationals|citizens|returnees)"
HANDED_BACK = r"handed (?:over|back)|returned|brought (?:home|back)|evacuated|sent home|trapped|stranded"
CAPTIVITY_PLACES = r"compounds?|camps?|brothels?|boats?|karaoke(?: bar| parlou?r)?|scam (?:hub|centre|center)s?"
# a group the text says was freed or brought home: "Sixteen Cambodian workers freed from ...",
# "the rescued fishermen", "42 Indonesians were repatriated"
RESCUED_GROUP = re.compile(
    rf"\b(?:{GROUP_NOUNS}|{WORKER_NOUNS}|{RETURNED_PEOPLE}|people)\s+(?:(?:who|that) )?(?:(?:were|have been|had been|was) )?"
    rf"(?:freed|rescued|repatriated|trafficked|saved|escaped|fled|{HANDED_BACK})\b"
    rf"|\b(?:freed|rescued|repatriated|trafficked|enslaved) (?:[\w-]+\s+){{0,2}}?(?:{GROUP_NOUNS}|{WORKER_NOUNS})\b",
    re.I,
)
# "X, 38, one of the seven, said": one of a number counted before
ONE_OF_THE_NUMBER = re.compile(
    r"^\s*(?:,\s*\d{1,2}\s*)?,\s*(?:one|two|another) of the (?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|dozens?|hundreds?)\s*(?:[,.;]|$)",
    re.I,
)
# what an employer or a broker takes or keeps from the people they hold
KEPT_THINGS = r"(?:phones?|passports?|documents|papers|ID cards?|identity cards?|wages|salar(?:y|ies)|pay)"
# X said / told the court that he had been forced ..., that the accused took away her passport
SAID_DONE_TO_SPEAKER = re.compile(
    r"^\s*(?:,[^,.;]{0,90},|,)?\s*(?:said|says|told [\w ]{1,30}?|testified|recalled|recounted|alleged|claimed)\s+"
    r"(?:that\s+)?[^.;]{0,80}?(?:\b(?:she|he) (?:was|had been) (?:(?:then|also|repeatedly|often)\s+)?"
    r"(?:forced|sold|trafficked|beaten|lured|tricked|deceived|locked|raped|abused|confined|kidnapped|abducted|"
    r"held captive|made to|threatened|starved|tortured)\b"
    rf"|\b(?:her|his) {KEPT_THINGS} (?:was|were|had been) (?:taken|confiscated|seized|withheld|kept|held)\b"
    rf"|\b(?:took|kept|confiscated|seized|withheld|held|burned|tore up) (?:away )?(?:her|his) {KEPT_THINGS}\b)",
    re.I,
)
# "..., where she arrived with 11 other repatriated Filipinos": one of a group brought home
WITH_OTHER_RESCUED = re.compile(
    r"^[^.;]{0,160}?\b(?:she|he|who)\b[^.;]{0,60}?\bwith (?:\d+|[a-z]+) other "
    r"(?:repatriated|rescued|freed|trafficked|returning|stranded|deported)\b",
    re.I,
)
# "X was found with bruises on her arms", "found chained": the state police found a victim in
FOUND_HURT = (
    r"(?:was|were) found (?:with (?:bruises|injuries|wounds|burns|scars|cuts)|chained|malnourished|starving|shackled)"
)
# "X was among five girls freed", "X escaped", "X, who was trafficked to Saudi Arabia"
CUE_AFTER = re.compile(
    rf"^\s*(?:(?:,[^,.;]{{0,40}}){{1,2}},\s*)?(?:(?:who )?(?:was|were) (?:among|one of) (?:the )?(?:\w+\s+){{0,2}}(?:{GROUP_NOUNS}|{WORKER_NOUNS}|people|{RETURNED_PEOPLE})\s+"
    rf"(?:(?:who|that) (?:were|had been) )?(?:freed|rescued|found|trafficked|sold|repatriated|saved|released|{HANDED_BACK})|"
    rf"(?:who )?(?:was|were) (?:among|one of) the (?:victims|survivors)|escaped\b|{FOUND_HURT}|"
    rf"who (?:had )?(?:was|were|had been) (?:trafficked|sold|rescued|freed|lured|tricked|deceived|forced|enslaved|groomed|exploited|raped|abused|married off)|"
    # "X, 24, ..., who was held in a compound for ten months": held captive, not in custody
    rf"(?:who )?(?:was|were|had been) held (?:captive|hostage|(?:in|at|inside) (?:a|an|the) (?:[\w-]+\s+){{0,2}}?"
    rf"(?:compound|camp|brothel|boat|house|factory|building|plantation|karaoke))|"
    # "X spent eight months locked inside a scam compound": a stay in a place of captivity
    rf"(?:who )?spent (?:\w+\s+){{1,3}}?(?:(?:locked|held|trapped|confined|captive|working)\s+)?(?:in|inside|at) (?:a|an|the) "
    rf"(?:[\w-]+\s+){{0,2}}?(?:{CAPTIVITY_PLACES}))",
    re.I,
)
# a quotation just before its speaker: “...,” said X / “...,” X said
QUOTE_THEN_SPEAKER = re.compile(
    r"[\u201d\"]\s*(?:(?P<verb>said|says|recalled|recounted|added|told \w+)\s+)?"
    r"(?:(?:Mr|Mrs|Ms|Miss|Ko|Ma|Daw|U)\.?\s+)?$"
)
SPEECH_AFTER = re.compile(r"^\s*(?:,\s*\d{1,2}\s*,\s*)?(?:said|says|recalled|recounted|added|told)\b")
# X said: “...” / X, 24, told reporters, “...”
SPEAKER_THEN_QUOTE = re.compile(
    r"^\s*(?:,[^,.;\u201c\"]{0,40},)?\s*(?:said|says|recalled|recounted|added|told [\w ]{1,30}?)\s*[:,]?\s*"
    r"[\u201c\"](?P<quote>[^\u201d\"]{1,400})"
)
# what was done to the speaker, in the speaker's words
FIRST_PERSON_VICTIM = re.compile(
    r"\b(?:I|[Ww]e) (?:was|were|had been|have been|got) (?:(?:not|never|then|also|all|often|repeatedly)\s+)?"
    r"(?:forced|sold|beaten|trafficked|locked|held|tricked|lured|deceived|cheated|made to|not allowed|raped|abused|"
    r"threatened|trapped|confined|kept|starved|tortured|electrocuted|kidnapped|abducted|taken across|smuggled)\b|"
    r"\b(?:took|kept|confiscated|seized|withheld|held|burned|tore up) (?:away )?(?:my|our) "
    r"(?:phones?|passports?|documents|papers|ID cards?|wages|salar(?:y|ies)|pay)\b|"
    r"\b(?:beat|sold|locked|forced|chained|tortured|electrocuted|raped) (?:me|us)\b|"
    r"\b(?:said|told (?:me|us)) (?:I|we) owed\b|\b(?:I|[Ww]e) owed (?:them|him|her|the \w+)\b",
)
VICTIM_PASSIVE = {
    "rescue",
    "free",
    "traffic",
    "sell",
    "exploit",
    "abuse",
    "lure",
    "deceive",
    "trick",
    "enslave",
    "force",
    "repatriate",
    "rape",
    "groom",
    "confine",
    "lock",
    "smuggle",
    "recruit",
    "save",
    "buy",
    "purchase",
    "prostitute",
    "kidnap",
    "abduct",
}
VICTIM_OBJECT = {
    "rescue",
    "free",
    "traffic",
    "sell",
    "lure",
    "deceive",
    "trick",
    "enslave",
    "exploit",
    "abuse",
    "rape",
    "groom",
    "smuggle",
    "buy",
    "purchase",
    "prostitute",
    "kidnap",
    "abduct",
    "repatriate",
    "save",
    "confine",
    "force",
    "coerce",
    "compel",
}
DEFENDANT_VERBS = {
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
    "apprehend",
    "nab",
    "try",
    "fine",
    "plead",
    "remand",
    "recruit",
    "lure",
    "sell",
    "traffic",
    "run",
    "operate",
    "own",
    "smuggle",
    "admit",
}
PASSIVE_VICTIM_VERBS = {
    "force",
    "traffic",
    "sell",
    "lure",
    "deceive",
    "trick",
    "enslave",
    "rescue",
    "free",
    "hold",
    "lock",
    "confine",
    "beat",
    "abuse",
    "exploit",
    "promise",
    "recruit",
    "smuggle",
    "repatriate",
    "rape",
}
RELEASE_VERBS = {"free", "release"}
COURT_OUTCOME_VERBS = {"acquit", "clear", "bail", "pardon", "deport"}
# "The woman, X, was lured": nouns whose apposition stands for the subject or object of the verb
# (not "The suspect, X, was smuggled across the border by his associates")
APPOSITION_HEADS = {
    *"woman man girl boy child teenager teen worker maid fisherman migrant victim survivor".split(),
    *"student mother wife daughter son villager farmer returnee".split(),
}
MADE_TO = {"work", "labour", "labor", "beg", "toil", "sleep", "serve", "fish"}
COURT_WORDS = re.compile(
    r"^(?:court|acquit\w*|bail|parole|verdict|judge|prosecution|charges?|convict\w*|"
    r"sentence[ds]?|prison|jail|appeal|guilty|innocent)$",
    re.I,
)
VICTIM_TITLES = {"victim", "survivor", "minor"}
# what may stand between two people named in one list
SEPARATOR = re.compile(
    r"^\s*(?:,\s*\d{1,2}\s*)?(?:,\s*(?:and\s+)?|\s+and\s+|\s*[—–]\s*|,?\s+and\s+(?:his|her|their) \w+\s+)$"
)


def mark_victims(doc: Doc, entities: list[Entity]) -> None:
    """Give role "victim" to every person the text presents as one (see the module docstring)."""
    text = doc_text(doc)
    persons = [e for e in entities if e.kind == "person"]
    marked = {id(p) for p in persons if _is_victim(doc, text, p)}
    marked.update(id(p) for p in _pronoun_victims(doc, persons))
    for group in _lists(text, persons):
        first, last = group[0][0], group[-1][0]
        before = text[max(0, first.start - 70) : first.start]
        if _cue_before(before) or _group_after(text[last.end : last.end + 60]) or _minor_range(before):
            marked.update(id(p) for _, p in group)
    for person in persons:
        if id(person) in marked:
            person.role = "victim"


def _is_victim(doc: Doc, text: str, person: Entity) -> bool:
    if (person.title or "").lower() in VICTIM_TITLES:
        return True
    # a minor's age or "one of the workers" makes a victim unless a defendant verb says otherwise
    weak = person.age is not None and person.age < ADULT_AGE
    for m in person.mentions:
        before, after = text[max(0, m.start - 70) : m.start], text[m.end : m.end + 120]
        if (
            _cue_before(before, text[max(0, m.start - 370) : m.start])
            or CUE_APPOSITIVE.match(after)
            or CUE_AFTER.match(after)
            or PSEUDONYM_AFTER.match(after)
            or WITH_OTHER_RESCUED.match(after)
            or WORKER_WHO_WAS.match(after)
            or THE_WORKER.search(before)
            or _verb_cue(doc, m)
        ):
            return True
        # a titled speaker is staff, not a victim: "We were forced to wait," said the police chief
        weak = (
            weak
            or _minor_age(before, after)
            or bool(ONE_OF_THE_WORKERS.search(before))
            or bool(WORKERS_SUCH_AS.search(before))
            or bool(AND_OTHERS.match(after))
            or bool(WORKERS_KNOWN_AS.search(before))
            or (ONE_OF_THE_NUMBER.match(after) and bool(RESCUED_GROUP.search(text[max(0, m.start - 400) : m.start])))
            or (person.title is None and (_speaks_as_a_victim(text, m) or bool(SAID_DONE_TO_SPEAKER.match(after))))
        )
    return weak and not any(_defendant_verb(doc, m) for m in person.mentions)


def _speaks_as_a_victim(text: str, m: Mention) -> bool:
    """The person says in the first person what was done to them: “They took our
    passports,” said X / X said: “We were beaten ...”."""
    before, after = text[max(0, m.start - 500) : m.start], text[m.end : m.end + 500]
    closing = QUOTE_THEN_SPEAKER.search(before)
    if closing and (closing.group("verb") or SPEECH_AFTER.match(after)):
        quote = before[: closing.start() + 1]
        opening = max(quote.rfind("\u201c"), quote.rfind('"', 0, len(quote) - 1))
        quote = quote[opening + 1 :] if opening >= 0 else None
    else:
        leading = SPEAKER_THEN_QUOTE.match(after)
        quote = leading.group("quote") if leading else None
    return bool(quote) and bool(FIRST_PERSON_VICTIM.search(quote))


def _cue_before(before: str, earlier: str = "") -> bool:
    """`earlier` is the text before the window, for "One of them, X" after "The victims ..."."""
    found = CUE_BEFORE.search(before)
    if found and not OBJECT_OF_CLAUSE.search(before[: found.end()]):
        return True
    return bool(ONE_OF_THEM.search(before)) and bool(
        VICTIMS_NAMED.search(earlier[-300:]) or RESCUED_GROUP.search(earlier[-300:])
    )


def _group_after(after: str) -> bool:
    found = GROUP_AFTER.match(after)
    return bool(found) and (found.group(1) is None or int(found.group(1)) < ADULT_AGE)


def _minor_range(before: str) -> bool:
    found = AGE_RANGE_BEFORE.search(before)
    return bool(found) and int(found.group(1)) < ADULT_AGE


def _minor_age(before: str, after: str) -> bool:
    if _minor_range(before):
        return True
    for found in (AGE_AFTER.match(after), AGE_BEFORE.search(before), YEAR_OLD_AFTER.match(after)):
        if found and int(next(g for g in found.groups() if g)) < ADULT_AGE:
            return True
    return False


def _verb_cue(doc: Doc, m: Mention) -> bool:
    """Rescued, sold, lured...: the passive subject, or the object of the active verb."""
    root = doc[m.token_start : m.token_end].root
    while root.dep_ in {"conj", "appos"} and (
        root.head.ent_type_ == "PERSON" or (root.dep_ == "appos" and root.head.lemma_.lower() in APPOSITION_HEADS)
    ):
        root = root.head  # "lured A, 16, and B, 15": B is as much the object as A; "The woman, X, was lured"
    verb = root.head
    if verb.lemma_.lower() in RELEASE_VERBS and _court_release(verb):
        return False
    if _locked_up_for_a_term(verb):
        return False
    if root.dep_ == "nsubj" and verb.dep_ == "ccomp" and verb.lemma_.lower() in MADE_TO and verb.head.lemma_ == "make":
        return True  # "made X work seven days a week": the one made to labour
    if (
        root.dep_ == "nsubjpass"
        and verb.lemma_.lower() not in DEFENDANT_VERBS | COURT_OUTCOME_VERBS
        and any(
            c.dep_ == "conj"
            and c.tag_ in {"VBN", "VBD"}  # the model often tags the bare second participle VBD
            and c.lemma_.lower() in VICTIM_PASSIVE - RELEASE_VERBS  # "acquitted ... and was freed": a defendant
            and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
            for c in verb.children
        )
    ):
        return True  # "X was moved between addresses and forced to work": the second verb has X too
    return (root.dep_ == "nsubjpass" and verb.lemma_.lower() in VICTIM_PASSIVE) or (
        root.dep_ == "dobj" and verb.lemma_.lower() in VICTIM_OBJECT
    )


def _locked_up_for_a_term(verb) -> bool:
    """ "X was locked up for nine years": a prison sentence (British), not a victim confined."""
    return (
        verb.lemma_.lower() == "lock"
        and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
        and any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(g.lower_.rstrip("s") in {"year", "month"} for g in c.children)
            for c in verb.children
        )
        and not any(c.dep_ == "prep" and c.lower_ in {"in", "inside"} for c in verb.children)
    )


def _court_release(verb) -> bool:
    """ "was freed after the court found ...", "freed on bail": an acquitted or bailed defendant."""
    return any(COURT_WORDS.search(t.text) for t in verb.sent)


def _defendant_verb(doc: Doc, m: Mention) -> bool:
    """The person is the one arrested, charged, sentenced..., or the one who sold or lured."""
    root = doc[m.token_start : m.token_end].root
    if root.dep_ == "appos":  # "One of the women, X, was sentenced"
        root = root.head
    return _defendant_relation(root)


def _defendant_relation(root) -> bool:
    """`root` is the subject or object of a verb that makes a defendant."""
    lemma = root.head.lemma_.lower()
    if root.dep_ in {"nsubjpass", "dobj"}:
        return lemma in DEFENDANT_VERBS - VICTIM_OBJECT - VICTIM_PASSIVE
    return root.dep_ == "nsubj" and lemma in DEFENDANT_VERBS


def _relative_of_a_defendant(doc: Doc, m: Mention) -> bool:
    """ "Police arrested X and his brother Y", "X and her son Y were charged": the relative is
    joined to the one arrested or charged, so shares that part, not a victim's."""
    root = doc[m.token_start : m.token_end].root
    while root.dep_ in {"conj", "appos", "compound"} and root.head is not root:
        root = root.head
    return _defendant_relation(root)


def _pronoun_victims(doc: Doc, persons: list[Entity]) -> list[Entity]:
    """ "He was freed in March" / "she was sold to a broker": the person last named before the
    pronoun, in its sentence or the two before, unless the text makes that person a defendant."""
    mentions = sorted(((m, p) for p in persons for m in p.mentions), key=lambda pair: pair[0].start)
    found = []
    for token in doc:
        verb = token.head
        # only a pronoun that is what its sentence is about ("He was freed in March"), not
        # one inside a clause about someone else ("a boy who said he had been sold")
        if (
            token.lower_ not in {"he", "she"}
            or token.dep_ != "nsubjpass"
            or verb.dep_ != "ROOT"
            or verb.lemma_.lower() not in VICTIM_PASSIVE
            or (verb.lemma_.lower() in RELEASE_VERBS and _court_release(verb))
        ):
            continue
        window_start = token.sent.start
        for _ in range(2):
            if window_start > 0:
                window_start = doc[window_start - 1].sent.start
        earlier = [(m, p) for m, p in mentions if doc[window_start].idx <= m.start < token.idx]
        if earlier:
            m, person = earlier[-1]
            if NEARER_VICTIM_NOUN.search(doc_text(doc)[m.end : token.idx]):
                continue  # "X arranged the girl's passport ... She was rescued": she is the girl
            if person.title is None and not any(_defendant_verb(doc, pm) for pm in person.mentions):
                found.append(person)
    return found


# a victim told by a noun after the last name and before the pronoun is what the pronoun means
NEARER_VICTIM_NOUN = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:girl|boy|child|victim|survivor|minor|teen(?:ager)?)(?:'s|\u2019s)?\b", re.I
)


def _lists(text: str, persons: list[Entity]) -> list[list[tuple[Mention, Entity]]]:
    """People named one after the other ("A, 15, and B, 14", "A, B and C"): each list once."""
    mentions = sorted(((m, p) for p in persons for m in p.mentions), key=lambda pair: pair[0].start)
    lists: list[list[tuple[Mention, Entity]]] = []
    for m, p in mentions:
        if lists and p is not lists[-1][-1][1] and SEPARATOR.match(text[lists[-1][-1][0].end : m.start]):
            lists[-1].append((m, p))
        else:
            lists.append([(m, p)])
    return [group for group in lists if len(group) > 1]


# -- weaker cues, weighed by nlp.roles against suspect and staff cues ----------------
WEAK_PASSIVE = {
    "rescue",
    "free",
    "traffic",
    "sell",
    "exploit",
    "abuse",
    "lure",
    "deceive",
    "trick",
    "enslave",
    "force",
    "hold",
    "repatriate",
    "rape",
    "beat",
    "confine",
}
WEAK_BEFORE = re.compile(
    rf"\b(?:(?:one|two|three|another|a|one of the|among the)\s+(?:\w+\s+)?(?:{GROUP_NOUNS}|{WORKER_NOUNS})|"
    rf"(?:victims?|survivors?))\s*,?\s*$",
    re.I,
)
# "her son X", "their daughter X": in trafficking news, mostly a family speaking for someone
# missing, held or trafficked (a defendant's relative is a defendant first, by the sentence step)
RELATIVE_BEFORE = re.compile(
    r"\b(?:her|his|their|my|our)\s+(?:\d{1,2}-year-old\s+)?(?:son|daughter|child|brother|sister|nephew|niece|"
    r"grandson|granddaughter)\s*,?\s*(?:(?:Ko|Ma|Maung|Mg|U|Daw|Mr|Ms|Mrs|Miss)\.?\s+)?$",
    re.I,
)
APPOSITIVE = re.compile(r"^,?\s*(?:\d{1,2}\s*,\s*)?(?:a|an|the|one of)\b[^,.;]{0,70}")
APPOSITIVE_VICTIM_WORDS = re.compile(
    r"\b(?:victims?|survivors?|rescued|trafficked|freed|escaped|was sold|were sold|repatriated)\b", re.I
)


def victim_votes(doc: Doc, m: Mention) -> int:
    """How strongly one mention's context says "victim" (0 = not at all)."""
    text = doc_text(doc)
    root = doc[m.token_start : m.token_end].root
    verb = root.head
    votes = 0
    if (
        root.dep_ == "nsubjpass"
        and verb.lemma_.lower() in WEAK_PASSIVE
        and not (verb.lemma_.lower() in RELEASE_VERBS and _court_release(verb))
    ):
        votes += 2
    appositive = APPOSITIVE.match(text[m.end : m.end + 90])
    if appositive and APPOSITIVE_VICTIM_WORDS.search(appositive.group(0)):
        votes += 3
    elif WEAK_BEFORE.search(text[max(0, m.start - 40) : m.start]):
        votes += 3
    elif RELATIVE_BEFORE.search(text[max(0, m.start - 40) : m.start]) and not _relative_of_a_defendant(doc, m):
        votes += 2  # "His mother said her son X had answered an advertisement": whom a family speaks for
    if _passive_in_sentence(doc, m):
        votes += 1
    return votes


def _passive_in_sentence(doc: Doc, m: Mention) -> bool:
    """The person, or "he"/"she" after naming them, was forced, sold, rescued, held... in a
    passive clause of the same sentence ("X told reporters that he had been forced to work")."""
    for token in doc[m.token_start].sent:
        if token.lemma_.lower() not in PASSIVE_VICTIM_VERBS:
            continue
        passive = any(c.dep_ == "auxpass" for c in token.children) or (
            token.tag_ == "VBN" and token.dep_ in {"acl", "advcl", "conj", "xcomp"}
        )
        if not passive or (token.lemma_.lower() in RELEASE_VERBS and _court_release(token)):
            continue
        for child in token.children:
            if child.dep_ != "nsubjpass":
                continue
            if m.token_start <= child.i < m.token_end:
                return True
            if child.lower_ in {"he", "she"} and child.i > m.token_start and _said_by(token, m):
                return True
    return False


def _said_by(verb, m: Mention) -> bool:
    """The clause hangs under a verb whose subject is the person ("X said he had been
    forced"), not under someone else's ("a worker's sister reported that he was beaten")."""
    for ancestor in verb.ancestors:
        subjects = [c for c in ancestor.children if c.dep_ == "nsubj"]
        if subjects:
            return m.token_start <= subjects[0].i < m.token_end or any(
                m.token_start <= t.i < m.token_end for t in subjects[0].subtree
            )
    return False
