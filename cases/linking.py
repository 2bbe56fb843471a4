"""Join the reports of one defendant across articles and outlets into cases.

A *report* is what one article says about one person: their case events (arrested ...
appeal decided) and sentence. Two reports are one case when their names match (see
`cases.names`) and nothing contradicts it; a spelling variant needs something more in
common (a co-defendant, the court, the place or a town and its province, a consistent age,
the same prison term reported within days);
ages that do not fit make two people; a name of one part needs one thing more in common
when both reports give it alone ("Sutrisno"), two when the other gives the full name
("Okafor" / "Emmanuel Okafor"); a match with a contradiction (another country, years apart,
only places apart, two prison terms for a spelling variant or for one spelling months apart,
other co-defendants on each side and nothing else in common, an arrest more than a year after
another arrest or the sentence of the name, a "Jr."/"Sr." in one name only)
or with too little in common is *doubtful*: kept apart and listed for review, never merged silently;
so is a report that fits two namesakes kept apart equally well (`_contested_links`). Each
link keeps its score and evidence. A reviewer's decision (`case_decisions`) beats the
rules, and every later run and every reprocessing applies it again, since cases are
rebuilt from the reports and the decisions each time.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from cases.names import bare_parts, block_keys, compare_names, generation, initials, initials_fit, name_parts
from storage.cases import (
    articles_of,
    block_sizes,
    ever_linked,
    linking_version,
    read_ages,
    read_article_places,
    read_blocks,
    read_case_ids,
    read_case_members,
    read_counts,
    read_decisions,
    read_events,
    read_links,
    read_noted_partners,
    read_pair_blocks,
    read_report_cases,
    read_sentences,
    report_id,
    set_linking_version,
    unlinked_reports,
    update_cases,
    write_cases,
    write_counts,
)
from storage.schema import stable_id, transaction

STAGE_ORDER = (
    "arrested",
    "charged",
    "on_trial",
    "convicted",
    "acquitted",
    "sentenced",
    "appeal_filed",
    "appeal_decided",
    "released",
    "deported",
)
# Bump whenever the name keys (cases.names.block_keys, initials) or the matching rules
# change: the stored blocking index and links were made by the old ones, so the next night
# rebuilds every case (`link_cases`) instead of linking only its new reports.
LINKING_VERSION = "5"
YEARS_APART = 8  # reports further apart than this are doubtful, whatever the name
YEARS_QUIET = 4  # the same name this far apart with nothing else in common is doubtful
AFTER_PRISON = {"released", "deported"}
OUTCOMES = {"convicted", "acquitted", "sentenced"}  # a later report cannot go back to before these
STAGES_BACK_DAYS = 365  # ... by more than this: an arrest a year after a sentence is someone else's
# and so is an arrest more than this after another arrest of the name: a prosecution has one
# words of a court's name that say what kind of court it is, not which one
COURT_WORDS = set(
    "court courts the of in here provincial province municipal city people peoples regional trial first instance "
    "district sessions magistrates magistrate crown federal branch criminal s region high state county juvenile".split()
)
APPEAL_COURT_WORDS = {"appeal", "appeals", "appellate", "supreme", "high", "cassation"}
MAX_BLOCK = 200  # a name part shared by more reports than this ("nguyen") does not pair them
# two places this close are one area: a town and its province ("Hat Yai" / "Songkhla", "Poipet" /
# "Banteay Meanchey"), where the police arrest and the provincial court tries; further apart,
# and with nothing else in common, the same name is two people (Medan / Makassar)
NEAR_KM = 60
# one verdict told by several outlets is told within days; an exact name's two terms reported
# further apart than ONE_VERDICT_DAYS are two verdicts, and the same term within
# SAME_SENTENCE_DAYS is something two reports of one verdict have in common
ONE_VERDICT_DAYS = 90
SAME_SENTENCE_DAYS = 7
AREAS = {"province", "state", "region"}  # two of these are never "near": neighbours, not one place
# what `compare_reports` finds in common beside the name, as its evidence items begin
SUPPORT_EVIDENCE = {"co-defendants", "court", "place", "places named", "court of the place", "places near", "ages fit"}
# why the clustering, not the rules' verdict on the pair, kept a link for review: a night
# that regroups the link's cases decides it again (`_stored_links`)
CHAIN_NOTE = "the two cases' other names do not match"
CONTESTED_NOTE = "fits two cases kept apart"
CLUSTER_NOTES = (CHAIN_NOTE, CONTESTED_NOTE)


@dataclass
class Report:
    id: str
    article_id: str
    person_id: str
    name: str
    published: str | None
    source_id: str | None
    country: str | None
    age: int | None
    events: list[dict] = field(default_factory=list)
    co_defendants: set[str] = field(default_factory=set)
    courts: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sentence: dict | None = None
    country_from_place: bool = False  # the country of a place the events name, not the outlet's
    article_places: set[str] = field(default_factory=set)  # the places below country the article names
    points: dict[str, tuple[float, float, bool]] = field(default_factory=dict)  # lat, lon, a province or larger
    url: str | None = None  # the article's


@dataclass
class Link:
    report_id: str
    other_id: str
    score: float
    verdict: str  # same | review | different
    decided_by: str  # rules | reviewer
    evidence: list[str]


def read_reports(db, report_ids: set[str] | None = None) -> dict[str, Report]:
    """{report id: Report} of every person with case events (or of these reports), with what
    the linker compares; co-defendants are the other reports of the same article, all of them."""
    articles = None
    if report_ids is not None:
        articles = articles_of(db, report_ids)
        report_ids = set(report_ids)
    reports: dict[str, Report] = {}
    for event in read_events(db, articles=articles) if articles is not None else read_events(db):
        rid = report_id(event["article_id"], event["person_id"])
        report = reports.get(rid)
        if report is None:
            report = reports[rid] = Report(
                rid,
                event["article_id"],
                event["person_id"],
                event["person"],
                event["published"],
                event["source_id"],
                event["country"],
                None,
                url=event["article_url"],
            )
        report.events.append({k: event[k] for k in ("id", "stage", "outcome", "date", "role", "court")})
        report.courts.update([event["court"]] if event["court"] else [])
        report.places.update([event["place"]] if event["place"] else [])
        if event["place_country"] and not report.country_from_place:
            report.country, report.country_from_place = event["place_country"], True
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in reports.values():
        by_article[report.article_id].append(report)
    for members in by_article.values():
        for report in members:
            report.co_defendants = {other.name for other in members if other is not report}
    if report_ids is not None:
        reports = {rid: report for rid, report in reports.items() if rid in report_ids}
    ages, sentences = read_ages(db, articles), read_sentences(db, articles)
    places = read_article_places(db, articles)
    for report in reports.values():
        _place_report(report, places.get(report.article_id, []))
        report.age = ages.get((report.article_id, report.person_id))
        report.sentence = sentences.get((report.article_id, report.person_id))
        if report.sentence and report.sentence["court"]:
            report.courts.add(report.sentence["court"])
    return reports


def _place_report(report: Report, places: list[tuple]) -> None:
    """The article's places below country level (and their coordinates), and the report's
    country when its events name no place: the outlet's, unless the article is about somewhere
    else (a Vietnamese paper on a trial in Houston) or the outlet has none (wire copy), then
    that of the places it names most."""
    local = [(name, country) for name, country, kind, *_ in places if kind != "country"]
    report.article_places = {name.casefold() for name, _ in local}
    report.points = {
        name.casefold(): (*point, kind in AREAS)
        for name, _, kind, *point in places  # (name, country, kind[, latitude, longitude])
        if kind != "country" and len(point) == 2 and None not in point
    }
    if report.country_from_place:
        return
    countries = Counter(country for _, country in local if country)
    if countries and (not report.country or report.country not in countries):
        report.country = countries.most_common(1)[0][0]
    report.country = report.country or None


def compare_reports(a: Report, b: Report) -> Link | None:
    """The rules' verdict on two reports of different articles, or None if the names differ."""
    match = compare_names(a.name, b.name)
    if match is None:
        return None
    evidence = [f"names {match.kind} ({a.name} / {b.name}, {match.similarity:.2f})"]
    support, against = 0, 0
    shared = _shared_names(a.co_defendants, b.co_defendants)
    if shared:
        support += 1
        evidence.append("co-defendants: " + ", ".join(sorted(shared)))
    courts = _same_courts(a.courts, b.courts)
    if courts:
        support += 1
        evidence.append("court: " + ", ".join(sorted(courts)))
    places = {p.casefold() for p in a.places} & {p.casefold() for p in b.places}
    named = (a.article_places | {p.casefold() for p in a.places}) & (
        b.article_places | {p.casefold() for p in b.places}
    )
    if places:
        support += 1
        evidence.append("place: " + ", ".join(sorted(places)))
    elif named:  # the events name none in common, the articles do ("a Mae Sai bar owner")
        support += 1
        evidence.append("places named: " + ", ".join(sorted(named)))
    elif not courts and (seat := _court_seat(a, b) or _court_seat(b, a)):
        support += 1  # arrested in Kampong Cham, sentenced by the Kampong Cham Provincial Court
        evidence.append("court of the place: " + seat)
    elif near := _places_near(a, b):  # arrested in Hat Yai, sentenced by the Songkhla court
        support += 1
        evidence.append("places near: " + near)
    if same_term := _same_sentence_days_apart(a, b):  # one verdict, the local paper and the wire
        support += 1
        evidence.append("same sentence: " + same_term)
    years = _years_apart(a.published, b.published)
    if a.country and b.country and a.country != b.country:
        if shared:  # one case covered from two countries: the co-defendants say so
            evidence.append(f"countries differ: {a.country} / {b.country} (co-defendants in common)")
        elif places and not (a.country_from_place and b.country_from_place):
            # the events name one place; the other country is an outlet's (a Hanoi paper on a Bradford trial)
            evidence.append(f"countries differ: {a.country} / {b.country} (an outlet's; the place in common)")
        elif (
            (here := _country_places_named(a, b))
            and (there := _country_places_named(b, a))
            and here.casefold() != there.casefold()  # one name of two places ("San Jose") proves nothing
        ):
            # each report's country is that of a place the other article names too: one story of a
            # recruiter in East Java and the women in Hong Kong, its events placed in one or the other
            evidence.append(f"countries differ: {a.country} / {b.country} (both articles name {here} and {there})")
        else:
            against += 1
            evidence.append(f"countries differ: {a.country} / {b.country}")
    if years is not None and years > YEARS_APART:
        against += 1
        evidence.append(f"{years:.0f} years apart")
    elif years is not None and years >= YEARS_QUIET and not support:
        against += 1
        evidence.append(f"{years:.0f} years apart, nothing else in common")
    if not courts and _trial_courts_differ(a, b):
        against += 1
        evidence.append("tried by different courts: " + " / ".join(sorted(a.courts | b.courts)))
    backwards = _stages_backwards(a, b)
    if backwards:
        against += 1
        evidence.append(backwards)
    if match.kind == "variant" and (closer := _closer_namesake(a, b, match) or _closer_namesake(b, a, match)):
        against += 1  # "Sovannak Meas" / "Meas Sovann", whose article names his brother "Meas Sovannak"
        evidence.append(closer)
    if (terms := _terms_differ(a, b)) and (match.kind in {"variant", "partial"} or _verdicts_apart(a, b)):
        against += 1  # 15 years and 7: two trials; for one spelling, once too far apart to be one verdict told twice
        evidence.append("prison terms differ: " + terms)
    ages_differ = fitting_ages = False
    if a.age is not None and b.age is not None:
        expected = years or 0
        if abs(abs(a.age - b.age) - expected) > 2:
            against += 1
            ages_differ = True  # two people, whatever else they share
            evidence.append(f"ages do not fit: {a.age} / {b.age}")
        else:
            support += 1
            fitting_ages = True
            evidence.append(f"ages fit: {a.age} / {b.age}")
    if not support and match.kind in {"exact", "reordered"} and (where := _places_apart(a, b)):  # two provinces
        against += 1
        evidence.append("places differ: " + where)
    if not support and (others := _co_defendants_differ(a, b, shared)):  # each story its own accomplices
        against += 1
        evidence.append("co-defendants differ: " + others)
    single = min(len(bare_parts(a.name)), len(bare_parts(b.name))) == 1
    if ages_differ:
        verdict = "different"
    elif single:  # "Sutrisno" and "Sutrisno", "Okafor" once "Emmanuel Okafor" is known
        ambiguous = _single_ambiguous(a, b) or _single_ambiguous(b, a)
        if ambiguous:
            evidence.append(ambiguous)
        # a name known by one part on both sides needs one thing in common besides it; a part of a
        # full name ("Okafor" of "Emmanuel Okafor") two: co-defendants, court, place, a fitting age
        needed = 1 if match.kind == "exact" else 2
        if support >= needed and not against and not ambiguous:
            verdict = "same"
        else:
            verdict = "review" if support and not against else "different"
    elif match.kind in {"exact", "reordered"}:
        verdict = "same" if not against else "review"
    elif match.kind == "variant":
        verdict = "same" if support and not against else "review" if not against or support > against else "different"
    if verdict == "same" and generation(a.name) != generation(b.name) and not shared and not fitting_ages:
        verdict = "review"  # "Ricardo Morales Sr." / "Ricardo Morales": the father, or his son?
        evidence.append("Jr./Sr. in one name only")
    score = round(max(0.0, min(1.0, 0.6 * match.similarity + 0.15 * min(support, 2) + 0.1 - 0.3 * against)), 3)
    return Link(a.id, b.id, score, verdict, "rules", evidence)


