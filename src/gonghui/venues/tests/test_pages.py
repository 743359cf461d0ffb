"""The station finder and station pages, check-in by QR, problem reports; staff pages and their scope."""

import pytest
from django.urls import reverse

from gonghui.venues import services
from gonghui.venues.models import ProblemReport, Rating, Venue, Visit

from .factories import make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(world):
    return make_venue(world.wuhua_union, "翠湖驿站", lat=25.045, lng=102.705, amenities=("water", "charging"))


def test_finder_lists_nearest_with_distance(client, world, venue):
    make_venue(world.panlong_union, "盘龙驿站", lat=25.10, lng=102.75, county="530103")
    page = client.get(reverse("stations:map"), {"lat": "25.0449", "lng": "102.705"})
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("翠湖驿站") < text.index("盘龙驿站")
    assert "10 m" in text  # the distance to the first one
    by_district = client.get(reverse("m_venues:map"), {"district": "530102"}).content.decode()
    assert "翠湖驿站" in by_district
    empty = client.get(reverse("m_venues:map")).content.decode()
    assert "翠湖驿站" not in empty and "vendor/leaflet/leaflet.js" in empty


def test_station_page_and_navigation_links(client, venue):
    text = client.get(reverse("stations:detail", args=[venue.code])).content.decode()
    assert "uri.amap.com/marker" in text and "baidumap://map/direction" in text
    assert "饮用水" in text or "Drinking water" in text
    assert client.get(reverse("stations:detail", args=["0000000000"])).status_code == 404


def test_check_in_by_phone_then_rate(client, venue):
    url = reverse("m_venues:check_in", args=[venue.code])
    assert client.get(url).status_code == 200
    page = client.post(url, {"phone": "13912345678", "occupation": "courier"})
    assert page.status_code == 200 and 'data-testid="check-in-result"' in page.content.decode()
    visit = Visit.objects.get()
    response = client.post(reverse("m_venues:rate", args=[visit.pk]), {"stars": "4", "comment": "好"})
    assert response.status_code == 302 and Rating.objects.get().stars == 4
    second = client.post(url, {"phone": "13912345678", "occupation": "courier"})
    assert Visit.objects.count() == 1 and "data-testid=\"check-in-result\"" in second.content.decode()


def test_problem_report_then_status_page(client, venue, world):
    response = client.post(reverse("stations:report", args=[venue.code]), {"category": "no_water"})
    report = ProblemReport.objects.get()
    assert response.status_code == 302 and report.tracking_token in response["Location"]
    services.problem_transition(actor=world.user("county_officer"), report=report, transition="resolve",
                                response="已修好")
    status = client.get(response["Location"]).content.decode()
    assert "已修好" in status


def test_staff_pages_in_scope(login, world, venue):
    outside = make_venue(world.panlong_union, "盘龙外站", lat=25.10, lng=102.75, county="530103")
    client = login(world.user("county_officer"))
    listing = client.get(reverse("venues:venue_list")).content.decode()
    assert "翠湖驿站" in listing and "盘龙外站" not in listing
    assert client.get(reverse("venues:venue_detail", args=[outside.pk])).status_code == 404
    detail = client.get(reverse("venues:venue_detail", args=[venue.pk])).content.decode()
    assert "<svg" in detail  # the check-in QR code
    for name in ("venue_map", "visit_stats", "coverage", "approval_queue", "problem_queue", "venue_create"):
        assert client.get(reverse(f"venues:{name}")).status_code == 200, name
    export = client.get(reverse("venues:venue_export"))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    markers = client.get(reverse("venues:venue_map_data"), {"south": 24, "west": 101, "north": 26,
                                                            "east": 104}).json()
    assert [m["code"] for m in markers] == [venue.code]


def test_staff_create_edit_approve(login, world):
    client = login(world.user("county_officer"))
    data = {"org": world.wuhua_union.pk, "name": "表单驿站", "kind": "station", "system": "wgs84", "lat": "25.03",
            "lng": "102.70", "operation": "union_built", "status": "open", "amenities": ["water", "wifi"],
            "hours_0": "08:00-12:00, 14:00-18:00", "hours_5": "20:00-02:00"}
    response = client.post(reverse("venues:venue_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    venue = Venue.objects.get(name="表单驿站")
    assert venue.weekly_hours[0] == [["08:00", "12:00"], ["14:00", "18:00"]]
    assert venue.weekly_hours[5] == [["20:00", "02:00"]] and venue.amenities == ["water", "wifi"]
    bad = client.post(reverse("venues:venue_create"), {**data, "hours_1": "8 to 12"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    assert Venue.objects.filter(name="表单驿站").count() == 1
    client.post(reverse("venues:venue_approve", args=[venue.pk]))
    venue.refresh_from_db()
    assert venue.approval == "approved"
    edit = client.post(reverse("venues:venue_edit", args=[venue.pk]), {**data, "name": "改名表单驿站"})
    assert edit.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "改名表单驿站" and venue.code.startswith("530102")
