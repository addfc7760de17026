"""SQLite only: FTS5's default tokenizer cuts Thai words at every vowel and tone mark (Unicode category Mn/Mc), so
``ค่าธรรมเนียม`` became the tokens ``ค``, ``าธรรมเน``, ``ยม``. Recreate Wagtail's FTS table with those marks counted as
parts of words, and fill it again from the index entries. PostgreSQL's parser already keeps Thai words whole."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
THAI_TOKENIZER = "unicode61 categories 'L* N* Co Mn Mc'"
DEFAULT_TOKENIZER = "unicode61"


def _recreate(schema_editor, tokenizer):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [f"{TABLE}_fts"])
        if cursor.fetchone() is None:
            return  # no FTS5 here: Wagtail fell back to its plain database backend
        cursor.execute(f"DROP TABLE {TABLE}_fts")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE}_fts USING fts5(autocomplete, body, title, tokenize=\"{tokenizer}\")"
        )
        cursor.execute(
            f"INSERT INTO {TABLE}_fts(rowid, title, body, autocomplete) SELECT id, title, body, autocomplete FROM {TABLE}"
        )


def forwards(apps, schema_editor):
    _recreate(schema_editor, THAI_TOKENIZER)


def backwards(apps, schema_editor):
    _recreate(schema_editor, DEFAULT_TOKENIZER)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_query_log"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