def link_cases(db) -> dict:
    """Rebuild every case from the stored reports and the reviewers' decisions, in one
    transaction (readers see the old cases or the new ones). Returns counts."""
    reports = read_reports(db)
    links = _with_decisions(candidate_links(reports), reports, read_decisions(db))
    case_of = cluster(reports, links)
    cases, link_rows, report_cases, sentences = _case_rows(reports, links, case_of)
    with transaction(db):
        write_cases(db, cases, link_rows, report_cases, sentences, _block_rows(reports.values()))
        set_linking_version(db, LINKING_VERSION)
        counts = _counts(db)
        write_counts(db, counts)
    return {**counts, "reports": len(reports)}


def link_new_reports(db) -> dict:
    """Link the reports no case holds yet (what the last `process` stored) to the stored cases,
    comparing it only with the stored reports whose names match a new one's (found through
    the blocking index) and regrouping only the cases a new report has a "same" link to: the
    cost of a night's run follows its new articles, not the size of the archive. Those cases
    are regrouped with their stored links, the new links and the reviewers' decisions, by the
    same rules as a rebuild; a namesake kept apart keeps its case and gets the link row; the
    counts are the stored ones plus what the night changed. A report seen before (its
    article was reprocessed, and `storage.cases.unlink_article` unlinked the cases it was in)
    makes it a rebuild: `link_cases`; so do cases built under other linking rules
    (LINKING_VERSION), whose stored keys and links the new rules would not meet."""
    if linking_version(db) != LINKING_VERSION:
        return link_cases(db)
    new_ids = unlinked_reports(db)
    if not new_ids:
        return {**_stored_counts(db), "reports": 0}
    new = read_reports(db, new_ids)
    seen_keys = {
        rid: (min(keys), int(len(name_parts(r.name)) == 1)) for rid, r in new.items() if (keys := block_keys(r.name))
    }
    if ever_linked(db, seen_keys):
        return link_cases(db)
    candidates, too_big = _stored_candidates(db, new)
    near = read_reports(db, candidates) if candidates else {}  # the stored namesakes, compared
    new_links = candidate_links({**near, **new}, only=set(new), skip=too_big)
    # Only the cases a new report may join are regrouped (with every report, link and decision
    # of theirs); a namesake kept apart (review, different) keeps its case as it is, and gets
    # the link row: the work follows the night's articles, not how many namesakes the archive holds.
    joined = {end for link in new_links.values() if link.verdict == "same" for end in (link.report_id, link.other_id)}
    stored = read_case_members(db, joined - set(new)) - set(new) if joined - set(new) else set()
    stored = _with_noted_cases(db, stored, set(new))
    reports = {**{r: near[r] for r in stored if r in near}, **read_reports(db, stored - set(near)), **new}
    links = _stored_links(db, reports) if stored else {}
    links.update({pair: link for pair, link in new_links.items() if pair[0] in reports and pair[1] in reports})
    links = _with_decisions(links, reports, read_decisions(db, reports) if stored else {})
    case_of = cluster(reports, links)
    cases, link_rows, report_cases, sentences = _case_rows(reports, links, case_of)
    apart = [link for pair, link in new_links.items() if pair not in links]  # to namesakes left as they are
    if apart:
        outside = read_report_cases(
            db, {end for link in apart for end in (link.report_id, link.other_id)} - set(reports)
        )
        link_rows += _link_rows(apart, {**outside, **case_of})
    old_cases = read_case_ids(db, stored)
    with transaction(db):
        change = update_cases(
            db, old_cases, set(reports), cases, link_rows, report_cases, sentences, _block_rows(new.values())
        )
        counts = _stored_counts(db, change)
    return {**counts, "reports": len(new)}


