"""Demo data for rights (registered with core.demo in RightsConfig.ready)."""

from gonghui.core import demo

from . import build


def register() -> None:
    demo.register_demo_part("rights.cases", build.build_cases, 95, describe=build.describe)
