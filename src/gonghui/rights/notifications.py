"""What rights tells people: the worker at each step of their case; the lawyer or mediator when a case is
assigned to them; officers, once a day, how many decisions are close to their deadline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import STAFF, Digest, Event, notify, register_digest, register_event

from .roles import RIGHTS_MANAGE

CASE_STEP = "rights.case_step"
CASE_ASSIGNED = "rights.case_assigned"
DECISIONS_DUE = "rights.decisions_due"
PAYMENT_DUE = "rights.payment_due"
PAYMENT_DUE_STAFF = "rights.payment_due_staff"
ACTIVITY_DUE = "rights.activity_due"


def _state_label(context: dict) -> dict:
    from .models import LegalCase

    state = context.get("state", "")
    label = LegalCase.State(state).label if state in LegalCase.State.values else ""
    message = MESSAGES.get(context.get("step", ""), "")
    return {**context, "state_label": label, "message": message}


def register() -> None:
    register_event(Event(
        CASE_STEP, _("Your legal-aid case moved"),
        _("Your legal-aid case %(reference)s: %(state_label)s"),
        _("%(message)s"), sms=True, prepare=_state_label,
        example={"reference": "WQ2026000001", "state": "accepted", "step": "accept"}))
    register_event(Event(
        CASE_ASSIGNED, _("Legal-aid case assigned to you"),
        _("Case %(reference)s was assigned to you"),
        _("Dispute: %(dispute)s. Open the case to start work."), audience=STAFF,
        example={"reference": "WQ2026000001", "dispute": "拖欠工资"}))
    register_event(Event(
        DECISIONS_DUE, _("Legal-aid decisions due"),
        _("%(count)s legal-aid requests are due for a decision within a working day or overdue"),
        _("Open the queue to decide them."), audience=STAFF, example={"count": 3}))
    register_event(Event(
        PAYMENT_DUE, _("A payment to you is due"),
        _("Case %(reference)s: %(amount)s yuan is due to be paid to you on %(day)s"),
        _("Tell the union if the money does not arrive."), sms=True,
        example={"reference": "WQ2026000001", "amount": "3,000.00", "day": "2026-12-10"}))
    register_event(Event(
        PAYMENT_DUE_STAFF, _("A payment to follow up is due"),
        _("Case %(reference)s: %(amount)s yuan is due on %(day)s"),
        _("Record the money received, or that it was not paid."), audience=STAFF,
        example={"reference": "WQ2026000001", "amount": "3,000.00", "day": "2026-12-10"}))
    register_event(Event(
        ACTIVITY_DUE, _("Case reminder"), _("Case %(reference)s: reminder for today"), _("%(note)s"),
        audience=STAFF, example={"reference": "WQ2026000001", "note": "开庭前联系当事人"}))
    register_digest(Digest("rights.decisions_due", RIGHTS_MANAGE, DECISIONS_DUE, count=_due_count,
                           link=lambda: reverse("rights:queue") + "?sla=warning"))


def _due_count(user) -> int:
    from .selectors import decisions_due

    return decisions_due(user).count()


MESSAGES = {
    "review": _("The union is checking your request."),
    "ask_worker": _("The union needs more from you: see the comment and add your papers."),
    "accept": _("Your request was accepted; a lawyer or mediator will be assigned."),
    "refuse": _("Your request was refused; the letter gives the reason."),
    "assign": _("A lawyer or mediator was assigned to your case."),
    "start": _("Work on your case has started."),
    "close": _("Your case was closed. Please rate the service."),
    "reopen": _("Your case was reopened."),
    "reopen_unpaid": _("A payment was not made: your case was reopened to enforce it."),
}


def tell_worker(case, step: str) -> None:
    """Inside the service's transaction: the worker (if they have an account) hears of the step."""
    user = getattr(case.person, "user", None)
    if user is None or step not in MESSAGES:
        return
    notify(user, CASE_STEP, case, {"reference": case.reference, "state": case.state, "step": step},
           link=reverse("m_rights:case_detail", args=[case.pk]))


def tell_assignee(case) -> None:
    if case.assignee_id is None:
        return
    notify(case.assignee, CASE_ASSIGNED, case, {"reference": case.reference,
                                                "dispute": case.get_dispute_type_display()},
           link=reverse("rights:case_detail", args=[case.pk]))


def tell_payment_due(instalment) -> None:
    case = instalment.case
    context = {"reference": case.reference, "amount": f"{instalment.amount:,.2f}", "day": instalment.due_on.isoformat()}
    key = f"rights:instalment:{instalment.pk}"
    user = getattr(case.person, "user", None)
    if user is not None:
        notify(user, PAYMENT_DUE, case, context, link=reverse("m_rights:case_detail", args=[case.pk]), key=key)
    if case.assignee_id:
        notify(case.assignee, PAYMENT_DUE_STAFF, case, context, link=reverse("rights:case_detail", args=[case.pk]),
               key=key)


def tell_activity_due(activity) -> bool:
    if activity.by_id is None:
        return False
    case = activity.case
    return notify(activity.by, ACTIVITY_DUE, case, {"reference": case.reference, "note": activity.note[:200]},
                  link=reverse("rights:case_detail", args=[case.pk]), key=f"rights:activity:{activity.pk}") is not None