def _stored_candidates(db, new: dict[str, Report]) -> tuple[set[str], set[str]]:
    """The stored reports a new report may be linked to (a block key in common and a name
    that matches), and the pair blocks too big to pair anyone (MAX_BLOCK, as in a rebuild)."""
    keys = {rid: block_keys(report.name) for rid, report in new.items()}
    pair_keys = {k for ks in keys.values() for k in ks if not k.startswith("1:")}
    sizes = block_sizes(db, pair_keys, cap=MAX_BLOCK + 1)  # more than MAX_BLOCK: too big, however many
    new_members = Counter(k for ks in keys.values() for k in ks)
    too_big = {k for k in pair_keys if sizes.get(k, 0) + new_members[k] > MAX_BLOCK}
    names_by_key: dict[str, set[str]] = defaultdict(set)
    for rid, ks in keys.items():
        for key in ks:
            names_by_key[key].add(new[rid].name)
    single = {rid for rid, report in new.items() if len(name_parts(report.name)) == 1}
    lone_of_single = {k for rid in single for k in keys[rid] if k.startswith("1:")}
    lone_of_many = {k for rid in set(new) - single for k in keys[rid] if k.startswith("1:")}
    readable = pair_keys - too_big
    pair_blocks = read_pair_blocks(
        db, {(key, initials(name)) for key in readable for name in names_by_key.get(key, ())}
    )
    lone_blocks = [
        read_blocks(db, lone_of_single),  # a one-part name meets every holder of its part
        read_blocks(db, lone_of_many - lone_of_single, singles_only=True),  # a full name, the one-part names
    ]
    own = {name: initials(name) for names in names_by_key.values() for name in names}
    meets: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # a stored report -> the new names it meets
    for key, members in pair_blocks.items():  # (in as many blocks as their names share pairs of parts)
        for report, name, letters in members:
            meets[(report, name, letters if letters is not None else initials(name))] |= names_by_key[key]
    candidates = {
        report
        for (report, name, letters), others in meets.items()
        if any(  # the initials first: most of a common family name's block fails them
            initials_fit(letters, own[other]) and compare_names(name, other) is not None for other in others
        )
    }
    candidates.update(
        report
        for found in lone_blocks
        for key, members in found.items()
        for report, name in members
        if any(compare_names(name, other) is not None for other in names_by_key[key])
    )
    return candidates, too_big


