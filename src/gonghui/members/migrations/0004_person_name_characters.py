"""Name search by a per-character GIN index instead of pg_trgm (PostgreSQL only; see core.lookups).

pg_trgm cannot serve the two-character queries ("张伟") that make most name searches: they scanned all
persons. The character index serves them and every longer query, and costs an import less to maintain."""

from django.db import migrations

CHARACTER_INDEX = "person_name_chars"


def create_character_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {CHARACTER_INDEX} ON members_person "
                          "USING gin (string_to_array(name, NULL))")
    schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


def drop_character_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {CHARACTER_INDEX}")
    from importlib import import_module

    import_module("gonghui.members.migrations.0002_person_search_indexes").create_trigram_index(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0003_exact_match_indexes"),
    ]

    operations = [
        migrations.RunPython(create_character_index, drop_character_index),
    ]
