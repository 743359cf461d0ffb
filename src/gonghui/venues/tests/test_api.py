"""The station API: nearest with filters and coordinate systems, box, GeoJSON, detail, check-in, problems; the
staff registry endpoints with scope and RFC 7807 problems."""

import json

import pytest
from tests.fixtures import sign_in

from gonghui.venues import coords
from gonghui.venues.models import Venue

from .factories import make_venue

pytestmark = pytest.mark.django_db

NIGHT_ONLY = [[["20:00", "06:00"]]] * 7


@pytest.fixture
def stations(world):
    near = make_venue(world.wuhua_union, "近站", lat=25.0400, lng=102.7100, amenities=("water", "aed"))
    middle = make_venue(world.wuhua_union, "中站", lat=25.0450, lng=102.7100, open_24h=False,
                        weekly_hours=NIGHT_ONLY, amenities=("water",))
    far = make_venue(world.panlong_union, "远站", lat=25.0600, lng=102.7100, county="530103",
                     kind=Venue.Kind.SERVICE_CENTRE)
    make_venue(world.wuhua_union, "未批", lat=25.0401, lng=102.7101, approval="pending")
    return near, middle, far


def test_nearest_orders_by_distance_and_filters(client, stations):
    near, middle, far = stations
    rows = client.get("/api/v1/stations/nearest", {"lat": 25.0399, "lng": 102.71, "n": 5}).json()
    assert [r["code"] for r in rows] == [near.code, middle.code, far.code]  # the pending one is not public
    assert rows[0]["distance_m"] < rows[1]["distance_m"] < rows[2]["distance_m"]
    assert rows[1]["distance_m"] == pytest.approx(567.1, abs=1.0)
    only_aed = client.get("/api/v1/stations/nearest", {"lat": 25.04, "lng": 102.71, "amenity": "aed"}).json()
    assert [r["code"] for r in only_aed] == [near.code]
    centres = client.get("/api/v1/stations/nearest", {"lat": 25.04, "lng": 102.71, "kind": "service_centre"}).json()
    assert [r["code"] for r in centres] == [far.code]
    within = client.get("/api/v1/stations/nearest", {"lat": 25.04, "lng": 102.71, "radius_m": 600}).json()
    assert len(within) == 2


def test_nearest_in_gcj02(client, stations):
    near = stations[0]
    gcj = coords.wgs84_to_gcj02(near.lat, near.lng)
    rows = client.get("/api/v1/stations/nearest", {"lat": gcj[0], "lng": gcj[1], "system": "gcj02"}).json()
    assert rows[0]["code"] == near.code and rows[0]["distance_m"] < 0.5
    assert rows[0]["lat"] == pytest.approx(gcj[0], abs=1e-7)


def test_box_geojson_detail(client, stations):
    near = stations[0]
    box = client.get("/api/v1/stations/bbox", {"south": 25.039, "west": 102.70, "north": 25.046,
                                                "east": 102.72}).json()
    assert sorted(m["code"] for m in box) == sorted([near.code, stations[1].code])
    geo = client.get("/api/v1/stations/geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3
    feature = next(f for f in geo["features"] if f["properties"]["code"] == near.code)
    assert feature["geometry"]["coordinates"] == [near.lng, near.lat]
    detail = client.get(f"/api/v1/stations/{near.code}", {"system": "bd09"}).json()
    assert detail["navigation"]["baidu"].startswith("baidumap://")
    assert coords.haversine_m(*coords.bd09_to_wgs84(detail["lat"], detail["lng"]), near.lat, near.lng) < 0.01
    missing = client.get("/api/v1/stations/9999999999")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/problem+json")


def test_check_in_and_problem_report(client, stations, world):
    near = stations[0]
    url = f"/api/v1/stations/{near.code}/check-in"
    first = client.post(url, {"phone": "13912345678", "occupation": "courier"}, content_type="application/json")
    again = client.post(url, {"phone": "13912345678", "occupation": "courier"}, content_type="application/json")
    assert first.status_code == 201 and first.json()["counted"]
    assert again.status_code == 200 and not again.json()["counted"]
    nobody = client.post(url, {}, content_type="application/json")
    assert nobody.status_code == 422 and nobody.json()["code"] == "checkin_identity_missing"
    sign_in(client, world.user("worker"))
    assert client.post(url, {}, content_type="application/json").status_code == 201
    report = client.post(f"/api/v1/stations/{near.code}/problems", {"category": "charger"},
                         content_type="application/json").json()
    status = client.get(f"/api/v1/station-problems/{report['tracking_token']}").json()
    assert status["state"] == "submitted"


def test_staff_registry_scope(client, stations, world):
    near, _middle, far = stations
    sign_in(client, world.user("county_officer"))
    listed = client.get("/api/v1/venues").json()["items"]
    codes = {v["code"] for v in listed}
    assert near.code in codes and far.code not in codes
    assert client.get(f"/api/v1/venues/{far.pk}").status_code == 404
    created = client.post("/api/v1/venues", json.dumps({"org_id": world.wuhua_union.pk, "name": "接口驿站",
                                                        "lat": 25.03, "lng": 102.70, "amenities": ["wifi"]}),
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["approval"] == "pending"
    venue_id = created.json()["id"]
    approved = client.post(f"/api/v1/venues/{venue_id}/approve", {}, content_type="application/json")
    assert approved.json()["approval"] == "approved"
    again = client.post(f"/api/v1/venues/{venue_id}/approve", {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    bad = client.patch(f"/api/v1/venues/{venue_id}", {"lat": 95, "lng": 1}, content_type="application/json")
    assert bad.status_code == 422
