"""The public POSTs: a signed-in worker's session cannot be used cross-site (CSRF), and every client is rate
limited (429) on the check-in and problem-report pages and API."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from tests.fixtures import sign_in

from gonghui.venues.models import ProblemReport, Visit

from .factories import make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(world):
    return make_venue(world.wuhua_union, "翠湖驿站")


def _csrf_client(world):
    return sign_in(Client(enforce_csrf_checks=True), world.user("worker"))


def test_api_check_in_needs_csrf_token_with_a_session(world, venue):
    client = _csrf_client(world)
    url = f"/api/v1/stations/{venue.code}/check-in"
    refused = client.post(url, "{}", content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert not Visit.objects.exists()
    page = client.get(reverse("m_venues:check_in", args=[venue.code]))  # sets the CSRF cookie
    token = page.cookies["csrftoken"].value
    counted = client.post(url, "{}", content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert counted.status_code == 201 and Visit.objects.get().user == world.user("worker")


def test_api_problem_report_needs_csrf_token_with_a_session(world, venue):
    client = _csrf_client(world)
    refused = client.post(f"/api/v1/stations/{venue.code}/problems", json.dumps({"category": "charger"}),
                          content_type="application/json")
    assert refused.status_code == 403 and not ProblemReport.objects.exists()


def test_anonymous_api_needs_no_csrf_token(venue):
    client = Client(enforce_csrf_checks=True)
    answer = client.post(f"/api/v1/stations/{venue.code}/check-in",
                         json.dumps({"phone": "13912345678", "occupation": "courier"}),
                         content_type="application/json")
    assert answer.status_code == 201


def test_check_in_page_refuses_a_cross_site_post(world, venue):
    client = _csrf_client(world)
    answer = client.post(reverse("m_venues:check_in", args=[venue.code]), {})
    assert answer.status_code == 403 and not Visit.objects.exists()
    report = client.post(reverse("stations:report", args=[venue.code]), {"category": "charger"})
    assert report.status_code == 403 and not ProblemReport.objects.exists()


def test_api_check_ins_are_rate_limited(settings, venue):
    settings.GONGHUI_VENUES_RATE_LIMITS = {"check_in": (3, 600)}
    client = Client()
    url = f"/api/v1/stations/{venue.code}/check-in"
    codes = [client.post(url, json.dumps({"phone": f"1391234567{i}", "occupation": "courier"}),
                         content_type="application/json").status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert Visit.objects.count() == 3
    other = Client(REMOTE_ADDR="10.1.2.3")  # another device is not affected
    assert other.post(url, json.dumps({"phone": "13912345679", "occupation": "courier"}),
                      content_type="application/json").status_code == 201


def test_pages_are_rate_limited(settings, venue):
    settings.GONGHUI_VENUES_RATE_LIMITS = {"check_in": (1, 600), "problem": (1, 3600)}
    client = Client()
    check_in = reverse("m_venues:check_in", args=[venue.code])
    assert client.post(check_in, {"phone": "13912345678", "occupation": "courier"}).status_code == 200
    limited = client.post(check_in, {"phone": "13912345679", "occupation": "courier"})
    assert limited.status_code == 429 and Visit.objects.count() == 1
    report = reverse("stations:report", args=[venue.code])
    assert client.post(report, {"category": "charger"}).status_code == 302
    assert client.post(report, {"category": "charger"}).status_code == 429
    assert ProblemReport.objects.count() == 1
    answer = client.post(f"/api/v1/stations/{venue.code}/problems", json.dumps({"category": "charger"}),
                         content_type="application/json")
    assert answer.status_code == 429 and answer.json()["code"] == "rate_limited"
