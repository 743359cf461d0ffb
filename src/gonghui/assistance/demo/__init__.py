"""Demo data for hardship workers (registered with core.demo): 低保 standards per county, funds, filed households
over five years with their aid, exits and returns. Small: a few hundred files; province: ~71,000 files and
~416,000 aid records, written with bulk_create in batches."""

from gonghui.core import demo

from . import build


def register() -> None:
    demo.register_demo_part("assistance.files", build.build_files, 90)
