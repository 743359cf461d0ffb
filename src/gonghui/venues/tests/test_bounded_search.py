"""Issue 19 §1: no input makes a station search run without end. A public request with a radius of 5e-324 once
kept a server thread in the nearest search's doubling loop forever (the window underflowed to 0).

The work of a call is counted in executed Python lines (a trace function), never in seconds: each call must end
within a fixed number of steps, and a call that would not end is stopped by the counter and fails the test."""

import math
import random
import sys
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from gonghui.venues import coords
from gonghui.venues.spatial import MAX_CANDIDATES, GridIndex, Point

from .factories import make_venue

STEP_LIMIT = 200_000  # lines; a search over the 600 points below takes a few thousand


class StepLimitExceeded(AssertionError):
    pass


@contextmanager
def step_limit(limit: int):
    """Count the Python lines executed inside the block; past ``limit`` the counter raises in the running code,
    which ends a loop that would never end by itself."""
    steps = {"lines": 0}

    def local(frame, event, arg):
        if event == "line":
            steps["lines"] += 1
            if steps["lines"] > limit:
                raise StepLimitExceeded(f"more than {limit} steps")
        return local

    def on_call(frame, event, arg):
        return local

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield steps
    finally:
        sys.settrace(previous)


def _index() -> tuple[GridIndex, list[Point]]:
    rng = random.Random(19)
    points = [Point(i, 25.04 + rng.uniform(-0.3, 0.3), 102.71 + rng.uniform(-0.3, 0.3)) for i in range(500)]
    points += [Point(500 + i, rng.uniform(-90, 90), rng.uniform(-180, 180)) for i in range(96)]
    points += [Point(596, 90.0, 0.0), Point(597, -90.0, 180.0), Point(598, 0.0, -180.0), Point(599, 89.99, 1.0)]
    return GridIndex(points), points


INDEX, POINTS = _index()

SPECIAL = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1.0, 0.5, 25.0, 90.0, -90.0, 180.0,
           1e6, 1e15, 1e300, 1.7976931348623157e308, -1.7976931348623157e308, math.inf, -math.inf, math.nan]
extreme = st.one_of(st.sampled_from(SPECIAL), st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True))
NOT_FINITE = ValueError  # what the index answers for a NaN or an infinity


def _bounded(call):
    """Run ``call``: it answers or refuses a non-finite input with ValueError, within STEP_LIMIT lines."""
    with step_limit(STEP_LIMIT) as steps:
        try:
            result = call()
        except NOT_FINITE:
            result = None
    assert steps["lines"] <= STEP_LIMIT
    return result


@settings(max_examples=300, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(lat=extreme, lng=extreme, radius=extreme, n=st.sampled_from([0, 1, 10, 50, 10**9]))
@example(lat=25.0, lng=102.0, radius=5e-324, n=10)  # the request that hung a server
@example(lat=-90.0, lng=-180.0, radius=5e-324, n=10)
@example(lat=25.0, lng=102.0, radius=math.nan, n=10)
@example(lat=25.0, lng=102.0, radius=math.inf, n=10**9)
def test_nearest_ends_within_a_fixed_number_of_steps(lat, lng, radius, n):
    result = _bounded(lambda: INDEX.nearest(lat, lng, n=n, radius_m=radius))
    if result is not None:
        assert len(result) <= max(n, 0) and all(math.isfinite(d) for d, _p in result)
        assert [d for d, _p in result] == sorted(d for d, _p in result)
    if not all(math.isfinite(v) for v in (lat, lng, radius)):
        assert result is None


@settings(max_examples=200, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate])
@given(lat=extreme, lng=extreme, radius=extreme)
@example(lat=25.0, lng=102.0, radius=5e-324)
def test_within_ends_within_a_fixed_number_of_steps(lat, lng, radius):
    _bounded(lambda: INDEX.within(lat, lng, radius))


@settings(max_examples=200, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate])
@given(south=extreme, west=extreme, north=extreme, east=extreme)
@example(south=-90.0, west=-180.0, north=90.0, east=180.0)
def test_box_ends_within_a_fixed_number_of_steps(south, west, north, east):
    found = _bounded(lambda: INDEX.within_box(south, west, north, east, limit=50))
    assert found is None or len(found) <= 50


@settings(max_examples=200, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate])
@given(lat=extreme, lng=extreme, system=st.sampled_from(coords.SYSTEMS))
def test_coordinate_conversion_ends_within_a_fixed_number_of_steps(lat, lng, system):
    _bounded(lambda: coords.to_wgs84(lat, lng, system))


