"""Period settlement arithmetic: the second payout never exceeds its budget, scales everyone in proportion and adds
up to the cent; batches and totals are exact and deterministic; a period's claims share the caps in order."""

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.mutual_aid import settlement_math as sm
from gonghui.mutual_aid.plans import SecondPayoutRule, default_plan, default_plan_data, parse_plan

D = Decimal
RULE = SecondPayoutRule(threshold=D("20000.00"), ratio=D("0.30"), cap=D("10000.00"), surplus_share=D("0.50"))


def test_candidates_are_persons_above_the_threshold_after_first_payouts():
    totals = [(3, D("50000.00"), D("20000.00")),  # 30,000 left: 10,000 over, 3,000
              (1, D("30000.00"), D("15000.00")),  # 15,000 left: below the threshold
              (2, D("200000.00"), D("30000.00")),  # 170,000 left: 150,000 over, 45,000 capped at 10,000
              (4, D("20000.01"), D("0.00"))]  # one fen over: 0.3 fen rounds to nothing
    candidates = sm.second_payout_candidates(totals, RULE)
    assert [(c.person_id, c.excess, c.requested) for c in candidates] == [
        (2, D("150000.00"), D("10000.00")), (3, D("10000.00"), D("3000.00")), (4, D("0.01"), D("0.00"))]
    assert candidates[0].remaining_self_paid == D("170000.00")


def test_paid_in_full_when_the_budget_allows():
    totals = [(1, D("50000.00"), D("20000.00")), (2, D("60000.00"), D("20000.00"))]  # 3,000 and 6,000
    result = sm.second_payouts(totals, RULE, surplus=D("100000.00"))
    assert not result.scaled and result.budget == D("50000.00")
    assert result.amounts == {1: D("3000.00"), 2: D("6000.00")} and result.paid == D("9000.00")
    assert result.scale == D(1)


def test_scaled_down_in_proportion_when_the_budget_is_short():
    totals = [(1, D("50000.00"), D("20000.00")), (2, D("60000.00"), D("20000.00"))]  # 3,000 and 6,000
    result = sm.second_payouts(totals, RULE, surplus=D("6000.00"))  # budget 3,000: a third of the requests
    assert result.scaled and result.budget == D("3000.00")
    assert result.amounts == {1: D("1000.00"), 2: D("2000.00")}
    assert result.paid == D("3000.00") and result.scale == D("0.3333")


def test_no_surplus_pays_nothing():
    totals = [(1, D("90000.00"), D("0.00"))]
    for surplus in (D("0"), D("-500.00")):
        result = sm.second_payouts(totals, RULE, surplus=surplus)
        assert result.amounts == {} and result.paid == D("0.00") and len(result.candidates) == 1


def test_remainder_cents_go_to_the_largest_remainders_then_the_lower_key():
    assert sm.allocate([("a", 100), ("b", 100), ("c", 100)], 100) == [("a", 34), ("b", 33), ("c", 33)]
    assert sm.allocate([("a", 1), ("b", 2)], 2) == [("a", 1), ("b", 1)]  # 0.67 and 1.33: a's remainder is larger
    assert sm.allocate([("a", 5), ("b", 5)], 20) == [("a", 5), ("b", 5)]
    assert sm.allocate([("a", 5), ("b", 5)], 0) == [("a", 0), ("b", 0)]


requests = st.lists(st.integers(0, 10_000_000), min_size=1, max_size=60)


@given(requests, st.integers(-100, 300_000_000))
def test_allocation_never_exceeds_the_budget_or_a_request_and_is_exact(cents, budget):
    shares = sm.allocate(list(enumerate(cents)), budget)
    assert [key for key, _ in shares] == list(range(len(cents)))
    paid = [share for _, share in shares]
    assert sum(paid) == max(0, min(budget, sum(cents)))
    assert all(0 <= share <= request for share, request in zip(paid, cents, strict=True))
    if 0 < budget < sum(cents):  # proportional: within one cent of the exact share
        assert all(abs(share * sum(cents) - request * budget) < sum(cents) for share, request in zip(
            paid, cents, strict=True))


persons = st.lists(st.tuples(st.integers(0, 50_000_000), st.integers(0, 50_000_000)), max_size=60)


@given(persons, st.integers(-1_000_000, 2_000_000_000), st.integers(0, 10000), st.integers(0, 10000))
def test_second_payout_never_exceeds_its_budget(rows, surplus_cents, ratio, share):
    rule = SecondPayoutRule(threshold=D("20000.00"), ratio=D(ratio).scaleb(-4), cap=D("10000.00"),
                            surplus_share=D(share).scaleb(-4))
    totals = [(i, D(a).scaleb(-2), D(b).scaleb(-2)) for i, (a, b) in enumerate(rows)]
    result = sm.second_payouts(totals, rule, surplus=D(surplus_cents).scaleb(-2))
    assert sum(result.amounts.values(), D(0)) == result.paid <= result.budget
    assert result.budget <= max(D(surplus_cents).scaleb(-2), D(0))
    requested = {c.person_id: c.requested for c in result.candidates}
    assert all(D(0) < amount <= requested[person] <= rule.cap for person, amount in result.amounts.items())
    assert result.paid == (result.budget if result.scaled else result.requested)
    assert list(result.amounts) == sorted(result.amounts)


