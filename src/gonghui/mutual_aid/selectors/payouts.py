"""Payout batches and their reconciliation; settlements."""

from django.db.models import Count, QuerySet, Sum

from gonghui.core import scope

from .. import permissions as P
from ..models import Payout, PayoutBatch, Settlement
from ..services._common import cents


def batch_list(user, *, period_id: int | None = None, status: str = "") -> QuerySet[PayoutBatch]:
    qs = scope.scoped(PayoutBatch.objects.select_related("org", "period", "created_by"), user, P.VIEW)
    if period_id:
        qs = qs.filter(period_id=period_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def batch_get(user, batch_id, permission: str = P.VIEW) -> PayoutBatch:
    return scope.get_scoped_or_404(PayoutBatch.objects.select_related("org", "period"), user, permission,
                                   pk=batch_id)


def batch_payouts(batch: PayoutBatch) -> QuerySet[Payout]:
    return batch.payouts.select_related("claim__person", "claim__org").order_by("id")


def batch_reconciliation(batch: PayoutBatch) -> dict:
    """Count and amount by payout status, and whether the batch adds up to its total."""
    rows = {r["status"]: r for r in batch.payouts.values("status").annotate(count=Count("id"), amount=Sum("amount"))}
    result = {status: {"count": rows.get(status, {}).get("count", 0),
                       "amount": cents(rows.get(status, {}).get("amount"))} for status in Payout.Status.values}
    total = sum(r["amount"] for r in result.values())
    return {"by_status": result, "total": total, "balanced": total == batch.total}


def settlement_get(user, settlement_id) -> Settlement:
    return scope.get_scoped_or_404(Settlement.objects.select_related("period", "job", "started_by", "reviewed_by"),
                                   user, P.VIEW, pk=settlement_id)


def settlement_for_period(period) -> Settlement | None:
    return Settlement.objects.select_related("job", "started_by", "reviewed_by").filter(period=period).first()
