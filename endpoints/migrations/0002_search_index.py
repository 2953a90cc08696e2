"""The full-text search table: FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

It is not a Django model: only `endpoints.reference.search` reads and writes it, through
each engine's own SQL. The table is filled here for catalogues imported before
it existed, and refilled after every sync.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE endpoints_search USING fts5("
    "kind UNINDEXED, item_id UNINDEXED, locator, name, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')",
]
POSTGRESQL = [
    "CREATE TABLE endpoints_search ("
    "id bigserial PRIMARY KEY, kind varchar(10) NOT NULL, item_id bigint NOT NULL, "
    "locator text NOT NULL, name text NOT NULL, body text NOT NULL, document tsvector)",
    "CREATE INDEX endpoints_search_document ON endpoints_search USING gin (document)",
]


def create_search_table(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise RuntimeError(f"Search needs SQLite (FTS5) or PostgreSQL, not {vendor}.")
    for statement in SQLITE if vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(statement)
    from endpoints.reference.search import search_index_rebuild

    search_index_rebuild(apps.get_model("endpoints", "Endpoint"), apps.get_model("endpoints", "Channel"))


def drop_search_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS endpoints_search")


class Migration(migrations.Migration):
    dependencies = [("endpoints", "0001_initial")]

    operations = [migrations.RunPython(create_search_table, drop_search_table, elidable=False)]
