"""The benefit arithmetic: properties under hypothesis (never negative, never above the self-paid cost or the caps,
monotone in the cost, the adjustment clamped, the steps chained), an independent exact oracle, and the worked
example of docs/mutual-aid-calculation.md."""

import itertools
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.errors import ValidationFailed
from gonghui.mutual_aid.calculation import (
    Calculation,
    compute_benefit,
    cover_day,
    cover_phase,
    describe,
    in_waiting_period,
)
from gonghui.mutual_aid.plans import Band, BenefitRule, default_plan

D = Decimal


def cents(low: int, high: int):
    return st.integers(low, high).map(lambda c: Decimal(c).scaleb(-2))


ratios = st.integers(0, 10000).map(lambda r: Decimal(r).scaleb(-4))


@st.composite
def rules(draw) -> BenefitRule:
    limits = sorted(set(draw(st.lists(st.integers(1, 5_000_000), max_size=3))))
    bands = tuple(Band(upto=Decimal(c).scaleb(-2), ratio=draw(ratios)) for c in limits)
    bands += (Band(upto=None, ratio=draw(ratios)),)
    cap_claim = draw(st.integers(1, 10_000_000))
    cap_period = draw(st.integers(cap_claim, 20_000_000))
    waiting = draw(st.integers(0, 120))
    return BenefitRule(code="inpatient", deductible=draw(cents(0, 300_000)), bands=bands,
                       cap_per_claim=Decimal(cap_claim).scaleb(-2), cap_per_period=Decimal(cap_period).scaleb(-2),
                       waiting_days=waiting, reduced_days=draw(st.integers(waiting, 400)), reduced_factor=draw(ratios),
                       documents=("application_form",))


self_paid_amounts = cents(0, 20_000_000)
days = st.one_of(st.none(), st.integers(1, 500))


def oracle(rule: BenefitRule, self_paid: Decimal, used: Decimal, day: int | None) -> Decimal:
    """The same rule written independently, in exact fractions, rounding half up at the end."""
    eligible = max(Fraction(self_paid) - Fraction(rule.deductible), Fraction(0))
    total, lower = Fraction(0), Fraction(0)
    for band in rule.bands:
        upper = eligible if band.upto is None else min(eligible, Fraction(band.upto))
        if upper > lower:
            total += (upper - lower) * Fraction(band.ratio)
        if band.upto is not None:
            lower = Fraction(band.upto)
    if day is not None and day <= rule.waiting_days:
        total = Fraction(0)
    elif day is not None and day <= rule.reduced_days:
        total *= Fraction(rule.reduced_factor)
    remaining = max(Fraction(rule.cap_per_period) - Fraction(used), Fraction(0))
    total = min(total, Fraction(rule.cap_per_claim), remaining)
    hundredths = total * 100
    rounded = int(hundredths) + (1 if hundredths - int(hundredths) >= Fraction(1, 2) else 0)
    return Decimal(rounded).scaleb(-2)


@given(rules(), self_paid_amounts, cents(0, 20_000_000), days)
def test_never_negative_never_above_cost_or_caps(rule, self_paid, used, day):
    calc = compute_benefit(rule, self_paid=self_paid, used_in_period=used, days_covered_at_admission=day)
    assert D(0) <= calc.amount <= self_paid
    assert calc.amount <= rule.cap_per_claim
    assert calc.amount <= calc.remaining_before == max(rule.cap_per_period - used, D(0))
    assert calc.remaining_after == calc.remaining_before - calc.amount >= 0
    assert calc.amount == calc.amount.quantize(D("0.01"))
    assert calc.eligible == max(self_paid - rule.deductible, D(0))


@given(rules(), self_paid_amounts, cents(0, 20_000_000), days)
def test_agrees_with_an_exact_oracle(rule, self_paid, used, day):
    calc = compute_benefit(rule, self_paid=self_paid, used_in_period=used, days_covered_at_admission=day)
    assert calc.amount == oracle(rule, self_paid, used, day)


@given(rules(), self_paid_amounts, self_paid_amounts, cents(0, 20_000_000), days,
       st.one_of(st.none(), cents(-100_000, 20_000_000)))
def test_monotone_in_the_cost(rule, cost_a, cost_b, used, day, adjustment):
    low, high = sorted((cost_a, cost_b))
    kwargs = {"used_in_period": used, "days_covered_at_admission": day, "adjustment": adjustment}
    assert (compute_benefit(rule, self_paid=low, **kwargs).amount
            <= compute_benefit(rule, self_paid=high, **kwargs).amount)


@given(rules(), self_paid_amounts, cents(0, 20_000_000), days, cents(-10_000_000, 30_000_000))
def test_adjustment_is_clamped_to_zero_and_the_caps(rule, self_paid, used, day, adjustment):
    calc = compute_benefit(rule, self_paid=self_paid, used_in_period=used, days_covered_at_admission=day,
                           adjustment=adjustment)
    ceiling = min(self_paid, rule.cap_per_claim, max(rule.cap_per_period - used, D(0)))
    assert calc.amount == min(max(adjustment, D(0)), ceiling)
    assert calc.adjusted
    assert calc.computed == compute_benefit(rule, self_paid=self_paid, used_in_period=used,
                                            days_covered_at_admission=day).amount


