"""Issue 19, section 5: the venue export (.xlsx) holds no formula whatever the venues, their addresses and their
unions are called (names written straight to the rows, as older data may hold them)."""

import pytest
from django.urls import reverse
from tests.inert import HOSTILE, assert_xlsx_inert

from .factories import make_venue

pytestmark = pytest.mark.django_db


def test_the_venue_export_is_inert(login, world):
    type(world.wuhua_union).objects.filter(pk=world.wuhua_union.pk).update(name=HOSTILE[1])
    world.wuhua_union.refresh_from_db()
    for number, name in enumerate(HOSTILE):
        make_venue(world.wuhua_union, name, address=HOSTILE[0], contact_phone="=1+1", lat=25.04 + number / 100)
    client = login(world.user("county_officer"))
    export = client.get(reverse("venues:venue_export"))
    assert export.status_code == 200
    rows = assert_xlsx_inert(export.content, *HOSTILE)
    assert len(rows) == 1 + len(HOSTILE)
