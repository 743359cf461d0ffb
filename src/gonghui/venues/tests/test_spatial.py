"""The nearest search gives exactly what brute force gives, also near the edges of its latitude rows."""

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.venues.coords import haversine_m
from gonghui.venues.spatial import ROW_DEG, GridIndex, Point


def brute_force(points, lat, lng, n, radius_m, accept=None):
    found = sorted((haversine_m(lat, lng, p.lat, p.lng), p.id) for p in points
                   if (accept is None or accept(p)) and haversine_m(lat, lng, p.lat, p.lng) <= radius_m)
    return found[:n]


def same_answer(index, points, lat, lng, n, radius_m, accept=None):
    got = [(d, p.id) for d, p in index.nearest(lat, lng, n=n, radius_m=radius_m, accept=accept)]
    want = brute_force(points, lat, lng, n, radius_m, accept)
    # Points within a millimetre of the radius may fall either way by rounding; compare the rest.
    def firm(rows):
        return [(d, i) for d, i in rows if abs(d - radius_m) > 1e-3]
    assert len(got) == len(want) or firm(got) == firm(want)
    for (dg, ig), (dw, iw) in zip(firm(got), firm(want), strict=False):
        assert abs(dg - dw) < 1e-3, (got, want)
        assert ig == iw or abs(dg - dw) < 1e-6


def random_points(rng, count, lat0, lng0, spread_deg, edge_share=0.3):
    points = []
    for i in range(count):
        lat = lat0 + rng.uniform(-spread_deg, spread_deg)
        if rng.random() < edge_share:  # snap near a row boundary
            lat = math.floor(lat / ROW_DEG) * ROW_DEG + rng.choice((-1, 1)) * rng.uniform(0, 1e-6)
        points.append(Point(i, lat, lng0 + rng.uniform(-spread_deg, spread_deg)))
    return points


coordinate = st.floats(min_value=-0.3, max_value=0.3)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10_000), dlat=coordinate, dlng=coordinate, n=st.integers(1, 15),
       radius=st.sampled_from([300.0, 1_000.0, 5_000.0, 50_000.0]), edge=st.booleans())
def test_matches_brute_force(seed, dlat, dlng, n, radius, edge):
    rng = random.Random(seed)
    points = random_points(rng, 400, 25.04, 102.71, 0.25)
    index = GridIndex(points)
    lat = 25.04 + dlat
    if edge:  # the query itself on a row boundary
        lat = math.floor(lat / ROW_DEG) * ROW_DEG
    same_answer(index, points, lat, 102.71 + dlng, n, radius)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 10))
def test_matches_brute_force_with_a_filter_and_sparse_points(seed, n):
    rng = random.Random(seed)
    points = random_points(rng, 300, 30.0, 110.0, 8.0)
    index = GridIndex(points)

    def even(p):
        return p.id % 2 == 0

    same_answer(index, points, 30.0 + rng.uniform(-9, 9), 110.0 + rng.uniform(-9, 9), n, 2_000_000.0, even)


def test_far_north_and_empty():
    points = [Point(1, 52.9, 122.5), Point(2, 52.95, 122.6)]
    index = GridIndex(points)
    assert [p.id for _d, p in index.nearest(52.91, 122.51, n=5, radius_m=50_000)] == [1, 2]
    assert GridIndex([]).nearest(25.0, 102.0) == []
    assert index.nearest(25.0, 102.0, n=3, radius_m=1_000) == []


def test_box():
    points = [Point(1, 25.0, 102.0), Point(2, 25.5, 102.5), Point(3, 26.5, 102.5)]
    index = GridIndex(points)
    assert sorted(p.id for p in index.within_box(24.9, 101.9, 25.6, 102.6)) == [1, 2]
