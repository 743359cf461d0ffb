"""Coordinates convert exactly at the edges: known points and round trips under a metre."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.venues import coords

# (WGS-84 lat, lng, GCJ-02 lat, lng) published with eviltransform, the reference implementation.
KNOWN_WGS_GCJ = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]

china_lat = st.floats(min_value=18.0, max_value=53.0)
china_lng = st.floats(min_value=73.5, max_value=134.5)


@pytest.mark.parametrize(("wgs_lat", "wgs_lng", "gcj_lat", "gcj_lng"), KNOWN_WGS_GCJ)
def test_known_points(wgs_lat, wgs_lng, gcj_lat, gcj_lng):
    lat, lng = coords.wgs84_to_gcj02(wgs_lat, wgs_lng)
    assert lat == pytest.approx(gcj_lat, abs=1e-9) and lng == pytest.approx(gcj_lng, abs=1e-9)
    back = coords.gcj02_to_wgs84(gcj_lat, gcj_lng)
    assert coords.haversine_m(*back, wgs_lat, wgs_lng) < 0.01


def test_known_gcj_to_bd_and_back():
    # GCJ-02 (45, 123) is BD-09 (45.00636899, 123.00636499) and WGS-84 (44.99804071, 122.99395597).
    assert coords.gcj02_to_bd09(45.0, 123.0) == pytest.approx((45.00636899, 123.00636499), abs=1e-7)
    assert coords.gcj02_to_wgs84(45.0, 123.0) == pytest.approx((44.99804071, 122.99395597), abs=1e-6)
    assert coords.bd09_to_gcj02(45.00636899, 123.00636499) == pytest.approx((45.0, 123.0), abs=1e-7)


def test_outside_china_nothing_moves():
    assert coords.wgs84_to_gcj02(48.8584, 2.2945) == (48.8584, 2.2945)
    assert coords.gcj02_to_wgs84(-33.86, 151.21) == (-33.86, 151.21)


@settings(max_examples=300, deadline=None)
@given(china_lat, china_lng)
def test_round_trips_stay_under_a_metre(lat, lng):
    for system in (coords.GCJ02, coords.BD09):
        shown = coords.from_wgs84(lat, lng, system)
        back = coords.to_wgs84(*shown, system)
        assert coords.haversine_m(lat, lng, *back) < 1.0
        assert coords.haversine_m(*coords.from_wgs84(*back, system), *shown) < 1.0


def test_kunming_offset_is_a_few_hundred_metres():
    gcj = coords.wgs84_to_gcj02(25.04, 102.71)
    assert 200 < coords.haversine_m(25.04, 102.71, *gcj) < 700


def test_haversine_known_distance():
    # Kunming (25.04, 102.71) to Beijing (39.9042, 116.4074): about 2,090 km.
    assert coords.haversine_m(25.04, 102.71, 39.9042, 116.4074) == pytest.approx(2_090_000, rel=0.01)
