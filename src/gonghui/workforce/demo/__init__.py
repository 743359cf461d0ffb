"""Demo data for workforce (registered with core.demo from WorkforceConfig.ready)."""

from gonghui.core import demo

from . import build


def register() -> None:
    demo.register_demo_part("workforce", build.build, 90, describe=build.describe)
