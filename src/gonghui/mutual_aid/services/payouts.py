"""Payout batches: group approved claims of a union's subtree, export the bank file (the only place account
numbers are decrypted, and every export is audited), mark paid with the bank's reference or failed, pay a failed
claim again.

One payout per claim is a database constraint (no two live payouts for a claim), and the claims move to
"in batch" by a conditional update, so two cashiers batching at once, or a double click, never pay twice.

Claims (and second payouts) move in bulk with ``workflow.apply_many`` (batch, pay, fail): every case passes the
transition's gate, one conditional UPDATE moves them all or none, each gets its history row and audit action. The
batch itself is a case too (``workflows.BATCH_FLOW``: open → exported → closed).
"""

import itertools

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, exports, seals, workflow
from gonghui.core.errors import Conflict, InvalidTransition
from gonghui.core.files import XLSX_CONTENT_TYPE

from .. import notifications as N
from .. import permissions as P
from ..errors import BatchNotExported, BatchNotOpen, NothingToPay, ReasonRequired, SeparationOfDuties
from ..models import BankAccountChange, Claim, Payout, PayoutBatch, Period
from ..workflows import BATCH_FLOW
from . import bank_changes, second_payouts
from ._common import by_reason, gate

S = Claim.State
MAX_BATCH = 5000


def _involved(actor) -> Q:
    """Claims this actor filed or approved: they may not pay them (separation of duties)."""
    return Q(filed_by=actor) | Q(approved_by=actor) | Q(second_approver=actor)


def payout_batch_create(*, actor, org, period: Period, limit: int = MAX_BATCH,
                        kind: str = PayoutBatch.Kind.CLAIMS) -> PayoutBatch:
    """Batch the approved claims of ``org``'s subtree in ``period`` that the actor neither filed nor approved;
    with ``kind="second"``, the payable second payouts the actor did not approve."""
    P.require(actor, P.PAY, org.path)  # a new batch is no step of an existing case: the cashier's gate
    if kind not in PayoutBatch.Kind.values:
        from gonghui.core.errors import ValidationFailed

        raise ValidationFailed(_("Choose claims or second payouts."), field="kind")
    if kind == PayoutBatch.Kind.SECOND:
        with transaction.atomic():
            return second_payouts.second_payout_batch_create(actor=actor, org=org, period=period, limit=limit)
    with transaction.atomic():
        candidates = (Claim.objects.filter(period=period, org__path__startswith=org.path, state=S.APPROVED)
                      .exclude(_involved(actor))
                      # a claim whose bank account change awaits review waits: no payout to an unreviewed account
                      .exclude(bank_changes__status=BankAccountChange.Status.PENDING)
                      # the gate reads each claim's union, the history its reference (period number): no query each
                      .select_related("org", "period")
                      .only("id", "state", "approved_amount", "org__path", "period__number")
                      .order_by("id"))
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        claims = list(candidates[:limit])
        if not claims:
            raise NothingToPay()
        batch = PayoutBatch.objects.create(org=org, period=period, created_by=actor, count=len(claims),
                                           total=sum((c.approved_amount for c in claims), 0))
        BATCH_FLOW.start(batch, actor=actor)
        workflow.apply_many(claims, "batch", actor=actor, comment=str(batch), detail={"batch": batch.pk},
                            updated_at=timezone.now())
        try:
            with transaction.atomic():
                Payout.objects.bulk_create([Payout(batch=batch, claim=c, amount=c.approved_amount) for c in claims])
        except IntegrityError:
            raise Conflict() from None
        audit.record("mutual_aid.payout_batch.create", actor=actor, obj=batch,
                     detail={"count": batch.count, "total": str(batch.total)})
    return batch


def _payout_rows(batch: PayoutBatch):
    payouts = batch.payouts.select_related("claim__person", "claim__org").order_by("id")
    for payout in payouts:
        claim = payout.claim
        yield [claim.reference, claim.person.name, claim.bank_name, claim.bank_account, str(payout.amount),
               claim.org.name, payout.status]


def export_header() -> list[str]:
    return [_("Claim"), _("Payee"), _("Bank"), _("Account number"), _("Amount (yuan)"), _("Union"), _("Status")]


def payout_batch_export(*, actor, batch: PayoutBatch, fmt: str = "xlsx") -> tuple[bytes, str, str]:
    """The bank payment file: (content, content type, file name). The only place where account numbers are
    decrypted; each export is written to the audit log."""
    gate(actor, batch, "export")  # every download, not only the first, needs the cashier's permission
    if fmt not in ("csv", "xlsx"):
        from gonghui.core.errors import ValidationFailed

        raise ValidationFailed(_("Choose CSV or Excel (.xlsx)."), field="format")
    with transaction.atomic():
        rows = list(second_payouts.second_payout_rows(batch) if batch.kind == PayoutBatch.Kind.SECOND
                    else _payout_rows(batch))
        detail = {"format": fmt, "rows": len(rows), "fields": ["bank_account"]}
        moved = False
        if batch.status == PayoutBatch.Status.OPEN:
            # The first export sends the batch to the bank: the step's audit action is the export's own record.
            try:
                workflow.apply(batch, "export", actor=actor, detail=detail, exported_by=actor,
                               exported_at=timezone.now())
                moved = True
            except InvalidTransition:
                batch.refresh_from_db()  # exported by someone else meanwhile: this is a second download
        if not moved:
            audit.record("mutual_aid.payout_batch.export", actor=actor, obj=batch, detail=detail)
    name = f"payout-batch-{batch.pk}.{fmt}"
    if fmt == "csv":
        # The layout banks take, as before: a header row, amounts as plain decimals, the account number behind
        # a ' so that Excel keeps it whole. core.exports makes every other text cell inert (a payee name
        # starting with = comes out behind a ', and the bank refuses that row rather than run it).
        lines = ([f"'{v}" if i == 3 else v for i, v in enumerate(row)] for row in rows)
        return exports.csv_bytes(itertools.chain([export_header()], lines)), exports.CSV_CONTENT_TYPE, name
    book = exports.Workbook()
    sheet = book.sheet("payouts", widths=(20,) * 7)
    sheet.write_row(export_header())
    for row in rows:
        sheet.write_row([str(value) for value in row])  # text cells, never formulas or numbers
    return book.close(), XLSX_CONTENT_TYPE, name


