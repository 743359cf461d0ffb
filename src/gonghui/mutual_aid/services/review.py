"""Review of claims: start, return for more, adjust with a reason, approve (with a second approval from the level
above for large amounts), reject with a coded reason.

Every step is a transition of ``workflows.CLAIM_FLOW`` taken with ``workflow.apply``: its permission (review;
the second approval's for a claim awaiting it) through the one scope gate, the conditional move, the history row
and the audit action ``mutual_aid.claim.<step>`` in one transaction. The rules the kit cannot know stay here: the
filer may not review, the second approver is neither filer nor first approver and acts from the level above.

Approval is race-safe: the claim row and then the person's benefit account are locked (SELECT … FOR UPDATE; on
SQLite the database serialises writers), the benefit is computed again from what is used *now*, and the account
is charged in the same transaction. Two reviewers or a double click give one approval; concurrent approvals of
one person's claims can never pass the cap.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, money, workflow
from gonghui.core.errors import InvalidTransition

from .. import notifications as N
from .. import permissions as P
from ..errors import ClaimNotEditable, ReasonRequired, SecondApproverNotAbove, SeparationOfDuties
from ..models import Claim, PersonAccount
from ._common import MAX_YUAN, gate
from .claims import calculate, store_preview

S = Claim.State


def _locked_claim(claim: Claim) -> Claim:
    locked = Claim.objects.select_for_update(of=("self",))
    return locked.select_related("period", "enrolment", "plan_version").get(pk=claim.pk)


def _locked_account(claim: Claim) -> PersonAccount:
    keys = {"person_id": claim.person_id, "period_id": claim.period_id, "benefit_type": claim.benefit_type}
    PersonAccount.objects.bulk_create([PersonAccount(**keys)], ignore_conflicts=True)
    return PersonAccount.objects.select_for_update().get(**keys)


def _not_the_filer(actor, claim: Claim) -> None:
    if claim.filed_by_id == actor.pk:
        raise SeparationOfDuties()


def _sync(claim: Claim, fresh: Claim) -> Claim:
    for field in Claim._meta.concrete_fields:
        setattr(claim, field.attname, getattr(fresh, field.attname))
    return claim


def claim_start_review(*, actor, claim: Claim) -> Claim:
    gate(actor, claim, "start_review")
    _not_the_filer(actor, claim)
    with transaction.atomic():
        workflow.apply(claim, "start_review", actor=actor, reviewed_by=actor)
        store_preview(claim)
    return claim


def claim_return(*, actor, claim: Claim, note: str) -> Claim:
    """Back to the filer, saying what is missing."""
    gate(actor, claim, "return")
    note = (note or "").strip()
    if not note:
        raise ReasonRequired(_("Say what is missing."), field="note")
    with transaction.atomic():
        workflow.apply(claim, "return", actor=actor, comment=note, return_note=note[:500])
        N.tell_claimant(claim, N.CLAIM_RETURNED, note=note[:200])
    return claim


def claim_adjust(*, actor, claim: Claim, amount, reason: str) -> Claim:
    """The reviewer sets the amount to pay (kept within the caps and the self-paid cost), with a reason. Not a
    step of the workflow (the state stays under review): the reviewer's permission is asked directly."""
    P.require(actor, P.REVIEW, claim.scope_path)
    _not_the_filer(actor, claim)
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    amount = money.parse_amount(amount, field="amount", maximum=MAX_YUAN)
    with transaction.atomic():
        fresh = _locked_claim(claim)
        if fresh.state != S.UNDER_REVIEW:
            raise ClaimNotEditable()
        before = fresh.adjustment
        fresh.adjustment, fresh.adjustment_reason = amount, reason[:300]
        fresh.save(update_fields=["adjustment", "adjustment_reason", "updated_at"])
        store_preview(fresh)
        audit.record("mutual_aid.claim.adjust", actor=actor, obj=fresh,
                     detail={"from": str(before) if before is not None else None, "to": str(amount),
                             "computed": str(fresh.computed_amount), "reason": reason[:300]})
    return _sync(claim, fresh)


