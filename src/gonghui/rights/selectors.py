"""Every read of the rights module, narrowed to the reader: officers see the cases of their subtree
(``rights.view``), lawyers and mediators only the cases assigned to them (``rights.work``)."""

import datetime
import re

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core import attachments, scope
from gonghui.core.errors import NotFound

from . import sla
from .models import CaseWorker, DisputeType, Holiday, LegalCase
from .roles import RIGHTS_MANAGE, RIGHTS_PAPERS, RIGHTS_VIEW, RIGHTS_WORK

_LATIN = re.compile(r"^[a-zA-Z]+$")
_REFERENCE = re.compile(r"^WQ\d+$", re.IGNORECASE)
PAPER_KINDS = ("rights.paper", "rights.closing", "rights.letter")


# --- the calendar ------------------------------------------------------------------------------------------

def calendar(start: datetime.date | None = None, end: datetime.date | None = None) -> sla.Calendar:
    """The official calendar (holidays, make-up working days) between two dates, for the SLA clock."""
    rows = Holiday.objects.all()
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    holidays, workdays = set(), set()
    for day, is_workday in rows.values_list("date", "is_workday"):
        (workdays if is_workday else holidays).add(day)
    return sla.Calendar(frozenset(holidays), frozenset(workdays))


def holidays(year: int | None = None) -> QuerySet[Holiday]:
    rows = Holiday.objects.all()
    return rows.filter(date__year=year) if year else rows


# --- cases -------------------------------------------------------------------------------------------------

def visible_q(user) -> Q:
    return (scope.scope_q(user, RIGHTS_VIEW, "org__path")
            | (scope.scope_q(user, RIGHTS_WORK, "org__path") & Q(assignee_id=getattr(user, "pk", None))))


def cases_visible(user) -> QuerySet[LegalCase]:
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_worker", False):
        return LegalCase.objects.none()
    return LegalCase.objects.filter(visible_q(user))


def case_get(user, case_id) -> LegalCase:
    try:
        case = (cases_visible(user).select_related("person", "person__user", "org", "case_worker", "assignee",
                                                   "employer_unit").filter(pk=int(case_id)).first())
    except (TypeError, ValueError):
        case = None
    if case is None:
        raise NotFound()
    return case


def may_manage(user, case) -> bool:
    return scope.has_perm(user, RIGHTS_MANAGE, case.scope_path)


def may_work(user, case) -> bool:
    """An officer of the case, or the lawyer/mediator it is assigned to."""
    if may_manage(user, case):
        return True
    return case.assignee_id == getattr(user, "pk", None) and scope.has_perm(user, RIGHTS_WORK, case.scope_path)


def may_read_papers(user, case) -> bool:
    """Confidential papers: the responsible officers (``rights.papers``) and the assigned lawyer or mediator."""
    if scope.has_perm(user, RIGHTS_PAPERS, case.scope_path):
        return True
    return case.assignee_id == getattr(user, "pk", None) and scope.has_perm(user, RIGHTS_WORK, case.scope_path)


def search_q(query: str) -> Q:
    """Case number, the worker's name (characters, pinyin or initials), the employer's name or credit code."""
    query = (query or "").strip()
    if not query:
        return Q()
    if _REFERENCE.match(query):
        return Q(reference__iexact=query)
    if _LATIN.match(query):
        lowered = query.lower()
        return Q(person__name_pinyin__startswith=lowered) | Q(person__name_initials__startswith=lowered)
    if len(query) == 18 and query.isalnum():
        return Q(employer_credit_code=query.upper())
    return Q(person__name__contains=query) | Q(employer_name__contains=query) | Q(reference__icontains=query)


def case_queue(user, *, query: str = "", state: str = "", dispute_type: str = "", channel: str = "",
               case_type: str = "", urgency: str = "", sla_status: str = "", org_id: int | None = None,
               mine: bool = False, credit_code: str = "") -> QuerySet[LegalCase]:
    rows = cases_visible(user).select_related("person", "org", "case_worker").filter(search_q(query))
    if state == "open":
        rows = rows.filter(state__in=LegalCase.OPEN_STATES)
    elif state:
        rows = rows.filter(state=state)
    for field, value in (("dispute_type", dispute_type), ("channel", channel), ("case_type", case_type),
                         ("urgency", urgency)):
        if value:
            rows = rows.filter(**{field: value})
    if credit_code:
        rows = rows.filter(employer_credit_code=credit_code.strip().upper())
    if org_id:
        from gonghui.orgs import selectors as org_selectors

        org = org_selectors.organisation_get(user, org_id, RIGHTS_VIEW)
        rows = rows.filter(org__path__startswith=org.path)
    if mine:
        rows = rows.filter(assignee_id=user.pk)
    if sla_status:
        rows = _by_sla(rows, sla_status)
    return rows.order_by("-submitted_on", "-id")


