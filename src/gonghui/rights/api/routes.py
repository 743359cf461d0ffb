"""The rights API: cases (intake, queue, decisions, assignment, timeline, closure), the worker's own cases, case
workers' caseloads and the employers view. Handlers parse, call one selector or service, shape the answer."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import NotFound
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..roles import RIGHTS_MANAGE, RIGHTS_VIEW
from ..workflows import CASE_FLOW
from . import followup, group
from .schemas import (
    CaseTypeIn,
    ChannelIn,
    DisputeTypeIn,
    RightsAcceptIn,
    RightsActivityIn,
    RightsActivityOut,
    RightsAssignIn,
    RightsCaseIn,
    RightsCaseOut,
    RightsCaseRow,
    RightsCaseWorkerIn,
    RightsCaseWorkerOut,
    RightsCloseIn,
    RightsEmployerOut,
    RightsMyCaseIn,
    RightsMyCaseOut,
    RightsRateIn,
    RightsRefuseIn,
    StateIn,
)

router = Router(tags=["rights"])


class CaseFilters(Schema):
    q: str = Field("", max_length=60)
    state: StateIn | None = None
    dispute_type: DisputeTypeIn | None = None
    channel: ChannelIn | None = None
    case_type: CaseTypeIn | None = None
    sla: str = Field("", pattern=r"^(|paused|warning|overdue)$")
    credit_code: str = Field("", max_length=18)
    mine: bool = False


@router.get("/legal-cases", response=list[RightsCaseRow], summary="List legal-aid cases")
@paginate(KeysetPagination)
def case_list(request, filters: Query[CaseFilters]):
    """Cases you see: your subtree's (``rights.view``), or those assigned to you (lawyers, mediators). ``q`` matches
    the case number, the worker's name (characters, pinyin, initials), the employer or its credit code."""
    return selectors.case_queue(request.auth, query=filters.q, state=filters.state or "",
                                dispute_type=filters.dispute_type or "", channel=filters.channel or "",
                                case_type=filters.case_type or "", sla_status=filters.sla,
                                credit_code=filters.credit_code, mine=filters.mine)


@router.post("/legal-cases", response={201: RightsCaseOut}, summary="Take in a case (staff)")
def case_create(request, payload: RightsCaseIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=RIGHTS_MANAGE)
    person = member_selectors.person_get(request.auth, payload.person_id)
    unit = member_selectors.unit_get(request.auth, payload.employer_unit_id) if payload.employer_unit_id else None
    data = payload.model_dump(exclude={"org_id", "person_id", "employer_unit_id"})
    case = services.case_create(actor=request.auth, org=org, person=person, employer_unit=unit, **data)
    return Status(201, selectors.case_get(request.auth, case.pk))


@router.get("/legal-cases/{case_id}", response=RightsCaseOut, summary="One legal-aid case")
def case_detail(request, case_id: int):
    return selectors.case_get(request.auth, case_id)


def _run(actor, obj, transition, comment):
    return services.case_step(actor=actor, case=obj, transition=transition, comment=comment)


add_workflow_routes(router, "legal-cases", flow=CASE_FLOW, fetch=selectors.case_get, run=_run, out=RightsCaseOut,
                    tag_name="legal-aid case")


@router.post("/legal-cases/{case_id}/accept", response=RightsCaseOut, summary="Accept a request")
def case_accept(request, case_id: int, payload: RightsAcceptIn):
    case = selectors.case_get(request.auth, case_id)
    services.case_accept(actor=request.auth, case=case, case_type=payload.case_type, comment=payload.comment)
    return selectors.case_get(request.auth, case_id)


@router.post("/legal-cases/{case_id}/refuse", response=RightsCaseOut, summary="Refuse a request, with the reason")
def case_refuse(request, case_id: int, payload: RightsRefuseIn):
    case = selectors.case_get(request.auth, case_id)
    services.case_refuse(actor=request.auth, case=case, reason=payload.reason, comment=payload.comment)
    return selectors.case_get(request.auth, case_id)


@router.post("/legal-cases/{case_id}/assign", response=RightsCaseOut, summary="Assign to a lawyer or mediator")
def case_assign(request, case_id: int, payload: RightsAssignIn):
    case = selectors.case_get(request.auth, case_id)
    worker = selectors.case_worker_get(request.auth, payload.case_worker_id)
    services.case_assign(actor=request.auth, case=case, case_worker=worker, comment=payload.comment)
    return selectors.case_get(request.auth, case_id)


