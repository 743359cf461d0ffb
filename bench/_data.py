"""The demo the query benchmarks (c, d) run on: the one in the database, built at the asked scale if absent."""

from io import StringIO

from . import Options, say


def ensure_demo(options: Options) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from gonghui.core import demo

    if get_user_model().objects.filter(username=demo.MARKER_USERNAME).exists():
        return
    say(f"  no demo in the database: building the {options.scale} demo first…")
    extra = {"persons": options.persons} if options.persons else {}
    if options.workers:
        extra["workers"] = options.workers
    call_command("demo", scale=options.scale, stdout=StringIO(), **extra)


def user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
