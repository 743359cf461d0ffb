"""The demo-data registry: each app registers the parts it builds, `gonghui demo` runs them in order.

core imports no business app, so the apps register here (in their AppConfig.ready) instead of the command
reaching into them. A part has a ``builder`` (writes rows, runs once) and an optional ``describe`` (runs every
time, also when the demo already exists, to list the accounts a tester can sign in with).
"""

import base64
import collections
import datetime
import hashlib
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

SCALES = ("small", "county", "province")

def base_url() -> str:
    """Where the demo server listens, for the printed links (`make run` passes HOST and PORT)."""
    return os.environ.get("GONGHUI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

DEMO_PASSWORD = "Demo#2026"  # published in the README: demo data only
# The demo exists once this account exists: the parts run in one transaction, so it is all or nothing.
MARKER_USERNAME = "province_admin"
DEFAULT_PERSONS = {"small": 3000, "county": 100_000, "province": 3_000_000}


@dataclass
class DemoAccount:
    username: str
    role: str
    organisation: str
    login_url: str
    password: str = DEMO_PASSWORD
    totp_secret: str = ""
    totp_uri: str = ""
    note: str = ""


@dataclass
class DemoContext:
    scale: str = "small"
    seed: int = 2026
    persons: int | None = None  # overrides the scale's number of persons (tests build fewer)
    progress: Callable[[str], None] = print
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)  # processes generating rows (bulk scales)
    bar_stream: object = None  # where progress bars go (stderr when None)
    shared: dict = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    rng: random.Random = field(init=False)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    @property
    def person_count(self) -> int:
        return self.persons if self.persons is not None else DEFAULT_PERSONS[self.scale]

    @property
    def bulk(self) -> bool:
        """county and province go through the bulk loader (COPY / executemany), small through the ORM."""
        return self.scale != "small"

    def progress_bar(self, label: str, total: int) -> "ProgressBar":
        return ProgressBar(label, total, stream=self.bar_stream)


@dataclass(frozen=True)
class DemoPart:
    name: str
    builder: Callable[[DemoContext], None]
    order: int
    describe: Callable[[DemoContext], None] | None = None


_PARTS: dict[str, DemoPart] = {}


def register_demo_part(name: str, builder: Callable[[DemoContext], None], order: int, *,
                       describe: Callable[[DemoContext], None] | None = None) -> DemoPart:
    part = DemoPart(name, builder, order, describe)
    if name in _PARTS and _PARTS[name] != part:
        raise ValueError(f"demo part {name!r} is registered twice")
    _PARTS[name] = part
    return part


def demo_parts() -> list[DemoPart]:
    return sorted(_PARTS.values(), key=lambda p: (p.order, p.name))


def demo_totp_secret(username: str) -> str:
    """A fixed second-factor secret per demo account, so testers can keep it in their authenticator app."""
    digest = hashlib.sha256(f"gonghui-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


# --- bulk loading (county and province scales) -----------------------------------------------------------

class ProgressBar:
    """Rows done / total, rows/s and ETA on stderr: carriage-return updates on a terminal, a line every 10 %
    otherwise (logs, CI)."""

    def __init__(self, label: str, total: int, stream=None, interval: float = 0.25):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval, self.started, self.shown, self.next_step = interval, time.monotonic(), 0.0, 0.1

    def advance(self, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if self.tty and now - self.shown >= self.interval:
            self.shown = now
            self.stream.write("\r" + self._line(now))
            self.stream.flush()
        elif not self.tty and self.done < self.total and self.done / self.total >= self.next_step:
            while self.next_step <= self.done / self.total:
                self.next_step += 0.1
            self.stream.write(self._line(now) + "\n")

    def close(self) -> float:
        elapsed = time.monotonic() - self.started
        self.stream.write(("\r" if self.tty else "") + self._line(time.monotonic()) + "\n")
        self.stream.flush()
        return elapsed

    def _line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        width = 30
        filled = int(width * min(self.done / self.total, 1))
        return (f"  {self.label:<12} [{'#' * filled}{'.' * (width - filled)}] {self.done:,}/{self.total:,} "
                f"{rate:,.0f} rows/s  {elapsed:,.0f} s  ETA {eta:,.0f} s ")


def copy_text(rows) -> bytes:
    """Rows as PostgreSQL COPY text (tab-separated, \\N for NULL); built in the worker processes so the loading
    process only pushes bytes."""
    lines = []
    for row in rows:
        lines.append("\t".join(_copy_value(v) for v in row))
    return ("\n".join(lines) + "\n").encode() if lines else b""


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class BulkWriter:
    """Writes rows into the real tables by the database's bulk path: COPY on PostgreSQL, batched executemany on
    SQLite. Runs inside the caller's transaction (the demo is all or nothing)."""

    def __init__(self, using: str = "default"):
        from django.db import connections

        self.connection = connections[using]
        self.vendor = self.connection.vendor

    def adapt(self, value):
        """A Python value as the loader of this database wants it (SQLite: text dates, Django's datetime form)."""
        if self.vendor == "sqlite":
            if isinstance(value, datetime.datetime):
                return self.connection.ops.adapt_datetimefield_value(value)
            if isinstance(value, datetime.date):
                return value.isoformat()
        return value

    def adapt_row(self, row: tuple) -> tuple:
        return tuple(self.adapt(v) for v in row) if self.vendor == "sqlite" else row

    def write(self, table: str, columns: list[str], rows) -> int:
        """``rows``: a list of tuples, or (PostgreSQL) COPY text already made by ``copy_text``."""
        if not rows:
            return 0
        qn = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    if isinstance(rows, bytes | bytearray):
                        copy.write(rows)
                    else:
                        for row in rows:
                            copy.write_row(row)
            else:
                names = ", ".join(qn(c) for c in columns)  # from model meta, not from input
                sql = f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
                cursor.cursor.executemany(sql, rows)
        return rows.count(b"\n") if isinstance(rows, bytes | bytearray) else len(rows)

    def next_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            table = self.connection.ops.quote_name(table)
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (a model's table)
            return cursor.fetchone()[0]

    def reset_sequences(self, *tables: str) -> None:
        """After rows with explicit ids: the next ORM insert continues after them (SQLite does this itself)."""
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for table in tables:
                quoted = self.connection.ops.quote_name(table)
                cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (a model's table)
                               f"(SELECT COALESCE(MAX(id), 1) FROM {quoted}))", [table])


def refresh_statistics() -> None:
    """ANALYZE after a bulk load, inside its transaction (PostgreSQL samples its own transaction's rows; autovacuum
    cannot see them): without statistics the planner takes millions of rows for none and picks plans that run
    for minutes. Called after every bulk part, and by a part before it queries what it has just loaded."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def parallel_map(function, jobs, workers: int):
    """``function`` over ``jobs`` in ``workers`` forked processes, results in job order (so the data does not
    depend on scheduling). The function and its inputs are inherited by fork, not pickled; workers must not touch
    the database."""
    if workers <= 1:
        yield from map(function, jobs)
        return
    context = multiprocessing.get_context("fork")
    window = workers * 3  # results waiting for the writer are bounded: memory stays flat
    with context.Pool(workers) as pool:
        pending = collections.deque()
        for job in jobs:
            pending.append(pool.apply_async(function, (job,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