@given(rules(), self_paid_amounts, cents(0, 20_000_000), days, st.one_of(st.none(), cents(0, 1_000_000)))
def test_steps_are_chained_and_consistent(rule, self_paid, used, day, adjustment):
    calc = compute_benefit(rule, self_paid=self_paid, used_in_period=used, days_covered_at_admission=day,
                           adjustment=adjustment)
    steps = calc.steps
    assert steps[0].code == "self_paid" and steps[0].amount_before == self_paid
    assert steps[-1].code == "rounding" and steps[-1].amount_after == calc.amount
    for previous, step in itertools.pairwise(steps):
        assert step.amount_before == previous.amount_after, step.code
    bands = calc.step("bands")
    assert sum((b["portion"] for b in bands.detail["bands"]), D(0)) == bands.amount_before == calc.eligible
    assert sum((b["payout"] for b in bands.detail["bands"]), D(0)) == bands.amount_after
    for step in steps[3:]:  # from the waiting period on, every step can only lower the amount (but rounding)
        if step.code not in ("adjustment", "rounding"):
            assert step.amount_after <= step.amount_before
    data = calc.to_data()
    assert Calculation.from_data(json.loads(json.dumps(data))) == calc
    for step in steps:
        assert describe(step)


def test_worked_example_of_the_documentation():
    """docs/mutual-aid-calculation.md: a new joiner on cover day 60, 28,700 yuan self-paid, 5,000 used."""
    rule = default_plan().benefits["inpatient"]
    calc = compute_benefit(rule, self_paid=D("28700.00"), used_in_period=D("5000.00"), days_covered_at_admission=60)
    by_code = {step.code: step for step in calc.steps}
    assert by_code["deductible"].amount_after == D("28200.00")
    assert [(b["portion"], b["payout"]) for b in by_code["bands"].detail["bands"]] == [
        (D("10000.00"), D("5000.0000")), (D("18200.00"), D("10920.0000"))]
    assert by_code["waiting"].detail["phase"] == "reduced"
    assert by_code["waiting"].amount_after == D("7960.00")
    assert calc.amount == D("7960.00")
    assert (calc.remaining_before, calc.remaining_after) == (D("55000.00"), D("47040.00"))
    # The same person, full cover, with little left of the period's cap.
    calc = compute_benefit(rule, self_paid=D("28700.00"), used_in_period=D("50000.00"),
                           days_covered_at_admission=None)
    assert calc.amount == D("10000.00") and calc.remaining_after == D("0.00")
    assert calc.step("cap_per_period").amount_before == D("15920.00")


def test_rounding_is_half_up_once_at_the_end():
    rule = BenefitRule(code="inpatient", deductible=D("0.00"), bands=(Band(None, D("0.5")),),
                       cap_per_claim=D("100.00"), cap_per_period=D("100.00"), waiting_days=0, reduced_days=0,
                       reduced_factor=D("1"), documents=("application_form",))
    assert compute_benefit(rule, self_paid=D("0.01"), used_in_period=D(0),
                           days_covered_at_admission=None).amount == D("0.01")  # 0.005 -> 0.01
    assert compute_benefit(rule, self_paid=D("0.03"), used_in_period=D(0),
                           days_covered_at_admission=None).amount == D("0.02")  # 0.015 -> 0.02


def test_waiting_and_reduced_cover_days():
    rule = default_plan().benefits["inpatient"]  # 30 days of waiting, reduced to day 90
    assert cover_phase(rule, None) == ("continuous", D(1))
    assert cover_phase(rule, 30)[0] == "waiting" and in_waiting_period(rule, 30)
    assert cover_phase(rule, 31) == ("reduced", D("0.50")) and not in_waiting_period(rule, 31)
    assert cover_phase(rule, 90)[0] == "reduced" and cover_phase(rule, 91)[0] == "full"
    import datetime

    assert cover_day(datetime.date(2026, 1, 1), datetime.date(2026, 1, 1)) == 1
    assert cover_day(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)) == 31
    calc = compute_benefit(rule, self_paid=D("5000.00"), used_in_period=D(0), days_covered_at_admission=10)
    assert calc.amount == D("0.00") and calc.step("waiting").detail["phase"] == "waiting"


@pytest.mark.parametrize("bad", [D("-0.01"), D("1.005"), "abc", D("NaN")])
def test_bad_amounts_are_refused(bad):
    rule = default_plan().benefits["inpatient"]
    with pytest.raises(ValidationFailed):
        compute_benefit(rule, self_paid=bad, used_in_period=D(0), days_covered_at_admission=None)
    with pytest.raises(ValidationFailed):
        compute_benefit(rule, self_paid=D("10"), used_in_period=bad, days_covered_at_admission=None)


def test_floats_are_never_accepted():
    rule = default_plan().benefits["inpatient"]
    with pytest.raises(TypeError):
        compute_benefit(rule, self_paid=1000.5, used_in_period=D(0), days_covered_at_admission=None)
    with pytest.raises(TypeError):
        compute_benefit(rule, self_paid=D("1000"), used_in_period=D(0), days_covered_at_admission=None,
                        adjustment=10.0)


def test_labels_and_descriptions_translate():
    rule = default_plan().benefits["inpatient"]
    calc = compute_benefit(rule, self_paid=D("28700.00"), used_in_period=D("5000.00"), days_covered_at_admission=60,
                           adjustment=D("7000"))
    data = calc.to_data()
    assert data["steps"][1]["label"] == "Deductible"
    with translation.override("zh-hans"):
        assert Calculation.from_data(data).to_data() == data  # stored labels stay English
        texts = [describe(step) for step in calc.steps]
    assert all(texts)