def _with_noted_cases(db, stored: set[str], new: set[str]) -> set[str]:
    """`stored` and the whole cases at the other end of their links that the clustering, not
    the rules' verdict on the pair, kept for review (CLUSTER_NOTES): regrouped together, as a
    rebuild sees them, the clustering decides those links again."""
    while stored:
        partners = read_noted_partners(db, stored, CLUSTER_NOTES) - stored - new
        if not partners:
            break
        stored |= read_case_members(db, partners) - new
    return stored


def _stored_links(db, reports: dict[str, Report]) -> dict[tuple[str, str], Link]:
    """The stored links between two of these reports, as the rules made them: a link the
    clustering kept for review (CLUSTER_NOTES) is the rules' "same" again, for the clustering
    to decide anew."""
    links = {}
    for row in read_links(db, reports):
        evidence = row["evidence"].split("; ") if row["evidence"] else []
        verdict = row["verdict"]
        if row["decided_by"] == "rules" and any(item.startswith(CLUSTER_NOTES) for item in evidence):
            evidence = [item for item in evidence if not item.startswith(CLUSTER_NOTES)]
            verdict = "same"
        pair = (row["report_id"], row["other_id"])
        links[pair] = Link(*pair, row["score"], verdict, row["decided_by"], evidence)
    return links


def _with_decisions(links: dict, reports: dict[str, Report], decisions: dict) -> dict:
    """The reviewers' decisions in place of the rules' verdicts, for the pairs they decided."""
    for (x, y), (decision, note) in decisions.items():
        if x in reports and y in reports:
            links[(x, y)] = Link(x, y, 1.0 if decision == "same" else 0.0, decision, "reviewer", [note or "reviewer"])
    return links


def _case_rows(reports: dict[str, Report], links: dict, case_of: dict[str, str]):
    """The rows to write: cases, links, each report's case, each sentence's case columns."""
    members_of = _members(case_of)
    cases = [case_record(case_id, [reports[r] for r in members]) for case_id, members in members_of.items()]
    link_rows = _link_rows(links.values(), case_of)
    report_cases = {r.id: case_of[r.id] for r in reports.values()}
    sentences = [
        row for case_id, members in members_of.items() for row in case_sentences(case_id, [reports[m] for m in members])
    ]
    return cases, link_rows, report_cases, sentences


