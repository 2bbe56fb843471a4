"""Datasette plugin of the Trafficking News Monitor site (loaded with --plugins-dir).

- Only http(s) article URLs are links (`is web_url` in the templates).
- (The read-only guard, the Content-Security-Policy and SQLite's length cap are in
  site_security.py.)
- In views and canned queries, names and headlines link to the entity's or the article's
  page (Datasette links foreign keys in tables by itself, but not in views or queries).
- Table pages fold the column descriptions into a toggle (static/site.js, site.css,
  served under /site/ by `pipeline.py serve`).
- An entity's page lists every article naming it (with the sentence that names it), the
  court sentences of the person (or passed by the court, or at the place) and who is named
  alongside it; an article's page lists what was found in it.

Everything is rendered by Jinja with autoescaping, or escaped here with markupsafe: no
text from an article is ever inserted as HTML.
"""

from __future__ import annotations

import markupsafe
from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components

from storage.schema import VIEWS

DATABASE = "trafficking_news"

# In views and canned queries: column -> the columns holding the id to link it to, in order
# of preference, with the table the id belongs to.
LINKS: dict[str, list[tuple[str, str]]] = {
    "name": [("entity_id", "entities"), ("id", "entities")],
    "name_or_title": [("entity_id", "entities"), ("article_id", "articles")],
    "entity": [("entity_id", "entities")],
    "other": [("other_id", "entities")],
    "defendant": [("defendant_id", "entities")],
    "person": [("person_id", "entities")],
    "title": [("article_id", "articles")],
    "article_title": [("article_id", "articles")],
    "entity_id": [("entity_id", "entities")],
    "other_id": [("other_id", "entities")],
    "defendant_id": [("defendant_id", "entities")],
    "article_id": [("article_id", "articles")],
    "id": [("id", "entities")],  # people, agencies, places
}
MENTIONS_SHOWN = 200


def link_target(row, column: str, table: str | None) -> tuple[str, str] | None:
    """(table, id) that a cell of a view or query result links to, or None."""
    if column == "id" and table not in {"people", "agencies", "places"}:
        return None
    keys = set(row.keys())
    for id_column, target in LINKS.get(column, []):
        if id_column in keys and row[id_column]:
            return target, str(row[id_column])
    return None


def is_web_url(value) -> bool:
    """Jinja test `is web_url`: only http(s) addresses are links (never a stored javascript:)."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


@hookimpl
def prepare_jinja2_environment(env):
    env.tests["web_url"] = is_web_url


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/site/site.css")]


@hookimpl
def extra_js_urls(datasette):
    return [datasette.urls.path("/site/site.js")]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE or value in (None, "") or (table and table not in VIEWS):
        return None
    target = link_target(row, column, table)
    if target is None:
        return None
    other_table, pk = target
    href = datasette.urls.row(database, other_table, tilde_encode(pk))
    return markupsafe.Markup('<a href="{}">{}</a>').format(href, str(value))


def highlight(context: str, surface: str) -> dict:
    """Split a mention's sentence around the name, for <mark> in the template."""
    at = (context or "").find(surface or "\0")
    if at < 0:
        return {"before": context or "", "hit": "", "after": ""}
    return {"before": context[:at], "hit": surface, "after": context[at + len(surface) :]}


def group_by_article(rows) -> list[dict]:
    """Mentions (in date order) -> one item per article with the sentences naming the entity."""
    articles: dict[str, dict] = {}
    for r in rows:
        item = articles.setdefault(
            r["article_id"],
            {
                "article_id": r["article_id"],
                "published": r["published"],
                "title": r["title"],
                "url": r["url"],
                "roles": [],
                "quotes": [],
            },
        )
        if r["role"] and r["role"] not in item["roles"]:
            item["roles"].append(r["role"])
        quote = highlight(r["context"], r["surface"])
        if quote not in item["quotes"]:  # two mentions in one sentence: show it once
            item["quotes"].append(quote)
    return list(articles.values())


async def entity_page(datasette, pk: str) -> dict:
    db = datasette.get_database(DATABASE)
    entity = (await db.execute("select * from entities where id = ?", [pk])).first()
    if entity is None:
        return {}
    mentions = await db.execute(
        """select articles.published, articles.title, articles.url, mentions.article_id,
                  mentions.surface, mentions.role, mentions.title as person_title, mentions.context
           from mentions join articles on articles.id = mentions.article_id
           where mentions.entity_id = :id
           order by articles.published, articles.id, mentions.start limit :limit""",
        {"id": pk, "limit": MENTIONS_SHOWN},
    )
    total = (await db.execute("select count(*) from mentions where entity_id = ?", [pk])).single_value()
    sentences = await db.execute(
        """select sentences.id, sentences.defendant, sentences.defendant_id, sentences.prison_term,
                  sentences.suspended_term, sentences.fine, sentences.court, sentences.place,
                  sentences.charge, sentences.published, sentences.text, sentences.article_id,
                  sentences.article_url
           from sentences
           where sentences.defendant_id = :id
              or (:kind = 'agency' and sentences.court = :name)
              or (:kind = 'place' and sentences.place = :name)
           order by sentences.published, sentences.defendant""",
        {"id": pk, "kind": entity["kind"], "name": entity["name"]},
    )
    alongside = await db.execute(
        """select other_id as id, other as name, other_kind as kind, articles
           from co_mentions where entity_id = :id
           order by articles desc, other limit 15""",
        {"id": pk},
    )
    return {
        "entity": dict(entity),
        "entity_articles": group_by_article(mentions.rows),
        "entity_mention_total": total,
        "mentions_shown": MENTIONS_SHOWN,
        "entity_mentions_url": datasette.urls.table(DATABASE, "mentions") + "?entity_id=" + tilde_encode(pk),
        "entity_sentences": [dict(r) for r in sentences.rows],
        "entity_alongside": [dict(r) for r in alongside.rows],
    }


async def article_page(datasette, pk: str) -> dict:
    db = datasette.get_database(DATABASE)
    named = await db.execute(
        """select entities.id, entities.name, entities.kind, count(*) as times,
                  group_concat(distinct mentions.role) as roles
           from mentions join entities on entities.id = mentions.entity_id
           where mentions.article_id = ?
           group by entities.id order by entities.kind desc, times desc, entities.name""",
        [pk],
    )
    sentences = await db.execute(
        """select id, defendant, defendant_id, prison_term, suspended_term, fine, court, place, charge, text
           from sentences where article_id = ? order by start""",
        [pk],
    )
    return {"article_entities": [dict(r) for r in named.rows], "article_sentences": [dict(r) for r in sentences.rows]}


async def case_page(datasette, pk: str) -> dict:
    """A case's timeline: its events oldest first, and the doubtful matches waiting for review."""
    db = datasette.get_database(DATABASE)
    timeline = await db.execute(
        "select * from case_timeline where case_id = ? order by date, stage = 'appeal_decided', event_id", [pk]
    )
    review = await db.execute(
        "select * from case_review where case_id = :id or other_case_id = :id order by score desc", {"id": pk}
    )
    return {"case_timeline": [dict(r) for r in timeline.rows], "case_review": [dict(r) for r in review.rows]}


ROW_PAGES = {"entities": entity_page, "articles": article_page, "cases": case_page}


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    if view_name != "row" or database != DATABASE or table not in ROW_PAGES or request is None:
        return {}

    async def inner():
        pks = urlsafe_components(request.url_vars["pks"])
        if len(pks) != 1:
            return {}
        return await ROW_PAGES[table](datasette, pks[0])

    return inner
