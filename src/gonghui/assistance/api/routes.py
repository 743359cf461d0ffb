"""The hardship router: files and their steps, household members, the rules' arithmetic, audited reveal,
objections, 低保 standards, funds and aid; the worker's own files and application under /me."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core import scope
from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import NotFound
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..errors import NotAWorker
from ..roles import CHANGE, FUNDS, SENSITIVE, VIEW
from ..workflows import AID_FLOW, FILE_FLOW
from .schemas import (
    AidIn,
    AidOut,
    ApplyIn,
    AssessmentOut,
    DismissIn,
    DismissOut,
    FileDetailOut,
    FileIn,
    FileOut,
    FundIn,
    FundOut,
    HardshipRevealIn,
    HardshipRevealOut,
    HardshipStepIn,
    JobRef,
    MemberIn,
    MemberOut,
    ObjectionIn,
    ReviewDecideIn,
    ReviewLaunchIn,
    ReviewOut,
    SpotCheckIn,
    StandardIn,
    StandardOut,
    TopUpIn,
    WarningOut,
)

router = Router(tags=["hardship workers"])


class FileFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    state: str = Field("", max_length=10)
    category: str = Field("", max_length=10)
    level: str = Field("", max_length=10)
    cause: str = Field("", max_length=20)
    county: str = Field("", pattern=r"^[0-9]{0,6}$")
    org_id: int | None = None


@router.get("/assistance/files", response=list[FileOut], summary="List hardship files")
@paginate(KeysetPagination)
def file_list(request, filters: Query[FileFilters]):
    """Files in your part of the tree; ``q`` matches the name, its pinyin or initials, or a member's ID digits."""
    return selectors.file_list(request.auth, query=filters.q, state=filters.state, category=filters.category,
                               level=filters.level, cause=filters.cause, county=filters.county,
                               org_id=filters.org_id)


@router.post("/assistance/files", response={201: FileDetailOut}, summary="Open a hardship file")
def file_create(request, payload: FileIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=CHANGE)
    person = member_selectors.person_get(request.auth, payload.person_id, permission=CHANGE)
    file = services.file_open(actor=request.auth, org=org, person=person, county_code=payload.county_code,
                              members=[m.model_dump() for m in payload.members], causes=payload.causes,
                              housing=payload.housing, temporary=payload.temporary,
                              medical_costs=payload.medical_costs, schooling_costs=payload.schooling_costs)
    return Status(201, selectors.file_get(request.auth, file.pk))


@router.get("/assistance/files/{file_id}", response=FileDetailOut, summary="A hardship file")
def file_detail(request, file_id: int):
    return selectors.file_get(request.auth, file_id)


@router.post("/assistance/files/{file_id}/members", response={201: MemberOut}, summary="Add a household member")
def member_add(request, file_id: int, payload: MemberIn):
    file = selectors.file_get(request.auth, file_id)
    return Status(201, services.member_add(actor=request.auth, file=file, data=payload.model_dump()))


@router.get("/assistance/files/{file_id}/assessment", response=AssessmentOut,
            summary="The per-capita test and proposed category, with the arithmetic")
def file_assessment(request, file_id: int):
    file = selectors.file_get(request.auth, file_id)
    scope.require(request.auth, SENSITIVE, file)  # in sight without it: 403
    a = services.assessment(file)
    return {"size": a.size, "per_capita_monthly": a.per_capita_monthly, "standard_monthly": a.standard_monthly,
            "exclusions": list(a.exclusions), "category": a.category, "lines": a.lines}


@router.post("/assistance/files/{file_id}/step/{name}", response=FileDetailOut,
             summary="Take a step with its details (cross-check findings, reason, category, notice days)")
def file_step(request, file_id: int, name: str, payload: HardshipStepIn):
    file = selectors.file_get(request.auth, file_id)
    check = {k: v for k, v in payload.model_dump().items()
             if k in ("homes_owned", "owns_business", "private_school", "vehicle_regular", "subsistence_allowance")
             and v is not None}
    services.file_step(actor=request.auth, file=file, transition=name, comment=payload.comment,
                       refusal_code=payload.refusal_code, exit_code=payload.exit_code, category=payload.category,
                       notice_days=payload.notice_days, cross_check=check)
    return selectors.file_get(request.auth, file_id)


@router.post("/assistance/files/{file_id}/reveal", response=HardshipRevealOut,
             summary="Show a sensitive value (audited)")
def file_reveal(request, file_id: int, payload: HardshipRevealIn):
    file = selectors.file_get(request.auth, file_id)
    return {"value": services.reveal(actor=request.auth, file=file, field=payload.field, reason=payload.reason,
                                     member_id=payload.member_id)}


@router.post("/assistance/files/{file_id}/objections", response=FileDetailOut,
             summary="Record an objection to a public notice")
def file_objection(request, file_id: int, payload: ObjectionIn):
    file = selectors.file_get(request.auth, file_id)
    services.objection_add(actor=request.auth, file=file, text=payload.text)
    return selectors.file_get(request.auth, file_id)


@router.post("/assistance/files/{file_id}/make-permanent", response=FileDetailOut,
             summary="Make a temporary-aid file permanent")
def file_make_permanent(request, file_id: int):
    file = selectors.file_get(request.auth, file_id)
    services.file_make_permanent(actor=request.auth, file=file)
    return selectors.file_get(request.auth, file_id)


def _file_run(*, actor, obj, transition, comment):
    services.file_step(actor=actor, file=obj, transition=transition, comment=comment)


add_workflow_routes(router, "assistance/files", flow=FILE_FLOW, fetch=selectors.file_get, run=_file_run,
                    out=FileDetailOut, tag_name="hardship file")


# --- 低保 standards --------------------------------------------------------------------------------------------

