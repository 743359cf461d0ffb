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
