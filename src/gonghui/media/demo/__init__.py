"""Demo data of the newsroom (registered with core.demo in MediaConfig.ready)."""

from gonghui.core import demo

from . import build


def register() -> None:
    demo.register_demo_part("media.articles", build.build_articles, 90)
