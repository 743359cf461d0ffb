"""Demo data for members (registered with core.demo in MembersConfig.ready): the ORM path for the small scale
(``small``), the bulk loader for county and province (``bulk``)."""

from gonghui.core import demo

from . import bulk, small


def _by_scale(small_builder, bulk_builder):
    def build(ctx: demo.DemoContext) -> None:
        if not ctx.bulk:
            return small_builder(ctx)
        if bulk_builder is not None:
            return bulk_builder(ctx)
        return None
    return build


def register() -> None:
    demo.register_demo_part("members.units", _by_scale(small._build_units, bulk.build_units), 30)
    demo.register_demo_part("members.persons", _by_scale(small._build_persons, bulk.build_persons), 40)
    # at the bulk scales the past transfers are written with the persons
    demo.register_demo_part("members.past_transfers", _by_scale(small._build_past_transfers, None), 50)
    demo.register_demo_part("members.open_transfers",
                            _by_scale(small._build_open_transfers, bulk.build_open_transfers), 60)
    demo.register_demo_part("members.worker", small._build_worker, 70, describe=small._describe_worker)
