"""The case linker's side of the database: events, ages and sentences read, cases written back.

Cases are derived data: `write_cases` replaces `cases` and `case_links` whole and sets
each event's `case_id`, inside the caller's transaction; only `case_decisions`, the
reviewers' word, is kept across runs.
"""

from __future__ import annotations

import sqlite_utils

from storage.schema import TABLES, stable_id, utc_now

# the tables' own column lists (storage.schema.TABLES), in their order
CASE_COLUMNS = tuple(TABLES["cases"]["columns"])
LINK_COLUMNS = tuple(TABLES["case_links"]["columns"])


def report_id(article_id: str, person_id: str) -> str:
    """The id of what one article says about one person."""
    return stable_id("report", article_id, person_id)


def read_events(db: sqlite_utils.Database) -> list[dict]:
    """Every stored case event with its article's date, outlet, the outlet's country and the
    country of the event's place."""
    rows = db.execute(
        """select e.id, e.article_id, e.person_id, e.person, e.stage, e.outcome, e.date, e.court, e.place,
                  e.role, a.published, a.source_id, s.country,
                  (select country from entities where kind = 'place' and name = e.place limit 1) as place_country
           from events e join articles a on a.id = e.article_id left join sources s on s.id = a.source_id
           order by e.article_id, e.start, e.id"""
    )
    columns = [d[0] for d in rows.description]
    return [dict(zip(columns, row)) for row in rows.fetchall()]


def read_ages(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    """{(article id, person id): age the article gives}."""
    return {
        (a, p): age
        for a, p, age in db.execute(
            "select article_id, entity_id, max(age) from mentions where age is not null group by article_id, entity_id"
        )
    }


def read_sentences(db: sqlite_utils.Database) -> dict[tuple[str, str], dict]:
    """{(article id, defendant id): the sentence the article reports}."""
    rows = db.execute(
        "select article_id, defendant_id, prison_months, prison_term, life, death, court, id, article_url, "
        "published, source_id from sentences"
    )
    columns = [d[0] for d in rows.description]
    return {(row[0], row[1]): dict(zip(columns, row)) for row in rows.fetchall()}


def read_decisions(db: sqlite_utils.Database) -> dict[tuple[str, str], tuple[str, str | None]]:
    """{(report id, other id), sorted: (same | different, note)} of the reviewers."""
    return {
        tuple(sorted((a, b))): (decision, note)
        for a, b, decision, note in db.execute("select report_id, other_id, decision, note from case_decisions")
    }


def record_decision(db: sqlite_utils.Database, a: str, b: str, decision: str, note: str | None = None) -> None:
    """A reviewer's decision on two reports; the later one replaces an earlier one."""
    if decision not in {"same", "different"}:
        raise ValueError(f"decision must be 'same' or 'different', not {decision!r}")
    first, second = sorted((a, b))
    db["case_decisions"].upsert(
        {"report_id": first, "other_id": second, "decision": decision, "note": note, "decided_at": utc_now()},
        pk=("report_id", "other_id"),
    )


def unlinked_events(db: sqlite_utils.Database) -> bool:
    return db.execute("select 1 from events where case_id is null limit 1").fetchone() is not None


SENTENCE_CASE_COLUMNS = (
    "case_id",
    "case_row",
    "reports",
    "outlets",
    "report_urls",
    "current_term",
    "current_months",
    "earlier_terms",
)


def write_cases(
    db: sqlite_utils.Database, cases: list[dict], links: list[dict], report_cases: dict, sentences: list[dict]
) -> None:
    """Replace cases and links; set each event's and sentence's case (inside the caller's transaction)."""
    db.execute("update events set case_id = null")
    db.execute(f"update sentences set {', '.join(f'{c} = null' for c in SENTENCE_CASE_COLUMNS)}")
    db.conn.executemany(
        f"update sentences set {', '.join(f'{c} = ?' for c in SENTENCE_CASE_COLUMNS)} where id = ?",
        [[row[c] for c in SENTENCE_CASE_COLUMNS] + [row["id"]] for row in sentences],
    )
    db.execute("delete from case_links")
    db.execute("delete from cases")
    db.conn.executemany(
        f"insert into cases ({', '.join(CASE_COLUMNS)}) values ({', '.join('?' * len(CASE_COLUMNS))})",
        [[case.get(c) for c in CASE_COLUMNS] for case in cases],
    )
    db.conn.executemany(
        f"insert into case_links ({', '.join(LINK_COLUMNS)}) values ({', '.join('?' * len(LINK_COLUMNS))})",
        [[link[c] for c in LINK_COLUMNS] for link in links],
    )
    db.conn.executemany(
        "update events set case_id = ? where article_id = ? and person_id = ?",
        list(report_cases.values()),
    )
