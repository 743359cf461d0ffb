"""Working a case: assignment, the timeline, papers, closure with the money recovered, the worker's rating."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import attachments, audit, money, scope, workflow
from gonghui.core.errors import NotFound, ValidationFailed

from .. import notifications, selectors
from ..errors import (
    AlreadyRated,
    CaseWorkerUnavailable,
    ClosingPaperMissing,
    MediationOpen,
    NotClosedYet,
    OutcomeNotAllowed,
    RecoveredAmountMissing,
    RoleCannotClose,
)
from ..models import (
    ALLOWED_OUTCOMES,
    MONEY_OUTCOMES,
    ROLE_CASE_TYPES,
    Activity,
    CaseWorker,
    Holiday,
    LegalCase,
    Outcome,
)
from ..roles import RIGHTS_MANAGE, RIGHTS_WORK
from ..workflows import CASE_FLOW
from ._common import require_manage, require_work, today
from .intake import MAX_YUAN

NO_PAPER_OUTCOMES = frozenset({Outcome.ADVICE_GIVEN, Outcome.WITHDRAWN})


def case_assign(*, actor, case: LegalCase, case_worker: CaseWorker, comment: str = "") -> LegalCase:
    """Give the case to a lawyer or mediator of its union or a union above, active and below their caseload."""
    require_manage(actor, case)
    if case_worker.pk not in set(selectors.assignable_workers(actor, case).values_list("pk", flat=True)):
        raise CaseWorkerUnavailable(field="case_worker")
    with transaction.atomic():
        open_now = (LegalCase.objects.filter(case_worker=case_worker, state__in=("assigned", "in_progress"))
                    .exclude(pk=case.pk).count())
        if open_now >= case_worker.max_open:
            raise CaseWorkerUnavailable(_("%(name)s already has %(count)s open cases.")
                                        % {"name": case_worker.name, "count": open_now}, field="case_worker")
        workflow.apply(case, "assign", actor=actor, flow=CASE_FLOW, comment=comment, assignee=case_worker.user,
                       case_worker=case_worker, detail={"case_worker": case_worker.pk})
        case.case_worker = case_worker
        notifications.tell_assignee(case)
        notifications.tell_worker(case, "assign")
    return case


def case_start(*, actor, case: LegalCase, comment: str = "") -> LegalCase:
    require_work(actor, case)
    with transaction.atomic():
        workflow.apply(case, "start", actor=actor, flow=CASE_FLOW, comment=comment)
        notifications.tell_worker(case, "start")
    return case


def activity_add(*, actor, case: LegalCase, kind: str, note: str, happened_on: datetime.date | None = None,
                 remind_on: datetime.date | None = None) -> Activity:
    require_work(actor, case)
    if kind not in Activity.Kind.values:
        raise ValidationFailed(_("Choose one of the listed values."), code="rights_choice_invalid", field="kind")
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("Write what happened."), code="rights_note_missing", field="note")
    if case.state in ("closed", "refused", "withdrawn"):
        raise ValidationFailed(_("The case is finished: reopen it first."), code="rights_case_finished")
    with transaction.atomic():
        activity = Activity.objects.create(case=case, kind=kind, note=note[:4000], happened_on=happened_on or today(),
                                           remind_on=remind_on, by=actor)
        CASE_FLOW._log(case, "activity", case.state, case.state, actor, f"{activity.get_kind_display()}: {note[:200]}")
        audit.record("rights.activity_add", actor=actor, obj=case, detail={"activity": activity.pk, "kind": kind})
    return activity


def paper_add(*, actor, case: LegalCase, upload, kind: str = "rights.paper"):
    """A paper of the case: by an officer or the assigned lawyer/mediator, or by the worker for their own case
    (who thereby answers a request for more: the review resumes)."""
    if kind not in selectors.PAPER_KINDS:
        raise ValidationFailed(_("Unknown kind of paper."), code="rights_paper_kind", field="kind")
    own = getattr(getattr(actor, "person", None), "pk", None) == case.person_id and getattr(actor, "is_worker",
                                                                                            False)
    if own:
        if kind != "rights.paper" or case.state in ("closed", "refused", "withdrawn"):
            raise ValidationFailed(_("Papers can no longer be added to this case."), code="rights_paper_closed")
        with transaction.atomic():
            paper = attachments.attachment_add(actor=actor, owner=case, kind=kind, upload=upload, for_user=actor)
            CASE_FLOW._log(case, "paper", case.state, case.state, actor, "")
            if case.state == "waiting":
                from .intake import case_resume

                case_resume(actor=actor, case=case, comment=_("The worker added papers."))
        return paper
    require_work(actor, case)
    with transaction.atomic():
        # The upload permission of the kinds is rights.manage; the assigned lawyer adds through the case's gate
        # (checked just above), so the file is stored as the worker's own would be: for nobody else.
        if scope.has_perm(actor, RIGHTS_MANAGE, case.scope_path):
            paper = attachments.attachment_add(actor=actor, owner=case, kind=kind, upload=upload)
        else:
            paper = attachments.attachment_add(actor=actor, owner=case, kind=kind, upload=upload, for_user=actor)
        CASE_FLOW._log(case, "paper", case.state, case.state, actor, "")
    return paper


def paper_open(*, user, case: LegalCase, attachment_id):
    """One paper, for the officers responsible and the assigned lawyer/mediator; every read audited."""
    if not selectors.may_read_papers(user, case):
        raise NotFound()
    paper = selectors.paper_get(user, case, attachment_id)
    audit.record("attachment.read", actor=user, obj=paper,
                 detail={"kind": paper.kind, "owner": f"rights.legalcase:{case.pk}"})
    audit.record("rights.paper_read", actor=user, obj=case, detail={"attachment": paper.pk})
    return paper


def case_close(*, actor, case: LegalCase, outcome: str, amount_recovered=None, reached_worker: bool | None = None,
               comment: str = "") -> LegalCase:
    """Close with an outcome allowed for the case type (and the closer's role), the amount recovered and
    whether it reached the worker (outcomes that bring money), and the closing document attached."""
    require_work(actor, case)
    if outcome not in ALLOWED_OUTCOMES.get(case.case_type, ()):
        raise OutcomeNotAllowed(field="outcome")
    if not scope.has_perm(actor, RIGHTS_MANAGE, case.scope_path) and case.case_worker_id:
        role = case.case_worker.role
        if case.case_type not in ROLE_CASE_TYPES.get(role, ()):
            raise RoleCannotClose()
    recovered = None
    if outcome in MONEY_OUTCOMES:
        if amount_recovered in (None, "") or reached_worker is None:
            raise RecoveredAmountMissing(field="amount_recovered")
        recovered = money.parse_amount(amount_recovered, field="amount_recovered", maximum=MAX_YUAN)
        if recovered == 0:
            reached_worker = False
    elif amount_recovered not in (None, ""):
        recovered = money.parse_amount(amount_recovered, field="amount_recovered", maximum=MAX_YUAN)
    mediation = selectors.mediation_of(case) if case.channel == "court" else None
    if mediation is not None:  # the loop with the court closes in the case: its result decides the outcome
        if mediation.state not in ("confirmed", "returned"):
            raise MediationOpen(field="outcome")
        if (outcome == Outcome.AGREEMENT) != (mediation.state == "confirmed"):
            raise OutcomeNotAllowed(field="outcome")
    letter_sent = mediation is not None and mediation.feedback_on is not None  # the feedback letter is the paper
    if outcome not in NO_PAPER_OUTCOMES and not letter_sent and not selectors.has_closing_paper(case):
        raise ClosingPaperMissing(field="outcome")
    with transaction.atomic():
        workflow.apply(case, "close", actor=actor, flow=CASE_FLOW, comment=comment, outcome=outcome,
                       amount_recovered=recovered, reached_worker=reached_worker, closed_on=today(),
                       detail={"outcome": outcome, "recovered": str(recovered) if recovered is not None else None})
        notifications.tell_worker(case, "close")
    return case


def case_rate(*, actor, case: LegalCase, rating: int, comment: str = "") -> LegalCase:
    """The worker rates the service of their own closed case, once (a second try: AlreadyRated)."""
    if getattr(getattr(actor, "person", None), "pk", None) != case.person_id:
        raise NotFound()
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationFailed(_("Give one to five stars."), code="rights_rating_invalid", field="rating")
    if case.state != "closed":
        raise NotClosedYet()
    with transaction.atomic():
        updated = LegalCase.objects.filter(pk=case.pk, rating__isnull=True, state="closed").update(
            rating=rating, rating_comment=(comment or "").strip()[:500])
        if not updated:
            raise AlreadyRated()
        case.rating, case.rating_comment = rating, (comment or "").strip()[:500]
        CASE_FLOW._log(case, "rated", case.state, case.state, actor, "★" * rating)
        audit.record("rights.case_rate", actor=actor, obj=case, detail={"rating": rating})
    return case


def case_worker_save(*, actor, org, user, role: str, name: str, body: str = "", max_open: int = 15,
                     active: bool = True) -> CaseWorker:
    """Register (or change) a lawyer or mediator of a union; their account holds the case-worker role."""
    scope.require(actor, RIGHTS_MANAGE, org.path)
    if role not in CaseWorker.Role.values:
        raise ValidationFailed(_("Choose one of the listed values."), code="rights_choice_invalid", field="role")
    if not scope.has_perm(user, RIGHTS_WORK, org.path):
        raise ValidationFailed(_("The account needs the lawyer-or-mediator role at this union first."),
                               code="rights_worker_role_missing", field="user")
    with transaction.atomic():
        worker, _created = CaseWorker.objects.update_or_create(
            user=user, org=org, defaults={"role": role, "name": name.strip()[:50], "body": body.strip()[:120],
                                          "max_open": max(1, int(max_open)), "active": bool(active),
                                          "province_code": org.province_code})
        audit.record("rights.case_worker_save", actor=actor, obj=worker, detail={"role": role})
    return worker


def holiday_save(*, actor, date: datetime.date, name: str, is_workday: bool = False) -> Holiday:
    """The calendar is the province's: only officers at the top of the tree change it."""
    if not any(path.count("/") <= 1 for path in scope.paths_with(actor, RIGHTS_MANAGE)):
        raise NotFound(_("The holiday calendar is kept by the provincial federation."))
    with transaction.atomic():
        holiday, _created = Holiday.objects.update_or_create(date=date, defaults={"name": name.strip()[:60],
                                                                                  "is_workday": is_workday})
        audit.record("rights.holiday_save", actor=actor, obj=holiday, detail={"workday": is_workday})
    return holiday


def export_record(*, actor, count: int) -> None:
    audit.record("rights.export", actor=actor, detail={"rows": count})


def letter_make(*, user, case: LegalCase, kind: str, for_worker: bool = False) -> tuple[bytes, str]:
    """A letter of the case, as PDF: staff who see the case (the refusal also to the worker it refuses). Audited."""
    from .. import letters

    mediation = selectors.mediation_of(case)
    allowed = letters.available(case, mediation)
    if for_worker:
        allowed = [k for k in allowed if k == "refusal"]
    if kind not in allowed:
        raise NotFound()
    data, name = letters.make(case, kind, mediation)
    audit.record("rights.letter_make", actor=user, obj=case, detail={"kind": kind})
    return data, name
