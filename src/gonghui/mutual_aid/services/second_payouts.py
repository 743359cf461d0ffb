"""The second payout (二次补助) made payable and paid: when a settlement is approved, each candidate with an
amount gets one SecondPayout (one per person and period, a database constraint); a cashier batches them like
claims (a payout batch of kind "second"), exports the bank file and marks the bank's answer.

Separation of duties: whoever approved the settlement (and so the amounts) neither batches nor marks them.

A second payout is a case of ``workflows.SECOND_PAYOUT_FLOW`` (payable → in batch → paid / failed, failed → in
batch again), moved in bulk with ``workflow.apply_many``: gate, one conditional UPDATE, history and audit each."""

from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from gonghui.core import audit, sensitive, workflow
from gonghui.core.errors import Conflict, InvalidTransition

from .. import notifications as N
from ..errors import NothingToPay, SeparationOfDuties
from ..models import Claim, Payout, PayoutBatch, Period, SecondPayout, Settlement
from ..workflows import BATCH_FLOW, SECOND_PAYOUT_FLOW
from ._common import by_reason

SP = SecondPayout.Status
BATCHABLE = (SP.PAYABLE, SP.FAILED)  # a failed payment is taken again by the next batch
PAID_STATES = (Claim.State.APPROVED, Claim.State.IN_BATCH, Claim.State.PAID, Claim.State.PAYMENT_FAILED)


def second_payouts_make(*, settlement: Settlement, approver) -> int:
    """Called in the transaction that approves the settlement: one payable SecondPayout per candidate with an
    amount, with the account of the person's latest claim of the period. Idempotent (the unique constraint
    ignores a second call)."""
    latest = Claim.objects.filter(period_id=settlement.period_id, person_id=OuterRef("person_id"),
                                  state__in=PAID_STATES).order_by("-id").values("pk")[:1]
    candidates = list(settlement.candidates.filter(amount__gt=0).annotate(claim_id=Subquery(latest)))
    claims = Claim.objects.in_bulk([c.claim_id for c in candidates if c.claim_id])
    rows = []
    for candidate in candidates:
        claim = claims.get(candidate.claim_id)
        rows.append(SecondPayout(
            settlement=settlement, period_id=settlement.period_id, person_id=candidate.person_id,
            org_id=candidate.org_id, amount=candidate.amount, approved_by=approver,
            bank_name=claim.bank_name if claim else "",
            **sensitive.columns(SecondPayout, "bank_account", claim.bank_account if claim else "")))
    before = set(SecondPayout.objects.filter(settlement=settlement).values_list("pk", flat=True))
    SecondPayout.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # Their history starts now (ignore_conflicts gives no ids back: the new rows are read again).
    made = SecondPayout.objects.filter(settlement=settlement).exclude(pk__in=before).only("pk")
    SECOND_PAYOUT_FLOW.start_many(made, actor=approver)
    return len(rows)


def second_payout_batch_create(*, actor, org, period: Period, limit: int) -> PayoutBatch:
    """Batch the payable second payouts of ``org``'s subtree in ``period`` that the actor did not approve. The
    caller holds the transaction and has checked the permission."""
    items = (SecondPayout.objects.filter(period=period, org__path__startswith=org.path, status__in=BATCHABLE)
             .exclude(approved_by=actor).select_related("org").order_by("id"))
    if connection.features.has_select_for_update_skip_locked:
        items = items.select_for_update(skip_locked=True, of=("self",))
    items = list(items[:limit])
    if not items:
        raise NothingToPay()
    batch = PayoutBatch.objects.create(org=org, period=period, kind=PayoutBatch.Kind.SECOND, created_by=actor,
                                       count=len(items), total=sum((item.amount for item in items), 0))
    BATCH_FLOW.start(batch, actor=actor)
    workflow.apply_many(items, "batch", actor=actor, comment=str(batch), detail={"batch": batch.pk})
    try:
        with transaction.atomic():
            Payout.objects.bulk_create([Payout(batch=batch, second_payout=item, amount=item.amount)
                                        for item in items])
    except IntegrityError:
        raise Conflict() from None
    audit.record("mutual_aid.payout_batch.create", actor=actor, obj=batch,
                 detail={"kind": batch.kind, "count": batch.count, "total": str(batch.total)})
    return batch


def second_payout_rows(batch: PayoutBatch):
    """The bank file's rows of a batch of second payouts (account numbers decrypted: the caller audits)."""
    payouts = batch.payouts.select_related("second_payout__person", "second_payout__org").order_by("id")
    for payout in payouts:
        item = payout.second_payout
        yield [str(item), item.person.name, item.bank_name, item.bank_account, str(payout.amount), item.org.name,
               payout.status]


def second_payout_mark(*, actor, pending: list, failures: dict[int, str], bank_reference: str, now) -> tuple:
    """The bank's answer for the pending payouts of a batch of second payouts; ``failures`` is keyed by the
    second payout's id. Returns (paid, failed) payouts."""
    if any(p.second_payout.approved_by_id == actor.pk for p in pending):
        raise SeparationOfDuties()
    unknown = set(failures) - {p.second_payout_id for p in pending}
    if unknown:
        raise InvalidTransition(_("These payments are not pending in this batch: %(ids)s.")
                                % {"ids": ", ".join(map(str, sorted(unknown)))})
    paid = [p for p in pending if p.second_payout_id not in failures]
    failed = [p for p in pending if p.second_payout_id in failures]
    Payout.objects.filter(pk__in=[p.pk for p in paid], status=Payout.Status.PENDING).update(
        status=Payout.Status.PAID, bank_reference=bank_reference, decided_by=actor, decided_at=now)
    for payout in failed:
        Payout.objects.filter(pk=payout.pk, status=Payout.Status.PENDING).update(
            status=Payout.Status.FAILED, failure_reason=failures[payout.second_payout_id][:300], decided_by=actor,
            decided_at=now, bank_reference=bank_reference)
    workflow.apply_many([p.second_payout for p in paid], "pay", actor=actor, comment=bank_reference, paid_at=now)
    for reason, group in by_reason([p.second_payout for p in failed], lambda item: failures[item.pk]):
        workflow.apply_many(group, "fail", actor=actor, comment=reason)
    N.tell_second_payouts_paid(SecondPayout.objects.filter(pk__in=[p.second_payout_id for p in paid])
                               .select_related("person__user", "period").order_by("id"))
    return paid, failed
