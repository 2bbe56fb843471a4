"""SQLite storage shared by the crawl and NLP stages (schema, writes, run history).

Everything that touches the database goes through this package, so the schema is
declared in one place and both stages write it the same way.
"""

from storage.schema import DEFAULT_DB_PATH, open_db, stable_id, transaction

__all__ = ["DEFAULT_DB_PATH", "open_db", "stable_id", "transaction"]
