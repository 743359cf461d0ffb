"""``python -m bench [a c d ...] [--scale county] [--persons N] [--repeat 20]`` on the database of DATABASE_URL
(SQLite under GONGHUI_VAR_DIR when unset)."""

import argparse
import os
import sys

from . import ROOT


def main(argv=None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    import django

    django.setup()
    from . import Options, benchmarks, save, say, write_table

    known = benchmarks()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all): {', '.join(known)}")
    parser.add_argument("--scale", choices=("small", "county", "province"), default="small")
    parser.add_argument("--persons", type=int, default=None, help="build this many persons instead")
    parser.add_argument("--repeat", type=int, default=20, help="timed repetitions of each query or page")
    parser.add_argument("--workers", type=int, default=None, help="demo generation processes")
    parser.add_argument("--no-table", action="store_true", help="do not rewrite the table in BENCHMARKS.md")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    options = Options(scale=args.scale, persons=args.persons, repeat=args.repeat, workers=args.workers)
    for name in args.names or known:
        bench = known[name]
        reason = bench.available()
        if reason:
            say(f"[{name}] skipped: {reason}")
            continue
        say(f"[{name}] {bench.title}")
        for result in bench.run(options):
            path = save(result, options)
            say(f"  {result.title}: {result.figure:,.2f} {result.figure_label} vs baseline "
                f"{result.baseline:,.2f} {result.baseline_label} (ratio {result.ratio:.2f}) -> "
                f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if not args.no_table:
        write_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
