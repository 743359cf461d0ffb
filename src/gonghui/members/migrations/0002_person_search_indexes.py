"""Indexes for member search at province scale (3,000,000 persons).

- pinyin and initials prefixes (``LIKE 'zw%'``): varchar_pattern_ops, so PostgreSQL uses them under any
  collation (they also serve equality), replacing the plain indexes;
- name contains (``LIKE '%伟%'``): a trigram GIN index, PostgreSQL only and only if pg_trgm can be created
  (SQLite and databases without the extension keep working, with a scan).
"""

from django.db import migrations, models

TRIGRAM_INDEX = "person_name_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SAVEPOINT trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # no privilege to create it: search by name still works, with a scan
            cursor.execute("ROLLBACK TO SAVEPOINT trgm")
            return
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON members_person "
                       "USING gin (name gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_pinyin"),
        migrations.RemoveIndex(model_name="person", name="person_initials"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_pinyin"], name="person_pinyin_prefix",
                               opclasses=["varchar_pattern_ops"]),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_initials"], name="person_initials_prefix",
                               opclasses=["varchar_pattern_ops"]),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
