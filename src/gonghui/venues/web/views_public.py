"""The station finder for workers and the public (/stations/ and /m/stations/, the same views): near me, a typed
district, filters, the list with distances, the station page, check-in by QR, problem reports and ratings."""

import json
import os

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import ApplicationError, NotFound, RateLimited

from .. import hours, search, selectors, services, throttle
from ..demo.places import KUNMING_CENTRE, county_seats
from ..models import Amenity, Venue
from .forms import CheckInForm, ProblemForm, RatingForm

SESSION_VISITS = "venues_visits"
NEAR_ME_RADIUS_M = 10_000.0
RESULTS = 10


def tile_url() -> str:
    """The map tile source (GONGHUI_MAP_TILE_URL): empty on an intranet, which draws a plain grid instead."""
    return getattr(settings, "GONGHUI_MAP_TILE_URL", os.environ.get("GONGHUI_MAP_TILE_URL", ""))


def _ns(request) -> str:
    return request.resolver_match.namespace if request.resolver_match else "stations"


def _float(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) <= 180 else None  # NaN and nonsense are ignored


def format_distance(metres: float) -> str:
    return f"{round(metres / 10) * 10:.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"


def finder(request):
    """Where to look from: the browser's position (lat/lng put in the query by "near me"), a district picked from
    the list, or nothing yet (the map of Kunming with the prompt)."""
    params = request.GET
    lat, lng = _float(params.get("lat")), _float(params.get("lng"))
    seats = county_seats()
    district = params.get("district", "")
    origin = ""
    if lat is not None and lng is not None and -90 <= lat <= 90:
        origin = "position"
    elif district in seats:
        lat, lng, origin = seats[district].lat, seats[district].lng, "district"
    amenities = [a for a in params.getlist("amenity") if a in Amenity.values]
    kinds = [k for k in params.getlist("kind") if k in Venue.Kind.values]
    open_now = params.get("open_now") == "1"
    results = []
    if origin:
        results = search.nearest(lat, lng, n=RESULTS, radius_m=NEAR_ME_RADIUS_M, kinds=kinds, amenities=amenities,
                                 open_now=open_now)
    ns = _ns(request)
    rows = [{"rank": i + 1, "code": r.venue.code, "name": r.venue.name, "address": r.venue.address,
             "kind": Venue.Kind(r.venue.kind).label, "distance": format_distance(r.distance_m),
             "open_now": r.open_now, "lat": r.venue.lat, "lng": r.venue.lng,
             "url": reverse(f"{ns}:detail", args=[r.venue.code])} for i, r in enumerate(results)]
    centre = (lat, lng) if origin else KUNMING_CENTRE
    map_data = {"centre": centre, "origin": bool(origin), "tiles": tile_url(),
                "markers": [{"lat": r["lat"], "lng": r["lng"], "name": r["name"], "url": r["url"],
                             "rank": r["rank"]} for r in rows]}
    return render(request, "venues/public/finder.html", {
        "ns": ns, "rows": rows, "origin": origin, "searched": bool(origin),
        "districts": sorted(((s.code, s.name) for s in seats.values()), key=lambda c: c[0]),
        "district": district, "amenity_choices": Amenity.choices, "amenities": amenities,
        "kind_choices": Venue.Kind.choices, "kinds": kinds, "open_now": open_now,
        "lat": f"{lat:.6f}" if origin == "position" else "", "lng": f"{lng:.6f}" if origin == "position" else "",
        "map_json": json.dumps(map_data), "radius_km": int(NEAR_ME_RADIUS_M / 1000),
    })


def _station(code):
    return search.public_venue(code)


def _not_found(request, exc):
    from django.http import Http404

    raise Http404(str(exc.message))


def detail(request, code):
    try:
        venue = _station(code)
    except NotFound as exc:
        _not_found(request, exc)
    closures = list(venue.closures.all())
    schedule = hours.Schedule.build(open_24h=venue.open_24h, weekly_hours=venue.weekly_hours,
                                    closures=[(c.start_date, c.end_date) for c in closures])
    today = hours.now().date()
    week = venue.weekly_hours or [[] for _ in range(7)]
    return render(request, "venues/public/detail.html", {
        "ns": _ns(request), "venue": venue, "open_now": venue.status == "open" and schedule.is_open(hours.now()),
        "week": [(label, hours.day_text(day)) for label, day in zip(hours.WEEKDAY_LABELS, week, strict=False)],
        "closures": [c for c in closures if c.end_date >= today], "nav": search.navigation_links(venue),
        "honours": list(venue.honours.all()), "photos": list(venue.photos.all()), "map_json": json.dumps({
            "centre": (venue.lat, venue.lng), "origin": False, "tiles": tile_url(),
            "markers": [{"lat": venue.lat, "lng": venue.lng, "name": venue.name, "url": "", "rank": ""}]}),
    })


