"""A worker who reported a problem at a station is told when the station answers it; an anonymous report has
nobody to tell; operators get the daily count of reports waiting."""

import pytest

from gonghui.core import messaging
from gonghui.core.models import Message
from gonghui.venues import services

from .factories import make_venue

pytestmark = pytest.mark.django_db


def test_the_reporter_hears_the_answer(world):
    worker = world.user("worker")
    venue = make_venue(world.wuhua_union)
    report = services.problem_report(venue=venue, category="no_water", description="饮水机坏了", reporter=worker)
    services.problem_transition(actor=world.user("county_officer"), report=report, transition="acknowledge")
    assert not Message.objects.exists()  # a step without words for the reporter: nothing to say yet
    services.problem_transition(actor=world.user("county_officer"), report=report, transition="resolve",
                                response="已修好")
    told = Message.objects.get(event="venues.problem_answered")
    assert told.recipient == worker and told.context["response"] == "已修好"
    assert told.context["station"] == venue.name and report.tracking_token in told.link
    from django.utils import translation

    with translation.override("en"):
        assert "(Resolved)" in messaging.render(told)[0]


def test_an_anonymous_report_tells_nobody(world):
    report = services.problem_report(venue=make_venue(world.wuhua_union), category="no_water")
    services.problem_transition(actor=world.user("county_officer"), report=report, transition="dismiss",
                                response="重复反映")
    assert not Message.objects.exists()


def test_operators_get_the_open_reports_digest(world):
    services.problem_report(venue=make_venue(world.wuhua_union), category="no_water")
    messaging.send_digests()
    digest = Message.objects.get(recipient=world.user("county_officer"), event="venues.problems_open")
    assert digest.context == {"count": 1}
    assert not Message.objects.filter(recipient=world.user("sibling_officer"), event="venues.problems_open").exists()
