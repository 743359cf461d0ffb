"""Taking a case in (from the worker's phone or by staff) and the eligibility decision."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.core import attachments, audit, money, scope, workflow
from gonghui.core.errors import ValidationFailed
from gonghui.core.validators import clean_name, validate_credit_code

from .. import notifications, selectors, sla
from ..errors import CourtDetailsMissing, CreditCodeInvalid, EmployerMissing, RefusalReasonMissing
from ..models import CaseType, Channel, DisputeType, LegalCase, RefusalReason, SlaPause, Urgency
from ..roles import RIGHTS_MANAGE
from ..workflows import CASE_FLOW
from ._common import refresh_due, require_manage, today

MAX_YUAN = Decimal("10000000000")  # the columns hold up to 9,999,999,999.99


def _next_reference(year: int) -> str:
    prefix = f"WQ{year}"
    last = (LegalCase.objects.filter(reference__startswith=prefix).order_by("-reference")
            .values_list("reference", flat=True).first())
    number = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{number:06d}"


def _employer(employer_unit, employer_name: str, employer_credit_code: str) -> tuple[str, str]:
    name = (employer_name or "").strip()
    code = (employer_credit_code or "").strip().upper()
    if employer_unit is not None:
        name = name or employer_unit.name
        code = code or (employer_unit.credit_code or "")
    if not name:
        raise EmployerMissing(field="employer_name")
    if code:
        try:
            code = validate_credit_code(code)
        except ValidationFailed:
            raise CreditCodeInvalid(field="employer_credit_code") from None
    return clean_name(name, field="employer_name"), code


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationFailed(_("Choose one of the listed values."), code="rights_choice_invalid", field=field)
    return value


def case_create(*, actor, org, person, channel: str, dispute_type: str, summary: str, employer_name: str = "",
                employer_credit_code: str = "", employer_unit=None, amount_claimed="0",
                case_type: str = CaseType.MEDIATION, urgency: str = Urgency.NORMAL, hardship: bool = False,
                workers_involved: int = 1, court_name: str = "", court_case_number: str = "",
                court_deadline: datetime.date | None = None, submitted_on: datetime.date | None = None,
                papers=(), for_worker: bool = False) -> LegalCase:
    """A new case, in the state "submitted", with its decision clock running. Staff take cases in for a union
    they hold ``rights.manage`` over; a worker files their own (``for_worker``: the person is theirs, the case
    belongs to their current union, and only the mobile channel)."""
    if for_worker:
        if getattr(getattr(actor, "person", None), "pk", None) != person.pk:
            raise ValidationFailed(_("You can only ask for help for yourself."), code="rights_not_yourself")
        if org is None:
            raise ValidationFailed(_("You are not a member of a union yet: ask your union to take the case."),
                                   code="rights_no_union")
        channel = Channel.MOBILE
    else:
        scope.require(actor, RIGHTS_MANAGE, org.path)
    _choice(channel, Channel, "channel")
    _choice(dispute_type, DisputeType, "dispute_type")
    _choice(case_type, CaseType, "case_type")
    _choice(urgency, Urgency, "urgency")
    summary = (summary or "").strip()
    if len(summary) < 5:
        raise ValidationFailed(_("Describe the dispute in a few words."), code="rights_summary_short",
                               field="summary")
    name, code = _employer(employer_unit, employer_name, employer_credit_code)
    claimed = money.parse_amount(amount_claimed, field="amount_claimed", maximum=MAX_YUAN)
    if channel == Channel.COURT and not (court_name.strip() and court_case_number.strip()):
        raise CourtDetailsMissing(field="court_name")
    if int(workers_involved or 1) < 1:
        raise ValidationFailed(_("At least one worker."), code="rights_workers_invalid", field="workers_involved")
    day = submitted_on or today()
    for _attempt in range(5):
        case = LegalCase(
            org=org, province_code=org.province_code,
            reference=_next_reference(day.year), channel=channel, dispute_type=dispute_type, case_type=case_type,
            person=person, employer_unit=employer_unit, employer_name=name, employer_credit_code=code,
            summary=summary[:4000], amount_claimed=claimed, urgency=urgency, hardship=bool(hardship),
            workers_involved=int(workers_involved or 1), submitted_on=day, court_name=court_name.strip(),
            court_case_number=court_case_number.strip(), court_deadline=court_deadline,
            filed_by=actor if getattr(actor, "is_authenticated", False) else None)
        try:
            with transaction.atomic():
                case.save(force_insert=True)
                break
        except IntegrityError:
            continue
    else:
        raise ValidationFailed(_("Could not number the case; please try again."), code="rights_reference_busy")
    with transaction.atomic():
        refresh_due(case)
        CASE_FLOW.start(case, actor=actor)
        if channel == Channel.COURT:
            from .followup import mediation_open

            mediation_open(actor=actor, case=case)
        audit.record("rights.case_create", actor=actor, obj=case,
                     detail={"reference": case.reference, "channel": channel, "dispute_type": dispute_type})
        for upload in papers:
            attachments.attachment_add(actor=actor, owner=case, kind="rights.paper", upload=upload,
                                       for_user=actor if for_worker else None)
    return case


def case_step(*, actor, case: LegalCase, transition: str, comment: str = "") -> LegalCase:
    """The steps that need nothing but a comment (the API's generic transition and the page buttons)."""
    handlers = {"review": case_review, "ask_worker": case_ask_worker, "resume": case_resume,
                "accept": case_accept, "reopen": case_reopen, "withdraw": case_withdraw}
    if transition == "start":
        from .work import case_start

        return case_start(actor=actor, case=case, comment=comment)
    if transition not in handlers:
        CASE_FLOW.transition(transition)  # unknown names: 422 transition_unknown
        raise ValidationFailed(_("This step needs more than a comment: use its own form."),
                               code="rights_step_needs_form", field="transition")
    return handlers[transition](actor=actor, case=case, comment=comment)


def _move(actor, case, name: str, comment: str = "", **updates) -> LegalCase:
    workflow.apply(case, name, actor=actor, flow=CASE_FLOW, comment=comment, **updates)
    notifications.tell_worker(case, name)
    return case


def case_review(*, actor, case, comment: str = "") -> LegalCase:
    with transaction.atomic():
        return _move(actor, case, "review", comment)


def case_ask_worker(*, actor, case, comment: str = "") -> LegalCase:
    """Waiting for the worker: the decision clock stops from today until the review resumes."""
    if not (comment or "").strip():
        raise ValidationFailed(_("Say what the worker should provide."), code="rights_comment_needed",
                               field="comment")
    with transaction.atomic():
        _move(actor, case, "ask_worker", comment, decision_due=None)
        SlaPause.objects.create(case=case, started_on=today())
    return case


def case_resume(*, actor, case, comment: str = "") -> LegalCase:
    with transaction.atomic():
        _move(actor, case, "resume", comment)
        SlaPause.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today())
        refresh_due(case)
    return case


