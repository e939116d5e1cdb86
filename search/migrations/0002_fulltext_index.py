"""The full-text index over the pre-analysed columns; its form depends on the database.

SQLite: an FTS5 table with external content (the search table itself), kept in sync by
triggers, so every ORM write to `SearchEntry` updates the full-text index.
PostgreSQL: a stored generated `tsvector` (title weight A, summary B, body C) with a GIN
index. The columns already hold Dutch Porter stems made in Python (`search.analysis`), so
the 'simple' configuration is used: the same stems on every engine and PostgreSQL version.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, summary_terms, body_terms,
        content='search_searchentry', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
            || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
            || setweight(to_tsvector('simple'::regconfig, body_terms), 'C')
        ) STORED""",
    "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