def claim_approve(*, actor, claim: Claim, comment: str = "") -> Claim:
    """Approve: compute the benefit under the account lock and charge the account. Above the period's amount
    the claim waits for a second approval from the level above (the amount is reserved meanwhile). Approving
    again (a double click) answers the same approval."""
    gate(actor, claim, "approve")  # approve and approve_first ask the same permission
    _not_the_filer(actor, claim)
    with transaction.atomic():
        fresh = _locked_claim(claim)
        if fresh.state != S.UNDER_REVIEW:
            if fresh.approved_by_id == actor.pk and fresh.state in (S.APPROVED, S.AWAITING_SECOND):
                return _sync(claim, fresh)  # the same approval, asked twice
            raise InvalidTransition()
        account = _locked_account(fresh)
        calc = calculate(fresh, account.used)
        if calc.amount <= 0:
            from ..errors import NothingDue

            raise NothingDue()
        second = calc.amount > fresh.period.second_approval_above
        now = timezone.now()
        workflow.apply(fresh, "approve_first" if second else "approve", actor=actor, comment=comment,
                       detail={"amount": str(calc.amount), "second_approval_needed": second},
                       approved_by=actor, approved_at=now, approved_amount=calc.amount,
                       calculation=calc.to_data(), computed_amount=calc.computed,
                       first_approval_path=workflow.acting_path(actor, fresh.scope_path, P.REVIEW) or "")
        account.used += calc.amount
        account.self_paid_total += fresh.self_paid
        account.claims_approved += 1
        account.save(update_fields=["used", "self_paid_total", "claims_approved", "updated_at"])
        if not second:  # above the amount, the claimant hears once the level above has approved too
            N.tell_claimant(fresh, N.CLAIM_APPROVED, amount=str(calc.amount))
    return _sync(claim, fresh)


def claim_approve_second(*, actor, claim: Claim, comment: str = "") -> Claim:
    gate(actor, claim, "approve_second")
    if actor.pk in (claim.filed_by_id, claim.approved_by_id):
        raise SeparationOfDuties()
    if not workflow.levels_above(actor, claim.scope_path, claim.first_approval_path, P.APPROVE_LARGE):
        raise SecondApproverNotAbove()
    with transaction.atomic():
        fresh = _locked_claim(claim)
        if fresh.state != S.AWAITING_SECOND:
            if fresh.second_approver_id == actor.pk and fresh.state == S.APPROVED:
                return _sync(claim, fresh)
            raise InvalidTransition()
        workflow.apply(fresh, "approve_second", actor=actor, comment=comment,
                       detail={"amount": str(fresh.approved_amount)}, second_approver=actor,
                       second_approved_at=timezone.now())
        N.tell_claimant(fresh, N.CLAIM_APPROVED, amount=str(fresh.approved_amount))
    return _sync(claim, fresh)


def claim_reject(*, actor, claim: Claim, code: str, note: str = "") -> Claim:
    """Reject with a coded reason. The invoices become free again, and an amount reserved by a first approval
    goes back to the person's account. A claim awaiting the second approval is rejected by someone who may give
    it (the step ``reject_second``); if it moved on meanwhile, the step no longer fits and nothing is done."""
    step = "reject_second" if claim.state == S.AWAITING_SECOND else "reject"
    gate(actor, claim, step)
    if code not in Claim.RejectionCode.values:
        raise ReasonRequired(_("Choose a reason."), field="code")
    note = (note or "").strip()
    if code == Claim.RejectionCode.OTHER and not note:
        raise ReasonRequired(field="note")
    with transaction.atomic():
        fresh = _locked_claim(claim)
        reserved = fresh.approved_amount if fresh.state == S.AWAITING_SECOND else None
        workflow.apply(fresh, step, actor=actor, comment=note, detail={"code": code}, rejection_code=code,
                       rejection_note=note[:500])
        if reserved:
            account = _locked_account(fresh)
            account.used = max(account.used - reserved, Decimal("0"))
            account.self_paid_total = max(account.self_paid_total - fresh.self_paid, Decimal("0"))
            account.claims_approved = max(account.claims_approved - 1, 0)
            account.save(update_fields=["used", "self_paid_total", "claims_approved", "updated_at"])
            Claim.objects.filter(pk=fresh.pk).update(approved_amount=None)
            fresh.approved_amount = None
        fresh.invoices.update(released=True)
        N.tell_claimant(fresh, N.CLAIM_REJECTED, code=code, note=note[:200])
    return _sync(claim, fresh)
