"""Put texts into a project database as stored articles; find where names stand in one."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils


def store_articles(db_path, articles: Iterable[dict], source: dict | None = None) -> None:
    """Store each article (the fields the crawl hands to storage.articles.store_article) by
    the crawl's own write path, after its `source` row if one is given."""
    from storage import open_db
    from storage.articles import store_article

    db = open_db(db_path)
    if source:
        with db.conn:
            db["sources"].insert(source, pk="id", ignore=True)
    for article in articles:
        store_article(db, article)
    db.close()


def store(db_path, texts: dict[str, str]) -> None:
    """Each text as a relevant article of source `t`, as the crawl stores one."""
    store_articles(
        db_path,
        (
            {
                "url": f"https://t.example/{key}",
                "title": key,
                "text": text,
                "source_id": "t",
                "content_hash": key,
                "relevant": True,
                "relevance": 3.0,
            }
            for key, text in texts.items()
        ),
        source={"id": "t", "name": "Test"},
    )


def names_found(db: sqlite_utils.Database, names) -> list[str]:
    """Where any of `names` stands: "table.column: name" for every text column of every
    table and view, and "fts (search): name" for every full-text index that finds it."""
    found = []
    for table in db.table_names():
        if table.endswith(("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue  # FTS5's own storage: searched through MATCH below
        columns = [c.name for c in db[table].columns if c.type in ("TEXT", "")]
        for column in columns:
            for name in names:
                hits = db.execute(f'select count(*) from "{table}" where instr("{column}", ?) > 0', [name]).fetchone()[
                    0
                ]
                if hits:
                    found.append(f"{table}.{column}: {name}")
    for fts in [t for t in db.table_names() if t.endswith("_fts")]:
        for name in names:
            query = '"' + name.replace('"', '""') + '"'
            if db.execute(f'select count(*) from "{fts}" where "{fts}" match ?', [query]).fetchone()[0]:
                found.append(f"{fts} (search): {name}")
    for view in db.view_names():
        text_columns = [c.name for c in db[view].columns]
        for name in names:
            for column in text_columns:
                if db.execute(f'select count(*) from "{view}" where instr("{column}", ?) > 0', [name]).fetchone()[0]:
                    found.append(f"view {view}.{column}: {name}")
    return found