def _link_rows(links, case_of: dict[str, str]) -> list[dict]:
    return [
        {
            "report_id": link.report_id,
            "other_id": link.other_id,
            "score": link.score,
            "verdict": link.verdict,
            "decided_by": link.decided_by,
            "evidence": "; ".join(link.evidence),
            "case_id": case_of[link.report_id],
            "other_case_id": case_of[link.other_id],
        }
        for link in links
    ]


def _block_rows(reports) -> list[tuple[str, str, str, int, str]]:
    return sorted(  # in key order: the index takes them in one sweep
        (
            key,
            report.id,
            report.name,
            int(len(name_parts(report.name)) == 1),
            initials(report.name),
        )
        for report in reports
        for key in block_keys(report.name)
    )


def _counts(db) -> dict:
    """The counts a run reports, counted over the whole tables (a rebuild's)."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "cases": one("select count(*) from cases"),
        "links_same": one("select count(*) from case_links where verdict = 'same'"),
        "links_review": one("select count(*) from case_links where verdict = 'review' and case_id != other_case_id"),
    }


def _stored_counts(db, change: dict | None = None) -> dict:
    """The counts as the last run left them, with this night's `change` (of `update_cases`)
    added and stored: counting the tables every night would cost as much as the archive holds
    (a database from before the counts were kept is counted once)."""
    counts = read_counts(db)
    if counts is None:
        counts = _counts(db)  # the change is in the tables already
    elif change:
        counts = {key: counts[key] + change.get(key, 0) for key in counts}
    if change is not None or read_counts(db) is None:
        write_counts(db, counts)
    return counts


def candidate_links(
    reports: dict[str, Report], only: set[str] | None = None, skip: set[str] = frozenset()
) -> dict[tuple[str, str], Link]:
    """Every pair of reports from different articles whose names share a block key and match
    (`cases.names.block_keys`: two parts in common, or a one-part name and a name holding it);
    with `only`, the pairs holding one of those reports; `skip`: blocks too big in the archive."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for report in reports.values():
        for key in block_keys(report.name):
            blocks[key].append(report.id)
    links: dict[tuple[str, str], Link] = {}
    single = {r.id for r in reports.values() if len(name_parts(r.name)) == 1}
    for key, members in blocks.items():
        lone = key.startswith("1:")
        if key in skip or only is not None and not any(m in only for m in members):
            continue
        if lone:  # a name of one part against every name holding that part
            pairs = [(x, y) for x in members if x in single for y in members if y != x]
        elif len(members) > MAX_BLOCK:
            continue
        else:
            pairs = [(x, y) for i, x in enumerate(members) for y in members[i + 1 :]]
        for x, y in pairs:
            pair = tuple(sorted((x, y)))
            if pair in links or reports[x].article_id == reports[y].article_id:
                continue
            if only is not None and x not in only and y not in only:
                continue  # a stored pair: its link is stored
            link = compare_reports(reports[pair[0]], reports[pair[1]])
            if link is not None:
                links[pair] = link
    return links


def cluster(reports: dict[str, Report], links: dict[tuple[str, str], Link]) -> dict[str, str]:
    """{report id: case id}: reports joined along "same" links (reviewers' first, then the
    best scores), never joining two groups that hold a "different" pair or two people of
    one article; a report that fits two such groups equally well joins neither (its links
    are kept for review, `_contested_links`), and the groups are joined again without it. A
    case's id is that of its earliest report, so it stays put as later reports join."""
    apart = _apart(reports, links)  # the clustering turns "same" links to "review" only: it stays
    while True:
        root_of = _join(reports, links, apart)
        contested = _contested_links(reports, links, root_of, apart)
        if not contested:
            break
        for link, note in contested:
            link.verdict = "review"
            link.evidence.append(note)
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports.values():
        groups[root_of[report.id]].append(report)
    case_of = {}
    for members in groups.values():
        first = min(members, key=lambda r: (r.published or "9999", r.id))
        for report in members:
            case_of[report.id] = stable_id("case", first.id)
    return case_of


def _join(
    reports: dict[str, Report], links: dict[tuple[str, str], Link], report_apart: dict[str, set[str]]
) -> dict[str, str]:
    """{report id: its group's root}: the union of the "same" links, best first, skipping a
    link between two groups kept apart and one that would chain two names that do not match."""
    parent = {r: r for r in reports}
    apart = defaultdict(set, {r: set(others) for r, others in report_apart.items()})  # group root -> roots

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = sorted(
        (link for link in links.values() if link.verdict == "same"),
        key=lambda link: (link.decided_by != "reviewer", -link.score, link.report_id, link.other_id),
    )
    names = {r.id: {r.name} for r in reports.values()}  # group root -> the names its reports give
    for link in order:
        a, b = root(link.report_id), root(link.other_id)
        if a == b or b in {root(x) for x in apart[a]}:
            continue
        if link.decided_by != "reviewer" and not _names_agree(names[a], names[b]):
            link.verdict = "review"  # a chain through a short name ("Aung Kyaw") would join two people
            link.evidence.append(CHAIN_NOTE)
            continue
        parent[b] = a
        apart[a] |= apart.pop(b, set())
        names[a] |= names.pop(b)
    return {r: root(r) for r in reports}