def test_the_examined_points_are_capped():
    """A search may examine at most MAX_CANDIDATES points, all rings together, whatever the filter rejects."""
    examined = []

    def reject_all(point):
        examined.append(point.id)
        return False

    crowd = GridIndex([Point(i, 25.0 + (i % 100) * 1e-4, 102.0 + (i // 100) * 1e-4) for i in range(30_000)])
    assert crowd.nearest(25.0, 102.0, n=1, radius_m=50_000, accept=reject_all) == []
    assert 0 < len(examined) <= MAX_CANDIDATES


def test_a_tiny_radius_is_searched_as_one_metre():
    index = GridIndex([Point(1, 25.0, 102.0)])
    assert [p.id for _d, p in index.nearest(25.0, 102.0, radius_m=5e-324)] == [1]
    assert index.nearest(25.0, 102.001, radius_m=5e-324) == []
    assert [p.id for _d, p in index.nearest(25.0, 102.001, radius_m=1e308)] == [1]


# --- the public endpoint and page ------------------------------------------------------------------------

REQUEST_STEP_LIMIT = 3_000_000  # a whole request through Django; the loop that hung ran without end


@pytest.mark.django_db
@pytest.mark.parametrize("params", [
    {"lat": 25, "lng": 102, "n": 10, "radius_m": "5e-324"},  # the attack
    {"lat": 25, "lng": 102, "radius_m": "0"},
    {"lat": 25, "lng": 102, "radius_m": "-0"},
    {"lat": 25, "lng": 102, "radius_m": "0.5"},
    {"lat": 25, "lng": 102, "radius_m": "nan"},
    {"lat": 25, "lng": 102, "radius_m": "inf"},
    {"lat": 25, "lng": 102, "radius_m": "1e308"},
    {"lat": "nan", "lng": 102},
    {"lat": 25, "lng": "-inf"},
    {"lat": "1e308", "lng": 102},
    {"lat": 25, "lng": 102, "n": "100000000000000000000000"},
    {"lat": 25, "lng": 102, "kind": ["station"] * 21},
])
def test_nearest_endpoint_refuses_what_the_schema_refuses(client, world, params):
    make_venue(world.wuhua_union, "近站", lat=25.0, lng=102.0)
    with step_limit(REQUEST_STEP_LIMIT):
        response = client.get("/api/v1/stations/nearest", params)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "validation_failed"


@pytest.mark.django_db
def test_nearest_endpoint_answers_at_the_edges(client, world):
    make_venue(world.wuhua_union, "近站", lat=25.0, lng=102.0)
    with step_limit(REQUEST_STEP_LIMIT):
        smallest = client.get("/api/v1/stations/nearest", {"lat": 25, "lng": 102, "radius_m": 1})
        largest = client.get("/api/v1/stations/nearest", {"lat": -90, "lng": -180, "radius_m": 50_000,
                                                           "system": "bd09"})
        box = client.get("/api/v1/stations/bbox", {"south": 90, "west": 180, "north": -90, "east": -180})
    assert smallest.status_code == 200 and [r["name"] for r in smallest.json()] == ["近站"]
    assert largest.status_code == 200 and largest.json() == []
    assert box.status_code == 200 and box.json() == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["lat=25&lng=102", "lat=nan&lng=nan", "lat=inf&lng=102", "lat=5e-324&lng=-0",
                                   "lat=1e308&lng=1e308", "district=530102&lat=-inf&lng=nan"])
def test_station_finder_page_is_bounded(client, world, query):
    make_venue(world.wuhua_union, "近站", lat=25.0, lng=102.0)
    with step_limit(REQUEST_STEP_LIMIT * 3):  # a page renders a template too
        response = client.get("/stations/?" + query)
    assert response.status_code == 200


@pytest.mark.django_db
def test_venue_search_text_is_bounded(client, world):
    from tests.fixtures import sign_in

    from gonghui.core.auth.tokens import token_create

    _, raw = token_create(user=world.user("county_officer"), name="t")
    response = client.get("/api/v1/venues", {"q": "站" * 101}, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 422
    sign_in(client, world.user("county_officer"))
    assert client.get("/staff/venues/", {"q": "站" * 10_000}).status_code == 200
    assert client.get("/staff/venues/map/data/", {"south": "nan", "north": "inf"}).status_code == 200
