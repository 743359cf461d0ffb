"""Demo data for venues (registered with core.demo in VenuesConfig.ready): stations in every county, service
centres and cultural palaces, a year of visits, demand points for coverage planning."""

from gonghui.core import demo

from . import build


def register() -> None:
    demo.register_demo_part("venues.venues", build.build_venues, 80)
    demo.register_demo_part("venues.visits", build.build_visits, 85)
    demo.register_demo_part("venues.demand", build.build_demand_points, 86)