def _by_sla(rows, status: str):
    today = timezone.localdate()
    rows = rows.filter(state__in=LegalCase.DECISION_STATES)
    if status == "paused":
        return rows.filter(state="waiting")
    if status == "overdue":
        return rows.filter(decision_due__lt=today).exclude(state="waiting")
    if status == "warning":
        return rows.filter(decision_due__gte=today, decision_due__lte=next_working_day(today)).exclude(
            state="waiting")
    return rows


def next_working_day(day: datetime.date) -> datetime.date:
    cal = calendar(day, day + datetime.timedelta(days=40))
    day += sla.ONE_DAY
    while not cal.is_working(day):
        day += sla.ONE_DAY
    return day


def decisions_due(user) -> QuerySet[LegalCase]:
    """Requests not yet decided whose deadline is today, the next working day, or already past."""
    today = timezone.localdate()
    return (scope.scoped(LegalCase.objects.all(), user, RIGHTS_MANAGE)
            .filter(state__in=("submitted", "review"), decision_due__lte=next_working_day(today)))


def sla_of(case, today: datetime.date | None = None, cal: sla.Calendar | None = None) -> str:
    if case.state not in LegalCase.DECISION_STATES:
        return ""
    today = today or timezone.localdate()
    cal = cal or calendar(case.submitted_on, today + datetime.timedelta(days=40))
    return sla.status(today, None if case.state == "waiting" else case.decision_due, cal)


def court_referrals(user, *, state: str = "") -> QuerySet[LegalCase]:
    rows = cases_visible(user).filter(channel="court").select_related("person", "org", "case_worker")
    return rows.filter(state=state) if state else rows.order_by("court_deadline", "-id")


def activities_of(case):
    return case.activities.select_related("by").all()


def papers_of(case, user):
    """The case's papers, for those who may read them; nobody else gets even the list."""
    if not may_read_papers(user, case):
        return []
    from gonghui.core.models import Attachment

    return list(Attachment.objects.filter(owner_type="rights.legalcase", owner_id=str(case.pk),
                                          kind__in=PAPER_KINDS).order_by("id"))


def paper_get(user, case, attachment_id):
    """One paper of the case (NotFound if not the case's, or the reader may not read papers)."""
    for paper in papers_of(case, user):
        if str(paper.pk) == str(attachment_id):
            return paper
    raise NotFound()


def has_closing_paper(case) -> bool:
    """A closing document (agreement, award, judgment, ruling) or a letter the case produced (the feedback
    letter to the court)."""
    from gonghui.core.models import Attachment

    return Attachment.objects.filter(owner_type="rights.legalcase", owner_id=str(case.pk),
                                     kind__in=("rights.closing", "rights.letter")).exists()


def history(case):
    from .workflows import CASE_FLOW

    return CASE_FLOW.history(case)


# --- the worker's own --------------------------------------------------------------------------------------

def my_cases(person) -> QuerySet[LegalCase]:
    if person is None:
        return LegalCase.objects.none()
    return LegalCase.objects.filter(person=person).order_by("-submitted_on", "-id")


def my_case_get(person, case_id) -> LegalCase:
    case = my_cases(person).select_related("person", "case_worker").filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    return case


def my_papers(case, user):
    from gonghui.core.models import Attachment

    return list(Attachment.objects.filter(owner_type="rights.legalcase", owner_id=str(case.pk), for_user=user)
                .order_by("id"))


# --- case workers and caseloads ----------------------------------------------------------------------------

def case_workers(user, *, role: str = "", active_only: bool = False) -> QuerySet[CaseWorker]:
    rows = scope.scoped(CaseWorker.objects.select_related("org", "user"), user, RIGHTS_VIEW)
    if role:
        rows = rows.filter(role=role)
    if active_only:
        rows = rows.filter(active=True)
    return rows.annotate(open_cases=Count("cases", filter=Q(cases__state__in=("assigned", "in_progress"))),
                         closed_cases=Count("cases", filter=Q(cases__state="closed"))).order_by("role", "name")