def _decision(case) -> dict:
    """When a request is decided: the day, the working days it took, and whether within the deadline (the
    deadline as it stood: pauses for the worker excluded)."""
    day = today()
    cal = selectors.calendar(case.submitted_on, day)
    due = case.decision_due
    return {"decided_on": day, "decision_days": sla.working_days_between(case.submitted_on, day, cal),
            "decided_in_time": due is None or day <= due}


def case_accept(*, actor, case, comment: str = "", case_type: str | None = None) -> LegalCase:
    updates = _decision(case)
    if case_type:
        updates["case_type"] = _choice(case_type, CaseType, "case_type")
    with transaction.atomic():
        return _move(actor, case, "accept", comment, **updates)


def case_refuse(*, actor, case, reason: str, comment: str = "") -> LegalCase:
    """A refusal is written: a coded reason (kept on the case, shown to the worker) and the officer's words."""
    if reason not in RefusalReason.values:
        raise RefusalReasonMissing(field="reason")
    with transaction.atomic():
        _move(actor, case, "refuse", comment, refusal_reason=reason, **_decision(case))
        SlaPause.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today())
    return case


def case_reopen(*, actor, case, comment: str = "") -> LegalCase:
    if not (comment or "").strip():
        raise ValidationFailed(_("Say why the case is reopened."), code="rights_comment_needed", field="comment")
    with transaction.atomic():
        return _move(actor, case, "reopen", comment, closed_on=None)


def case_withdraw(*, actor, case, comment: str = "") -> LegalCase:
    with transaction.atomic():
        _move(actor, case, "withdraw", comment)
        SlaPause.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today())
    return case


__all__ = ["case_accept", "case_ask_worker", "case_create", "case_refuse", "case_reopen", "case_resume",
           "case_review", "case_step", "case_withdraw", "require_manage"]
