"""Two scans of the same QR code at the same moment count one visit (threads, real transactions)."""

import pytest
from django.utils import timezone
from tests.test_concurrency import race

from gonghui.core.models import User
from gonghui.venues import services
from gonghui.venues.models import StationVisitor, Visit

from .factories import make_venue

pytestmark = pytest.mark.django_db(transaction=True)
REPETITIONS = 5


def test_simultaneous_check_ins_count_once(world):
    venue = make_venue(world.wuhua_union)
    for repetition in range(REPETITIONS):
        at = timezone.now() + timezone.timedelta(hours=3 * repetition)

        def scan(at=at):
            return services.visit_check_in(venue=venue, user=User.objects.get(username="worker"), at=at)

        results = race(scan, scan, scan)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert sum(1 for r in results if r.counted) == 1
    assert Visit.objects.filter(venue=venue).count() == REPETITIONS


def test_simultaneous_first_visits_by_phone_register_once(world):
    venue = make_venue(world.wuhua_union)

    def scan():
        return services.visit_check_in(venue=venue, phone="13712345678", occupation="courier")

    results = race(scan, scan)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for r in results if r.counted) == 1
    assert StationVisitor.objects.count() == 1
