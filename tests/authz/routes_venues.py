"""Matrix rows of the service venues module (see routes.py for the fields of a Route)."""

from gonghui.venues import roles as V

from .harness import Route

PUBLIC, STAFF, API = "public", "staff", "api"


def pk(name):
    return lambda obj: {name: obj.pk}


def code(obj):
    return {"code": obj.code}


def public_api(method: str, path: str, **kwargs) -> Route:
    """A public JSON endpoint (no sign-in): answered to everyone, so checked like a public page."""
    route = Route(f"API {method} /api/v1{path}", PUBLIC, **kwargs)
    route.method, route.path = method, f"/api/v1{path}"
    return route


def closure_kwargs(closure):
    return {"pk": closure.venue_id, "closure_id": closure.pk}


def rows() -> list:
    return [
        # public and worker pages (the station finder is open to all; check-in takes a phone number)
        Route("stations:map", PUBLIC, data={"lat": "25.04", "lng": "102.71"}),
        Route("stations:detail", PUBLIC, obj="venue", kwargs=code),
        Route("stations:report", PUBLIC, obj="venue", kwargs=code),
        Route("stations:report_status", PUBLIC, obj="problem", kwargs=lambda p: {"token": p.tracking_token}),
        Route("m_venues:map", PUBLIC, data={"district": "530102"}),
        Route("m_venues:detail", PUBLIC, obj="venue", kwargs=code),
        Route("m_venues:report", PUBLIC, obj="venue", kwargs=code, method="POST",
              data={"category": "no_water", "description": "matrix"}),
        Route("m_venues:report_status", PUBLIC, obj="problem", kwargs=lambda p: {"token": p.tracking_token}),
        Route("m_venues:check_in", PUBLIC, obj="venue", kwargs=code, method="POST",
              data={"phone": "13912345678", "occupation": "courier"},
              note="signed-in workers check in as themselves; anyone else with a phone number"),
        Route("stations:photo", PUBLIC, obj="photo", kwargs=lambda p: {"code": p.venue.code, "photo_id": p.pk},
              note="a photo of an approved, open station: shown to anyone, through the app"),
        Route("m_venues:photo", PUBLIC, obj="photo", kwargs=lambda p: {"code": p.venue.code, "photo_id": p.pk}),
        Route("m_venues:rate", PUBLIC, method="POST", kwargs=lambda _: {"visit_id": 999999},
              data={"stars": "5"}, note="someone else's visit: a message, nothing written"),
        # staff pages
        Route("venues:venue_list", STAFF, perm=V.VENUES_VIEW, marker="venue"),
        Route("venues:venue_map", STAFF, perm=V.VENUES_VIEW),
        Route("venues:venue_map_data", STAFF, perm=V.VENUES_VIEW, marker="venue"),
        Route("venues:venue_create", STAFF, perm=V.VENUES_CHANGE, marker="venue"),
        Route("venues:venue_export", STAFF, perm=V.VENUES_EXPORT),
        Route("venues:visit_stats", STAFF, perm=V.VENUES_VIEW, marker="venue"),
        Route("venues:coverage", STAFF, perm=V.VENUES_VIEW),
        Route("venues:coverage_csv", STAFF, perm=V.VENUES_VIEW),
        Route("venues:approval_queue", STAFF, perm=V.VENUES_APPROVE, marker="pending_venue"),
        Route("venues:problem_queue", STAFF, perm=V.VENUES_OPERATE, marker="problem"),
        Route("venues:problem_transition", STAFF, obj="problem", perm=V.VENUES_OPERATE, method="POST",
              kwargs=lambda p: {"pk": p.pk, "transition": "acknowledge"}),
        Route("venues:venue_detail", STAFF, obj="venue", perm=V.VENUES_VIEW, kwargs=pk("pk")),
        Route("venues:venue_edit", STAFF, obj="venue", perm=V.VENUES_CHANGE, kwargs=pk("pk")),
        Route("venues:venue_approve", STAFF, obj="pending_venue", perm=V.VENUES_APPROVE, method="POST",
              kwargs=pk("pk")),
        Route("venues:venue_reject", STAFF, obj="pending_venue", perm=V.VENUES_APPROVE, method="POST",
              kwargs=pk("pk"), data={"comment": "matrix"}),
        Route("venues:venue_daily_count", STAFF, obj="venue", perm=V.VENUES_OPERATE, method="POST",
              kwargs=pk("pk"), data={"day": "2026-01-05", "count": "12"}),
        Route("venues:venue_closure_add", STAFF, obj="venue", perm=V.VENUES_CHANGE, method="POST",
              kwargs=pk("pk"), data={"start_date": "2026-02-16", "end_date": "2026-02-18"}),
        Route("venues:venue_closure_edit", STAFF, obj="closure", perm=V.VENUES_CHANGE, kwargs=closure_kwargs),
        Route("venues:venue_closure_remove", STAFF, obj="closure", perm=V.VENUES_CHANGE, method="POST",
              kwargs=closure_kwargs),
        Route("venues:venue_honour_add", STAFF, obj="venue", perm=V.VENUES_APPROVE, method="POST",
              kwargs=pk("pk"), data={"title": "最美驿站", "year": "2025"}),
        Route("venues:venue_honour_remove", STAFF, obj="honour", perm=V.VENUES_APPROVE, method="POST",
              kwargs=lambda h: {"pk": h.venue_id, "honour_id": h.pk}),
        Route("venues:venue_funding_add", STAFF, obj="venue", perm=V.VENUES_CHANGE, method="POST",
              kwargs=pk("pk"), data={"title": "矩阵", "year": "2025", "amount": "1000.00"}),
        Route("venues:venue_funding_remove", STAFF, obj="funding", perm=V.VENUES_CHANGE, method="POST",
              kwargs=lambda f: {"pk": f.venue_id, "project_id": f.pk}),
        Route("venues:venue_photo_add", STAFF, obj="venue", perm=V.VENUES_CHANGE, method="POST", kwargs=pk("pk"),
              note="no file in the form: refused with a message, nothing stored"),
        Route("venues:venue_photo", STAFF, obj="photo", perm=V.VENUES_VIEW,
              kwargs=lambda p: {"pk": p.venue_id, "photo_id": p.pk}),
        Route("venues:venue_photo_remove", STAFF, obj="photo", perm=V.VENUES_CHANGE, method="POST",
              kwargs=lambda p: {"pk": p.venue_id, "photo_id": p.pk}),
        Route("venues:import_start", STAFF, perm=V.VENUES_CHANGE, kwargs=lambda _: {"what": "venues"}),
        Route("venues:import_template", STAFF, perm=V.VENUES_CHANGE, kwargs=lambda _: {"what": "demand"}),
        Route("venues:import_job", STAFF, obj="venues_job", owner="county_officer", kwargs=pk("job_id")),
        Route("venues:import_commit", STAFF, obj="venues_job", owner="county_officer", method="POST",
              kwargs=pk("job_id"), note="a preview with errors: the owner is told it cannot be committed"),
        Route("venues:import_cancel", STAFF, obj="venues_job", owner="county_officer", method="POST",
              kwargs=pk("job_id")),
        Route("venues:import_report", STAFF, obj="venues_job", owner="county_officer", kwargs=pk("job_id")),
        # public API
        public_api("GET", "/stations/nearest", data={"lat": 25.04, "lng": 102.71}),
        public_api("GET", "/stations/bbox", data={"south": 24.9, "west": 102.6, "north": 25.2, "east": 102.9}),
        public_api("GET", "/stations/geojson"),
        public_api("GET", "/stations/{code}", obj="venue", kwargs=code),
        public_api("POST", "/stations/{code}/check-in", obj="venue", kwargs=code,
                   data={"phone": "13912345678", "occupation": "courier"}),
        public_api("POST", "/stations/{code}/problems", obj="venue", kwargs=code, data={"category": "charger"}),
        public_api("GET", "/station-problems/{token}", obj="problem",
                   kwargs=lambda p: {"token": p.tracking_token}),
        # staff API
        Route("API GET /api/v1/venues", API, perm=V.VENUES_VIEW, marker="venue"),
        Route("API POST /api/v1/venues", API, obj="venue", perm=V.VENUES_CHANGE, path_of=lambda v: v.org.path,
              data=lambda obj, world: {"org_id": obj.org_id, "name": "矩阵新驿站", "lat": 25.0, "lng": 102.7}),
        Route("API GET /api/v1/venues/coverage", API, obj="venue", perm=V.VENUES_VIEW,
              data=lambda obj, world: {"org_id": obj.org.parent_id}, path_of=lambda v: v.org.parent.path,
              note="an area the caller sees; no demand points in the matrix world: 422 for those allowed"),
        Route("API GET /api/v1/venues/{venue_id}", API, obj="venue", perm=V.VENUES_VIEW, kwargs=pk("venue_id")),
        Route("API PATCH /api/v1/venues/{venue_id}", API, obj="venue", perm=V.VENUES_CHANGE,
              kwargs=pk("venue_id"), data={"name": "矩阵改名驿站"}),
        Route("API POST /api/v1/venues/{venue_id}/approve", API, obj="pending_venue", perm=V.VENUES_APPROVE,
              kwargs=pk("venue_id"), data={}),
        Route("API POST /api/v1/venues/{venue_id}/reject", API, obj="pending_venue", perm=V.VENUES_APPROVE,
              kwargs=pk("venue_id"), data={"comment": "matrix"}),
        Route("API POST /api/v1/venues/{venue_id}/daily-counts", API, obj="venue", perm=V.VENUES_OPERATE,
              kwargs=pk("venue_id"), data={"day": "2026-01-05", "count": 12}),
        Route("API GET /api/v1/venue-problems", API, perm=V.VENUES_OPERATE, marker="problem"),
        Route("API POST /api/v1/venue-problems/{report_id}/transition", API, obj="problem",
              perm=V.VENUES_OPERATE, kwargs=pk("report_id"), data={"transition": "acknowledge"}),
        # the workflow kit's routes (core.api.workflow)
        Route("API GET /api/v1/venues/{obj_id}/history", API, obj="venue", perm=V.VENUES_VIEW, kwargs=pk("obj_id")),
        Route("API POST /api/v1/venues/{obj_id}/transitions/{name}", API, obj="pending_venue",
              perm=V.VENUES_APPROVE, kwargs=lambda v: {"obj_id": v.pk, "name": "approve"}, data={}),
        Route("API GET /api/v1/venue-problems/{obj_id}/history", API, obj="problem", perm=V.VENUES_OPERATE,
              kwargs=pk("obj_id")),
        Route("API POST /api/v1/venue-problems/{obj_id}/transitions/{name}", API, obj="problem",
              perm=V.VENUES_OPERATE, kwargs=lambda p: {"obj_id": p.pk, "name": "acknowledge"}, data={}),
    ]
