"""The reads the pages use (selectors, not the views): the review deadline as a period setting, the threshold
warning from the service's own rule, trends without "None", the dashboard's figures."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.mutual_aid import selectors, services
from gonghui.mutual_aid.models import Claim, Period

from . import factories

pytestmark = pytest.mark.django_db


def _age(claim, days):
    Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=days, hours=1))


def test_the_review_deadline_is_the_periods(world, covered, period):
    officer = world.user("county_officer")
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    _age(claim, 10)
    assert period.review_days == 15
    assert not selectors.claim_queue(officer, overdue=True).exists()
    assert selectors.dashboard(officer, period)["overdue"] == 0
    services.period_update(actor=world.user("province_admin"), period=period, review_days=7)
    rows = selectors.with_age(selectors.claim_queue(officer))
    assert [(r.age_days, r.review_days, r.overdue) for r in rows] == [(10, 7, True)]
    assert list(selectors.claim_queue(officer, overdue=True)) == [claim]
    assert selectors.dashboard(officer, period)["overdue"] == 1
    _age(claim, 7)  # exactly seven whole days: not yet past the deadline
    assert not selectors.with_age(selectors.claim_queue(officer))[0].overdue
    assert not selectors.claim_queue(officer, overdue=True).exists()


def test_review_days_are_checked(world, period):
    from gonghui.mutual_aid.errors import PeriodDatesInvalid

    with pytest.raises(PeriodDatesInvalid):
        services.period_update(actor=world.user("province_admin"), period=period, review_days=0)
    assert Period.objects.get(pk=period.pk).review_days == 15


def test_threshold_warning_is_the_services_rule(world, period):
    for staff, participants in ((8, 7), (8, 8), (100, 59), (100, 60), (0, 0)):
        assert selectors.threshold_warning(period, staff=staff, participants=participants) == \
            services.threshold_warning(period, staff=staff, participants=participants)
    assert selectors.threshold_warning(period, staff=100, participants=59)
    assert not selectors.threshold_warning(period, staff=100, participants=60)


def test_trends_read_zero_money_for_periods_without_data(world, covered, period):
    factories.make_period(world, number=21, status=Period.Status.SETTLED,
                          **factories.period_dates(period.coverage_start.replace(year=period.coverage_start.year - 1)))
    trend = selectors.trends(world.user("county_officer"))
    money = {s["code"]: s["data"] for s in trend["series"]}
    assert money["paid"] == ["0.00", "0.00"] and money["contributions"][0] == "0.00"
    assert all(Decimal(v) >= 0 for v in money["contributions"])
    assert "None" not in str(trend)


def test_statement_totals_and_tabs(world, covered, period):
    officer = world.user("county_officer")
    totals = selectors.statement_totals(selectors.statement_list(officer, period_id=period.pk))
    assert totals["count"] >= 1 and totals["due"] == Decimal("240.00")
    tabs = {t["code"]: t["count"] for t in selectors.statement_tabs(officer, period.pk)}
    assert sum(tabs.values()) == totals["count"]


def test_steps_not_stored_are_recomputed_in_approval_order(world, period, covered, staff):
    """History loaded in bulk has no stored steps: the page and the API recompute them from the plan version and
    what the person's claims approved before had used, and say so."""
    from tests.api.openapi_check import session_client

    li = covered["李娜"]
    claims = []
    for cost in ("90000.00", "40000.00", "40000.00"):  # inpatient: the cap per period (60,000) binds on the third
        claim = factories.file_claim(staff["filer"], li, self_paid=Decimal(cost), total_cost=Decimal(cost) * 2,
                                     insurance_paid=Decimal(cost))
        services.claim_start_review(actor=staff["reviewer"], claim=claim)
        services.claim_approve(actor=staff["reviewer"], claim=claim)
        if claim.state == Claim.State.AWAITING_SECOND:
            services.claim_approve_second(actor=staff["senior"], claim=claim)
        claims.append(claim)
    stored = [selectors.claim_calculation(claim)[0] for claim in claims]
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(calculation={})
    for claim, before in zip(claims, stored, strict=True):
        claim.refresh_from_db()
        calculation, recomputed = selectors.claim_calculation(claim)
        assert recomputed and calculation.to_data() == before.to_data()
    assert [selectors.claim_calculation(c)[0].amount for c in claims] == [Decimal("30000.00"), Decimal("23650.00"),
                                                                         Decimal("6350.00")]
    reviewer = session_client(staff["reviewer"])
    data = reviewer.client.get(f"/api/v1/mutual-aid/claims/{claims[2].pk}").json()
    assert data["steps_recomputed"] is True and data["remaining_before"] == "6350.00"
    assert [s["code"] for s in data["steps"]][-1] == "rounding"
    page = reviewer.client.get(f"/staff/mutual-aid/claims/{claims[2].pk}/")
    assert page.status_code == 200 and b'data-testid="steps-recomputed"' in page.content
    draft = factories.file_claim(staff["filer"], covered["张伟"])
    Claim.objects.filter(pk=draft.pk).update(calculation={})
    draft.refresh_from_db()
    assert selectors.claim_calculation(draft) == (None, False)  # nothing charged yet: nothing to recompute
