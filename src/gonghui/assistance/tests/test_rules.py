"""The per-capita rule and the exclusions (pure functions): properties over many households (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.assistance import rules

money = st.integers(min_value=0, max_value=500_000_00).map(lambda fen: Decimal(fen) / 100)
incomes = st.lists(money, min_size=1, max_size=8).map(tuple)
standard = st.integers(min_value=300_00, max_value=1500_00).map(lambda fen: Decimal(fen) / 100)
causes = st.frozensets(st.sampled_from(sorted(rules.CAUSES)))
households = st.builds(rules.Household, incomes=incomes, medical_costs=money, schooling_costs=money, causes=causes,
                       homes_owned=st.integers(0, 4), owns_business=st.booleans(), private_school=st.booleans(),
                       vehicle_regular=st.booleans())


def test_worked_example():
    h = rules.Household(incomes=(Decimal("18000"), Decimal("6000"), Decimal("0")), medical_costs=Decimal("9000"),
                        causes=frozenset({"illness"}))
    a = rules.assess(h, Decimal("700"))
    # (24000 − 9000) ÷ 3 ÷ 12 = 416.67 < 700
    assert a.per_capita_monthly == Decimal("416.67")
    assert a.category == rules.DEEP
    assert "24000.00" in a.lines[0] and "9000.00" in a.lines[0] and "15000.00" in a.lines[0]
    assert "416.67" in a.lines[1]


@settings(max_examples=150, deadline=None)
@given(households, standard)
def test_per_capita_is_the_arithmetic_shown(h, std):
    a = rules.assess(h, std)
    net = max(sum(h.incomes, Decimal(0)) - h.medical_costs - h.schooling_costs, Decimal(0))
    assert abs(a.per_capita_monthly - net / len(h.incomes) / 12) <= Decimal("0.005")
    assert a.net == net.quantize(Decimal("0.01"))
    assert str(a.per_capita_monthly) in a.lines[1]


@settings(max_examples=150, deadline=None)
@given(households, standard)
def test_any_exclusion_refuses_and_is_explained(h, std):
    a = rules.assess(h, std)
    excluded = h.homes_owned >= 2 or h.owns_business or h.private_school or h.vehicle_regular
    assert bool(a.exclusions) == excluded
    if excluded:
        assert a.category == rules.NONE and not rules.allowed_categories(a)
        assert all(str(rules.EXCLUSIONS[e]) in a.lines[-1] for e in a.exclusions)


@settings(max_examples=150, deadline=None)
@given(households, standard)
def test_category_follows_the_lines(h, std):
    a = rules.assess(h, std)
    if a.exclusions:
        return
    if a.per_capita_monthly < std:
        assert a.category == rules.DEEP
    elif a.per_capita_monthly >= 2 * std:
        assert a.category == rules.NONE
    elif h.causes & rules.SUDDEN_CAUSES:
        assert a.category == rules.ACCIDENT
    elif h.causes & rules.RELATIVE_CAUSES:
        assert a.category == rules.RELATIVE
    else:
        assert a.category == rules.NONE


@settings(max_examples=200, deadline=None)
@given(households, standard, money)
def test_more_costs_never_raise_the_per_capita(h, std, extra):
    from dataclasses import replace

    more = replace(h, medical_costs=h.medical_costs + extra)
    assert rules.assess(more, std).per_capita_monthly <= rules.assess(h, std).per_capita_monthly


@given(st.sampled_from(sorted(rules.YEARLY_LIMITS)), st.lists(money, max_size=5), money)
def test_yearly_limit(kind, already, amount):
    assert rules.within_yearly_limit(kind, already, amount) == (sum(already, Decimal(0)) + amount
                                                                <= rules.YEARLY_LIMITS[kind])