@router.get("/assistance/standards", response=list[StandardOut], summary="Minimum-living standards (低保)")
def standard_list(request, county: str = Query("", pattern=r"^[0-9]{0,6}$")):
    if not scope.has_perm(request.auth, VIEW):
        raise NotFound()
    return list(selectors.standards().filter(county_code__startswith=county)[:500])


@router.post("/assistance/standards", response={201: StandardOut}, summary="Set a county's standard for a year")
def standard_set(request, payload: StandardIn):
    return Status(201, services.standard_set(actor=request.auth, county_code=payload.county_code,
                                             year=payload.year, monthly=payload.monthly))


# --- funds and aid ------------------------------------------------------------------------------------------

@router.get("/assistance/funds", response=list[FundOut], summary="Aid funds")
def fund_list(request):
    return list(selectors.funds_visible(request.auth)[:200])


@router.post("/assistance/funds", response={201: FundOut}, summary="Create an aid fund")
def fund_create(request, payload: FundIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=FUNDS)
    return Status(201, services.fund_create(actor=request.auth, org=org, name=payload.name,
                                            balance=payload.balance))


@router.post("/assistance/funds/{fund_id}/top-up", response=FundOut, summary="Top up an aid fund")
def fund_top_up(request, fund_id: int, payload: TopUpIn):
    fund = selectors.fund_get(request.auth, fund_id)
    return services.fund_top_up(actor=request.auth, fund=fund, amount=payload.amount)


@router.get("/assistance/aid", response=list[AidOut], summary="Aid records")
@paginate(KeysetPagination)
def aid_list(request, state: str = Query("", max_length=10), kind: str = Query("", max_length=10)):
    return selectors.aid_list(request.auth, state=state, kind=kind)


@router.post("/assistance/files/{file_id}/aid", response={201: AidOut}, summary="Propose aid to a filed household")
def aid_propose(request, file_id: int, payload: AidIn):
    file = selectors.file_get(request.auth, file_id)
    fund = selectors.fund_get(request.auth, payload.fund_id)
    return Status(201, services.aid_propose(actor=request.auth, file=file, fund=fund, kind=payload.kind,
                                            amount=payload.amount, given_on=payload.given_on, note=payload.note))


def _aid_run(*, actor, obj, transition, comment):
    services.aid_step(actor=actor, aid=obj, transition=transition, comment=comment)


add_workflow_routes(router, "assistance/aid", flow=AID_FLOW, fetch=selectors.aid_get, run=_aid_run, out=AidOut,
                    tag_name="aid record")


# --- the worker's own -----------------------------------------------------------------------------------------

@router.get("/assistance/me/files", response=list[FileOut], summary="My hardship files")
def my_files(request):
    """The signed-in worker's own files (staff accounts have none: an empty list)."""
    person = member_selectors.worker_person(request.auth)
    return [] if person is None else list(selectors.my_files(person)[:20])


@router.post("/assistance/me/files", response={201: FileOut}, summary="Apply for hardship aid")
def my_apply(request, payload: ApplyIn):
    """A worker applies for their own household (an account without a verified member record: 422)."""
    person = member_selectors.worker_person(request.auth)
    if person is None or person.current_org_id is None:
        raise NotAWorker()
    file = services.file_open(actor=request.auth, org=person.current_org, person=person,
                              county_code=payload.county_code, members=[m.model_dump() for m in payload.members],
                              causes=payload.causes, housing=payload.housing, medical_costs=payload.medical_costs,
                              schooling_costs=payload.schooling_costs, self_applied=True)
    return Status(201, selectors.my_file_get(person, file.pk))


# --- early warning and the yearly review ----------------------------------------------------------------------

@router.get("/assistance/warnings", response=list[WarningOut], summary="Early warning: households maybe in hardship")
def warning_list(request):
    from .. import warnings as early

    return [{"source": s.source, "reference": s.reference, "person_id": s.person_id, "name": s.person_name,
             "org": {"id": s.org_id, "name": s.org_name}, "on": s.on, "amount": s.amount, "detail": s.detail}
            for s in early.early_warnings(request.auth)[:200]]


@router.post("/assistance/warnings/dismiss", response={201: DismissOut}, summary="Dismiss a warning with a reason")
def warning_dismiss(request, payload: DismissIn):
    from .. import warnings as early

    row = early.warning_dismiss(actor=request.auth, source=payload.source, reference=payload.reference,
                                reason=payload.reason)
    return Status(201, row)


@router.post("/assistance/reviews", response={202: JobRef}, summary="Run the yearly review of a county (a job)")
def review_launch(request, payload: ReviewLaunchIn):
    job = services.review_launch(actor=request.auth, county_code=payload.county_code, year=payload.year)
    return Status(202, {"job_id": job.pk})


@router.get("/assistance/reviews", response=list[ReviewOut], summary="Yearly reviews")
@paginate(KeysetPagination)
def review_list(request, county: str = Query("", pattern=r"^[0-9]{0,6}$"), year: int | None = None):
    return selectors.review_list(request.auth, county=county, year=year)


@router.post("/assistance/reviews/{review_id}/decide", response=ReviewOut, summary="A person's review decision")
def review_decide(request, review_id: int, payload: ReviewDecideIn):
    review = selectors.review_get(request.auth, review_id)
    return services.review_decide(actor=request.auth, review=review, result=payload.result,
                                  comment=payload.comment)


@router.post("/assistance/reviews/{review_id}/spot-check", response=ReviewOut,
             summary="The level above records its spot check")
def review_spot_check(request, review_id: int, payload: SpotCheckIn):
    review = selectors.review_get(request.auth, review_id)
    return services.spot_check_record(actor=request.auth, review=review, result=payload.result)
