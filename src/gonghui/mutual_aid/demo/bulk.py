"""County and province scales: the same story as the small demo, written by the bulk loader (COPY on PostgreSQL,
executemany on SQLite): periods 18-22, enrolments of every member by the real eligibility rule (about 2.2
million participants a period at province scale), statements and payments, and paid claims in realistic
proportions with their payouts and accounts, computed by the real calculation. Members are read once, in id
order; each member's enrolments and claims are made together, so caps hold per person without a global sort.

Left out at these scales (the small demo has them): the stored per-step arithmetic of history claims
(``calculation`` is empty: it would be gigabytes; the claim pages recompute it, ``selectors.claim_calculation``),
their workflow history, and claims in every state of the open period."""

import datetime
import json
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core import demo, sensitive

from ..calculation import compute_benefit, cover_day
from ..models import (
    Claim,
    ClaimInvoice,
    ContributionStatement,
    Enrolment,
    Payment,
    Payout,
    PayoutBatch,
    PersonAccount,
)
from ..services.periods import plan_in_force
from . import population as P
from . import rows as R
from .small import _settle, _staff_users

FLUSH = 20_000
ZERO = Decimal("0.00")


class _Table:
    """Rows of one model, flushed to the database in chunks, with ids given here (claims refer to enrolments)."""

    def __init__(self, writer: demo.BulkWriter, model):
        self.writer, self.model = writer, model
        self.table = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in fields]
        # What each column needs, worked out once: its default, and whether it is encrypted or JSON.
        self.spec = [(f.attname, f.get_default() if f.has_default() else None,
                      f if hasattr(f, "purpose") else None, f.get_internal_type() == "JSONField") for f in fields]
        self.next_id = writer.next_id(self.table)
        self.pending: list[tuple] = []
        self.count = 0
        self.sqlite = writer.vendor == "sqlite"

    def add(self, **values) -> int:
        values["id"] = row_id = self.next_id
        self.next_id += 1
        row = []
        for attname, default, encrypted, is_json in self.spec:
            value = values.get(attname, default)
            if encrypted is not None and value:
                value = encrypted.get_prep_value(value)  # the encrypted field's own encryption
            elif is_json:
                value = json.dumps(value)
            row.append(value)
        self.pending.append(self.writer.adapt_row(tuple(row)) if self.sqlite else tuple(row))
        if len(self.pending) >= FLUSH:
            self.flush()
        return row_id

    def flush(self) -> None:
        if self.pending:
            rows = demo.copy_text(self.pending) if self.writer.vendor == "postgresql" else self.pending
            self.count += self.writer.write(self.table, self.columns, rows)
            self.pending = []

    def close(self) -> None:
        self.flush()
        self.writer.reset_sequences(self.table)


def build(ctx: demo.DemoContext) -> None:
    user_model = get_user_model()
    admin = user_model.objects.get(username="province_admin")
    users = {"admin": admin, **_staff_users(admin)}
    reviewer, cashier = users["ma_reviewer"], users["ma_cashier"]
    periods = P.create_periods(admin, ctx.shared["province"])
    rules = {p.pk: plan_in_force(p, p.coverage_start) for p in periods}
    writer = demo.BulkWriter()
    tables = {model: _Table(writer, model) for model in (Enrolment, Claim, ClaimInvoice, PersonAccount)}
    now, today = timezone.now(), timezone.localdate()
    rng = ctx.rng
    unit_in: dict = {}
    paid_status: dict = {}  # (period id, unit key) -> statement status drawn when the unit is first seen
    shares: dict = defaultdict(lambda: [0, 0])  # (period id, unit id, org id) -> [shares, org id]
    claims_by_period: dict = defaultdict(list)  # period id -> [(claim id, amount, paid at)]
    current = periods[-1]
    bar = ctx.progress_bar("mutual aid: members", P.member_count(admin))
    for index, member in enumerate(P.members(admin), start=1):
        for period, renewal, _insured in P.joins(rng, periods, member, unit_in):
            unit_key = (period.pk, member.unit_id, member.org_id if member.unit_id is None else None)
            if unit_key not in paid_status:
                paid_status[unit_key] = _draw_payment(rng) if period.pk == current.pk else "paid"
            active = paid_status[unit_key] in ("paid", "over")
            enrolment_id = tables[Enrolment].add(
                period_id=period.pk, person_id=member.person_id, org_id=member.org_id, unit_id=member.unit_id,
                category=member.category, shares=1, status="active" if active else "pending", basic_insurance=True,
                is_renewal=renewal, late=False, late_reason="",
                enrolled_on=period.enrolment_deadline - datetime.timedelta(days=member.person_id % 40),
                cover_start=period.coverage_start, province_code=member.province_code, created_by_id=admin.pk,
                created_at=now)
            entry = shares[unit_key]
            entry[0] += 1
            entry[1] = member.org_id
            if active:
                _claims(rng, tables, period, rules[period.pk], member, enrolment_id, renewal, today, reviewer,
                        cashier, claims_by_period, rate=P.CLAIM_RATE * (0.6 if period.pk == current.pk else 1))
        if index % 5000 == 0:
            bar.advance(5000)
    bar.close()
    for table in tables.values():
        table.close()
    _statements(writer, periods, shares, paid_status, cashier)
    _payouts(writer, periods, claims_by_period, cashier, now)
    ctx.progress(f"mutual aid: {tables[Enrolment].count:,} enrolments, {tables[Claim].count:,} paid claims")
    for period in periods:
        period.refresh_from_db()
    demo.refresh_statistics()  # the settlement reads what was just loaded
    _settle(periods, users)


