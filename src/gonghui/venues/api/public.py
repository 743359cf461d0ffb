"""Public station endpoints (no sign-in): nearest, map box, GeoJSON, one station, check-in, problem reports."""

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from ninja.utils import check_csrf
from pydantic import Field

from gonghui.core.api.base import RATE_LIMITED
from gonghui.core.errors import NotFound, PermissionDenied

from .. import coords, hours, search, selectors, services, throttle
from ..workflows import PROBLEM_FLOW
from .schemas import (
    AmenityCode,
    CheckInIn,
    CheckInOut,
    FeatureCollectionOut,
    Kind,
    MarkerOut,
    NearbyOut,
    ProblemIn,
    ProblemReceiptOut,
    ProblemStatusOut,
    StationOut,
    System,
)

router = Router(tags=["stations (public)"])
MAX_FILTER_VALUES = 20


class NearestQuery(Schema):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lng: float = Field(ge=-180, le=180, allow_inf_nan=False)
    system: System = Field("wgs84", description="The system of lat/lng, and of the coordinates answered.")
    n: int = Field(10, ge=1, le=search.MAX_RESULTS)
    radius_m: float = Field(5_000, ge=search.MIN_RADIUS_M, le=search.MAX_RADIUS_M, allow_inf_nan=False,
                            description="Metres, 1…50,000.")
    kind: list[Kind] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    amenity: list[AmenityCode] = Field(default_factory=list, max_length=MAX_FILTER_VALUES,  # type: ignore[valid-type]
                                       description="Every one listed must be there.")
    open_now: bool = False


class BoxQuery(Schema):
    south: float = Field(ge=-90, le=90, allow_inf_nan=False)
    west: float = Field(ge=-180, le=180, allow_inf_nan=False)
    north: float = Field(ge=-90, le=90, allow_inf_nan=False)
    east: float = Field(ge=-180, le=180, allow_inf_nan=False)
    kind: list[Kind] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    open_now: bool = False


def guard_public_post(request, action: str, code: str) -> None:
    """The public POSTs take no credentials of their own, but a browser sends its session cookie: a signed-in
    worker's session must pass the CSRF check as on the rest of /api/v1/ (else any site could check them in or
    report in their name). Then the per-client rate limit (429)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and check_csrf(request) is not None:
        raise PermissionDenied(_("The CSRF token is missing or wrong; reload the page and try again."),
                               code="csrf_failed")
    throttle.hit(request, action, code if action == "problem" else "")


def nearby_out(item: search.Nearby, system: str) -> dict:
    summary = item.venue
    lat, lng = coords.from_wgs84(summary.lat, summary.lng, system)
    from ..models import Venue, amenity_codes

    return {"id": summary.id, "code": summary.code, "name": summary.name, "kind": summary.kind,
            "kind_label": str(Venue.Kind(summary.kind).label), "address": summary.address, "lat": lat, "lng": lng,
            "distance_m": round(item.distance_m, 1), "open_now": item.open_now, "status": summary.status,
            "star_level": summary.star_level, "amenities": amenity_codes(summary.amenity_bits)}


@router.get("/stations/nearest", response=list[NearbyOut], auth=None, summary="Nearest stations")
def station_nearest(request, query: Query[NearestQuery]):
    """The nearest public venues within ``radius_m``, nearest first, each with its distance."""
    found = search.nearest(query.lat, query.lng, n=query.n, radius_m=query.radius_m, kinds=query.kind,
                           amenities=query.amenity, open_now=query.open_now, system=query.system)
    return [nearby_out(item, query.system) for item in found]


@router.get("/stations/bbox", response=list[MarkerOut], auth=None, summary="Stations in a map box")
def station_bbox(request, query: Query[BoxQuery]):
    """Markers in a WGS-84 box (at most 2,000)."""
    moment = hours.now()
    return [{"id": s.id, "code": s.code, "name": s.name, "kind": s.kind, "lat": s.lat, "lng": s.lng,
             "open_now": s.is_open(moment)}
            for s in search.in_box(query.south, query.west, query.north, query.east, kinds=query.kind,
                                   open_now=query.open_now)]


@router.get("/stations/geojson", response=FeatureCollectionOut, auth=None, summary="All public stations as GeoJSON")
def station_geojson(request):
    return search.feature_collection(search.all_public())


@router.get("/station-problems/{token}", response=ProblemStatusOut, auth=None, summary="A problem report's state")
def station_problem_status(request, token: str):
    report = selectors.problem_by_token(token)
    if report is None:
        raise NotFound()
    return {"venue": report.venue.name, "category": report.category, "state": report.state,
            "state_label": str(PROBLEM_FLOW.state_label(report.state)), "response": report.response,
            "created_at": report.created_at, "updated_at": report.updated_at}


@router.get("/stations/{code}", response=StationOut, auth=None, summary="One public station")
def station_detail(request, code: str, system: System = "wgs84"):
    venue = search.public_venue(code)
    lat, lng = coords.from_wgs84(venue.lat, venue.lng, system)
    schedule = hours.Schedule.build(open_24h=venue.open_24h, weekly_hours=venue.weekly_hours,
                                    closures=[(c.start_date, c.end_date) for c in venue.closures.all()])
    return {"id": venue.pk, "code": venue.code, "name": venue.name, "kind": venue.kind, "address": venue.address,
            "lat": lat, "lng": lng, "system": system, "status": venue.status,
            "open_now": venue.status == "open" and schedule.is_open(hours.now()), "open_24h": venue.open_24h,
            "weekly_hours": venue.weekly_hours or [[] for _ in range(7)], "amenities": venue.amenities,
            "contact_phone": venue.contact_phone, "star_level": venue.star_level,
            "honours": list(venue.honours.all()), "navigation": search.navigation_links(venue)}


@router.post("/stations/{code}/check-in", response={200: CheckInOut, 201: CheckInOut}, auth=None,
             summary="Check in at a station", openapi_extra=RATE_LIMITED)
def station_check_in(request, code: str, payload: CheckInIn):
    """A signed-in worker checks in as themselves; anyone else gives a mobile number and an occupation (a light
    registration on the first visit). 201 when counted, 200 when already counted in the last two hours. A
    signed-in browser session must send the CSRF token; at most a few attempts per client (429)."""
    guard_public_post(request, "check_in", code)
    venue = search.public_venue(code)
    user = request.user if getattr(request.user, "is_authenticated", False) and request.user.is_worker else None
    result = services.visit_check_in(venue=venue, user=user, phone=payload.phone, occupation=payload.occupation)
    body = {"counted": result.counted, "visit_id": result.visit.pk if result.visit else None, "venue": venue.code,
            "at": result.last_counted_at}
    return Status(201 if result.counted else 200, body)


@router.post("/stations/{code}/problems", response={201: ProblemReceiptOut}, auth=None,
             summary="Report a problem at a station", openapi_extra=RATE_LIMITED)
def station_problem_report(request, code: str, payload: ProblemIn):
    guard_public_post(request, "problem", code)
    venue = search.public_venue(code)
    reporter = request.user if getattr(request.user, "is_authenticated", False) else None
    report = services.problem_report(venue=venue, category=payload.category, description=payload.description,
                                     reporter=reporter)
    return Status(201, {"tracking_token": report.tracking_token, "state": report.state})
