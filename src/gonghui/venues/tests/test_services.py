"""The registry and check-in services: numbering, scope, approval, check-in dedupe, reports, ratings."""

import datetime

import pytest
from django.utils import timezone

from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gonghui.venues import coords, search, services
from gonghui.venues.errors import AlreadyRated, CheckInNeedsIdentity, VisitNotYours
from gonghui.venues.models import ProblemReport, StationVisitor, Venue, Visit

from .factories import make_venue

pytestmark = pytest.mark.django_db


def create(world, actor="county_officer", org=None, **kwargs):
    kwargs.setdefault("lat", 25.05)
    kwargs.setdefault("lng", 102.70)
    return services.venue_create(actor=world.user(actor), org=org or world.wuhua_union2, name="新驿站", **kwargs)


def test_create_numbers_by_county_and_waits_for_approval(world):
    first = create(world)
    second = create(world, org=world.wuhua)
    assert first.code == "5301020001" and second.code == "5301020002"
    assert first.approval == Venue.Approval.PENDING
    assert search.nearest(25.05, 102.70) == []  # not public before approval
    services.venue_approve(actor=world.user("county_officer"), venue=first)
    assert [n.venue.code for n in search.nearest(25.05, 102.70)] == ["5301020001"]
    with pytest.raises(InvalidTransition):
        services.venue_approve(actor=world.user("county_officer"), venue=first)


def test_create_converts_coordinates_entered_in_gcj02(world):
    gcj = coords.wgs84_to_gcj02(25.05, 102.70)
    venue = create(world, lat=gcj[0], lng=gcj[1], system=coords.GCJ02)
    assert coords.haversine_m(venue.lat, venue.lng, 25.05, 102.70) < 0.01


def test_scope_and_permissions(world):
    with pytest.raises(NotFound):
        create(world, actor="sibling_officer")  # Wuhua is outside Panlong's subtree
    with pytest.raises(NotFound):
        create(world, actor="staff_no_role")
    venue = create(world, actor="grassroots_officer", org=world.wuhua_union)  # member officer may create
    with pytest.raises(PermissionDenied):
        services.venue_approve(actor=world.user("grassroots_officer"), venue=venue)  # but not approve
    with pytest.raises(PermissionDenied):
        services.venue_update(actor=world.user("grassroots_officer"), venue=venue, star_level=5)
    services.venue_update(actor=world.user("county_officer"), venue=venue, star_level=4, name="改名驿站")
    venue.refresh_from_db()
    assert venue.star_level == 4 and venue.name_pinyin.startswith("gaiming")


def test_invalid_coordinates_and_hours(world):
    with pytest.raises(ValidationFailed):
        create(world, lat=95, lng=102)
    with pytest.raises(ValidationFailed):
        create(world, weekly_hours=[[["08:00", "25:00"]]] * 7)


def test_reject_needs_a_comment_and_can_be_resubmitted(world):
    venue = create(world)
    officer = world.user("county_officer")
    with pytest.raises(ValidationFailed):
        services.venue_reject(actor=officer, venue=venue, comment="")
    services.venue_reject(actor=officer, venue=venue, comment="坐标不对")
    services.venue_resubmit(actor=officer, venue=venue)
    assert venue.approval == Venue.Approval.PENDING


def test_check_in_counts_once_per_two_hours(world):
    venue = make_venue(world.wuhua_union)
    worker = world.user("worker")
    now = timezone.now()
    assert services.visit_check_in(venue=venue, user=worker, at=now).counted
    assert not services.visit_check_in(venue=venue, user=worker, at=now + datetime.timedelta(minutes=119)).counted
    assert services.visit_check_in(venue=venue, user=worker, at=now + datetime.timedelta(minutes=121)).counted
    other = make_venue(world.wuhua_union, lat=25.05)
    assert services.visit_check_in(venue=other, user=worker, at=now).counted  # another station counts
    assert Visit.objects.filter(user=worker).count() == 3


def test_light_registration_by_phone(world):
    venue = make_venue(world.wuhua_union)
    with pytest.raises(CheckInNeedsIdentity):
        services.visit_check_in(venue=venue)
    with pytest.raises(ValidationFailed):
        services.visit_check_in(venue=venue, phone="13912345678", occupation="astronaut")
    first = services.visit_check_in(venue=venue, phone="139 1234 5678", occupation="courier")
    again = services.visit_check_in(venue=venue, phone="+86 13912345678", occupation="courier")
    assert first.counted and not again.counted
    assert StationVisitor.objects.count() == 1
    visitor = StationVisitor.objects.get()
    assert visitor.phone == "13912345678" and visitor.phone_masked == "139****5678"
    assert first.visit.occupation == "courier"