def _draw_payment(rng) -> str:
    draw = rng.random()
    return "due" if draw < 0.03 else "short" if draw < 0.09 else "over" if draw < 0.11 else "paid"


def _claims(rng, tables, period, version, member, enrolment_id, renewal, today, reviewer, cashier,
            claims_by_period, *, rate) -> None:
    if rng.random() >= rate:
        return
    count = 1 + (rng.random() < 0.15)
    drafts = []
    for _ in range(count):
        benefit = P.benefit_type(rng, member.sex)
        admission, discharge = P.stay(rng, period, period.coverage_start, min(period.coverage_end, today))
        if discharge < today:
            submitted = datetime.datetime.combine(discharge + datetime.timedelta(days=rng.randint(3, 30)),
                                                  datetime.time(9), tzinfo=datetime.UTC)
            drafts.append((submitted, benefit, admission, discharge, P.self_paid(rng, benefit)))
    used: dict = defaultdict(lambda: ZERO)
    accounts: dict = defaultdict(lambda: [ZERO, 0, ZERO])
    # In the order of approval, as the review charges the person's account (the settlement recomputes them so).
    for submitted, benefit, admission, discharge, cost in sorted(drafts, key=lambda d: d[:2]):
        days = None if renewal else cover_day(period.coverage_start, admission)
        calc = compute_benefit(version.rules.benefit(benefit), self_paid=cost, used_in_period=used[benefit],
                               days_covered_at_admission=days)
        if calc.amount <= 0:
            continue
        used[benefit] += calc.amount
        insurance = (cost * Decimal("1.5")).quantize(Decimal("0.01"))
        account = P.bank_account(rng)
        paid_at = submitted + datetime.timedelta(days=12)
        hospital = rng.choice(P.HOSPITALS)
        claim_id = tables[Claim].add(
            org_id=member.org_id, period_id=period.pk, person_id=member.person_id, enrolment_id=enrolment_id,
            benefit_type=benefit, hospital=hospital, admission_date=admission, discharge_date=discharge,
            diagnosis=rng.choice(P.DIAGNOSES[benefit]),
            diagnosis_category="injury" if benefit == "accident" else "disease", total_cost=cost + insurance,
            insurance_paid=insurance, self_paid=cost, bank_name=rng.choice(P.BANKS),
            **sensitive.columns(Claim, "bank_account", account), state=Claim.State.PAID,
            plan_version_id=version.pk, calculation={},
            computed_amount=calc.amount, approved_amount=calc.amount, adjustment_reason="", return_note="",
            rejection_code="", rejection_note="", filed_by_id=reviewer.pk, submitted_at=submitted,
            reviewed_by_id=reviewer.pk, approved_by_id=reviewer.pk, approved_at=submitted, first_approval_path="",
            paid_by_id=cashier.pk, paid_at=paid_at, province_code=member.province_code, created_at=submitted,
            updated_at=paid_at)
        tables[ClaimInvoice].add(claim_id=claim_id, number=R.invoice_number(f"bulk-{claim_id}"), hospital_key=hospital,
                                 released=False)
        claims_by_period[period.pk].append((claim_id, calc.amount, paid_at))
        entry = accounts[benefit]
        entry[0] += calc.amount
        entry[1] += 1
        entry[2] += cost
    for benefit, (spent, approved, self_paid) in accounts.items():
        tables[PersonAccount].add(person_id=member.person_id, period_id=period.pk, benefit_type=benefit, used=spent,
                                  claims_approved=approved, self_paid_total=self_paid, updated_at=timezone.now())


def _statements(writer, periods, shares, paid_status, cashier) -> None:
    by_id = {p.pk: p for p in periods}
    statements, payments = _Table(writer, ContributionStatement), _Table(writer, Payment)
    now = timezone.now()
    for key in sorted(shares, key=lambda k: (k[0], k[1] or 0, k[2] or 0)):
        period = by_id[key[0]]
        count, org_id = shares[key]
        due = period.contribution_per_share * count
        status = paid_status[key]
        paid = {"due": ZERO, "short": (due * Decimal("0.8")).quantize(Decimal("0.01")),
                "over": due + period.contribution_per_share, "paid": due}[status]
        statement_id = statements.add(period_id=period.pk, org_id=org_id, unit_id=key[1], headcount=count,
                                      shares=count, amount_due=due, amount_paid=paid, status=status, updated_at=now)
        if paid > 0:
            payments.add(statement_id=statement_id, amount=paid, paid_on=period.enrolment_deadline,
                         reference=f"YN{period.number:02d}{statement_id:09d}", recorded_by_id=cashier.pk,
                         created_at=now)
    statements.close()
    payments.close()


def _payouts(writer, periods, claims_by_period, cashier, now) -> None:
    payouts = _Table(writer, Payout)
    for period in periods:
        claims = claims_by_period.get(period.pk, [])
        if not claims:
            continue
        batch = PayoutBatch.objects.create(
            org=period.org, period=period, status=PayoutBatch.Status.CLOSED, created_by=cashier,
            total=sum((amount for _id, amount, _at in claims), ZERO), count=len(claims),
            bank_reference=f"YN-PAY-{period.number}", exported_by=cashier, exported_at=now, closed_at=now)
        for claim_id, amount, paid_at in claims:
            payouts.add(batch_id=batch.pk, claim_id=claim_id, amount=amount, status="paid",
                        bank_reference=batch.bank_reference, failure_reason="", decided_by_id=cashier.pk,
                        decided_at=paid_at)
    payouts.close()
