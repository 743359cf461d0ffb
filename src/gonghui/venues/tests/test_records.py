"""Staff forms for honours, funding projects (Decimal amounts) and changing or removing closures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEvent
from gonghui.venues import services
from gonghui.venues.models import FundingProject, VenueClosure, VenueHonour

from .factories import make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(world):
    return make_venue(world.wuhua_union, "翠湖驿站")


def test_honour_and_funding_forms(client, login, world, venue):
    login(world.user("county_officer"))
    detail = reverse("venues:venue_detail", args=[venue.pk])
    page = client.get(detail).content.decode()
    assert reverse("venues:venue_honour_add", args=[venue.pk]) in page
    client.post(reverse("venues:venue_honour_add", args=[venue.pk]),
                {"title": "最美工会户外劳动者服务站点", "year": "2025", "awarded_by": "云南省总工会"})
    honour = VenueHonour.objects.get()
    assert (honour.title, honour.year) == ("最美工会户外劳动者服务站点", 2025)
    client.post(reverse("venues:venue_funding_add", args=[venue.pk]),
                {"title": "驿站提升改造", "year": "2024", "amount": "123456.78", "floor_area": "45.5"})
    project = FundingProject.objects.get()
    assert project.amount == Decimal("123456.78") and project.floor_area == Decimal("45.50")
    client.post(reverse("venues:venue_funding_add", args=[venue.pk]),
                {"title": "负数", "year": "2024", "amount": "-1"})
    client.post(reverse("venues:venue_honour_add", args=[venue.pk]), {"title": "太早", "year": "1900"})
    assert FundingProject.objects.count() == 1 and VenueHonour.objects.count() == 1
    page = client.get(detail).content.decode()
    assert "最美工会户外劳动者服务站点" in page and "123,456.78" in page  # the |yuan_plain display
    client.post(reverse("venues:venue_funding_remove", args=[venue.pk, project.pk]))
    client.post(reverse("venues:venue_honour_remove", args=[venue.pk, honour.pk]))
    assert not FundingProject.objects.exists() and not VenueHonour.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"venues.honour_add", "venues.funding_add", "venues.honour_remove", "venues.funding_remove"} <= actions


def test_closures_are_changed_and_removed(client, login, world, venue):
    closure = services.closure_add(actor=world.user("county_officer"), venue=venue,
                                   start_date=datetime.date(2026, 2, 16), end_date=datetime.date(2026, 2, 18))
    login(world.user("county_officer"))
    url = reverse("venues:venue_closure_edit", args=[venue.pk, closure.pk])
    assert client.get(url).status_code == 200
    backwards = client.post(url, {"start_date": "2026-02-20", "end_date": "2026-02-19"})
    assert backwards.status_code == 200
    client.post(url, {"start_date": "2026-02-15", "end_date": "2026-02-21", "reason": "春节"})
    closure.refresh_from_db()
    assert (closure.start_date, closure.end_date, closure.reason) == (datetime.date(2026, 2, 15),
                                                                     datetime.date(2026, 2, 21), "春节")
    client.post(reverse("venues:venue_closure_remove", args=[venue.pk, closure.pk]))
    assert not VenueClosure.objects.exists()


def test_out_of_scope_and_permission(client, login, world, venue):
    closure = services.closure_add(actor=world.user("county_officer"), venue=venue,
                                   start_date=datetime.date(2026, 2, 16), end_date=datetime.date(2026, 2, 18))
    login(world.user("sibling_officer"))
    assert client.post(reverse("venues:venue_closure_remove", args=[venue.pk, closure.pk])).status_code == 404
    assert client.post(reverse("venues:venue_funding_add", args=[venue.pk]),
                       {"title": "x", "year": "2024", "amount": "1"}).status_code == 404
    assert VenueClosure.objects.exists() and not FundingProject.objects.exists()
