"""Staff reports: visit statistics (ECharts), the .xlsx export of the registry, and coverage planning."""

import json

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, exports, scope
from gonghui.core.errors import ApplicationError
from gonghui.core.files import xlsx_download
from gonghui.core.web.pages import int_or_none, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import coverage, selectors
from ..demo.places import KUNMING_CENTRE
from ..roles import VENUES_CHANGE, VENUES_EXPORT, VENUES_VIEW
from .views_public import tile_url

EXPORT_COLUMNS = ("code", "name", "kind", "status", "approval", "org", "county_code", "address", "lat", "lng",
                  "amenities", "open_24h", "contact_phone", "star_level")


@staff_view
def visit_stats(request):
    user = request.user
    require_anywhere(user, VENUES_VIEW)
    rows = selectors.monthly_visits(user, months=12)
    chart = {"months": [r["month"].strftime("%Y-%m") for r in rows], "checkins": [r["checkins"] for r in rows],
             "anonymous": [r["anonymous"] for r in rows],
             "labels": {"checkins": _("QR check-ins"), "anonymous": _("Anonymous visits (daily counts)")}}
    return render(request, "venues/staff/visit_stats.html", {
        "rows": rows, "chart_json": json.dumps(chart), **selectors.report_figures(user)})


@staff_view
def venue_export(request):
    user = request.user
    require_anywhere(user, VENUES_EXPORT)
    venues = selectors.venue_list(user, permission=VENUES_EXPORT)
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Venues"), header=[
        _("Station code"), _("Name"), _("Kind"), _("Status"), _("Approval"), _("Owning organisation"),
        _("County code"), _("Address"), _("Latitude (WGS-84)"), _("Longitude (WGS-84)"), _("Amenities"),
        _("Open 24 hours"), _("Contact telephone"), _("Star level")])
    for venue in venues.iterator(chunk_size=2000):
        sheet.write_row([venue.code, venue.name, str(venue.get_kind_display()), str(venue.get_status_display()),
                         str(venue.get_approval_display()), venue.org.name, venue.county_code, venue.address,
                         venue.lat, venue.lng, "、".join(str(a) for a in venue.amenity_labels()),
                         _("Yes") if venue.open_24h else _("No"), venue.contact_phone, venue.star_level])
    rows = sheet.row - 1
    content = book.close()
    audit.record("venues.export", actor=user, object_type="venues.venue", detail={"rows": rows})
    return xlsx_download(content, f"venues-{timezone.localdate():%Y%m%d}.xlsx")


def _coverage_for(request):
    """The area (an organisation the user sees: its division) and the coverage figures, or an error message."""
    user = request.user
    choices = [o for o in org_selectors.organisation_choices(user, VENUES_VIEW, limit=300)
               if o.level in ("province", "prefecture", "county") and o.kind == "federation"]
    org_id = int_or_none(request.GET.get("org"))
    org = org_selectors.organisation_get(user, org_id, permission=VENUES_VIEW) if org_id else None
    count = max(0, min(int_or_none(request.GET.get("n")) or 5, coverage.MAX_SUGGESTIONS))
    result, error = None, ""
    if org is not None:
        try:
            result = coverage.coverage(coverage.demand_for(coverage.area_prefix(org)), area=org.name,
                                       new_stations=count)
        except ApplicationError as exc:
            error = exc.message
    return choices, org, count, result, error


@staff_view
def coverage_page(request):
    require_anywhere(request.user, VENUES_VIEW)
    choices, org, count, result, error = _coverage_for(request)
    map_data = {"centre": KUNMING_CENTRE, "origin": False, "tiles": tile_url(), "markers": []}
    if result is not None:
        map_data["uncovered"] = [[lat, lng] for lat, lng, _w in result.uncovered[:2000]]
        map_data["suggestions"] = [[s.lat, s.lng, s.rank] for s in result.suggestions]
        if result.uncovered:
            map_data["centre"] = result.uncovered[0][:2]
    return render(request, "venues/staff/coverage.html", {
        "choices": choices, "org": org, "count": count, "result": result, "error": error,
        "map_json": json.dumps(map_data), "can_import": scope.has_perm(request.user, VENUES_CHANGE)})


@staff_view
def coverage_csv(request):
    require_anywhere(request.user, VENUES_VIEW)
    _choices, org, _count, result, _error = _coverage_for(request)
    rows = [["rank", "lat_wgs84", "lng_wgs84", "newly_covered_points", "newly_covered_weight",
             "share_covered_after"]]
    rows += [[s.rank, f"{s.lat:.6f}", f"{s.lng:.6f}", s.newly_covered_points, s.newly_covered_weight,
              f"{s.share_after:.4f}"] for s in (result.suggestions if result else [])]
    rows += [[], ["uncovered_lat_wgs84", "uncovered_lng_wgs84", "weight"]]
    rows += [[f"{lat:.6f}", f"{lng:.6f}", weight] for lat, lng, weight in (result.uncovered if result else [])]
    return exports.csv_response(rows, f"coverage-{org.division_id if org and org.division_id else 'area'}.csv")


