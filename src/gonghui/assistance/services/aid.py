"""Aid to filed households: funds and their balance, aid records with yearly limits per kind, and the three-person
rule of money (proposer, approver, payer). Approving takes the money from the fund: the fund row is locked
(``select_for_update``) so concurrent approvals never overdraw it; the CHECK constraint on the balance is the
database's last word."""

import datetime

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from gonghui.core import audit, scope, workflow
from gonghui.core.errors import ValidationFailed
from gonghui.core.money import ZERO, parse_amount, to_fen

from .. import rules
from ..errors import FileNotFiled, FundInsufficient, SamePerson, YearlyLimitExceeded
from ..models import AidRecord, Fund, HardshipFile
from ..notifications import tell_aid
from ..roles import AID_APPROVE, AID_PAY, AID_PROPOSE, FUNDS
from ..workflows import AID_FLOW


def fund_create(*, actor, org, name: str, balance="0") -> Fund:
    scope.require(actor, FUNDS, org)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(code="hardship_fund_name", field="name")
    with transaction.atomic():
        fund = Fund.objects.create(org=org, name=name[:100], balance=parse_amount(balance, field="balance"))
        audit.record("assistance.fund.create", actor=actor, obj=fund, detail={"balance": str(fund.balance)})
    return fund


def fund_top_up(*, actor, fund, amount) -> Fund:
    scope.require(actor, FUNDS, fund)
    amount = parse_amount(amount, allow_zero=False)
    with transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(balance=F("balance") + amount)
        fund.refresh_from_db(fields=["balance"])
        audit.record("assistance.fund.top_up", actor=actor, obj=fund, detail={"amount": str(amount)})
    return fund


def _given_this_year(file_id: int, kind: str, year: int) -> list:
    total = AidRecord.objects.filter(file_id=file_id, kind=kind, given_on__year=year,
                                     state__in=("proposed", "approved", "paid")).aggregate(s=Sum("amount"))["s"]
    return [total or ZERO]


def aid_propose(*, actor, file, fund, kind: str, amount, given_on: datetime.date | None = None,
                note: str = "") -> AidRecord:
    scope.require(actor, AID_PROPOSE, file)
    scope.require(actor, AID_PROPOSE, fund)
    if kind not in AidRecord.Kind.values:
        raise ValidationFailed(code="hardship_aid_kind", field="kind")
    amount = parse_amount(amount, allow_zero=False)
    given_on = given_on or timezone.localdate()
    with transaction.atomic():
        file = HardshipFile.objects.select_for_update().get(pk=file.pk)  # one proposal at a time per household
        if file.state != HardshipFile.State.FILED:
            raise FileNotFiled()
        if not rules.within_yearly_limit(kind, _given_this_year(file.pk, kind, given_on.year), amount):
            raise YearlyLimitExceeded(field="amount")
        aid = AidRecord.objects.create(org=file.org, file=file, fund=fund, kind=kind, amount=amount,
                                       given_on=given_on, proposed_by=actor, note=(note or "")[:200])
        AID_FLOW.start(aid, actor=actor)
        audit.record("assistance.aid.propose", actor=actor, obj=aid,
                     detail={"file": file.pk, "kind": kind, "amount": str(amount), "fund": fund.pk})
    return aid


def aid_step(*, actor, aid, transition: str, comment: str = "") -> AidRecord:
    if transition == "approve":
        return aid_approve(actor=actor, aid=aid, comment=comment)
    if transition == "pay":
        return aid_pay(actor=actor, aid=aid, comment=comment)
    AID_FLOW.check(actor, aid, AID_FLOW.transition(transition))
    with transaction.atomic():
        workflow.apply(aid, transition, actor=actor, flow=AID_FLOW, comment=comment)
        tell_aid(aid)
    return aid


def aid_approve(*, actor, aid, comment: str = "") -> AidRecord:
    """The approver is not the proposer; the fund is locked and must cover the amount; then the state moves (a
    second approval of the same record finds it moved: 409) and the balance goes down in the same transaction."""
    AID_FLOW.check(actor, aid, AID_FLOW.transition("approve"))
    if aid.proposed_by_id == actor.pk:
        raise SamePerson()
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=aid.fund_id)
        if fund.balance < to_fen(aid.amount):
            raise FundInsufficient()
        workflow.apply(aid, "approve", actor=actor, flow=AID_FLOW, comment=comment, approved_by=actor,
                       detail={"amount": str(aid.amount), "fund": fund.pk})
        Fund.objects.filter(pk=fund.pk).update(balance=F("balance") - aid.amount)
        tell_aid(aid)
    return aid


def aid_pay(*, actor, aid, comment: str = "") -> AidRecord:
    AID_FLOW.check(actor, aid, AID_FLOW.transition("pay"))
    if actor.pk in (aid.proposed_by_id, aid.approved_by_id):
        raise SamePerson()
    with transaction.atomic():
        workflow.apply(aid, "pay", actor=actor, flow=AID_FLOW, comment=comment, paid_by=actor)
        tell_aid(aid)
    return aid


__all__ = ["AID_APPROVE", "AID_PAY", "aid_approve", "aid_pay", "aid_propose", "aid_step", "fund_create",
           "fund_top_up"]
