"""Staff pages of the registry: list with filters, map, create/edit with a draggable marker, the venue page with
its QR code, approval and the problem queue. Thin: forms validate, services decide."""

import json
import math

import segno
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import scope
from gonghui.core.web.pages import call_service, is_htmx, paginate, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..demo.places import KUNMING_CENTRE
from ..models import Venue
from ..roles import VENUES_APPROVE, VENUES_CHANGE, VENUES_EXPORT, VENUES_OPERATE, VENUES_VIEW
from ..workflows import APPROVAL_FLOW, PROBLEM_FLOW
from .forms import (
    ClosureForm,
    DailyCountForm,
    DecisionForm,
    FundingForm,
    HonourForm,
    PhotoForm,
    VenueFilterForm,
    VenueForm,
)
from .views_public import tile_url

MAP_LIMIT = 3000


@staff_view
def venue_list(request):
    user = request.user
    require_anywhere(user, VENUES_VIEW)
    form = VenueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    venues = selectors.venue_list(user, query=data.get("q", ""), kind=data.get("kind", ""),
                                  status=data.get("status", ""), approval=data.get("approval", ""),
                                  amenities=data.get("amenity", []))
    page, query_string = paginate(request, venues)
    context = {"form": form, "page": page, "query_string": query_string,
               "can_add": scope.has_perm(user, VENUES_CHANGE), "can_export": scope.has_perm(user, VENUES_EXPORT)}
    template = "venues/staff/_venue_table.html" if is_htmx(request) else "venues/staff/venue_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view
def venue_map(request):
    require_anywhere(request.user, VENUES_VIEW)
    return render(request, "venues/staff/venue_map.html", {"map_json": json.dumps(
        {"centre": KUNMING_CENTRE, "origin": False, "tiles": tile_url(), "markers": []})})


@staff_view
def venue_map_data(request):
    """The markers of the staff map: venues the user sees (also those awaiting approval) inside the box."""
    require_anywhere(request.user, VENUES_VIEW)

    def number(name, default):
        try:
            value = float(request.GET.get(name, default))
        except (TypeError, ValueError):
            return default
        return value if math.isfinite(value) else default

    qs = selectors.venue_list(request.user).filter(
        lat__gte=number("south", -90), lat__lte=number("north", 90), lng__gte=number("west", -180),
        lng__lte=number("east", 180))
    rows = [{"code": code, "name": name, "lat": lat, "lng": lng, "approval": approval,
             "url": reverse("venues:venue_detail", args=[pk])}
            for pk, code, name, lat, lng, approval in qs.values_list("pk", "code", "name", "lat", "lng",
                                                                    "approval")[:MAP_LIMIT]]
    return JsonResponse(rows, safe=False)


def _qr(request, venue) -> str:
    url = request.build_absolute_uri(reverse("m_venues:check_in", args=[venue.code]))
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True, title=venue.code)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of our URL, no user markup


@staff_view
def venue_detail(request, pk):
    user = request.user
    venue = selectors.venue_get(user, pk)
    path = venue.scope_path
    return render(request, "venues/staff/venue_detail.html", {
        "venue": venue, "qr": _qr(request, venue), "history": selectors.venue_history(venue),
        "approval_label": APPROVAL_FLOW.state_label(venue.approval),
        "closures": venue.closures.all(), "honours": venue.honours.all(), "funding": venue.funding.all(),
        "photos": venue.photos.all(), "can_honour": scope.has_perm(user, VENUES_APPROVE, path),
        "honour_form": HonourForm(), "funding_form": FundingForm(),
        "monthly": selectors.monthly_visits(user, venue=venue, months=12),
        "can_change": scope.has_perm(user, VENUES_CHANGE, path),
        "can_approve": scope.has_perm(user, VENUES_APPROVE, path) and venue.approval == Venue.Approval.PENDING,
        "can_operate": scope.has_perm(user, VENUES_OPERATE, path),
        "decision_form": DecisionForm(), "count_form": DailyCountForm(), "closure_form": ClosureForm(),
    })


