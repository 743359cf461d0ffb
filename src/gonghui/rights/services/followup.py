"""Court + union mediation (诉调对接) inside the case, and the follow-up of payments (履行监督): schedule,
reminders, money received, the case reopened when a payment fails."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import audit, money, workflow
from gonghui.core.errors import ValidationFailed

from .. import notifications
from ..models import MONEY_OUTCOMES, Activity, CourtMediation, Instalment, LegalCase
from ..workflows import CASE_FLOW, INSTALMENT_FLOW, MEDIATION_FLOW
from ._common import require_work, today
from .intake import MAX_YUAN

MAX_INSTALMENTS = 60


def mediation_open(*, actor, case: LegalCase) -> CourtMediation:
    """The mediation record of a court referral (called at intake, in the case's transaction)."""
    mediation = CourtMediation.objects.create(case=case)
    MEDIATION_FLOW.start(mediation, actor=actor)
    return mediation


def _text(value: str, field: str, message) -> str:
    value = (value or "").strip()
    if len(value) < 2:
        raise ValidationFailed(message, code="rights_text_missing", field=field)
    return value[:4000]


def mediation_begin(*, actor, mediation: CourtMediation, comment: str = "") -> CourtMediation:
    require_work(actor, mediation.case)
    with transaction.atomic():
        workflow.apply(mediation, "begin", actor=actor, flow=MEDIATION_FLOW, comment=comment)
    return mediation


def mediation_agree(*, actor, mediation: CourtMediation, points_in_dispute: str, agreement_terms: str,
                    agreed_amount, comment: str = "") -> CourtMediation:
    """The parties agreed: the terms and the amount; the feedback letter to the court goes out today."""
    require_work(actor, mediation.case)
    points = _text(points_in_dispute, "points_in_dispute", _("State the points in dispute."))
    terms = _text(agreement_terms, "agreement_terms", _("Write the terms of the agreement."))
    amount = money.parse_amount(agreed_amount, field="agreed_amount", maximum=MAX_YUAN)
    with transaction.atomic():
        workflow.apply(mediation, "agree", actor=actor, flow=MEDIATION_FLOW, comment=comment,
                       points_in_dispute=points, agreement_terms=terms, agreed_amount=amount, feedback_on=today(),
                       detail={"amount": str(amount)})
    return mediation


def mediation_confirm(*, actor, mediation: CourtMediation, confirmation_number: str,
                      confirmed_on: datetime.date | None = None, comment: str = "") -> CourtMediation:
    require_work(actor, mediation.case)
    number = _text(confirmation_number, "confirmation_number", _("Give the number of the court's ruling."))
    with transaction.atomic():
        workflow.apply(mediation, "confirm", actor=actor, flow=MEDIATION_FLOW, comment=comment,
                       confirmation_number=number[:60], confirmed_on=confirmed_on or today())
    return mediation


def mediation_give_back(*, actor, mediation: CourtMediation, points_in_dispute: str, return_reason: str,
                        comment: str = "") -> CourtMediation:
    """No agreement: the case goes back to the court with the feedback letter stating the points in dispute."""
    require_work(actor, mediation.case)
    points = _text(points_in_dispute, "points_in_dispute", _("State the points in dispute."))
    reason = _text(return_reason, "return_reason", _("Say why the mediation failed."))
    with transaction.atomic():
        workflow.apply(mediation, "give_back", actor=actor, flow=MEDIATION_FLOW, comment=comment,
                       points_in_dispute=points, return_reason=reason, feedback_on=today())
    return mediation


# --- payments --------------------------------------------------------------------------------------------

def schedule_set(*, actor, case: LegalCase, instalments) -> list[Instalment]:
    """The payments the employer owes (date, amount), replacing those still due; after an agreement, an award,
    a judgment or a settlement."""
    require_work(actor, case)
    mediation = CourtMediation.objects.filter(case=case).first()
    if case.outcome not in MONEY_OUTCOMES and not (mediation and mediation.state in ("agreed", "confirmed")):
        raise ValidationFailed(_("A payment schedule follows an agreement, an award or a judgment."),
                               code="rights_schedule_no_basis")
    rows = []
    for due_on, amount in instalments:
        if not isinstance(due_on, datetime.date):
            raise ValidationFailed(_("Give a date for each payment."), code="rights_schedule_date", field="due_on")
        rows.append((due_on, money.parse_amount(amount, field="amount", allow_zero=False, maximum=MAX_YUAN)))
    if not rows or len(rows) > MAX_INSTALMENTS:
        raise ValidationFailed(_("Give between one and sixty payments."), code="rights_schedule_size")
    with transaction.atomic():
        LegalCase.objects.select_for_update().filter(pk=case.pk).first()  # one schedule change at a time
        Instalment.objects.filter(case=case, state=Instalment.State.DUE).delete()
        created = Instalment.objects.bulk_create([Instalment(case=case, due_on=d, amount=a) for d, a in sorted(rows)])
        INSTALMENT_FLOW.start_many(created, actor=actor)
        audit.record("rights.schedule_set", actor=actor, obj=case,
                     detail={"instalments": len(created), "total": str(money.money_sum(a for _d, a in rows))})
    return created


def instalment_pay(*, actor, instalment: Instalment, received_amount, received_on: datetime.date | None = None,
                   comment: str = "") -> Instalment:
    """The money actually received (recorded once: a second try finds the instalment paid, 409)."""
    case = instalment.case
    require_work(actor, case)
    amount = money.parse_amount(received_amount, field="received_amount", maximum=MAX_YUAN)
    with transaction.atomic():
        workflow.apply(instalment, "pay", actor=actor, flow=INSTALMENT_FLOW, comment=comment,
                       received_amount=amount, received_on=received_on or today(), recorded_by=actor,
                       detail={"amount": str(amount)})
        if not Instalment.objects.filter(case=case).exclude(state=Instalment.State.PAID).exists():
            LegalCase.objects.filter(pk=case.pk).update(reached_worker=True)
    return instalment


def instalment_fail(*, actor, instalment: Instalment, comment: str = "") -> Instalment:
    """The employer did not pay: recorded, and a closed case is reopened for enforcement."""
    case = instalment.case
    require_work(actor, case)
    if not (comment or "").strip():
        raise ValidationFailed(_("Say what happened."), code="rights_comment_needed", field="comment")
    with transaction.atomic():
        workflow.apply(instalment, "fail", actor=actor, flow=INSTALMENT_FLOW, comment=comment)
        if case.state == "closed":
            workflow.apply(case, "reopen_unpaid", actor=actor, flow=CASE_FLOW,
                           comment=_("Payment due on %(day)s was not made: %(comment)s")
                           % {"day": instalment.due_on.isoformat(), "comment": comment}, closed_on=None)
            notifications.tell_worker(case, "reopen_unpaid")
        LegalCase.objects.filter(pk=case.pk).update(reached_worker=False)
    return instalment


def received_total(case: LegalCase) -> Decimal:
    return money.money_sum(Instalment.objects.filter(case=case, state=Instalment.State.PAID)
                           .values_list("received_amount", flat=True))


def send_reminders(*, day: datetime.date | None = None, days_ahead: int = 3) -> dict:
    """Daily (``gonghui rights_reminders``): payments due within ``days_ahead`` days are reminded to the lawyer or
    mediator and the worker, once each; activities whose reminder date is today to whoever recorded them."""
    day = day or today()
    horizon = day + datetime.timedelta(days=days_ahead)
    sent = {"instalments": 0, "activities": 0}
    due = (Instalment.objects.filter(state=Instalment.State.DUE, due_on__gte=day, due_on__lte=horizon)
           .filter(reminded_on__isnull=True).select_related("case", "case__person__user", "case__assignee"))
    for instalment in due:
        with transaction.atomic():
            if not Instalment.objects.filter(pk=instalment.pk, reminded_on__isnull=True).update(reminded_on=day):
                continue  # another run took it
            notifications.tell_payment_due(instalment)
            sent["instalments"] += 1
    for activity in Activity.objects.filter(remind_on=day).select_related("case", "by"):
        if notifications.tell_activity_due(activity):
            sent["activities"] += 1
    return sent
