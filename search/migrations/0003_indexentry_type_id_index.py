"""PostgreSQL only: an index of the search index's entries by model and id, from which the newest entry of each model
is read at once (``search.backend.index_scans``): a search of documents looks for body matches among the newest
documents' entries, not among the newest entries of any model (``recent_windows``)."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
INDEX = "search_indexentry_type_id"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} (content_type_id, id)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_sqlite_fts_thai_tokenizer"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
