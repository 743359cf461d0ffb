"""Contribution statements (headcount × shares × amount per share), payments and reconciliation: paid in full →
cover active; short → pending, listed for follow-up; over → a credit."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum

from gonghui.core import audit, money

from .. import permissions as P
from ..errors import PaymentDuplicate
from ..models import ContributionStatement, Enrolment, Payment, Period
from ._common import MAX_YUAN, today

S = ContributionStatement.Status


def _status(due: Decimal, paid: Decimal) -> str:
    if paid == due:
        return S.PAID if due > 0 else S.DUE
    if paid > due:
        return S.OVER
    return S.SHORT if paid > 0 else S.DUE


def statement_refresh(*, period: Period, org, unit_id: int | None) -> ContributionStatement:
    """Recount a statement from its enrolments and payments (inside the caller's transaction; the row is
    locked so two enrolments of one unit at once count right), and activate cover when it is paid."""
    with transaction.atomic():
        statement, _created = ContributionStatement.objects.get_or_create(
            period=period, unit_id=unit_id, **({"org": org} if unit_id is None else {}),
            defaults={"org": org})
        statement = ContributionStatement.objects.select_for_update().get(pk=statement.pk)
        counted = Enrolment.objects.filter(period=period, status__in=Enrolment.COUNTED)
        counted = counted.filter(unit_id=unit_id) if unit_id else counted.filter(org=org, unit__isnull=True)
        totals = counted.aggregate(people=Count("id"), shares=Sum("shares"))
        statement.headcount, statement.shares = totals["people"], totals["shares"] or 0
        statement.amount_due = period.contribution_per_share * statement.shares
        statement.amount_paid = money.to_fen(statement.payments.aggregate(s=Sum("amount"))["s"])
        statement.status = _status(statement.amount_due, statement.amount_paid)
        statement.save(update_fields=["headcount", "shares", "amount_due", "amount_paid", "status", "updated_at"])
        if statement.status in (S.PAID, S.OVER):
            counted.filter(status=Enrolment.Status.PENDING).update(status=Enrolment.Status.ACTIVE)
    return statement


def payment_record(*, actor, statement: ContributionStatement, amount, reference: str,
                   paid_on: datetime.date | None = None) -> Payment:
    """Record money received for a statement and reconcile it. The same bank reference twice is refused."""
    P.require(actor, P.PAY, statement.scope_path)
    amount = money.parse_amount(amount, field="amount", allow_zero=False, maximum=MAX_YUAN)
    reference = (reference or "").strip()
    if not reference:
        from ..errors import ReasonRequired

        raise ReasonRequired(field="reference")
    try:
        with transaction.atomic():
            payment = Payment.objects.create(statement=statement, amount=amount, reference=reference[:60],
                                             paid_on=paid_on or today(), recorded_by=actor)
            refreshed = statement_refresh(period=statement.period, org=statement.org, unit_id=statement.unit_id)
            audit.record("mutual_aid.payment.record", actor=actor, obj=statement,
                         detail={"amount": str(amount), "status": refreshed.status})
    except IntegrityError:
        raise PaymentDuplicate(field="reference") from None
    statement.refresh_from_db()
    return payment
