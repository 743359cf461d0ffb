"""Period settlement over many claims and persons, as pure functions (no database): benefits of a whole period in
order, totals, payout batches, and the second payout (二次补助) shared out of the surplus.

Everything is Decimal at the edges and whole cents (int) inside, so sums are exact; results are sorted by key, so
the same input always gives the same output. Plain loops over tuples: 300,000 claims take seconds
(bench/mutual_aid.py measures it).
"""

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .calculation import Calculation, compute_benefit
from .plans import CENT, PlanRules, SecondPayoutRule

ZERO = Decimal("0.00")


def to_cents(amount: Decimal) -> int:
    """Whole cents of an amount with at most two decimals (exact; refuses anything finer)."""
    scaled = amount.scaleb(2)
    cents = int(scaled)
    if cents != scaled:
        raise ValueError(f"{amount} is not a whole number of cents")
    return cents


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)  # exponent -2: "12.30", "0.00"


# --- benefits of a whole period ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # slots: a period holds hundreds of thousands
class ClaimInput:
    claim_id: Hashable
    person_id: Hashable
    benefit_type: str
    admission_order: Hashable  # earlier claims use the caps first: the approval time, or (admission date, …)
    self_paid: Decimal
    days_covered_at_admission: int | None
    adjustment: Decimal | None = None
    plan_version: Hashable = None  # the key of the claim's plan in ``compute_period``'s mapping of plans


def compute_period(plan: PlanRules | Mapping[Hashable, PlanRules], claims: Iterable[ClaimInput],
                   used_before: dict[tuple[Hashable, str], Decimal] | None = None,
                   ) -> Iterator[tuple[ClaimInput, Calculation]]:
    """Each claim's calculation, claims taken per person and benefit type in ``admission_order``, each one using
    what the earlier ones left of the cap per period. ``plan``: one plan for all, or plan version -> plan (a
    period whose plan changed during the year). ``used_before``: (person, benefit type) -> already paid.

    A generator: 300,000 calculations with their steps would not fit comfortably in memory at once."""
    plan_of = plan.get if isinstance(plan, Mapping) else (lambda _version: plan)
    used = dict(used_before or {})
    ordered = sorted(claims, key=lambda c: (c.person_id, c.benefit_type, c.admission_order, c.claim_id))
    for claim in ordered:
        key = (claim.person_id, claim.benefit_type)
        calculation = compute_benefit(plan_of(claim.plan_version).benefit(claim.benefit_type),
                                      self_paid=claim.self_paid, used_in_period=used.get(key, ZERO),
                                      days_covered_at_admission=claim.days_covered_at_admission,
                                      adjustment=claim.adjustment)
        used[key] = used.get(key, ZERO) + calculation.amount
        yield claim, calculation


# --- totals ---------------------------------------------------------------------------------------------


class Totals(NamedTuple):
    claims: int
    self_paid: Decimal
    paid: Decimal


def totals_by(rows: Iterable[tuple[Hashable, Decimal, Decimal]]) -> dict:
    """(key, self_paid, paid) rows -> {key: Totals}, keys sorted. Use it per benefit type, per organisation…"""
    # Three dicts of ints rather than one of lists: the garbage collector need not walk them (measured: 2× faster
    # at a million rows).
    count: dict = {}
    self_paid: dict = {}
    paid: dict = {}
    for key, cost, amount in rows:
        count[key] = count.get(key, 0) + 1
        self_paid[key] = self_paid.get(key, 0) + to_cents(cost)
        paid[key] = paid.get(key, 0) + to_cents(amount)
    return {key: Totals(count[key], from_cents(self_paid[key]), from_cents(paid[key])) for key in sorted(count)}


def grand_total(totals: dict) -> Totals:
    return Totals(sum(t.claims for t in totals.values()), sum((t.self_paid for t in totals.values()), ZERO),
                  sum((t.paid for t in totals.values()), ZERO))


def person_totals(rows: Iterable[tuple[Hashable, Decimal, Decimal]]) -> list[tuple[Hashable, Decimal, Decimal]]:
    """(person, self_paid, first payout) per claim -> (person, self_paid_total, first_payouts_total), sorted."""
    self_paid: dict = {}
    paid: dict = {}
    for person, cost, amount in rows:
        self_paid[person] = self_paid.get(person, 0) + to_cents(cost)
        paid[person] = paid.get(person, 0) + to_cents(amount)
    return [(person, from_cents(self_paid[person]), from_cents(paid[person])) for person in sorted(self_paid)]


def period_surplus(*, contributions: Decimal, first_payouts: Decimal, reserve: Decimal = ZERO) -> Decimal:
    """What the period may share out in the second payout: contributions less first payouts and the reserve."""
    return max(contributions - first_payouts - reserve, ZERO).quantize(CENT)