@router.post("/legal-cases/{case_id}/close", response=RightsCaseOut,
             summary="Close with the outcome and money recovered")
def case_close(request, case_id: int, payload: RightsCloseIn):
    case = selectors.case_get(request.auth, case_id)
    services.case_close(actor=request.auth, case=case, outcome=payload.outcome,
                        amount_recovered=payload.amount_recovered, reached_worker=payload.reached_worker,
                        comment=payload.comment)
    return selectors.case_get(request.auth, case_id)


@router.get("/legal-cases/{case_id}/activities", response=list[RightsActivityOut], summary="A case's timeline")
def activity_list(request, case_id: int):
    return list(selectors.activities_of(selectors.case_get(request.auth, case_id)))


@router.post("/legal-cases/{case_id}/activities", response={201: RightsActivityOut}, summary="Record an activity")
def activity_add(request, case_id: int, payload: RightsActivityIn):
    case = selectors.case_get(request.auth, case_id)
    return Status(201, services.activity_add(actor=request.auth, case=case, **payload.model_dump()))


@router.get("/legal-case-workers", response=list[RightsCaseWorkerOut], summary="Lawyers and mediators with caseloads")
def case_worker_list(request, role: str = Query("", pattern=r"^(|lawyer|mediator)$")):
    return list(selectors.case_workers(request.auth, role=role)[:500])


@router.post("/legal-case-workers", response={201: RightsCaseWorkerOut}, summary="Register a lawyer or mediator")
def case_worker_save(request, payload: RightsCaseWorkerIn):
    from gonghui.orgs import selectors as org_selectors

    from ..roles import RIGHTS_MANAGE

    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=RIGHTS_MANAGE)
    account = org_selectors.staff_user_by_username(payload.username)
    if account is None:
        raise NotFound()
    data = payload.model_dump(exclude={"org_id", "username"})
    worker = services.case_worker_save(actor=request.auth, org=org, user=account, **data)
    return Status(201, selectors.case_workers(request.auth).get(pk=worker.pk))


class EmployerFilters(Schema):
    q: str = Field("", max_length=60)
    min_cases: int = Field(1, ge=1, le=1000)


@router.get("/legal-case-employers", response=list[RightsEmployerOut], summary="Employers behind disputes")
def employer_list(request, filters: Query[EmployerFilters]):
    """Employers (by credit code) of the cases you see, with their cases across the province (counts only)."""
    from gonghui.core import scope

    if not scope.has_perm(request.auth, RIGHTS_VIEW):
        raise NotFound()
    rows = list(selectors.employers(request.auth, query=filters.q, min_cases=filters.min_cases)[:200])
    names = selectors.employer_names(r["employer_credit_code"] for r in rows)
    return [{**r, "credit_code": r["employer_credit_code"], "name": names.get(r["employer_credit_code"], "")}
            for r in rows]


# --- the worker's own ------------------------------------------------------------------------------------

def _person(request):
    person = member_selectors.worker_person(request.auth)
    if person is None:
        raise NotFound()
    return person


@router.get("/rights/me/cases", response=list[RightsMyCaseOut], summary="My legal-aid cases")
def my_cases(request):
    person = member_selectors.worker_person(request.auth)
    return list(selectors.my_cases(person)[:100])


@router.post("/rights/me/cases", response={201: RightsMyCaseOut}, summary="Ask for legal aid")
def my_case_create(request, payload: RightsMyCaseIn):
    person = _person(request)
    case = services.case_create(actor=request.auth, org=person.current_org, person=person, channel="mobile",
                                for_worker=True, **payload.model_dump())
    return Status(201, case)


@router.get("/rights/me/cases/{case_id}", response=RightsMyCaseOut, summary="One of my cases")
def my_case(request, case_id: int):
    return selectors.my_case_get(_person(request), case_id)


@router.post("/rights/me/cases/{case_id}/rating", response=RightsMyCaseOut, summary="Rate the service")
def my_case_rate(request, case_id: int, payload: RightsRateIn):
    case = selectors.my_case_get(_person(request), case_id)
    return services.case_rate(actor=request.auth, case=case, rating=payload.rating, comment=payload.comment)


router.add_router("/", followup.router)
router.add_router("/", group.router)
