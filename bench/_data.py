"""The demo the query benchmarks (c, d) run on: the one in the database, built at the asked scale if absent."""

from io import StringIO

from . import Options, say


def ensure_demo(options: Options) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from gonghui.core import demo

    if get_user_model().objects.filter(username=demo.MARKER_USERNAME).exists():
        ensure_statistics()
        return
    say(f"  no demo in the database: building the {options.scale} demo first…")
    extra = {"persons": options.persons} if options.persons else {}
    if options.workers:
        extra["workers"] = options.workers
    call_command("demo", scale=options.scale, stdout=StringIO(), **extra)
    ensure_statistics()


def ensure_statistics() -> None:
    """A freshly bulk-loaded database has no planner statistics (autovacuum may be off or not have run yet):
    without them PostgreSQL guesses row counts wrong and picks plans minutes slower. ANALYZE once."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT last_analyze IS NULL AND last_autoanalyze IS NULL FROM pg_stat_user_tables "
                           "WHERE relname = 'members_person'")
            row = cursor.fetchone()
            missing = bool(row and row[0])
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            missing = not cursor.fetchone()[0]
        if missing:
            say("  no planner statistics: ANALYZE…")
            cursor.execute("ANALYZE")


def user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
