"""Enrolment rules: eligibility edge cases, the threshold warning, late enrolment, statements and payments."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.money import AmountInvalid
from gonghui.members.tests.factories import make_person, make_unit
from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import LateReasonRequired, NotEligible, PaymentDuplicate, SeparationOfDuties
from gonghui.mutual_aid.models import ContributionStatement, Enrolment, Period

from . import factories

pytestmark = pytest.mark.django_db


def _period(world, **settings):
    today = timezone.localdate()
    start = today + datetime.timedelta(days=30)  # enrolment still open
    dates = {"coverage_start": start, "coverage_end": start + datetime.timedelta(days=364),
             "enrolment_opens": today - datetime.timedelta(days=30),
             "enrolment_deadline": today + datetime.timedelta(days=10),
             "claim_deadline": start + datetime.timedelta(days=454)}
    return factories.make_period(world, **{**dates, **settings})


def _eligibility(period, birth, status="active", insurance=True, before=False):
    return services.eligibility(period, birth_date=birth, membership_status=status, basic_insurance=insurance,
                                enrolled_before=before)


def test_age_is_taken_at_the_start_of_cover(world):
    period = _period(world)
    start = period.coverage_start
    turns_55_mid_year = start.replace(year=start.year - 55) + datetime.timedelta(days=100)
    assert _eligibility(period, turns_55_mid_year) == []  # 54 at the start: a new joiner may join
    exactly_55 = start.replace(year=start.year - 55)
    assert _eligibility(period, exactly_55) == ["too_old"]
    assert _eligibility(period, exactly_55, before=True) == []  # continuous cover
    sixteen_tomorrow = start.replace(year=start.year - 16) + datetime.timedelta(days=1)
    assert _eligibility(period, sixteen_tomorrow) == ["too_young"]
    assert _eligibility(period, start.replace(year=start.year - 16)) == []


def test_retirees_and_the_uninsured(world):
    period = _period(world)
    birth = datetime.date(1990, 1, 1)
    assert _eligibility(period, birth, status="retired") == ["retired"]
    assert _eligibility(period, birth, status="retired", before=True) == []
    assert _eligibility(period, birth, status="lapsed") == ["not_in_service"]
    assert _eligibility(period, birth, insurance=False) == ["no_basic_insurance"]
    period.require_basic_insurance = False
    assert _eligibility(period, birth, insurance=False) == []


def test_roster_enrolment_lists_the_refused_with_reasons_and_warns_about_the_threshold(world):
    period = _period(world)
    unit = make_unit(world.wuhua_union, "五华花名册测试公司", staff_count=8)
    start = period.coverage_start
    ok = [make_person(world.wuhua_union, f"员工{i}", unit=unit) for i in range(3)]
    old = make_person(world.wuhua_union, "老员工", unit=unit, birth=start.replace(year=start.year - 58))
    officer = world.user("grassroots_officer")
    result = services.enrolment_enrol_roster(actor=officer, period=period, unit=unit,
                                             without_insurance={ok[2].pk})
    assert {e.person_id for e in result.enrolled} == {ok[0].pk, ok[1].pk}
    refused = {r.person_id: r.reasons for r in result.refused}
    assert refused == {ok[2].pk: ["no_basic_insurance"], old.pk: ["too_old"]}
    assert result.warnings and result.participants == 2  # 8 staff or fewer: everyone should join
    statement = ContributionStatement.objects.get(period=period, unit=unit)
    assert (statement.headcount, statement.amount_due, statement.status) == (2, Decimal("240.00"), "due")
    # enrolled again: already enrolled, nothing doubled
    again = services.enrolment_enrol_roster(actor=officer, period=period, unit=unit, person_ids=[ok[0].pk])
    assert again.refused[0].reasons == ["already_enrolled"]


def test_payments_reconcile_the_statement_and_activate_cover(world):
    period = _period(world)
    unit = make_unit(world.wuhua_union, "五华缴费测试公司")
    people = [make_person(world.wuhua_union, f"缴费{i}", unit=unit) for i in range(3)]
    services.enrolment_enrol_roster(actor=world.user("grassroots_officer"), period=period, unit=unit)
    statement = ContributionStatement.objects.get(period=period, unit=unit)
    cashier = world.user("county_officer")
    services.payment_record(actor=cashier, statement=statement, amount="200.00", reference="BANK-1")
    statement.refresh_from_db()
    assert statement.status == "short" and statement.outstanding == Decimal("160.00")
    assert not Enrolment.objects.filter(person__in=people, status="active").exists()
    with pytest.raises(PaymentDuplicate):
        services.payment_record(actor=cashier, statement=statement, amount="160.00", reference="BANK-1")
    services.payment_record(actor=cashier, statement=statement, amount="200.00", reference="BANK-2")
    statement.refresh_from_db()
    assert statement.status == "over" and statement.credit == Decimal("40.00")
    assert Enrolment.objects.filter(person__in=people, status="active").count() == 3


@pytest.mark.parametrize("bad", ["1e3", "12.345", "1,23", "0", "-5", "10000000000", 12.5, None, ""])
def test_a_payment_amount_is_read_by_the_money_kit(world, bad):
    """core.money.parse_amount is the one rule: nothing guessed at, nothing recorded on a bad amount."""
    period = _period(world)
    unit = make_unit(world.wuhua_union, "五华金额测试公司")
    make_person(world.wuhua_union, "金额1", unit=unit)
    services.enrolment_enrol_roster(actor=world.user("grassroots_officer"), period=period, unit=unit)
    statement = ContributionStatement.objects.get(period=period, unit=unit)
    with pytest.raises(AmountInvalid):
        services.payment_record(actor=world.user("county_officer"), statement=statement, amount=bad,
                                reference="BANK-X")
    assert not statement.payments.exists()
    # as people type it: a yuan sign, grouped thousands, full-width digits
    payment = services.payment_record(actor=world.user("county_officer"), statement=statement,
                                      amount="￥１,２００.5", reference="BANK-Y")
    assert payment.amount == Decimal("1200.50")


def test_late_enrolment_is_an_exception_a_reviewer_approves(world, staff):
    period = factories.make_period(world)  # its deadline has passed
    assert period.enrolment_deadline < timezone.localdate()
    person = make_person(world.wuhua_union2, "骑手小王", category="new_form")
    officer = world.user("county_officer")
    with pytest.raises(LateReasonRequired):
        services.enrolment_enrol_person(actor=officer, period=period, person=person)
    enrolment = services.enrolment_enrol_person(actor=officer, period=period, person=person,
                                                late_reason="新入职骑手")
    assert enrolment.status == Enrolment.Status.LATE_REQUESTED and enrolment.unit_id is None
    with pytest.raises(SeparationOfDuties):
        services.enrolment_decide_late(actor=officer, enrolment=enrolment, approve=True)
    services.enrolment_decide_late(actor=staff["reviewer"], enrolment=enrolment, approve=True)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PENDING and enrolment.cover_start == timezone.localdate()
    statement = ContributionStatement.objects.get(period=period, org=world.wuhua_union2, unit=None)
    assert statement.headcount == 1


def test_individual_enrolment_refuses_with_the_reasons(world):
    period = _period(world)
    start = period.coverage_start
    young = make_person(world.wuhua_union2, "小李", birth=start.replace(year=start.year - 15))
    with pytest.raises(NotEligible) as refused:
        services.enrolment_enrol_person(actor=world.user("county_officer"), period=period, person=young)
    assert refused.value.extra["reasons"] == ["too_young"]


def test_draft_periods_take_no_enrolments(world):
    from gonghui.mutual_aid.errors import PeriodNotOpen

    period = _period(world, status=Period.Status.DRAFT)
    person = make_person(world.wuhua_union2, "草稿期")
    with pytest.raises(PeriodNotOpen):
        services.enrolment_enrol_person(actor=world.user("county_officer"), period=period, person=person)