def test_unapproved_station_takes_no_visits_or_reports(world):
    venue = make_venue(world.wuhua_union, approval=Venue.Approval.PENDING)
    with pytest.raises(NotFound):
        services.visit_check_in(venue=venue, user=world.user("worker"))
    with pytest.raises(NotFound):
        services.problem_report(venue=venue, category="no_water")


def test_problem_report_workflow_reaches_the_reporter(world):
    venue = make_venue(world.wuhua_union)
    report = services.problem_report(venue=venue, category="no_water", description="饮水机坏了")
    assert report.state == ProblemReport.State.SUBMITTED and len(report.tracking_token) >= 20
    with pytest.raises(NotFound):
        services.problem_transition(actor=world.user("sibling_officer"), report=report, transition="resolve")
    services.problem_transition(actor=world.user("county_officer"), report=report, transition="resolve",
                                response="已修好")
    report.refresh_from_db()
    assert report.state == ProblemReport.State.RESOLVED and report.response == "已修好"


def test_rating_only_by_the_visitor_and_once(world):
    venue = make_venue(world.wuhua_union)
    check = services.visit_check_in(venue=venue, user=world.user("worker"))
    with pytest.raises(VisitNotYours):
        services.rating_submit(visit=check.visit, stars=5)
    services.rating_submit(visit=check.visit, stars=5, user=world.user("worker"))
    with pytest.raises(AlreadyRated):
        services.rating_submit(visit=check.visit, stars=4, user=world.user("worker"))
    anonymous = services.visit_check_in(venue=venue, phone="13812345678", occupation="rider")
    services.rating_submit(visit=anonymous.visit, stars=3, visit_ids=[anonymous.visit.pk])


def test_daily_counts_replace_and_need_the_operator(world):
    venue = make_venue(world.wuhua_union)
    day = timezone.localdate() - datetime.timedelta(days=1)
    services.daily_count_record(actor=world.user("county_officer"), venue=venue, day=day, count=30)
    row = services.daily_count_record(actor=world.user("county_officer"), venue=venue, day=day, count=35)
    assert row.count == 35 and venue.daily_counts.count() == 1
    with pytest.raises(NotFound):
        services.daily_count_record(actor=world.user("sibling_officer"), venue=venue, day=day, count=3)


def test_a_status_change_is_a_workflow_step_with_history(world, client):
    """Opening and closing a venue go through STATUS_FLOW (gate, history, audit), whether the form or the API
    sends the status; a stale second change of the same kind is refused, never written twice."""
    from tests.fixtures import sign_in

    from gonghui.core.models import AuditEvent, WorkflowLog
    from gonghui.venues.workflows import APPROVAL_FLOW

    venue = make_venue(world.wuhua)
    officer = world.user("county_officer")
    stale = Venue.objects.get(pk=venue.pk)
    services.venue_update(actor=officer, venue=venue, status=Venue.Status.TEMPORARILY_CLOSED, name="修缮中驿站")
    venue.refresh_from_db()
    assert venue.status == Venue.Status.TEMPORARILY_CLOSED and venue.name == "修缮中驿站"
    step = WorkflowLog.objects.get(workflow="venue_status", object_id=str(venue.pk))
    assert (step.transition, step.from_state, step.to_state, step.actor) == (
        "suspend", "open", "temporarily_closed", officer)
    assert AuditEvent.objects.filter(action="venues.status_suspend", object_id=str(venue.pk)).count() == 1
    with pytest.raises(InvalidTransition):  # the same change sent again from a stale page
        services.venue_update(actor=officer, venue=stale, status=Venue.Status.TEMPORARILY_CLOSED)
    assert WorkflowLog.objects.filter(workflow="venue_status", object_id=str(venue.pk)).count() == 1
    services.venue_update(actor=officer, venue=venue, status=Venue.Status.TEMPORARILY_CLOSED)  # unchanged: no step
    services.venue_update(actor=officer, venue=venue, status=Venue.Status.OPEN)
    assert [log.transition for log in APPROVAL_FLOW.history(venue).filter(workflow="venue_status")
            .order_by("id")] == ["suspend", "reopen"]
    with pytest.raises(ValidationFailed):
        services.venue_update(actor=officer, venue=venue, status="demolished")
    with pytest.raises(NotFound):  # another county's officer: the venue is out of sight
        services.venue_update(actor=world.user("sibling_officer"), venue=venue, status=Venue.Status.CLOSED)
    sign_in(client, world.user("province_admin"))
    answer = client.patch(f"/api/v1/venues/{venue.pk}", {"status": "closed"}, content_type="application/json")
    assert answer.status_code == 200 and Venue.objects.get(pk=venue.pk).status == Venue.Status.CLOSED
    history = client.get(f"/api/v1/venues/{venue.pk}/history").json()
    assert [h["transition"] for h in history if h["transition"] in ("suspend", "reopen", "close")] == [
        "suspend", "reopen", "close"]