def _apart(reports: dict[str, Report], links: dict[tuple[str, str], Link]) -> dict[str, set[str]]:
    """{report id: the reports it can never share a case with}: the other people of its
    article and the ends of its "different" links."""
    apart: dict[str, set[str]] = defaultdict(set)
    by_article: dict[str, list[str]] = defaultdict(list)
    for report in reports.values():
        by_article[report.article_id].append(report.id)
    for members in by_article.values():
        for x in members:
            apart[x].update(m for m in members if m != x)
    for link in links.values():
        if link.verdict == "different":
            apart[link.report_id].add(link.other_id)
            apart[link.other_id].add(link.report_id)
    return apart


def _contested_links(
    reports: dict[str, Report],
    links: dict[tuple[str, str], Link],
    root_of: dict[str, str],
    apart: dict[str, set[str]],
) -> list[tuple[Link, str]]:
    """The rules' "same" links of each report that fits two groups kept apart (two namesakes
    of one town, told apart by their ages) at least as well as it fits its own: a report
    that gives the name and the town but nothing that tells the two apart ("Somchay
    Wongsakun pleaded not guilty", no age, no co-defendant) could be either man's, so it
    joins neither and both links wait for a reviewer. A report the rules tell apart from
    one of them (its age, its article) is not in doubt; neither is one a reviewer placed."""
    ends: dict[str, list[tuple[Link, str]]] = defaultdict(list)
    for link in links.values():
        if link.verdict == "same":
            ends[link.report_id].append((link, link.other_id))
            ends[link.other_id].append((link, link.report_id))
    members: dict[str, set[str]] = defaultdict(set)
    for report, group in root_of.items():
        members[group].add(report)
    contested: dict[int, tuple[Link, str]] = {}
    for rid, its_links in sorted(ends.items()):
        if any(link.decided_by == "reviewer" for link, _ in its_links):
            continue
        own = root_of[rid]
        by_group: dict[str, list[Link]] = defaultdict(list)
        for link, other in its_links:
            by_group[root_of[other]].append(link)
        if own not in by_group:
            continue
        best_own = max(_strength(link) for link in by_group[own])
        rivals = {
            group
            for group, group_links in by_group.items()
            if group != own and not members[group] & apart[rid] and max(map(_strength, group_links)) >= best_own
        }
        if rivals:
            note = f"{CONTESTED_NOTE} ({reports[rid].name}, {reports[rid].article_id})"
            for link, other in its_links:
                if root_of[other] in rivals | {own}:
                    contested.setdefault(id(link), (link, note))
    return list(contested.values())


def _strength(link: Link) -> tuple[int, bool]:
    """How much a link says beside the name: the kinds of evidence in common (co-defendants,
    court, place, a fitting age), then whether the two spell the name alike."""
    support = sum(1 for item in link.evidence if item.split(":", 1)[0] in SUPPORT_EVIDENCE)
    return support, link.evidence[0].startswith(("names exact", "names reordered")) if link.evidence else False


def case_record(case_id: str, reports: list[Report]) -> dict:
    """One row of `cases`: the defendant's fullest name, the latest stage and term."""
    names = Counter(r.name for r in reports)
    defendant = max(names, key=lambda n: (len(name_parts(n)), names[n], n))
    events = [
        (e.get("date") or r.published or "", STAGE_ORDER.index(e["stage"]), e, r) for r in reports for e in r.events
    ]
    events.sort(key=lambda item: (item[0], item[1]))
    dates = [d for d, *_ in events if d]
    latest = events[-1][2] if events else None
    sentenced = sorted((r for r in reports if r.sentence), key=lambda r: (r.published or "", r.id))
    term = sentenced[-1].sentence if sentenced else None
    co = set().union(*(r.co_defendants for r in reports)) - set(names)
    # the most reports' country; a tie goes to the earliest report's, whatever order the reports came in
    countries = Counter(r.country for r in sorted(reports, key=lambda r: (r.published or "", r.id)) if r.country)
    return {
        "id": case_id,
        "defendant": defendant,
        "name_variants": json.dumps(sorted(names), ensure_ascii=False),
        "co_defendants": json.dumps(sorted(co), ensure_ascii=False),
        "country": countries.most_common(1)[0][0] if countries else None,
        "first_event": dates[0] if dates else None,
        "last_event": dates[-1] if dates else None,
        "year": int(dates[0][:4]) if dates and dates[0][:4].isdigit() else None,
        "current_stage": latest["stage"] if latest else None,
        "current_outcome": latest.get("outcome") if latest else None,
        "current_term": term["prison_term"] if term else None,
        "prison_months": term["prison_months"] if term else None,
        "life": term["life"] if term else None,
        "death": term["death"] if term else None,
        "events": len(events),
        "articles": len({r.article_id for r in reports}),
        "outlets": len({r.source_id for r in reports if r.source_id}),
        "article_urls": json.dumps(
            list(dict.fromkeys(r.url for r in sorted(reports, key=lambda r: (r.published or "", r.id)) if r.url))
        ),
    }