def payout_batch_mark(*, actor, batch: PayoutBatch, bank_reference: str,
                      failures: dict[int, str] | None = None) -> PayoutBatch:
    """The bank's answer (only once the bank file was exported): every pending payout paid, except ``failures``
    ({claim id: reason}; in a batch of second payouts {second payout id: reason}) which failed (their claims go
    to "payment failed" and may be paid again in a new batch). Marking twice changes nothing more: only pending
    payouts move."""
    gate(actor, batch, "mark")
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        raise ReasonRequired(_("Give the bank's reference."), field="bank_reference")
    failures = {int(k): (v or "").strip() or _("Rejected by the bank") for k, v in (failures or {}).items()}
    now = timezone.now()
    with transaction.atomic():
        locked = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == PayoutBatch.Status.CLOSED:
            raise BatchNotOpen()
        if locked.exported_at is None:
            # A batch never sent to the bank cannot have been paid: marking it would record money that never moved.
            raise BatchNotExported()
        if locked.kind == PayoutBatch.Kind.SECOND:
            pending = list(locked.payouts.filter(status=Payout.Status.PENDING).select_related("second_payout__org"))
            paid, failed = second_payouts.second_payout_mark(actor=actor, pending=pending, failures=failures,
                                                             bank_reference=bank_reference[:60], now=now)
        else:
            paid, failed = _mark_claims(actor, locked, failures, bank_reference, now)
        workflow.apply(locked, "mark", actor=actor, comment=bank_reference[:60],
                       detail={"paid": len(paid), "failed": len(failed)}, bank_reference=bank_reference[:60],
                       closed_at=now)
        # the bank's answer is final: its payouts and the batch are sealed (gonghui seal_verify)
        seals.seal(paid + failed)
        seals.seal([locked])
    batch.refresh_from_db()
    return batch


def _mark_claims(actor, locked: PayoutBatch, failures: dict[int, str], bank_reference: str, now) -> tuple:
    """The bank's answer for the pending payouts of a batch of claims: (paid, failed) payouts."""
    pending = list(locked.payouts.filter(status=Payout.Status.PENDING).select_related("claim__org", "claim__period"))
    if any(actor.pk in (p.claim.filed_by_id, p.claim.approved_by_id, p.claim.second_approver_id)
           for p in pending):
        raise SeparationOfDuties()
    unknown = set(failures) - {p.claim_id for p in pending}
    if unknown:
        raise InvalidTransition(_("These claims are not pending in this batch: %(ids)s.")
                                % {"ids": ", ".join(map(str, sorted(unknown)))})
    paid = [p for p in pending if p.claim_id not in failures]
    failed = [p for p in pending if p.claim_id in failures]
    Payout.objects.filter(pk__in=[p.pk for p in paid], status=Payout.Status.PENDING).update(
        status=Payout.Status.PAID, bank_reference=bank_reference[:60], decided_by=actor, decided_at=now)
    for payout in failed:
        Payout.objects.filter(pk=payout.pk, status=Payout.Status.PENDING).update(
            status=Payout.Status.FAILED, failure_reason=failures[payout.claim_id][:300], decided_by=actor,
            decided_at=now, bank_reference=bank_reference[:60])
    paid_claims = [p.claim for p in paid]
    workflow.apply_many(paid_claims, "pay", actor=actor, comment=bank_reference, paid_by=actor, paid_at=now,
                        updated_at=now)
    N.tell_claims_paid(Claim.objects.filter(pk__in=[c.pk for c in paid_claims])
                       .select_related("person__user", "period").order_by("id"))
    for reason, group in by_reason([p.claim for p in failed], lambda claim: failures[claim.pk]):
        workflow.apply_many(group, "fail", actor=actor, comment=reason, updated_at=now)
    return paid, failed



def claim_requeue(*, actor, claim: Claim, bank_account: str = "", bank_name: str = "") -> Claim:
    """After a failed payment: back to approved for the next batch. Another account is not applied here: it
    becomes a change a reviewer must approve (bank_changes), and the claim waits out of batches until then."""
    gate(actor, claim, "requeue")
    account = bank_changes.clean_account(bank_account) if bank_account else ""
    other_account = bool(account) and account != claim.bank_account
    with transaction.atomic():
        workflow.apply(claim, "requeue", actor=actor, detail={"bank_change": other_account})
        if other_account:
            bank_changes.bank_change_request(actor=actor, claim=claim, bank_account=account, bank_name=bank_name)
    return claim
