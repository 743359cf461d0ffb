"""a. Demo generation: rows/s of the bulk loader (generate, encrypt, hash, write) vs a raw load of the same
kind of rows already generated, without encryption, into the same tables (the physical limit of the database).

Runs on a scratch database next to DATABASE_URL's (PostgreSQL: <name>_bench_a; SQLite: a temporary file),
so the data the other benchmarks use is untouched; the scratch database is dropped afterwards."""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

from . import ROOT, Options, Result, register, say

BUILT = re.compile(r"Demo built in ([\d.]+) s: ([\d,]+) rows")
PERSONS = re.compile(r"persons: ([\d,]+), memberships: ([\d,]+), past transfers: ([\d,]+) \(([\d,]+) rows/s\)")


def _run(args: list[str], env: dict) -> str:
    completed = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


class _Scratch:
    """An empty database of the same vendor as the configured one."""

    def __enter__(self) -> dict:
        from django.db import connection

        self.env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}")
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            url = urlsplit(os.environ["DATABASE_URL"])
            self.name = f"{url.path.lstrip('/')}_bench_a"
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
            self.env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{self.name}"))
        else:
            self.tmp = tempfile.TemporaryDirectory(prefix="gonghui-bench-a-")
            self.env.pop("DATABASE_URL", None)
            self.env["GONGHUI_VAR_DIR"] = self.tmp.name
        _run(["-m", "django", "migrate", "-v0", "--settings=gonghui.settings"], self.env)
        return self.env

    def __exit__(self, *exc):
        if self.vendor == "postgresql":
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}"')
        else:
            self.tmp.cleanup()

    @staticmethod
    def _execute(*statements):
        from django.db import connection

        with connection.cursor() as cursor:  # autocommit: CREATE DATABASE cannot run in a transaction
            for statement in statements:
                cursor.execute(statement)


@register("a", "demo generation")
def run(options: Options) -> list[Result]:
    with _Scratch() as env:
        args = ["-m", "django", "demo", "--settings=gonghui.settings", f"--scale={options.scale}"]
        if options.persons:
            args.append(f"--persons={options.persons}")
        if options.workers:
            args.append(f"--workers={options.workers}")
        say(f"  building the {options.scale} demo on an empty database…")
        started = time.monotonic()
        output = _run(args, env)
        wall = time.monotonic() - started
        built, persons = BUILT.search(output), PERSONS.search(output)
        total_seconds, total_rows = float(built.group(1)), int(built.group(2).replace(",", ""))
        person_rows = sum(int(persons.group(i).replace(",", "")) for i in (1, 2, 3))
        person_rate = int(persons.group(4).replace(",", ""))
        say("  raw load of pre-generated rows without encryption (baseline)…")
        raw = json.loads(_run(["-m", "bench.raw_load", f"--persons={min(person_rows, 200_000)}"], env)
                         .strip().splitlines()[-1])
    return [
        Result(name="a.demo.person_rows", title="a. demo generation: persons + memberships + transfers",
               figure=person_rate, figure_label="rows/s", baseline=raw["rows"] / raw["seconds"],
               baseline_label="rows/s raw load", higher_is_better=True,
               details={"rows": person_rows, "raw_rows": raw["rows"], "raw_seconds": raw["seconds"]}),
        Result(name="a.demo.total", title="a. demo generation: whole demo, all tables",
               figure=total_rows / total_seconds, figure_label="rows/s", baseline=raw["rows"] / raw["seconds"],
               baseline_label="rows/s raw load", higher_is_better=True,
               details={"rows": total_rows, "seconds": total_seconds, "process_wall_seconds": wall}),
    ]