def _save(request, form, venue=None):
    data = form.cleaned_data
    fields = {k: data[k] for k in ("kind", "address", "operation", "partner_type", "partner_name", "open_24h",
                                    "contact_name", "contact_phone", "status", "description")}
    fields["partner_type"] = fields["partner_type"] or ""
    common = {"lat": data["lat"], "lng": data["lng"], "system": data["system"], "amenities": data["amenities"],
              "weekly_hours": data["weekly_hours"]}
    if venue is None:
        org = org_selectors.organisation_get(request.user, data["org"], permission=VENUES_CHANGE)
        return call_service(request, services.venue_create, form=form, success=_("The venue was registered and "
                            "waits for the county's approval."), actor=request.user, org=org, name=data["name"],
                            **common, **fields)
    return call_service(request, services.venue_update, form=form, success=_("The venue was saved."),
                        actor=request.user, venue=venue, name=data["name"], **common, **fields)


@staff_view
def venue_create(request):
    require_anywhere(request.user, VENUES_CHANGE)
    form = VenueForm(request.POST or None, user=request.user,
                     initial={"lat": KUNMING_CENTRE[0], "lng": KUNMING_CENTRE[1], "status": "open"})
    if request.method == "POST" and form.is_valid():
        outcome = _save(request, form)
        if outcome.ok:
            return redirect("venues:venue_detail", pk=outcome.result.pk)
    return render(request, "venues/staff/venue_form.html", {"form": form, "map_json": json.dumps(
        {"centre": KUNMING_CENTRE, "origin": False, "tiles": tile_url(), "markers": []})})


@staff_view
def venue_edit(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    initial = {f: getattr(venue, f) for f in ("name", "kind", "address", "lat", "lng", "operation", "partner_type",
                                              "partner_name", "open_24h", "contact_name", "contact_phone",
                                              "status", "description")}
    initial.update(org=venue.org_id, amenities=venue.amenities, system="wgs84",
                   **VenueForm.hours_initial(venue.weekly_hours))
    form = VenueForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, venue).ok:
        return redirect("venues:venue_detail", pk=venue.pk)
    return render(request, "venues/staff/venue_form.html", {"form": form, "venue": venue, "photo_form": PhotoForm(),
                                                            "map_json": json.dumps(
        {"centre": (venue.lat, venue.lng), "origin": False, "tiles": tile_url(), "markers": []})})


@require_POST
@staff_view
def venue_decide(request, pk, decision):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_APPROVE)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    service = services.venue_approve if decision == "approve" else services.venue_reject
    call_service(request, service, success=_("Approved.") if decision == "approve" else _("Returned for changes."),
                 actor=request.user, venue=venue, comment=comment)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("venues:venue_detail", pk=venue.pk)


@require_POST
@staff_view
def venue_daily_count(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_OPERATE)
    form = DailyCountForm(request.POST)
    if form.is_valid():
        call_service(request, services.daily_count_record, success=_("The visits were recorded."),
                     actor=request.user, venue=venue, day=form.cleaned_data["day"], count=form.cleaned_data["count"])
    else:
        from django.contrib import messages

        messages.error(request, _("Give a day and a number of visits."))
    return redirect("venues:venue_detail", pk=venue.pk)


@require_POST
@staff_view
def venue_closure_add(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    form = ClosureForm(request.POST)
    if form.is_valid():
        call_service(request, services.closure_add, success=_("The closure was added."), actor=request.user,
                     venue=venue, **form.cleaned_data)
    return redirect("venues:venue_detail", pk=venue.pk)


@staff_view
def approval_queue(request):
    require_anywhere(request.user, VENUES_APPROVE)
    page, query_string = paginate(request, selectors.approval_queue(request.user))
    return render(request, "venues/staff/approval_queue.html", {"page": page, "query_string": query_string})


@staff_view
def problem_queue(request):
    require_anywhere(request.user, VENUES_OPERATE)
    state = request.GET.get("state", "open")
    page, query_string = paginate(request, selectors.problem_queue(request.user, state=state))
    for report in page:
        report.state_label = PROBLEM_FLOW.state_label(report.state)
        report.steps = PROBLEM_FLOW.available(report)
    return render(request, "venues/staff/problem_queue.html", {
        "page": page, "query_string": query_string, "state": state, "states": PROBLEM_FLOW.states})


@require_POST
@staff_view
def problem_transition(request, pk, transition):
    report = selectors.problem_get(request.user, pk)
    call_service(request, services.problem_transition, success=_("The report was updated."), actor=request.user,
                 report=report, transition=transition, response=request.POST.get("response", ""))
    return redirect(reverse("venues:problem_queue"))
