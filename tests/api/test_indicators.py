"""GET /api/v1/indicators and /api/v1/indicators/{code}: definitions, a value, its series, scope and bad input;
every answer checked against the OpenAPI document."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core import indicators as I
from gonghui.members.models import Person
from gonghui.mutual_aid.models import Claim
from gonghui.mutual_aid.tests import factories as ma
from gonghui.venues.models import Visit
from gonghui.venues.tests.factories import make_venue

from .openapi_check import assert_problem

pytestmark = pytest.mark.django_db
WINDOW = {"start": "2024-01-01", "end": "2024-12-31"}


def _visit(venue, day: datetime.date):
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Visit.objects.create(venue=venue, visitor_key=f"k{venue.pk}{day}", visited_at=at)


def test_list_shows_the_figures_the_reader_may_read(world, as_token):
    listed = as_token("county_officer").get("/indicators").json()
    codes = {row["code"] for row in listed}
    assert {"members.members", "mutual_aid.payout_amount", "venues.workers_served"} <= codes
    assert codes == {i.code for i in I.all_indicators()}
    payout = next(row for row in listed if row["code"] == "mutual_aid.payout_amount")
    assert payout["unit"] == "yuan" and payout["aggregation"] == "sum" and payout["kind"] == "flow"
    assert payout["definition"] and payout["label"] and payout["unit_label"]
    assert as_token("staff_no_role").get("/indicators").json() == []
    auditor = {row["code"] for row in as_token("auditor").get("/indicators").json()}
    assert auditor == set()  # the auditor reads the audit log, not business figures


def test_value_and_series_of_a_subtree(world, as_token):
    inside = make_venue(world.wuhua_union)
    outside = make_venue(world.panlong_union, county="530103")
    for day in (datetime.date(2024, 1, 5), datetime.date(2024, 3, 9), datetime.date(2024, 3, 10)):
        _visit(inside, day)
    _visit(outside, datetime.date(2024, 3, 9))
    api = as_token("prefecture_officer")
    body = api.get("/indicators/venues.checkins", {"org": world.kunming.pk, **WINDOW, "by": "child"}).json()
    assert body["value"] == 4 and body["unit"] == "person_times" and body["org"]["id"] == world.kunming.pk
    by_child = {row["org_id"]: row["value"] for row in body["series"]}
    assert by_child[world.wuhua.pk] == 3 and by_child[world.panlong.pk] == 1
    months = api.get("/indicators/venues.checkins", {"org": world.wuhua.pk, **WINDOW, "by": "month"}).json()
    assert [row["key"] for row in months["series"]][:3] == ["2024-01", "2024-02", "2024-03"]
    assert [row["value"] for row in months["series"]][:3] == [1, 0, 2] and len(months["series"]) == 12
    plain = api.get("/indicators/venues.checkins", {**WINDOW}).json()
    assert plain["value"] == 4 and plain["series"] is None and plain["org"] is None
    county = as_token("county_officer").get("/indicators/venues.checkins", WINDOW).json()
    assert county["value"] == 3  # without ?org=, the reader's own part of the tree


def test_money_is_a_decimal_string(world, as_token):
    admin = world.user("province_admin")
    period = ma.make_period(world, number=7)
    person = Person.objects.get(name="李娜")
    enrolment = ma.enrol(person, period)
    paid_at = timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
    Claim.objects.create(org=enrolment.org, period=period, person=person, enrolment=enrolment, benefit_type="x",
                         hospital="h", admission_date=period.coverage_start, discharge_date=period.coverage_start,
                         diagnosis="d", total_cost=1, insurance_paid=0, self_paid=1, state="paid",
                         approved_amount=Decimal("1234.5"), filed_by=admin, paid_at=paid_at)
    body = as_token("county_officer").get("/indicators/mutual_aid.payout_amount",
                                          {"org": world.wuhua.pk, **WINDOW, "by": "year"}).json()
    assert body["value"] == "1234.50" and body["series"] == [
        {"key": "2024", "label": "2024", "value": "1234.50", "org_id": None}]


def test_scope_and_bad_input(world, as_token):
    county = as_token("county_officer")
    assert_problem(county.get("/indicators/members.members", {"org": world.panlong.pk, **WINDOW}), 404, "not_found")
    assert_problem(county.get("/indicators/members.members", {"org": world.province.pk, **WINDOW}), 404,
                   "not_found")
    assert_problem(as_token("auditor").get("/indicators/members.members", {"org": world.wuhua.pk, **WINDOW}), 403,
                   "permission_denied")
    assert_problem(as_token("worker").get("/indicators/members.members", {"org": world.wuhua.pk, **WINDOW}), 404,
                   "not_found")
    assert_problem(county.get("/indicators/members.nothing", WINDOW), 404, "not_found")
    assert_problem(county.get("/indicators/members.members", {"org": 987654321, **WINDOW}), 404, "not_found")
    assert_problem(county.get("/indicators/members.members", {"start": "2024-02-01", "end": "2024-01-01"}), 422,
                   "indicator_window_invalid")
    assert_problem(county.get("/indicators/members.members", {"start": "0001-01-01", "end": "9999-12-31"}), 422,
                   "indicator_window_invalid")
    assert_problem(county.get("/indicators/members.joinings", {"start": "1900-01-01", "end": "2999-12-31",
                                                               "by": "month"}), 422, "indicator_series_too_long")
    assert_problem(county.get("/indicators/members.members", {**WINDOW, "by": "week"}), 422, "validation_failed")
    assert_problem(county.get("/indicators/members.members", {"start": "2024-01-01"}), 422, "validation_failed")