def test_second_payout_is_deterministic_whatever_the_input_order():
    rng = random.Random(7)
    totals = [(i, D(rng.randint(0, 9_000_000)).scaleb(-2), D(rng.randint(0, 2_000_000)).scaleb(-2))
              for i in range(2000)]
    first = sm.second_payouts(totals, RULE, surplus=D("100000.00"))
    rng.shuffle(totals)
    assert sm.second_payouts(totals, RULE, surplus=D("100000.00")) == first
    assert first.scaled and first.paid == first.budget == D("50000.00")


def test_totals_and_surplus():
    rows = [("inpatient", D("1000.10"), D("250.05")), ("accident", D("10.00"), D("0.00")),
            ("inpatient", D("0.20"), D("0.10"))]
    totals = sm.totals_by(rows)
    assert list(totals) == ["accident", "inpatient"]
    assert totals["inpatient"] == sm.Totals(2, D("1000.30"), D("250.15"))
    assert sm.grand_total(totals) == sm.Totals(3, D("1010.30"), D("250.15"))
    assert sm.person_totals([(2, D("1"), D("0.5")), (1, D("2"), D("1")), (2, D("3"), D("1"))]) == [
        (1, D("2.00"), D("1.00")), (2, D("4.00"), D("1.50"))]
    assert sm.period_surplus(contributions=D("23062140"), first_payouts=D("20000000"),
                             reserve=D("1000000")) == D("2062140.00")
    assert sm.period_surplus(contributions=D("100"), first_payouts=D("200")) == D("0.00")
    with pytest.raises(ValueError):
        sm.to_cents(D("0.001"))


def test_claims_of_a_period_share_the_cap_in_admission_order():
    plan = default_plan()  # inpatient: cap per claim 30,000, per period 60,000
    claims = [sm.ClaimInput(claim_id=i, person_id=1, benefit_type="inpatient", admission_order=order,
                            self_paid=D("100000.00"), days_covered_at_admission=None)
              for i, order in ((10, 3), (11, 1), (12, 2))]
    claims.append(sm.ClaimInput(claim_id=13, person_id=2, benefit_type="inpatient", admission_order=1,
                                self_paid=D("1500.00"), days_covered_at_admission=None))
    results = [(claim.claim_id, calc.amount, calc.remaining_after) for claim, calc in sm.compute_period(plan, claims)]
    assert results == [(11, D("30000.00"), D("30000.00")), (12, D("30000.00"), D("0.00")),
                       (10, D("0.00"), D("0.00")), (13, D("500.00"), D("59500.00"))]
    used = {(1, "inpatient"): D("50000.00")}
    first = next(sm.compute_period(plan, claims[:1], used_before=used))[1]
    assert first.amount == D("10000.00")


def test_plans_per_version_share_one_cap_per_period():
    """A period whose plan changed: each claim uses its own version, the cap per period is shared."""
    plan = default_plan()
    data = default_plan_data()
    data["benefits"]["inpatient"]["deductible"] = "0.00"
    no_deductible = parse_plan(data)
    claims = [sm.ClaimInput(claim_id=i, person_id=1, benefit_type="inpatient", admission_order=i,
                            self_paid=D("1000.00"), days_covered_at_admission=None, plan_version=version)
              for i, version in ((1, "v1"), (2, "v2"))]
    results = [calc.amount for _claim, calc in sm.compute_period({"v1": plan, "v2": no_deductible}, claims)]
    assert results == [D("250.00"), D("500.00")]  # 50 % of 1,000 less the 500 deductible, then of all 1,000


@pytest.mark.usefixtures("empty_db")  # the bench builds its demo where there is none
def test_benchmark_f_python_and_one_sql_statement_agree_claim_by_claim():
    """bench/mutual_aid.py on the small demo: the settlement job recomputes every claim as approved, the single
    SQL statement computes the same amounts, every approved claim is batched; nothing stays behind (the bench's
    transaction is rolled back). No timing asserted."""
    from bench import Options
    from bench.mutual_aid import run

    from gonghui.mutual_aid.models import Claim, Payout

    [result] = run(Options(scale="small", persons=300, repeat=1))
    details = result.details
    assert details["claims"] > 0 and details["identical"], details
    assert details["payout_batches"] == details["sql_batches"] >= 1
    assert not Payout.objects.filter(batch__period__number=details["period"], status="pending").exists()
    assert not Claim.objects.filter(period__number=details["period"], state="approved").exists()
