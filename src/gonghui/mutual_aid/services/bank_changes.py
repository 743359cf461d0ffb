"""A change of the payee's bank account after approval is a reviewed change (issue 19 §4): the cashier who asks
for it cannot make it take effect; a reviewer — another person — approves or rejects it. Until then the claim
keeps the account the reviewer approved and no payout batch takes it, so the bank file only ever carries an
approved account. Each step is in the claim's history and the audit log (the account itself never is)."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, sensitive
from gonghui.core.errors import Conflict
from gonghui.core.models import WorkflowLog

from .. import permissions as P
from ..errors import ClaimDataInvalid, ReasonRequired, SeparationOfDuties
from ..models import BankAccountChange, Claim
from ..workflows import CLAIM_FLOW

_ACCOUNT = re.compile(r"^[0-9]{12,30}$")
# Entries of the claim's history that move no state (labels: the notes of workflows.CLAIM_FLOW).
REQUEST, APPROVE, REJECT = "bank_change_request", "bank_change_approve", "bank_change_reject"


def clean_account(value: str) -> str:
    account = re.sub(r"[\s\u3000-]", "", value or "")
    if not _ACCOUNT.match(account):
        raise ClaimDataInvalid(_("The bank account number must be 12 to 30 digits."), field="bank_account")
    return account


def _history(claim: Claim, transition: str, actor, change: BankAccountChange, note: str = "") -> None:
    comment = f"{change.bank_account_masked} {note}".strip()
    WorkflowLog.objects.create(workflow=CLAIM_FLOW.name, object_type=Claim._meta.label_lower, object_id=str(claim.pk),
                               transition=transition, from_state=claim.state, to_state=claim.state, actor=actor,
                               comment=comment[:500])


def bank_change_request(*, actor, claim: Claim, bank_account: str, bank_name: str = "") -> BankAccountChange:
    """Ask for another account (inside the caller's transaction, e.g. claim_requeue's)."""
    P.require(actor, P.PAY, claim.scope_path)
    account = clean_account(bank_account)
    if BankAccountChange.objects.filter(claim=claim, status=BankAccountChange.Status.PENDING).exists():
        raise Conflict(_("A change of this claim's bank account already awaits review."),
                       code="ma_bank_change_pending")
    change = BankAccountChange.objects.create(claim=claim, bank_name=(bank_name or "").strip()[:60],
                                              requested_by=actor,
                                              **sensitive.columns(BankAccountChange, "bank_account", account))
    _history(claim, REQUEST, actor, change)
    audit.record("mutual_aid.bank_change.request", actor=actor, obj=change,
                 detail={"claim": claim.pk, "fields": ["bank_account"] + (["bank_name"] if bank_name else [])})
    return change


def _decide(*, actor, change: BankAccountChange, status: str, note: str) -> BankAccountChange:
    claim = change.claim
    P.require(actor, P.REVIEW, claim.scope_path)
    if actor.pk == change.requested_by_id:
        raise SeparationOfDuties(_("Someone else must review the bank account change you asked for."))
    now = timezone.now()
    with transaction.atomic():
        # Conditional: of two reviewers deciding at once, or a double click, one decides.
        decided = BankAccountChange.objects.filter(pk=change.pk, status=BankAccountChange.Status.PENDING).update(
            status=status, decided_by=actor, decided_at=now, note=note[:300])
        if not decided:
            raise Conflict(_("This bank account change was already decided."), code="ma_bank_change_decided")
        change.refresh_from_db()
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if status == BankAccountChange.Status.APPROVED:
            if claim.state not in (Claim.State.APPROVED, Claim.State.PAYMENT_FAILED):
                raise Conflict(_("The claim is no longer waiting for a payment."), code="ma_bank_change_late")
            fields = {**sensitive.columns(Claim, "bank_account", change.bank_account), "updated_at": now}
            if change.bank_name:
                fields["bank_name"] = change.bank_name
            Claim.objects.filter(pk=claim.pk).update(**fields)
        _history(claim, APPROVE if status == BankAccountChange.Status.APPROVED else REJECT, actor, change, note)
        audit.record(f"mutual_aid.bank_change.{'approve' if status == 'approved' else 'reject'}", actor=actor,
                     obj=change, detail={"claim": claim.pk, "requested_by": change.requested_by_id})
    return change


def bank_change_approve(*, actor, change: BankAccountChange, note: str = "") -> BankAccountChange:
    """A reviewer who did not ask for it lets the new account be used by the next payout batch."""
    return _decide(actor=actor, change=change, status=BankAccountChange.Status.APPROVED, note=(note or "").strip())


def bank_change_reject(*, actor, change: BankAccountChange, note: str) -> BankAccountChange:
    """The claim keeps its approved account (and may be batched again with it)."""
    note = (note or "").strip()
    if not note:
        raise ReasonRequired(field="note")
    return _decide(actor=actor, change=change, status=BankAccountChange.Status.REJECTED, note=note)
