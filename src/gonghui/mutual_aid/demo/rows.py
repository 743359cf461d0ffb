"""Rows of enrolments, statements, history claims and their payouts, made in memory and written in bulk (the ORM
at the small scale, COPY at the large ones). Benefits are computed by the real calculation, in admission order
per person, so caps hold exactly as they would through the services."""

import datetime
import hashlib
from collections import defaultdict
from decimal import Decimal

from gonghui.core import sensitive

from ..calculation import compute_benefit, cover_day
from ..models import Claim, ContributionStatement, Enrolment, Payment
from ..services.periods import plan_in_force
from . import population as P

ZERO = Decimal("0.00")


def enrolment(period, member, *, renewal: bool, created_by) -> Enrolment:
    return Enrolment(
        period=period, person_id=member.person_id, org_id=member.org_id, unit_id=member.unit_id,
        category=member.category, shares=1, status=Enrolment.Status.ACTIVE, basic_insurance=True,
        is_renewal=renewal, enrolled_on=period.enrolment_deadline - datetime.timedelta(days=member.person_id % 40),
        cover_start=period.coverage_start, province_code=member.province_code, created_by=created_by)


def statements(rng, period, enrolments, *, current: bool) -> tuple[list, dict]:
    """One statement per unit (or joint union without a unit); in the current period some are short or unpaid
    (their members' cover waits). Returns (statements, {statement key: paid amount}); the caller sets the
    enrolment status of unpaid units back to pending."""
    counts: dict = defaultdict(lambda: [0, None])
    for row in enrolments:
        key = (row.unit_id, row.org_id if row.unit_id is None else None)
        counts[key][0] += row.shares
        counts[key][1] = row.org_id
    result, unpaid = [], set()  # unpaid: (unit id, org id) of statements not paid in full
    for (unit_id, _org), (shares, org_id) in sorted(counts.items(), key=lambda item: (item[1][1], item[0][0] or 0)):
        due = period.contribution_per_share * shares
        draw = rng.random() if current else 1.0
        if draw < 0.03:
            paid, status = ZERO, ContributionStatement.Status.DUE
        elif draw < 0.09:
            paid, status = (due * Decimal("0.8")).quantize(Decimal("0.01")), ContributionStatement.Status.SHORT
        elif draw < 0.11:
            paid, status = due + period.contribution_per_share, ContributionStatement.Status.OVER
        else:
            paid, status = due, ContributionStatement.Status.PAID
        if status in (ContributionStatement.Status.DUE, ContributionStatement.Status.SHORT):
            unpaid.add((unit_id, org_id))
        result.append(ContributionStatement(period=period, org_id=org_id, unit_id=unit_id, headcount=shares,
                                            shares=shares, amount_due=due, amount_paid=paid, status=status))
    return result, unpaid


def payments(period, statements_written, recorded_by) -> list[Payment]:
    return [Payment(statement=s, amount=s.amount_paid, paid_on=period.enrolment_deadline,
                    reference=f"YN{period.number:02d}{s.pk:08d}", recorded_by=recorded_by)
            for s in statements_written if s.amount_paid > 0]


def history_claims(rng, period, enrolments, *, sexes: dict, filer, reviewer, cashier, last_day: datetime.date,
                   rate: float = P.CLAIM_RATE, state=Claim.State.PAID, with_steps: bool = True) -> list[Claim]:
    """Claims of a period as they ended: approved and paid (amounts by the real calculation)."""
    version = plan_in_force(period, period.coverage_start)
    rules = version.rules
    drafts = []
    for row in enrolments:
        if row.status != Enrolment.Status.ACTIVE or rng.random() >= rate:
            continue
        benefit = P.benefit_type(rng, sexes.get(row.person_id, "M"))
        cost = P.self_paid(rng, benefit)
        admission, discharge = P.stay(rng, period, row.cover_start, last_day)
        if discharge > last_day:
            continue
        at = datetime.datetime.combine(discharge + datetime.timedelta(days=rng.randint(3, 30)), datetime.time(9),
                                       tzinfo=datetime.UTC)
        drafts.append((row, benefit, cost, admission, discharge, at))
    # In the order of approval, as the review charges the person's account (the settlement recomputes them so).
    drafts.sort(key=lambda d: (d[0].person_id, d[1], d[5]))
    used: dict = defaultdict(lambda: ZERO)
    claims = []
    for row, benefit, cost, admission, discharge, at in drafts:
        days = None if row.is_renewal else cover_day(row.cover_start, admission)
        calc = compute_benefit(rules.benefit(benefit), self_paid=cost, used_in_period=used[(row.person_id, benefit)],
                               days_covered_at_admission=days)
        if calc.amount <= 0:
            continue
        used[(row.person_id, benefit)] += calc.amount
        insurance = (cost * Decimal("1.5")).quantize(Decimal("0.01"))
        account = P.bank_account(rng)
        claims.append(Claim(
            org_id=row.org_id, period=period, person_id=row.person_id, enrolment_id=row.pk, benefit_type=benefit,
            hospital=rng.choice(P.HOSPITALS), admission_date=admission, discharge_date=discharge,
            diagnosis=rng.choice(P.DIAGNOSES[benefit]),
            diagnosis_category="injury" if benefit == "accident" else "tumour" if benefit in ("women",) else "disease",
            total_cost=cost + insurance, insurance_paid=insurance, self_paid=cost, bank_name=rng.choice(P.BANKS),
            **sensitive.columns(Claim, "bank_account", account), state=state, plan_version=version,
            calculation=calc.to_data() if with_steps else {}, computed_amount=calc.amount,
            approved_amount=calc.amount, filed_by=filer, submitted_at=at, reviewed_by=reviewer, approved_by=reviewer,
            approved_at=at + datetime.timedelta(days=5), paid_by=cashier if state == Claim.State.PAID else None,
            paid_at=at + datetime.timedelta(days=12) if state == Claim.State.PAID else None,
            province_code=row.province_code))
    return claims


def invoice_number(claim_key: str) -> str:
    return "FP" + hashlib.sha256(claim_key.encode()).hexdigest()[:14].upper()
