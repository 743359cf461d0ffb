"""Demo data lands where it should; coverage planning and the indicators add up."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.demo import DemoContext
from gonghui.core.indicators import EARLIEST, indicator_value
from gonghui.venues import coords, coverage, search, services
from gonghui.venues.demo import build
from gonghui.venues.demo.places import CENTRAL_KUNMING, KUNMING_CENTRE, county_seats, point_near
from gonghui.venues.models import DailyVisitCount, DemandPoint, Venue

from .factories import make_venue

pytestmark = pytest.mark.django_db


def test_county_seats_cover_all_129_counties_inside_yunnan():
    seats = county_seats()
    assert len(seats) == 129
    for seat in seats.values():
        assert 21.0 < seat.lat < 29.3 and 97.5 < seat.lng < 106.2, seat
        assert 500 < seat.radius_m <= 8_000


def test_points_stay_nearer_their_own_seat():
    seats = county_seats()
    rng = random.Random(7)
    for seat in seats.values():
        for _ in range(20):
            lat, lng = point_near(seat, rng)
            nearest = min(seats.values(), key=lambda s: coords.haversine_m(lat, lng, s.lat, s.lng))
            assert nearest.code == seat.code


def test_province_scale_plans_2911_stations_in_every_county():
    counts = build._station_counts(DemoContext(scale="province"), county_seats())
    assert sum(counts.values()) == build.STATIONS_PROVINCE and min(counts.values()) >= 8


def test_small_demo(world):
    ctx = DemoContext(scale="small", progress=lambda _m: None)
    ctx.shared["province"] = world.province
    build.build_venues(ctx)
    build.build_visits(ctx)
    build.build_demand_points(ctx)
    stations = Venue.objects.filter(kind=Venue.Kind.STATION)
    assert {v.county_code[:4] for v in stations} == {code[:4] for code in county_seats()}  # every prefecture
    assert stations.filter(county_code__in=CENTRAL_KUNMING).count() >= 12
    seats = county_seats()
    for venue in Venue.objects.all():
        nearest = min(seats.values(), key=lambda s: coords.haversine_m(venue.lat, venue.lng, s.lat, s.lng))
        assert nearest.code == venue.county_code, venue
    found = search.nearest(*KUNMING_CENTRE, n=3, radius_m=5_000)
    assert len(found) == 3  # a newcomer's first "near me" in Kunming finds stations
    assert DailyVisitCount.objects.count() > 300 * Venue.objects.count() * 0.8
    assert DemandPoint.objects.filter(county_code="530102").count() == 300
    admin, ever = world.user("province_admin"), (EARLIEST, timezone.localdate())
    assert indicator_value("venues.investment", None, *ever, user=admin) > 0
    served = indicator_value("venues.workers_served", None, *ever, user=admin)
    assert served == (indicator_value("venues.checkins", None, *ever, user=admin)
                      + indicator_value("venues.anonymous_visits", None, *ever, user=admin)) > 0


def test_coverage_share_and_greedy_suggestions(world):
    make_venue(world.wuhua_union, lat=25.0, lng=102.7)
    covered = [(25.0 + d, 102.7, 1) for d in (0.001, 0.002, 0.003)]  # within 350 m of the station
    cluster_a = [(25.1 + i * 0.0005, 102.8, 2) for i in range(5)]  # 5 points (weight 10) together
    cluster_b = [(25.2, 102.9 + i * 0.0005, 1) for i in range(3)]  # 3 points (weight 3)
    lonely = [(25.5, 103.5, 1)]
    result = coverage.coverage(covered + cluster_a + cluster_b + lonely, new_stations=2)
    assert result.demand_points == 12 and result.covered_points == 3
    assert result.share_covered == pytest.approx(3 / 17)
    first, second = result.suggestions
    assert first.newly_covered_points == 5 and first.newly_covered_weight == 10
    assert second.newly_covered_points == 3 and second.share_after == pytest.approx(16 / 17)
    closed = coverage.coverage(covered, new_stations=0)
    assert closed.share_covered == 1.0 and closed.suggestions == []


def test_indicators(world):
    venue = make_venue(world.wuhua_union)
    make_venue(world.panlong_union, county="530103", kind=Venue.Kind.CULTURAL_PALACE)
    services.funding_add(actor=world.user("county_officer"), venue=venue, title="新建", year=2025,
                         amount=Decimal("120000.50"), floor_area=Decimal("30"))
    officer, ever = world.user("county_officer"), (EARLIEST, timezone.localdate())
    assert indicator_value("venues.kind_station", None, *ever, user=officer) == 1
    assert indicator_value("venues.kind_cultural_palace", None, *ever, user=officer) == 0  # Panlong: out of scope
    assert indicator_value("venues.investment", None, *ever, user=officer) == Decimal("120000.50")
    assert indicator_value("venues.floor_area", None, *ever, user=officer) == Decimal("30.00")
    admin = world.user("province_admin")
    assert indicator_value("venues.kind_cultural_palace", None, *ever, user=admin) == 1
    in_2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert indicator_value("venues.investment", None, *in_2024, user=officer) == 0