def photo(request, code, photo_id):
    """A photo of a public station, for anyone (only through this view: the storage has no public URL)."""
    from django.shortcuts import get_object_or_404

    from .views_records import photo_response

    try:
        venue = _station(code)
    except NotFound as exc:
        _not_found(request, exc)
    return photo_response(get_object_or_404(venue.photos, pk=photo_id), public=True)


def report(request, code):
    try:
        venue = _station(code)
    except NotFound as exc:
        _not_found(request, exc)
    form = ProblemForm(request.POST or None)
    ns = _ns(request)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            throttle.hit(request, "problem", venue.code)
            problem = services.problem_report(venue=venue, category=form.cleaned_data["category"],
                                              description=form.cleaned_data["description"], reporter=request.user)
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
            status = exc.status if isinstance(exc, RateLimited) else 200
        else:
            messages.success(request, _("Thank you. The station's operator has your report."))
            return redirect(f"{ns}:report_status", token=problem.tracking_token)
    return render(request, "venues/public/report.html", {"ns": ns, "venue": venue, "form": form}, status=status)


def report_status(request, token):
    problem = selectors.problem_by_token(token)
    if problem is None:
        from django.http import Http404

        raise Http404
    history = list(selectors.problem_history(problem))
    from ..workflows import PROBLEM_FLOW

    return render(request, "venues/public/report_status.html", {
        "ns": _ns(request), "problem": problem, "state_label": PROBLEM_FLOW.state_label(problem.state),
        "history": [(h.at, PROBLEM_FLOW.state_label(h.to_state), h.comment) for h in history],
        "status_url": request.build_absolute_uri(),
    })


def _remember_visit(request, visit_id: int) -> None:
    visits = [v for v in request.session.get(SESSION_VISITS, []) if v != visit_id][-19:]
    request.session[SESSION_VISITS] = [*visits, visit_id]


def check_in(request, code):
    """What the station's QR code opens: a signed-in worker checks in with one tap; anyone else gives a mobile
    number and an occupation the first time."""
    try:
        venue = _station(code)
    except NotFound as exc:
        _not_found(request, exc)
    worker = request.user if request.user.is_authenticated and request.user.is_worker else None
    form = CheckInForm(request.POST or None) if worker is None else None
    result = None
    status = 200
    if request.method == "POST" and (worker is not None or form.is_valid()):
        data = form.cleaned_data if form is not None else {}
        try:
            throttle.hit(request, "check_in")
            result = services.visit_check_in(venue=venue, user=worker, phone=data.get("phone", ""),
                                             occupation=data.get("occupation", ""))
        except ApplicationError as exc:
            status = exc.status if isinstance(exc, RateLimited) else 200
            if form is None:
                messages.error(request, exc.message)
            else:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            if result.visit is not None:
                _remember_visit(request, result.visit.pk)
    return render(request, "venues/public/check_in.html", {
        "ns": _ns(request), "venue": venue, "worker": worker, "form": form, "result": result,
        "rating_form": RatingForm() if result and result.visit else None,
        "login_url": reverse("m:login") + "?next=" + request.path,
    }, status=status)


@require_POST
def rate(request, visit_id):
    visit = selectors.visit_get_for_rating(visit_id)
    form = RatingForm(request.POST)
    target = reverse(f"{_ns(request)}:map")
    if visit is None or not form.is_valid():
        messages.error(request, _("Choose one to five stars."))
        return redirect(target)
    target = reverse(f"{_ns(request)}:detail", args=[visit.venue.code])
    try:
        services.rating_submit(visit=visit, stars=form.cleaned_data["stars"], comment=form.cleaned_data["comment"],
                               user=request.user, visit_ids=request.session.get(SESSION_VISITS, []))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect(target)
