"""Gonghui's benchmark harness: ``python -m bench [names] [--scale small|county|province] [--persons N]``.

Each benchmark measures a figure and, in the same run on the same data, a baseline (what the figure is compared
with: a raw load, a plain query, a bare SELECT). Results go to ``bench/results/<name>.json`` and the table in
``BENCHMARKS.md`` is regenerated from all results. Nothing here is a test: no figure is asserted.
"""

import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(os.environ.get("GONGHUI_BENCH_RESULTS", ROOT / "bench" / "results"))
BENCHMARKS_MD = Path(os.environ.get("GONGHUI_BENCH_MARKDOWN", ROOT / "BENCHMARKS.md"))
TABLE_START, TABLE_END = "<!-- bench:table:start -->", "<!-- bench:table:end -->"


@dataclass
class Options:
    scale: str = "small"
    persons: int | None = None  # overrides the scale's number of persons
    repeat: int = 20  # timed repetitions of each query / page
    workers: int | None = None


@dataclass
class Result:
    name: str  # e.g. "c.search.name" (file name: the name plus the database vendor)
    title: str
    figure: float
    figure_label: str  # "p50 ms", "rows/s", ...
    baseline: float
    baseline_label: str
    unit: str = ""
    higher_is_better: bool = False
    details: dict = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    date: str = ""
    scale: str = ""

    @property
    def ratio(self) -> float:
        """How many times the baseline the figure is (>1: slower, for times; faster, for rates)."""
        return self.figure / self.baseline if self.baseline else float("inf")


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    run: Callable[[Options], list[Result]]
    available: Callable[[], str] = lambda: ""  # a reason it cannot run now, or ""


_BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str, title: str, *, available: Callable[[], str] | None = None):
    def decorate(run):
        known = _BENCHMARKS.get(name)
        if known is not None and known.run is not run:
            # Two benchmarks under one letter: the second would silently replace the first in the run and table.
            raise ValueError(f"benchmark {name!r} is registered twice ({known.title!r} and {title!r})")
        _BENCHMARKS[name] = Benchmark(name, title, run, available or (lambda: ""))
        return run
    return decorate


def benchmarks() -> dict[str, Benchmark]:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")  # each benchmark module registers itself

    return dict(sorted(_BENCHMARKS.items()))


def machine_info() -> dict:
    from django.db import connection

    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            memory = f"{int(meminfo.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return {"nproc": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "database": database, "vendor": connection.vendor, "platform": platform.platform(terse=True)}


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds of samples in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(function, repeat: int) -> list[float]:
    function()  # warm the caches once: the figures are for a warm server
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def save(result: Result, options: Options) -> Path:
    result.machine = result.machine or machine_info()
    result.date = result.date or datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    result.scale = result.scale or (f"{options.scale}" + (f" ({options.persons:,} persons)"
                                                          if options.persons else ""))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{result.name}.{result.machine['vendor']}.json"
    data = asdict(result) | {"ratio": result.ratio, "command": command(result, options)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


def command(result: Result, options: Options) -> str:
    """How to run this benchmark again on the same data (the database named the same way)."""
    from django.db import connection

    args = f"python -m bench {result.name.split('.')[0]} --scale {options.scale}"
    if options.persons:
        args += f" --persons {options.persons}"
    if result.name[0] in "cd":
        args += f" --repeat {options.repeat}"
    if connection.vendor == "postgresql":
        return f"DATABASE_URL=postgres://…/{connection.settings_dict['NAME']} {args}"
    return f"GONGHUI_VAR_DIR=… {args}"


def _command_of_old(r: dict) -> str:
    """Results saved before ``command`` was recorded: rebuilt from the name, scale and database."""
    scale = r["scale"].split(" ")[0]
    persons = r["scale"].split("(")[1].split(" ")[0].replace(",", "") if "(" in r["scale"] else ""
    args = f"python -m bench {r['name'].split('.')[0]} --scale {scale}" + (f" --persons {persons}" if persons else "")
    return ("DATABASE_URL=postgres://… " if r["machine"].get("vendor") == "postgresql" else "GONGHUI_VAR_DIR=… ") + args


def load_results() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(RESULTS_DIR.glob("*.json"))]


def table(results: list[dict]) -> str:
    lines = ["| benchmark | database | scale | figure | baseline | ratio | machine | date | reproduce |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(results, key=lambda r: (r["name"], r["machine"].get("vendor", ""))):
        m = r["machine"]
        lines.append(
            f"| {r['title']} | {m.get('database', '')} | {r['scale']} | {_fmt(r['figure'])} {r['figure_label']} "
            f"| {_fmt(r['baseline'])} {r['baseline_label']} | {r['ratio']:.2f}× | {m.get('nproc')} cores, "
            f"{m.get('memory')}, Python {m.get('python')} | {r['date'][:10]} | "
            f"`{r.get('command') or _command_of_old(r)}` |")
    return "\n".join(lines)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def write_table() -> None:
    """Replace the table between the markers of BENCHMARKS.md (the prose around it is kept)."""
    text = BENCHMARKS_MD.read_text() if BENCHMARKS_MD.exists() else f"# Benchmarks\n\n{TABLE_START}\n{TABLE_END}\n"
    if TABLE_START not in text:
        text += f"\n{TABLE_START}\n{TABLE_END}\n"
    head, rest = text.split(TABLE_START, 1)
    tail = rest.split(TABLE_END, 1)[1]
    BENCHMARKS_MD.write_text(f"{head}{TABLE_START}\n{table(load_results())}\n{TABLE_END}{tail}")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