def case_worker_get(user, worker_id) -> CaseWorker:
    return scope.get_scoped_or_404(CaseWorker.objects.select_related("org", "user"), user, RIGHTS_VIEW,
                                   pk=worker_id)


def assignable_workers(user, case) -> QuerySet[CaseWorker]:
    """Active lawyers and mediators of the case's union or a union above it."""
    ancestors = [case.org.path[:i + 1] for i, ch in enumerate(case.org.path) if ch == "/"]
    return case_workers(user, active_only=True).filter(org__path__in=ancestors)


# --- employers and other modules ---------------------------------------------------------------------------

def employers(user, *, query: str = "", min_cases: int = 1):
    """Employers (by credit code) behind the disputes the reader sees, with their cases across the whole
    province: a county sees that the same company is behind disputes elsewhere too. Counts and sums only — no
    case of another county is shown."""
    codes = (cases_visible(user).exclude(employer_credit_code="").values_list("employer_credit_code", flat=True)
             .distinct())
    rows = LegalCase.objects.filter(employer_credit_code__in=codes)
    if query:
        rows = rows.filter(Q(employer_name__contains=query) | Q(employer_credit_code=query.strip().upper()))
    return (rows.values("employer_credit_code")
            .annotate(cases=Count("id"), wage_cases=Count("id", filter=Q(dispute_type=DisputeType.WAGE_ARREARS)),
                      open_cases=Count("id", filter=Q(state__in=LegalCase.OPEN_STATES)),
                      orgs=Count("org", distinct=True), workers=Sum("workers_involved"),
                      claimed=Sum("amount_claimed"), recovered=Sum("amount_recovered"))
            .filter(cases__gte=min_cases).order_by("-cases", "employer_credit_code"))


def employer_names(codes) -> dict[str, str]:
    names = {}
    for code, name in (LegalCase.objects.filter(employer_credit_code__in=list(codes))
                       .order_by("employer_credit_code", "-id").values_list("employer_credit_code", "employer_name")):
        names.setdefault(code, name)
    return names


HARDSHIP_DISPUTES = (DisputeType.WAGE_ARREARS, DisputeType.WORK_INJURY)


def hardship_signals(user, *, since: datetime.date | None = None) -> QuerySet[LegalCase]:
    """For the hardship early-warning list (assistance): wage-arrears and work-injury cases in the reader's
    scope, not refused or withdrawn, newest first; ``person_id``, ``dispute_type``, ``submitted_on``,
    ``amount_claimed`` and ``state`` are what the list needs."""
    rows = (scope.scoped(LegalCase.objects.all(), user, RIGHTS_VIEW)
            .filter(dispute_type__in=HARDSHIP_DISPUTES).exclude(state__in=("refused", "withdrawn")))
    if since:
        rows = rows.filter(submitted_on__gte=since)
    return rows.order_by("-submitted_on", "-id")


def cases_of_person(user, person) -> QuerySet[LegalCase]:
    return cases_visible(user).filter(person=person).order_by("-submitted_on", "-id")


def staff_attachments(case, user):
    return attachments.attachments_of(case, user=user)


# --- court mediation and payments ----------------------------------------------------------------------------

def mediation_of(case):
    from .models import CourtMediation

    return CourtMediation.objects.filter(case=case).first()


def instalments_of(case):
    from .models import Instalment

    return list(Instalment.objects.filter(case=case).order_by("due_on", "id"))


def instalment_get(user, instalment_id):
    """An instalment of a case the user sees (NotFound otherwise)."""
    from .models import Instalment

    instalment = (Instalment.objects.select_related("case", "case__org", "case__person", "case__assignee")
                  .filter(pk=instalment_id).first())
    if instalment is None or not cases_visible(user).filter(pk=instalment.case_id).exists():
        raise NotFound()
    return instalment


def payments_due(user, *, within_days: int = 7):
    """Payments still due (or overdue) in the next days, of the cases the user sees, earliest first."""
    from .models import Instalment

    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (Instalment.objects.filter(state="due", due_on__lte=horizon, case__in=cases_visible(user))
            .select_related("case", "case__person").order_by("due_on", "id"))


def members_of(case):
    from .models import CaseMember

    return list(CaseMember.objects.filter(case=case).select_related("person").order_by("id"))


def lock_of(case):
    """Who holds the edit lock now (None when free or expired)."""
    if case.locked_by_id and case.locked_until and case.locked_until > timezone.now():
        return case.locked_by
    return None