# --- the second payout ----------------------------------------------------------------------------------


class Candidate(NamedTuple):  # a tuple: hundreds of thousands are made at settlement
    person_id: Hashable
    remaining_self_paid: Decimal  # self-paid cost of the period left after the first payouts
    excess: Decimal  # over the threshold
    requested: Decimal  # ratio × excess, at most the cap: what the person gets if the surplus allows


@dataclass(frozen=True)
class SecondPayout:
    surplus: Decimal
    budget: Decimal  # surplus × surplus_share, down to the cent
    requested: Decimal  # what all candidates would get in full
    paid: Decimal  # what they get: requested, or budget when scaled down (exactly, to the cent)
    scaled: bool
    candidates: tuple[Candidate, ...]  # sorted by person
    amounts: dict  # person -> Decimal, sorted by person; only persons with more than zero

    @property
    def scale(self) -> Decimal:
        """paid / requested (1 when paid in full), to four places, for display."""
        if not self.requested:
            return Decimal(1)
        return (self.paid / self.requested).quantize(Decimal("0.0001"), rounding=ROUND_FLOOR)


def second_payout_candidates(totals: Iterable[tuple[Hashable, Decimal, Decimal]],
                             rule: SecondPayoutRule) -> list[Candidate]:
    """Persons whose self-paid cost left after first payouts is above the threshold, with what they would get."""
    return [Candidate(person, from_cents(remaining), from_cents(excess), from_cents(requested))
            for person, remaining, excess, requested in _candidate_cents(totals, rule)]


def _candidate_cents(totals, rule: SecondPayoutRule) -> list[tuple[Hashable, int, int, int]]:
    threshold = to_cents(rule.threshold)
    cap = to_cents(rule.cap)
    ratio = _basis_points(rule.ratio)
    rows = []
    for person, self_paid, paid in sorted(totals, key=lambda row: row[0]):
        remaining = to_cents(self_paid) - to_cents(paid)
        excess = remaining - threshold
        if excess > 0:
            rows.append((person, remaining, excess, min((excess * ratio + 5000) // 10000, cap)))  # half up
    return rows


def second_payouts(totals: Iterable[tuple[Hashable, Decimal, Decimal]], rule: SecondPayoutRule,
                   surplus: Decimal) -> SecondPayout:
    """The second payout of a period: candidates and amounts, never more in total than surplus × surplus_share;
    when the requests exceed that budget, every amount is scaled down in the same proportion (largest remainders
    get the leftover cents, ties to the lower person key), so the amounts add up to the budget exactly."""
    surplus = max(surplus, ZERO).quantize(CENT)
    budget = (surplus * rule.surplus_share).quantize(CENT, rounding=ROUND_FLOOR)
    rows = _candidate_cents(totals, rule)
    requested = [(person, cents) for person, _remaining, _excess, cents in rows]
    total = sum(cents for _, cents in requested)
    budget_cents = to_cents(budget)
    scaled = total > budget_cents
    shares = allocate(requested, budget_cents) if scaled else requested
    amounts = {person: from_cents(cents) for person, cents in shares if cents > 0}
    candidates = tuple(Candidate(person, from_cents(remaining), from_cents(excess), from_cents(cents))
                       for person, remaining, excess, cents in rows)
    return SecondPayout(surplus=surplus, budget=budget, requested=from_cents(total),
                        paid=from_cents(sum(cents for _, cents in shares)), scaled=scaled,
                        candidates=candidates, amounts=amounts)


def allocate(requests: list[tuple[Hashable, int]], budget: int) -> list[tuple[Hashable, int]]:
    """Whole cents for each (key, requested cents) in proportion to the request, adding up to
    min(budget, total requested) exactly, no one above their request (largest remainder method)."""
    total = sum(cents for _, cents in requests)
    if budget >= total:
        return list(requests)
    if budget <= 0:
        return [(key, 0) for key, _ in requests]
    shares, remainders = [], []
    for index, (key, cents) in enumerate(requests):
        share, remainder = divmod(cents * budget, total)
        shares.append([key, share])
        remainders.append((-remainder, index))
    leftover = budget - sum(share for _, share in shares)
    # leftover < number of positive remainders, so only someone short of their exact share gets a cent
    for _, index in sorted(remainders)[:leftover]:
        shares[index][1] += 1
    return [(key, share) for key, share in shares]


def _basis_points(ratio: Decimal) -> int:
    points = ratio * 10000
    if points != points.to_integral_value():
        raise ValueError(f"ratio {ratio} has more than four decimals")
    return int(points)


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
