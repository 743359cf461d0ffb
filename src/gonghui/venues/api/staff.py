"""Staff endpoints: the registry (scoped), approval, daily counts, the problem queue, coverage."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.schemas import DecisionIn
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.orgs import selectors as org_selectors

from .. import coverage, selectors, services
from ..roles import VENUES_APPROVE, VENUES_CHANGE, VENUES_OPERATE, VENUES_VIEW
from ..workflows import APPROVAL_FLOW, PROBLEM_FLOW
from .schemas import (
    Approval,
    CoverageOut,
    DailyCountIn,
    DailyCountOut,
    Kind,
    ProblemOut,
    ProblemTransitionIn,
    VenueIn,
    VenueOut,
    VenuePatch,
    VenueReturnIn,
)
from .schemas import (
    Status as VenueStatus,
)

router = Router(tags=["venues (staff)"])


class VenueFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    kind: Kind | None = None
    status: VenueStatus | None = None
    approval: Approval | None = None
    county: str = Field("", pattern=r"^[0-9]{0,6}$", description="A division code or its leading digits.")
    org_id: int | None = None


def venue_out(venue) -> dict:
    data = {f: getattr(venue, f) for f in ("id", "code", "name", "kind", "address", "county_code", "lat", "lng",
                                           "operation", "partner_type", "partner_name", "open_24h",
                                           "contact_name", "contact_phone", "status", "star_level", "approval",
                                           "created_at")}
    data["org"] = {"id": venue.org_id, "name": venue.org.name}
    data["amenities"] = venue.amenities
    data["weekly_hours"] = venue.weekly_hours or [[] for _ in range(7)]
    return data


class VenueRow(VenueOut):
    @staticmethod
    def resolve_org(obj):
        return {"id": obj.org_id, "name": obj.org.name}

    @staticmethod
    def resolve_amenities(obj):
        return obj.amenities

    @staticmethod
    def resolve_weekly_hours(obj):
        return obj.weekly_hours or [[] for _ in range(7)]


@router.get("/venues", response=list[VenueRow], summary="List venues")
@paginate(KeysetPagination)
def venue_list(request, filters: Query[VenueFilters]):
    """Venues in your part of the tree; ``q`` matches the name, its pinyin or initials, the code or address."""
    return selectors.venue_list(request.auth, query=filters.q, kind=filters.kind or "", status=filters.status or "",
                                approval=filters.approval or "", county=filters.county, org_id=filters.org_id)


@router.post("/venues", response={201: VenueOut}, summary="Register a venue")
def venue_create(request, payload: VenueIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=VENUES_CHANGE)
    data = payload.model_dump()
    data.pop("org_id")
    venue = services.venue_create(actor=request.auth, org=org, **data)
    return Status(201, venue_out(venue))


@router.get("/venues/coverage", response=CoverageOut, summary="Station coverage of an area")
def venue_coverage(request, org_id: int, new_stations: int = Query(5, ge=0, le=coverage.MAX_SUGGESTIONS)):
    """Share of the demand points of a county or prefecture (the organisation's division) within 1 km of an
    open station, the uncovered points, and greedy suggestions for ``new_stations`` new stations."""
    org = org_selectors.organisation_get(request.auth, org_id, permission=VENUES_VIEW)
    result = coverage.coverage(coverage.demand_for(coverage.area_prefix(org)), area=org.name,
                               new_stations=max(0, min(new_stations, coverage.MAX_SUGGESTIONS)))
    return {"area": result.area, "radius_m": int(result.radius_m), "demand_points": result.demand_points,
            "covered_points": result.covered_points, "share_covered": round(result.share_covered, 4),
            "uncovered": [[lat, lng] for lat, lng, _w in result.uncovered[:500]],
            "suggestions": [s.__dict__ for s in result.suggestions]}


@router.get("/venues/{venue_id}", response=VenueOut, summary="One venue")
def venue_detail(request, venue_id: int):
    return venue_out(selectors.venue_get(request.auth, venue_id))


@router.patch("/venues/{venue_id}", response=VenueOut, summary="Change a venue")
def venue_update(request, venue_id: int, payload: VenuePatch):
    venue = selectors.venue_get(request.auth, venue_id, permission=VENUES_CHANGE)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    system = changes.pop("system", "wgs84")
    services.venue_update(actor=request.auth, venue=venue, system=system, **changes)
    return venue_out(venue)


@router.post("/venues/{venue_id}/approve", response=VenueOut, summary="Approve a new venue")
def venue_approve(request, venue_id: int, payload: DecisionIn):
    venue = selectors.venue_get(request.auth, venue_id, permission=VENUES_APPROVE)
    return venue_out(services.venue_approve(actor=request.auth, venue=venue, comment=payload.comment))


@router.post("/venues/{venue_id}/reject", response=VenueOut, summary="Return a new venue for changes")
def venue_reject(request, venue_id: int, payload: VenueReturnIn):
    venue = selectors.venue_get(request.auth, venue_id, permission=VENUES_APPROVE)
    return venue_out(services.venue_reject(actor=request.auth, venue=venue, comment=payload.comment))


def _venue_step(*, actor, obj, transition: str, comment: str):
    return services.venue_transition(actor=actor, venue=obj, transition=transition, comment=comment)


def _problem_step(*, actor, obj, transition: str, comment: str):
    return services.problem_transition(actor=actor, report=obj, transition=transition, response=comment)


# The kit's one style: GET …/{id}/history and POST …/{id}/transitions/{name} (approve, reject, resubmit).
add_workflow_routes(router, "venues", flow=APPROVAL_FLOW, fetch=selectors.venue_get, run=_venue_step, out=VenueOut,
                    shape=lambda venue: venue_out(venue), tag_name="venue")


@router.post("/venues/{venue_id}/daily-counts", response={201: DailyCountOut}, summary="Record anonymous visits")
def venue_daily_count(request, venue_id: int, payload: DailyCountIn):
    venue = selectors.venue_get(request.auth, venue_id, permission=VENUES_OPERATE)
    row = services.daily_count_record(actor=request.auth, venue=venue, day=payload.day, count=payload.count)
    return Status(201, {"day": row.day, "count": row.count})


class ProblemRow(ProblemOut):
    @staticmethod
    def resolve_venue(obj):
        return {"id": obj.venue_id, "name": obj.venue.name}


@router.get("/venue-problems", response=list[ProblemRow], summary="The problem queue")
@paginate(KeysetPagination)
def venue_problem_list(request, state: str = "open"):
    return selectors.problem_queue(request.auth, state=state)


@router.post("/venue-problems/{report_id}/transition", response=ProblemRow, summary="Move a problem report on")
def venue_problem_transition(request, report_id: int, payload: ProblemTransitionIn):
    report = selectors.problem_get(request.auth, report_id)
    return services.problem_transition(actor=request.auth, report=report, transition=payload.transition,
                                       response=payload.response)


add_workflow_routes(router, "venue-problems", flow=PROBLEM_FLOW, fetch=selectors.problem_get, run=_problem_step,
                    out=ProblemRow, tag_name="problem report")
