"""Datasette plugin: `fts_query(text)`, the one way every search on the site reads what was typed.

The canned queries `search_everything` and `search_articles` match `fts_query(:q)`, never the
raw text: FTS5 refuses an apostrophe, an odd quote, a bare `-` or an empty term with a syntax
error (HTTP 400), and a journalist types "Women's Affairs". Each word becomes a quoted FTS5
string (its punctuation is then only a separator), so every input is a valid query:

- words are all required, in any order: `Yim Sokha`;
- `"a phrase"` stays a phrase (an unclosed quote runs to the end);
- `OR`, `AND` and `NOT` in capitals between two terms are operators; `word*` is a prefix;
- no word at all (an empty box, only punctuation) matches nothing.
"""

from __future__ import annotations

import re

from datasette import hookimpl

OPERATORS = {"OR", "AND", "NOT"}
TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
MATCH_NOTHING = '""'


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(text) -> str:
    """A valid FTS5 query for whatever `text` is (see the module docstring)."""
    items: list[tuple[str, str]] = []  # (kind, FTS5 text): kind "term" or "op"
    for phrase, word in TOKEN.findall(str(text or "")):
        if word in OPERATORS:
            items.append(("op", word))
            continue
        prefix = not phrase and word.endswith("*")
        words = (phrase or word.rstrip("*")).strip()
        if re.search(r"\w", words):  # only punctuation: nothing to look for
            items.append(("term", _quoted(words) + ("*" if prefix else "")))
    query: list[str] = []
    for n, (kind, value) in enumerate(items):
        if kind == "op" and not (
            query and items[n - 1][0] == "term" and n + 1 < len(items) and items[n + 1][0] == "term"
        ):
            continue  # an operator must stand between two terms
        query.append(value)
    return " ".join(query) or MATCH_NOTHING


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
