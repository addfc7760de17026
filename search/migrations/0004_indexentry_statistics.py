"""PostgreSQL only: the planner learns how common each word of the search index is (a statistics target of 1000 on
the title and body columns: the 10,000 most common words with their frequencies, rather than 1,000), so that it
estimates a search's matches as they are and reads a window of the newest entries (``search.backend.recent_windows``)
by ANDing the body's GIN index with the primary key's, rather than reading every match of the site and keeping those
of the window. With the default target a two-word query was estimated at a few rows when it had two thousand at
100,000 items, and each window read them all. ANALYZE then reads every entry up to 300,000 (seconds at 100,000)."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
COLUMNS = ("title", "body")
STATISTICS_TARGET = 1000


def _set(schema_editor, target):
    if schema_editor.connection.vendor == "postgresql":
        columns = ", ".join(f"ALTER COLUMN {column} SET STATISTICS {target}" for column in COLUMNS)
        schema_editor.execute(f"ALTER TABLE {TABLE} {columns}")
        schema_editor.execute(f"ANALYZE {TABLE}")


def forwards(apps, schema_editor):
    _set(schema_editor, STATISTICS_TARGET)


def backwards(apps, schema_editor):
    _set(schema_editor, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_indexentry_type_id_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
