"""Periods and benefit plans: list, detail (with the plan in plain figures), create, change, open, close; plan
versions (a version used by claims is never changed: a new version applies from a date)."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..models import Claim
from .schemas import PeriodDetailOut, PeriodIn, PeriodOut, PeriodSettings, PlanPatch, PlanVersionIn, PlanVersionOut

router = Router(tags=["mutual aid: periods"])


class PeriodFilters(Schema):
    status: str = ""


def period_detail_data(period) -> dict:
    versions = list(selectors.plan_versions(period))
    used = set(Claim.objects.filter(plan_version__in=versions).values_list("plan_version_id", flat=True).distinct())
    in_force = services.plan_in_force(period, period.coverage_start)
    for version in versions:
        version.in_use = version.pk in used
    return {**{f.name: getattr(period, f.name) for f in period._meta.concrete_fields if f.name != "org"},
            "org": period.org, "plan_versions": versions,
            "benefits": selectors.plan_summary(in_force) if in_force else []}


@router.get("/mutual-aid/periods", response=list[PeriodOut], summary="List periods")
@paginate(KeysetPagination)
def period_list(request, filters: Query[PeriodFilters]):
    return selectors.period_list(request.auth, status=filters.status)


@router.post("/mutual-aid/periods", response={201: PeriodDetailOut}, summary="Create a period (draft)")
def period_create(request, payload: PeriodIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id)
    settings = payload.model_dump(exclude={"org_id", "number", "plan"}, exclude_none=True)
    period = services.period_create(actor=request.auth, org=org, number=payload.number, plan_data=payload.plan,
                                    **settings)
    return Status(201, period_detail_data(period))


@router.get("/mutual-aid/periods/{period_id}", response=PeriodDetailOut, summary="One period with its plan")
def period_detail(request, period_id: int):
    return period_detail_data(selectors.period_get(request.auth, period_id))


@router.patch("/mutual-aid/periods/{period_id}", response=PeriodDetailOut, summary="Change a period")
def period_update(request, period_id: int, payload: PeriodSettings):
    period = selectors.period_get(request.auth, period_id)
    services.period_update(actor=request.auth, period=period, **payload.model_dump(exclude_none=True))
    return period_detail_data(period)


@router.post("/mutual-aid/periods/{period_id}/open", response=PeriodOut, summary="Open a period")
def period_open(request, period_id: int):
    return services.period_open(actor=request.auth, period=selectors.period_get(request.auth, period_id))


@router.post("/mutual-aid/periods/{period_id}/close", response=PeriodOut, summary="Close a period")
def period_close(request, period_id: int):
    return services.period_close(actor=request.auth, period=selectors.period_get(request.auth, period_id))


@router.post("/mutual-aid/periods/{period_id}/plans", response={201: PlanVersionOut},
             summary="A new version of the period's plan")
def plan_version_create(request, period_id: int, payload: PlanVersionIn):
    period = selectors.period_get(request.auth, period_id)
    version = services.plan_version_create(actor=request.auth, period=period, data=payload.data,
                                           valid_from=payload.valid_from, note=payload.note)
    return Status(201, version)


@router.put("/mutual-aid/plans/{version_id}", response=PlanVersionOut,
            summary="Correct a plan version no claim uses yet")
def plan_version_update(request, version_id: int, payload: PlanPatch):
    version = selectors.plan_version_get(request.auth, version_id)
    return services.plan_version_update(actor=request.auth, version=version, data=payload.data, note=payload.note)