def case_sentences(case_id: str, reports: list[Report]) -> list[dict]:
    """The case's columns of each of its sentence rows: the same sentence reported by several
    articles is one row of `prosecutions` (the first report's), with the current term (the
    latest reported: after an appeal, the changed one), the earlier terms and every report."""
    rows = sorted((r for r in reports if r.sentence), key=lambda r: (r.published or "", r.sentence["id"]))
    if not rows:
        return []
    current = rows[-1].sentence
    terms = []
    for report in rows:
        term = report.sentence["prison_term"]
        if term and term != current["prison_term"] and term not in terms:
            terms.append(term)
    shared = {
        "case_id": case_id,
        "reports": len(rows),
        "outlets": len({r.source_id for r in rows if r.source_id}),
        "report_urls": json.dumps([r.sentence["article_url"] for r in rows]),
        "current_term": current["prison_term"],
        "current_months": current["prison_months"],
        "current_life": current["life"],
        "current_death": current["death"],
        "earlier_terms": json.dumps(terms),
    }
    return [{**shared, "id": r.sentence["id"], "case_row": int(i == 0)} for i, r in enumerate(rows)]


def _members(case_of: dict[str, str]) -> dict[str, list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for report, case_id in case_of.items():
        members[case_id].append(report)
    return members


def _names_agree(a: set[str], b: set[str]) -> bool:
    """Whether every name of one group matches every name of the other."""
    return all(compare_names(x, y) is not None for x in a for y in b)


def _shared_names(a: set[str], b: set[str]) -> set[str]:
    return {x for x in a for y in b if (m := compare_names(x, y)) is not None and m.kind != "partial"}


def _court_words(court: str) -> frozenset[str]:
    """The words of a court's name that say which court it is: "Chiang Rai Provincial Court"
    -> {chiang, rai}; "the Lapu-Lapu City Regional Trial Court, Branch 54" -> {lapu, 54}."""
    words = {w for w in name_parts(court) if w not in COURT_WORDS}
    return frozenset(words)


def _same_courts(a: set[str], b: set[str]) -> set[str]:
    """The courts of `a` that `b` names too, in another wording ("Chiang Rai Provincial Court" /
    "the court in Chiang Rai province"): one court's distinctive words hold all of the other's."""
    same = set()
    for x in a:
        for y in b:
            wx, wy = _court_words(x), _court_words(y)
            if x.casefold() == y.casefold() or wx and wy and (wx <= wy or wy <= wx):
                same.add(min(x, y, key=len).casefold())
    return same


def _places_apart(a: Report, b: Report) -> str | None:
    """Both articles name places below country level, none of them in common ("Medan, North
    Sumatra" / "Makassar, South Sulawesi"): with nothing else in common, two people of one name.
    Not for an appeal, heard in another city than the trial (Phnom Penh, Hanoi)."""
    if _on_appeal(a) or _on_appeal(b):
        return None
    pa = a.article_places | {p.casefold() for p in a.places}
    pb = b.article_places | {p.casefold() for p in b.places}
    if not pa or not pb or pa & pb or _places_near(a, b):
        return None
    return ", ".join(sorted(pa)) + " / " + ", ".join(sorted(pb))


def _places_near(a: Report, b: Report) -> str | None:
    """Two places the articles name, none of them in both, within NEAR_KM of each other, one of
    them a town or a district: a town and its province, the district of an arrest and the
    provincial court's seat (two neighbouring provinces are not one place)."""
    best = None
    for x, (lat1, lon1, area1) in sorted(a.points.items()):
        for y, (lat2, lon2, area2) in sorted(b.points.items()):
            if area1 and area2:
                continue
            km = _km(lat1, lon1, lat2, lon2)
            if km <= NEAR_KM and (best is None or km < best[0]):
                best = (km, x, y)
    return f"{best[1]} / {best[2]} ({best[0]:.0f} km)" if best else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _terms_differ(a: Report, b: Report) -> str | None:
    """Both reports give a first-instance sentence (neither is about an appeal) and the prison
    terms differ: two verdicts, not one told twice."""
    if not _first_instance_term(a) or not _first_instance_term(b):
        return None
    terms = [_term(a.sentence), _term(b.sentence)]
    if None in terms or terms[0] == terms[1]:
        return None
    return f"{a.sentence['prison_term']} / {b.sentence['prison_term']}"


def _verdicts_apart(a: Report, b: Report) -> bool:
    """Reported further apart than ONE_VERDICT_DAYS: two verdicts, not one verdict told twice
    (the outlets of one verdict may give its term two ways, 20 years halved to 10 for a confession)."""
    days = _days_apart(a.published, b.published)
    return days is not None and days > ONE_VERDICT_DAYS


def _same_sentence_days_apart(a: Report, b: Report) -> str | None:
    """Both report a first-instance sentence, the same term, within SAME_SENTENCE_DAYS: the one
    verdict that a local paper and the wire report the day it is given, each spelling the name
    its own way, the wire often naming no place."""
    if not _first_instance_term(a) or not _first_instance_term(b):
        return None
    days = _days_apart(a.published, b.published)
    if days is None or days > SAME_SENTENCE_DAYS:
        return None
    term_a, term_b = _term(a.sentence), _term(b.sentence)
    if term_a is None or term_a != term_b:
        return None
    return f"{a.sentence['prison_term'] or term_a}, {days} days apart"


def _term(sentence: dict):
    """What a sentence's term is, to compare: death, life or the months of prison."""
    return "death" if sentence["death"] else "life" if sentence["life"] else sentence["prison_months"]


def _co_defendants_differ(a: Report, b: Report, shared: set[str]) -> str | None:
    """Both articles name other defendants and none of them is in both: two groups, two cases,
    when nothing else is in common (a common name: the scam-compound boss and his two guards,
    another man of the name and his two accomplices)."""
    if shared or not a.co_defendants or not b.co_defendants:
        return None
    return ", ".join(sorted(a.co_defendants)) + " / " + ", ".join(sorted(b.co_defendants))


def _closer_namesake(a: Report, b: Report, match) -> str | None:
    """`b`'s article names another person whose name matches `a`'s better than `b`'s does
    (brothers one syllable apart, "Meas Sovann" and "Meas Sovannak"): `a` is more likely that one."""
    for co in sorted(b.co_defendants):
        other = compare_names(a.name, co)
        if other is not None and (other.kind in {"exact", "reordered"} or other.similarity > match.similarity):
            return f"{b.name}'s article also names {co}, closer to {a.name}"
    return None


def _single_ambiguous(single: Report, full: Report) -> str | None:
    """A name of one part ("Heng") against a full name whose article names another person
    holding that part ("Heng Sambath and his brother Heng Samnang"): which of them is meant?"""
    parts = bare_parts(single.name)
    if len(parts) != 1:
        return None
    part = parts[0]
    others = sorted(co for co in full.co_defendants if part in bare_parts(co))
    return f"{full.name}'s article also names {', '.join(others)}" if others else None


def _country_places_named(a: Report, b: Report) -> str | None:
    """A place of `a`'s events that `b`'s article names too, when it gave `a` its country."""
    if not a.country_from_place:
        return None
    named = b.article_places | {p.casefold() for p in b.places}
    return next((p for p in sorted(a.places) if p.casefold() in named), None)


def _first_instance_term(report: Report) -> bool:
    """Whether the report gives the term a trial court gave: not one an appeal changed, nor one a
    story of the release or the deportation recalls (perhaps as a pardon cut it)."""
    stages = {e["stage"] for e in report.events}
    return bool(report.sentence) and not _on_appeal(report) and not stages & AFTER_PRISON


def _on_appeal(report: Report) -> bool:
    stages = {e["stage"] for e in report.events}
    return bool(stages & {"appeal_filed", "appeal_decided"}) or any(
        set(name_parts(court)) & APPEAL_COURT_WORDS for court in report.courts
    )


def _court_seat(a: Report, b: Report) -> str | None:
    """A court of `a` named after a place of `b` (every word of the place in the court's name)."""
    places = b.article_places | {p.casefold() for p in b.places}
    for court in sorted(a.courts):
        words = set(_court_words(court))
        for place in sorted(places):
            parts = set(name_parts(place)) - COURT_WORDS
            if parts and parts <= words:
                return f"{court} / {place}"
    return None


def _trial_courts_differ(a: Report, b: Report) -> bool:
    """Both reports give a verdict of a first-instance court, named distinctly, and the courts
    cannot be one: two trials (an appeal court, a court without a distinctive name, or the
    police unit of an arrest the article also tells, prove nothing)."""
    ca, cb = _trial_courts(a), _trial_courts(b)
    return bool(ca and cb) and not any(_may_be_one_court(x, y) for x in ca for y in cb)


def _trial_courts(report: Report) -> list[frozenset[str]]:
    """The distinctive words of the report's first-instance courts, once it reports a verdict:
    not the police unit of an arrest the article also tells ("arrested by the NBI")."""
    if not {e["stage"] for e in report.events} & OUTCOMES:
        return []
    of_verdicts = {e.get("court") for e in report.events if e["stage"] in OUTCOMES}
    of_verdicts |= {report.sentence["court"]} if report.sentence else set()
    of_others = {e.get("court") for e in report.events if e["stage"] not in OUTCOMES} - of_verdicts
    return [
        words
        for court in sorted(report.courts - of_others)
        if not set(name_parts(court)) & APPEAL_COURT_WORDS and (words := _court_words(court))
    ]


def _may_be_one_court(x: frozenset[str], y: frozenset[str]) -> bool:
    """Whether two courts' distinctive words allow one court: the place words one within the
    other's, and the branch numbers too; one outlet may give only the city ("the Lapu-Lapu City
    Regional Trial Court"), the other only the branch ("Regional Trial Court Branch 54")."""
    for kind in (str.isdigit, lambda word: not word.isdigit()):
        wx, wy = {w for w in x if kind(w)}, {w for w in y if kind(w)}
        if wx and wy and not (wx <= wy or wy <= wx):
            return False
    return True


def _stages_backwards(a: Report, b: Report) -> str | None:
    """Why the two reports cannot be one person's case in time order: the later one reports only
    stages before an outcome the earlier one reported, or only an arrest after the earlier one's
    arrest, more than STAGES_BACK_DAYS later."""
    if not a.published or not b.published:
        return None
    early, late = sorted((a, b), key=lambda r: r.published)
    days = _days_apart(early.published, late.published)
    if days is None or days <= STAGES_BACK_DAYS:
        return None
    done = {e["stage"] for e in early.events} & OUTCOMES
    later = {e["stage"] for e in late.events}
    if later == {"arrested"} and {e["stage"] for e in early.events} == {"arrested"}:
        return f"arrested twice: {early.published[:7]} and {late.published[:7]}"
    first_outcome = min((STAGE_ORDER.index(s) for s in done), default=None)
    if first_outcome is None or not later or max(STAGE_ORDER.index(s) for s in later) >= first_outcome:
        return None
    return f"stages go back: {', '.join(sorted(done))} in {early.published[:4]}, then {', '.join(sorted(later))}"


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def _years_apart(a: str | None, b: str | None) -> float | None:
    try:
        return abs(int(a[:4]) - int(b[:4])) if a and b else None
    except ValueError:
        return None
