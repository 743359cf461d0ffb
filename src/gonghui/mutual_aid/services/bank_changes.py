"""A change of the payee's bank account after approval is a reviewed change (issue 19 §4): the cashier who asks
for it cannot make it take effect; a reviewer — another person — approves or rejects it. Until then the claim
keeps the account the reviewer approved and no payout batch takes it, so the bank file only ever carries an
approved account. Each step is in the claim's history and the audit log (the account itself never is)."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, sensitive, workflow
from gonghui.core.errors import Conflict, InvalidTransition
from gonghui.core.models import WorkflowLog

from .. import permissions as P
from ..errors import BankChangeDecided, ClaimDataInvalid, ReasonRequired
from ..models import BankAccountChange, Claim
from ..workflows import BANK_CHANGE_FLOW, CLAIM_FLOW

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
    BANK_CHANGE_FLOW.start(change, actor=actor)
    _history(claim, REQUEST, actor, change)
    audit.record("mutual_aid.bank_change.request", actor=actor, obj=change,
                 detail={"claim": claim.pk, "fields": ["bank_account"] + (["bank_name"] if bank_name else [])})
    return change


def _decide(*, actor, change: BankAccountChange, transition: str, note: str) -> BankAccountChange:
    """Through the kit (BANK_CHANGE_FLOW): review permission over the claim's union, four eyes, the conditional
    move, the change's history and audit; an approval moves the account to the claim in the same transaction."""
    flow = BANK_CHANGE_FLOW
    flow.check(actor, change, flow.transition(transition))  # 404 / 403 / the requester, before any other answer
    now = timezone.now()
    with transaction.atomic():
        try:
            # Conditional: of two reviewers deciding at once, or a double click, one decides.
            workflow.apply(change, transition, flow=flow, actor=actor, comment=note,
                           detail={"claim": change.claim_id, "requested_by": change.requested_by_id},
                           decided_by=actor, decided_at=now, note=note[:300])
        except InvalidTransition:
            raise BankChangeDecided() from None
        claim = Claim.objects.select_for_update().get(pk=change.claim_id)
        if transition == "approve":
            if claim.state not in (Claim.State.APPROVED, Claim.State.PAYMENT_FAILED):
                raise Conflict(_("The claim is no longer waiting for a payment."), code="ma_bank_change_late")
            fields = {**sensitive.columns(Claim, "bank_account", change.bank_account), "updated_at": now}
            if change.bank_name:
                fields["bank_name"] = change.bank_name
            Claim.objects.filter(pk=claim.pk).update(**fields)
        _history(claim, APPROVE if transition == "approve" else REJECT, actor, change, note)
    return change


def bank_change_transition(*, actor, change: BankAccountChange, transition: str, comment: str = ""
                           ) -> BankAccountChange:
    """A step by name (the API's ``POST /mutual-aid/bank-account-changes/{id}/transitions/{name}``)."""
    step = BANK_CHANGE_FLOW.transition(transition)
    service = bank_change_approve if step.name == "approve" else bank_change_reject
    return service(actor=actor, change=change, note=comment)


def bank_change_approve(*, actor, change: BankAccountChange, note: str = "") -> BankAccountChange:
    """A reviewer who did not ask for it lets the new account be used by the next payout batch."""
    return _decide(actor=actor, change=change, transition="approve", note=(note or "").strip())


def bank_change_reject(*, actor, change: BankAccountChange, note: str) -> BankAccountChange:
    """The claim keeps its approved account (and may be batched again with it)."""
    BANK_CHANGE_FLOW.check(actor, change, BANK_CHANGE_FLOW.transition("reject"))  # 404 / 403 before the 422
    note = (note or "").strip()
    if not note:
        raise ReasonRequired(field="note")
    return _decide(actor=actor, change=change, transition="reject", note=note)
