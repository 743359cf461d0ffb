"""Demo data of medical mutual aid (registered with core.demo in MutualAidConfig.ready): the ORM path for the
small scale (``small``), the bulk loader for county and province (``bulk``)."""

from gonghui.core import demo


def _build(ctx: demo.DemoContext) -> None:
    if ctx.bulk:
        from . import bulk

        return bulk.build(ctx)
    from . import small

    return small.build(ctx)


def _describe(ctx: demo.DemoContext) -> None:
    from . import small

    small.describe(ctx)


def register() -> None:
    demo.register_demo_part("mutual_aid", _build, 90, describe=_describe)
