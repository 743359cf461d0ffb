"""Payout batches and their reconciliation; settlements."""

from django.db.models import Count, QuerySet, Sum

from gonghui.core import scope
from gonghui.core.money import to_fen

from .. import permissions as P
from ..models import Claim, Payout, PayoutBatch, SecondPayout, SecondPayoutCandidate, Settlement
from ..workflows import BATCH_FLOW, SECOND_PAYOUT_FLOW, SETTLEMENT_FLOW


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


def batch_history(batch: PayoutBatch):
    """Every step of the batch, oldest first (the kit's one history schema)."""
    return BATCH_FLOW.history(batch)


def settlement_history(settlement: Settlement):
    return SETTLEMENT_FLOW.history(settlement)


def second_payout_history(item: SecondPayout):
    return SECOND_PAYOUT_FLOW.history(item)


def batch_payouts(batch: PayoutBatch) -> QuerySet[Payout]:
    """The payouts of a batch, each with ``subject_id`` (the claim's, or the second payout's in a batch of second
    payouts: what the bank's answer names), ``reference``, ``payee``, ``union`` and ``account_masked``."""
    return batch.payouts.select_related("claim__person", "claim__org", "second_payout__person",
                                        "second_payout__org").order_by("id")


def payout_row(payout: Payout) -> dict:
    """One payout of a batch as pages and the API show it, whatever it pays."""
    if payout.claim_id:
        claim = payout.claim
        return {"subject_id": claim.pk, "claim_id": claim.pk, "second_payout_id": None, "reference": claim.reference,
                "payee": claim.person.name, "union": claim.org.name, "account_masked": claim.bank_account_masked}
    item = payout.second_payout
    return {"subject_id": item.pk, "claim_id": None, "second_payout_id": item.pk, "reference": str(item),
            "payee": item.person.name, "union": item.org.name, "account_masked": item.bank_account_masked}


def my_second_payouts(person) -> QuerySet[SecondPayout]:
    """The worker's own second payouts (二次补助), newest period first."""
    return SecondPayout.objects.filter(person=person).select_related("period").order_by("-period__number", "-id")


def batch_reconciliation(batch: PayoutBatch) -> dict:
    """Count and amount by payout status, and whether the batch adds up to its total."""
    rows = {r["status"]: r for r in batch.payouts.values("status").annotate(count=Count("id"), amount=Sum("amount"))}
    result = {status: {"count": rows.get(status, {}).get("count", 0),
                       "amount": to_fen(rows.get(status, {}).get("amount"))} for status in Payout.Status.values}
    total = sum(r["amount"] for r in result.values())
    return {"by_status": result, "total": total, "balanced": total == batch.total}


def settlement_get(user, settlement_id) -> Settlement:
    return scope.get_scoped_or_404(Settlement.objects.select_related("period", "job", "started_by", "reviewed_by"),
                                   user, P.VIEW, pk=settlement_id)


def settlement_for_period(period) -> Settlement | None:
    return Settlement.objects.select_related("job", "started_by", "reviewed_by").filter(period=period).first()


def approved_to_batch(user, period) -> dict:
    """Approved claims waiting for a batch, in the user's part of the tree (count and amount)."""
    from .claims import claims_visible

    qs = claims_visible(user).filter(state=Claim.State.APPROVED)
    if period is not None:
        qs = qs.filter(period=period)
    totals = qs.order_by().aggregate(n=Count("id"), amount=Sum("approved_amount"))
    return {"count": totals["n"], "amount": to_fen(totals["amount"])}


def candidates(settlement: Settlement) -> QuerySet[SecondPayoutCandidate]:
    """The second-payout candidates of a settlement, largest amount first."""
    return settlement.candidates.select_related("person", "org").order_by("-amount", "id")


# --- bank account changes awaiting a second person ---------------------------------------------------------

def bank_changes_visible(user, *, status: str = "") -> QuerySet:
    """Changes of payees' bank accounts in the user's part of the tree (masked; oldest first)."""
    from ..models import BankAccountChange

    qs = scope.scoped(BankAccountChange.objects.select_related("claim__person", "claim__org", "requested_by",
                                                               "decided_by"), user, P.VIEW)
    return qs.filter(status=status) if status else qs


def bank_change_get(user, change_id, permission: str = P.VIEW):
    from ..models import BankAccountChange

    return scope.get_scoped_or_404(BankAccountChange.objects.select_related(
        "claim__org", "claim__person", "requested_by", "decided_by"), user, permission, pk=change_id)


def bank_change_decidable(user, change) -> bool:
    """May ``user`` approve or reject this change now: pending, review permission over the claim's union and —
    four eyes — not the person who asked for it (the kit's gate, as the buttons show it)."""
    from ..workflows import BANK_CHANGE_FLOW

    return change.status == change.Status.PENDING and BANK_CHANGE_FLOW.may(
        user, change, BANK_CHANGE_FLOW.transitions["approve"])


def bank_change_history(change):
    from ..workflows import BANK_CHANGE_FLOW

    return BANK_CHANGE_FLOW.history(change)


def claim_bank_change_pending(claim: Claim):
    return claim.bank_changes.filter(status="pending").select_related("requested_by").first()
