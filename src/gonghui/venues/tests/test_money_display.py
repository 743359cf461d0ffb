"""Venue funding on the money kit: amounts parsed strictly (core.money.parse_amount) and shown as yuan."""

from decimal import Decimal

import pytest

from gonghui.core.money import AmountInvalid


@pytest.mark.django_db
def test_venue_funding_is_parsed_strictly_and_shown_as_yuan(client, login, world):
    from django.urls import reverse

    from gonghui.venues import services
    from gonghui.venues.models import FundingProject
    from gonghui.venues.tests.factories import make_venue

    venue = make_venue(world.wuhua_union)
    officer = world.user("county_officer")
    with pytest.raises(AmountInvalid):
        services.funding_add(actor=officer, venue=venue, title="x", year=2024, amount="12.345")
    with pytest.raises(AmountInvalid):
        services.funding_add(actor=officer, venue=venue, title="x", year=2024, amount="-1")
    login(officer)
    url = reverse("venues:venue_funding_add", args=[venue.pk])
    client.post(url, {"title": "坏", "year": "2024", "amount": "1.2.3"})
    assert not FundingProject.objects.exists()
    client.post(url, {"title": "驿站新建", "year": "2024", "amount": "1,234,567.5"})
    assert FundingProject.objects.get().amount == Decimal("1234567.50")
    page = client.get(reverse("venues:venue_detail", args=[venue.pk])).content.decode()
    assert "1,234,567.50" in page
    stats = client.get(reverse("venues:visit_stats")).content.decode()
    assert "¥1,234,567.50" in stats
