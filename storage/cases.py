"""The case linker's side of the database: events, ages and sentences read, cases written back.

Cases are derived data: `write_cases` replaces `cases`, `case_links` and `case_blocks`
whole and sets each event's `case_id`; `update_cases` rewrites only the cases a night's new
reports touched (both inside the caller's transaction). Only `case_decisions`, the
reviewers' word, is kept across rebuilds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlite_utils

from storage.schema import TABLES, stable_id, utc_now

# the tables' own column lists (storage.schema.TABLES), in their order
CASE_COLUMNS = tuple(TABLES["cases"]["columns"])
LINK_COLUMNS = tuple(TABLES["case_links"]["columns"])


def linking_version(db: sqlite_utils.Database) -> str | None:
    """The linking rules version the stored cases were built under (None: never recorded)."""
    row = db.execute("select value from case_linking where key = 'rules_version'").fetchone()
    return row[0] if row else None


def set_linking_version(db: sqlite_utils.Database, version: str) -> None:
    """Record the version the cases now stand under (inside the caller's transaction)."""
    db.execute("insert or replace into case_linking (key, value) values ('rules_version', ?)", [version])


COUNT_KEYS = ("cases", "links_same", "links_review")


def read_counts(db: sqlite_utils.Database) -> dict[str, int] | None:
    """The counts of cases, "same" links and links kept for review between two cases, as the
    last run left them (None: never recorded)."""
    rows = dict(
        db.execute(
            f"select key, value from case_linking where key in ({', '.join('?' * len(COUNT_KEYS))})", COUNT_KEYS
        ).fetchall()
    )
    return {key: int(rows[key]) for key in COUNT_KEYS} if all(key in rows for key in COUNT_KEYS) else None


def write_counts(db: sqlite_utils.Database, counts: dict[str, int]) -> None:
    db.conn.executemany(
        "insert or replace into case_linking (key, value) values (?, ?)", [(k, str(counts[k])) for k in COUNT_KEYS]
    )


def report_id(article_id: str, person_id: str) -> str:
    """The id of what one article says about one person."""
    return stable_id("report", article_id, person_id)


def read_events(
    db: sqlite_utils.Database, report_ids: Iterable[str] | None = None, articles: Iterable[str] | None = None
) -> list[dict]:
    """The stored case events (of these reports, or of these articles, or all) with their
    article's date, outlet, the outlet's country and the country of the event's place."""
    where = ""
    if report_ids is not None:
        _wanted(db, "report_id", report_ids)
        where = "where e.report_id in (select value from temp.wanted_report_id)"
    elif articles is not None:
        _wanted(db, "article_id", articles)
        where = "where e.article_id in (select value from temp.wanted_article_id)"
    rows = db.execute(
        f"""select e.id, e.article_id, e.person_id, e.person, e.stage, e.outcome, e.date, e.court, e.place,
                  e.role, a.published, a.source_id, a.url as article_url, s.country,
                  (select country from entities where kind = 'place' and name = e.place limit 1) as place_country
           from events e join articles a on a.id = e.article_id left join sources s on s.id = a.source_id
           {where}
           order by e.article_id, e.start, e.id"""
    )
    columns = [d[0] for d in rows.description]
    return [dict(zip(columns, row)) for row in rows.fetchall()]


def articles_of(db: sqlite_utils.Database, report_ids: Iterable[str]) -> set[str]:
    """The articles these reports come from."""
    _wanted(db, "report_id", report_ids)
    return {
        a
        for (a,) in db.execute(
            "select distinct article_id from events where report_id in (select value from temp.wanted_report_id)"
        )
    }


def read_ages(db: sqlite_utils.Database, article_ids: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """{(article id, person id): age the article gives}, of these articles or all."""
    where = ""
    if article_ids is not None:
        _wanted(db, "article_id", article_ids)
        where = "and article_id in (select value from temp.wanted_article_id)"
    return {
        (a, p): age
        for a, p, age in db.execute(
            f"select article_id, entity_id, max(age) from mentions where age is not null {where} "
            "group by article_id, entity_id"
        )
    }


def read_article_places(db: sqlite_utils.Database, article_ids: Iterable[str] | None = None) -> dict[str, list[tuple]]:
    """{article id: (name, country, kind, latitude, longitude) of each place it names, in the
    order named}, of these articles or all: what the linker compares when the events
    themselves name no place."""
    where = ""
    if article_ids is not None:
        _wanted(db, "article_id", article_ids)
        where = "and m.article_id in (select value from temp.wanted_article_id)"
    places: dict[str, list[tuple]] = {}
    for article, name, country, kind, latitude, longitude in db.execute(
        "select m.article_id, e.name, e.country, e.place_kind, e.latitude, e.longitude "
        "from mentions m join entities e on e.id = m.entity_id "
        f"where e.kind = 'place' {where} order by m.article_id, m.start"
    ):
        places.setdefault(article, []).append((name, country, kind, latitude, longitude))
    return places


def read_sentences(db: sqlite_utils.Database, article_ids: Iterable[str] | None = None) -> dict[tuple[str, str], dict]:
    """{(article id, defendant id): the sentence the article reports}, of these articles or all."""
    where = ""
    if article_ids is not None:
        _wanted(db, "article_id", article_ids)
        where = "where article_id in (select value from temp.wanted_article_id)"
    rows = db.execute(
        "select article_id, defendant_id, prison_months, prison_term, life, death, court, id, article_url, "
        f"published, source_id from sentences {where}"
    )
    columns = [d[0] for d in rows.description]
    return {(row[0], row[1]): dict(zip(columns, row)) for row in rows.fetchall()}


def unlinked_reports(db: sqlite_utils.Database) -> set[str]:
    """Reports no case holds yet: those of the articles the last `process` stored."""
    return {r for (r,) in db.execute("select distinct report_id from events where case_id is null")}


def ever_linked(db: sqlite_utils.Database, report_keys: dict[str, tuple[str, int]]) -> bool:
    """Whether the linker has seen any of these reports before (their article was reprocessed):
    {report id: (one of its block keys, whether its name has one part)}, each a lookup of the
    blocking index's primary key (a report's keys follow from its name, which its id holds)."""
    _wanted(
        db,
        "seen",
        ((key, str(single), rid) for rid, (key, single) in report_keys.items()),
        ("key", "single", "report_id"),
    )
    return (
        db.execute(
            """select 1 from temp.wanted_seen w cross join case_blocks b
               where b.key = w.key and b.single = cast(w.single as integer) and b.report_id = w.report_id limit 1"""
        ).fetchone()
        is not None
    )


def read_blocks(
    db: sqlite_utils.Database, keys: Iterable[str], singles_only: bool = False
) -> dict[str, list[tuple[str, str]]]:
    """{block key: (report id, name) of the stored reports holding it} (only those named by
    one part, if asked)."""
    _wanted(db, "key", keys)
    blocks: dict[str, list[tuple[str, str]]] = {}
    for key, report, name in db.execute(
        "select key, report_id, name from case_blocks where key in (select value from temp.wanted_key)"
        + (" and single = 1" if singles_only else "")
    ):
        blocks.setdefault(key, []).append((report, name))
    return blocks


def unlink_article(db: sqlite_utils.Database, article_id: str) -> None:
    """Before an article's events are rewritten (reprocessing): the cases holding its reports
    lose their links, so that the next linking rebuilds them (`cases.linking.link_new_reports`)."""
    db.execute(
        """update events set case_id = null where case_id in
           (select case_id from events where article_id = ? and case_id is not null)""",
        [article_id],
    )


def read_pair_blocks(
    db: sqlite_utils.Database, wanted: Iterable[tuple[str, str]]
) -> dict[str, list[tuple[str, str, str | None]]]:
    """{block key: (report id, name, initials) of the stored reports holding it that may match},
    for (key, initials of a new name holding it): a stored name of as many parts matches only
    with the same initials (`cases.names.initials`), so the others, most of a common family name's
    block, are left in the table (each block is one range of it); names of another length come
    back for the caller to check. A cross join: the wanted keys drive the search (left to itself
    the planner may sweep the whole table: 150 ms at 20,000 cases)."""
    _wanted(db, "pair", wanted, columns=("key", "initials"))
    rows = db.execute(
        """select distinct b.key, b.report_id, b.name, b.initials
           from temp.wanted_pair w cross join case_blocks b
           where b.key = w.key and ( b.initials is null or b.initials = w.initials or length(b.initials) != length(w.initials))"""
    ).fetchall()
    blocks: dict[str, list[tuple[str, str, str | None]]] = {}
    for key, report, name, letters in rows:
        blocks.setdefault(key, []).append((report, name, letters))
    return blocks


def block_sizes(db: sqlite_utils.Database, keys: Iterable[str], cap: int) -> dict[str, int]:
    """{block key: how many stored reports hold it, counted up to `cap`}: enough to tell a
    block too big to pair anyone, without counting the whole of a common name's block
    (which grows with the archive) every night."""
    _wanted(db, "key", keys)
    return dict(
        db.execute(
            """select w.value, (select count(*) from (select 1 from case_blocks b where b.key = w.value limit ?))
               from temp.wanted_key w""",
            [cap],
        ).fetchall()
    )


def read_case_members(db: sqlite_utils.Database, report_ids: Iterable[str]) -> set[str]:
    """The reports of every case that holds one of these reports, these included."""
    _wanted(db, "report_id", report_ids)
    return {
        r
        for (r,) in db.execute(
            """select distinct report_id from events where case_id in
               (select case_id from events where report_id in (select value from temp.wanted_report_id))"""
        )
    } | set(report_ids)


def read_report_cases(db: sqlite_utils.Database, report_ids: Iterable[str]) -> dict[str, str]:
    """{report id: the case holding it}."""
    _wanted(db, "report_id", report_ids)
    return dict(
        db.execute(
            "select distinct report_id, case_id from events where case_id is not null "
            "and report_id in (select value from temp.wanted_report_id)"
        ).fetchall()
    )


def read_case_ids(db: sqlite_utils.Database, report_ids: Iterable[str]) -> set[str]:
    """The cases that hold these reports."""
    _wanted(db, "report_id", report_ids)
    return {
        c
        for (c,) in db.execute(
            "select distinct case_id from events where case_id is not null "
            "and report_id in (select value from temp.wanted_report_id)"
        )
    }


# the links between two reports of temp.wanted_report_id, through the indexes on both ends
_LINKS_AMONG_WANTED = """from temp.wanted_report_id w join case_links l on l.report_id = w.value
    where l.other_id in (select value from temp.wanted_report_id)"""


def read_links(db: sqlite_utils.Database, report_ids: Iterable[str]) -> list[dict]:
    """The stored links between two of these reports."""
    _wanted(db, "report_id", report_ids)
    rows = db.execute(
        f"select l.report_id, l.other_id, l.score, l.verdict, l.decided_by, l.evidence {_LINKS_AMONG_WANTED}"
    )
    columns = [d[0] for d in rows.description]
    return [dict(zip(columns, row)) for row in rows.fetchall()]


def read_noted_partners(db: sqlite_utils.Database, report_ids: Iterable[str], notes: Iterable[str]) -> set[str]:
    """The other ends of the links kept for review that these reports hold with a reason among
    `notes` in their evidence (the clustering's reasons, `cases.linking.CLUSTER_NOTES`)."""
    _wanted(db, "report_id", report_ids)
    notes = list(notes)
    noted = " or ".join("instr(l.evidence, ?) > 0" for _ in notes) or "0"
    found: set[str] = set()
    for end, other in (("report_id", "other_id"), ("other_id", "report_id")):
        found.update(
            r
            for (r,) in db.execute(
                f"""select l.{other} from temp.wanted_report_id w join case_links l on l.{end} = w.value
                    where l.verdict = 'review' and l.decided_by = 'rules' and ({noted})""",
                notes,
            )
        )
    return found


def _wanted(db: sqlite_utils.Database, name: str, values: Iterable, columns: tuple[str, ...] = ("value",)) -> None:
    """A temporary table of values (or of tuples, one per row, for several `columns`), for
    `in (select ...)` filters and joins of any length."""
    table = f"wanted_{name}"
    outside = not db.conn.in_transaction
    names = ", ".join(columns)
    db.execute(
        f"create temp table if not exists {table} ({', '.join(f'{c} text' for c in columns)}, primary key ({names}))"
    )
    db.execute(f"delete from temp.{table}")
    rows = values if len(columns) > 1 else ((v,) for v in values)
    db.conn.executemany(f"insert or ignore into temp.{table} values ({', '.join('?' * len(columns))})", rows)
    if outside and db.conn.in_transaction:
        db.conn.commit()  # sqlite3 opened a transaction for these writes: end it, or the caller's would nest in it


def read_decisions(
    db: sqlite_utils.Database, report_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], tuple[str, str | None]]:
    """{(report id, other id), sorted: (same | different, note)} of the reviewers (on two of
    these reports, or all): a night reads those it applies, not every decision ever made."""
    sql = "select d.report_id, d.other_id, d.decision, d.note from case_decisions d"
    if report_ids is not None:  # the reports drive the search (left to itself SQLite may scan the decisions)
        _wanted(db, "report_id", report_ids)
        sql = """select d.report_id, d.other_id, d.decision, d.note
                 from temp.wanted_report_id w cross join case_decisions d on d.report_id = w.value
                 where d.other_id in (select value from temp.wanted_report_id)"""
    return {tuple(sorted((a, b))): (decision, note) for a, b, decision, note in db.execute(sql)}


def record_decision(db: sqlite_utils.Database, a: str, b: str, decision: str, note: str | None = None) -> None:
    """A reviewer's decision on two reports; the later one replaces an earlier one."""
    if decision not in {"same", "different"}:
        raise ValueError(f"decision must be 'same' or 'different', not {decision!r}")
    first, second = sorted((a, b))
    db["case_decisions"].upsert(
        {"report_id": first, "other_id": second, "decision": decision, "note": note, "decided_at": utc_now()},
        pk=("report_id", "other_id"),
    )


SENTENCE_CASE_COLUMNS = (
    "case_id",
    "case_row",
    "reports",
    "outlets",
    "report_urls",
    "current_term",
    "current_months",
    "current_life",
    "current_death",
    "earlier_terms",
)


def write_cases(
    db: sqlite_utils.Database,
    cases: list[dict],
    links: list[dict],
    report_cases: dict,
    sentences: list[dict],
    blocks: list[tuple[str, str, str, int]],
) -> None:
    """Replace cases, links and the blocking index; set each event's and sentence's case
    (inside the caller's transaction)."""
    db.execute("update events set case_id = null")
    db.execute(f"update sentences set {', '.join(f'{c} = null' for c in SENTENCE_CASE_COLUMNS)}")
    db.execute("delete from case_links")
    db.execute("delete from cases")
    db.execute("delete from case_blocks")
    _write(db, cases, links, report_cases, sentences, blocks)
    _count_doubtful(db)


def update_cases(
    db: sqlite_utils.Database,
    old_cases: set[str],
    reports: set[str],
    cases: list[dict],
    links: list[dict],
    report_cases: dict,
    sentences: list[dict],
    blocks: list[tuple[str, str, str, int]],
) -> dict[str, int]:
    """Replace the cases `old_cases` by `cases`, made of `reports` (every report of the old
    cases and the new ones): their links, events and sentences (inside the caller's transaction).
    Only the rows that change are written: the stored cases of the namesakes a new report came
    near and was kept apart from are read, found as they were and left alone, so a night writes
    what it changes, not as much as the archive holds namesakes of its names. Returns what that
    changes in the counts (`read_counts`)."""
    _wanted(db, "case_id", old_cases)
    _wanted(db, "report_id", reports)
    case_values = [c for c in CASE_COLUMNS if c != "doubtful_links"]  # counted below
    stored_cases = {
        row[0]: row
        for row in db.execute(
            f"select {', '.join(case_values)} from cases where id in (select value from temp.wanted_case_id)"
        )
    }
    new_cases = [case for case in cases if stored_cases.get(case["id"]) != tuple(case.get(c) for c in case_values)]
    gone = set(stored_cases) - {case["id"] for case in cases}
    stored_links = {
        (row[0], row[1]): row
        for row in db.execute(f"select {', '.join(f'l.{c}' for c in LINK_COLUMNS)} {_LINKS_AMONG_WANTED}")
    }
    new_links = [
        link
        for link in links
        if stored_links.get((link["report_id"], link["other_id"])) != tuple(link[c] for c in LINK_COLUMNS)
    ]
    dropped = set(stored_links) - {(link["report_id"], link["other_id"]) for link in links}
    was_in: dict[str, set[str | None]] = {}  # report id -> the cases its events are in (one, or none yet)
    for report, case_id in db.execute(
        "select report_id, case_id from events where report_id in (select value from temp.wanted_report_id)"
    ):
        was_in.setdefault(report, set()).add(case_id)
    moved = {r: case_id for r, case_id in report_cases.items() if was_in.get(r) != {case_id}}
    sentence_columns = ", ".join(SENTENCE_CASE_COLUMNS)
    stored_sentences = {
        row[0]: row[1:]
        for row in db.execute(
            f"select id, {sentence_columns} from sentences where case_id in (select value from temp.wanted_case_id)"
        )
    }
    new_sentences = [
        row for row in sentences if stored_sentences.get(row["id"]) != tuple(row[c] for c in SENTENCE_CASE_COLUMNS)
    ]
    unsentenced = set(stored_sentences) - {row["id"] for row in sentences}
    db.conn.executemany("delete from cases where id = ?", [(c,) for c in gone])
    db.conn.executemany(
        f"update sentences set {', '.join(f'{c} = null' for c in SENTENCE_CASE_COLUMNS)} where id = ?",
        [(s,) for s in unsentenced],
    )
    db.conn.executemany("delete from case_links where report_id = ? and other_id = ?", list(dropped))
    _write(db, new_cases, new_links, moved, new_sentences, blocks)
    # links to reports of other cases (kept for review, or different) name the moved reports' new cases
    _wanted(db, "moved", moved.items(), columns=("report_id", "case_id"))
    for column, end in (("case_id", "report_id"), ("other_case_id", "other_id")):
        moved_to = f"(select m.case_id from temp.wanted_moved m where m.report_id = case_links.{end})"
        db.execute(
            f"""update case_links set {column} = {moved_to}
                where {end} in (select report_id from temp.wanted_moved) and {column} is not {moved_to}"""
        )
    ends = [LINK_COLUMNS.index("case_id"), LINK_COLUMNS.index("other_case_id")]
    ends_of = ("case_id", "other_case_id")
    recount = {case["id"] for case in new_cases} | set(moved.values())
    recount |= {case_id for r in moved for case_id in was_in.get(r, ())}
    verdict = LINK_COLUMNS.index("verdict")

    def was_review(link: dict) -> bool:
        old = stored_links.get((link["report_id"], link["other_id"]))
        return old is not None and old[verdict] == "review"

    # a link ruled "different" (most of a common name's namesakes) counts in no case's doubtful links
    recount |= {link[c] for link in new_links if link["verdict"] == "review" or was_review(link) for c in ends_of}
    recount |= {stored_links[key][i] for key in dropped if stored_links[key][verdict] == "review" for i in ends}
    _count_doubtful(db, recount - gone)  # the cases whose review links may have changed
    return _change(stored_cases, cases, gone, stored_links, new_links, dropped)


def _change(stored_cases, cases, gone, stored_links, new_links, dropped) -> dict[str, int]:
    """What `update_cases` adds to the counts of `read_counts`: cases made less cases gone,
    "same" links and links kept for review between two cases written less those replaced or
    dropped (a link row's case ends are set as it is written: the moved reports' updates
    leave a link to a case not regrouped between two cases)."""
    v, c, o = (LINK_COLUMNS.index(k) for k in ("verdict", "case_id", "other_case_id"))

    def kinds(verdict, case_id, other_case_id) -> Counter:
        return Counter(
            {"links_same": verdict == "same", "links_review": verdict == "review" and case_id != other_case_id}
        )

    change = Counter({"cases": len({case["id"] for case in cases} - set(stored_cases)) - len(gone)})
    for link in new_links:
        change.update(kinds(link["verdict"], link["case_id"], link["other_case_id"]))
        old = stored_links.get((link["report_id"], link["other_id"]))
        if old is not None:
            change.subtract(kinds(old[v], old[c], old[o]))
    for key in dropped:
        old = stored_links[key]
        change.subtract(kinds(old[v], old[c], old[o]))
    return dict(change)


def _write(db, cases, links, report_cases, sentences, blocks) -> None:
    db.conn.executemany(
        f"update sentences set {', '.join(f'{c} = ?' for c in SENTENCE_CASE_COLUMNS)} where id = ?",
        [[row[c] for c in SENTENCE_CASE_COLUMNS] + [row["id"]] for row in sentences],
    )
    db.conn.executemany(
        f"insert or replace into cases ({', '.join(CASE_COLUMNS)}) values ({', '.join('?' * len(CASE_COLUMNS))})",
        [[case.get(c) for c in CASE_COLUMNS] for case in cases],
    )
    db.conn.executemany(
        f"insert or replace into case_links ({', '.join(LINK_COLUMNS)}) values ({', '.join('?' * len(LINK_COLUMNS))})",
        [[link[c] for c in LINK_COLUMNS] for link in links],
    )
    db.conn.executemany(  # by report: (article, person) would walk all of a person's events
        "update events set case_id = ? where report_id = ?", [(case_id, r) for r, case_id in report_cases.items()]
    )
    db.conn.executemany(
        "insert or ignore into case_blocks (key, report_id, name, single, initials) values (?, ?, ?, ?, ?)",
        blocks,
    )


def _count_doubtful(db: sqlite_utils.Database, case_ids: set[str] | None = None) -> None:
    """Each case's doubtful links: links kept for review to a report of another case (of these
    cases, only those whose count changed are written)."""
    count = """(select count(*) from case_links l
                 where l.case_id = cases.id and l.other_case_id != cases.id and l.verdict = 'review')
              + (select count(*) from case_links l
                 where l.other_case_id = cases.id and l.case_id != cases.id and l.verdict = 'review')"""
    where = ""
    if case_ids is not None:
        _wanted(db, "case_id", case_ids)
        where = f"where id in (select value from temp.wanted_case_id) and doubtful_links is not {count}"
    db.execute(f"update cases set doubtful_links = {count} {where}")
