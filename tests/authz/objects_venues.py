"""The service venues objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in the
sibling county (Panlong). Keys are the ``obj`` names used in routes_venues.py."""

import datetime
from decimal import Decimal

from gonghui.venues.roles import VENUES_OPERATE, VENUES_VIEW

# What an actor needs to know such an object exists (see VIEW_PERMISSION in objects.py).
VIEW_PERMISSION = {"venue": VENUES_VIEW, "pending_venue": VENUES_VIEW, "problem": VENUES_OPERATE,
                   "closure": VENUES_VIEW, "honour": VENUES_VIEW, "funding": VENUES_VIEW, "photo": VENUES_VIEW}


def build_objects(world) -> dict:
    from gonghui.venues import services
    from gonghui.venues.models import FundingProject, VenueClosure, VenueHonour, VenuePhoto
    from gonghui.venues.tests.factories import make_venue

    sides = {}
    for side, union, county, lat in (("inside", world.wuhua_union, "530102", 25.04),
                                     ("outside", world.panlong_union, "530103", 25.11)):
        venue = make_venue(union, f"{'五华' if side == 'inside' else '盘龙'}矩阵驿站", lat=lat, lng=102.71,
                           county=county)
        pending = make_venue(union, f"{'五华' if side == 'inside' else '盘龙'}待批驿站", lat=lat, lng=102.72,
                             county=county, approval="pending")
        problem = services.problem_report(venue=venue, category="no_water", description="matrix")
        sides[side] = {"venue": venue, "pending_venue": pending, "problem": problem,
                       "closure": VenueClosure.objects.create(venue=venue, start_date=datetime.date(2026, 2, 16),
                                                             end_date=datetime.date(2026, 2, 18)),
                       "honour": VenueHonour.objects.create(venue=venue, title="最美驿站", year=2025),
                       "funding": FundingProject.objects.create(venue=venue, title="矩阵项目", year=2025,
                                                                amount=Decimal("1000.00")),
                       "photo": VenuePhoto.objects.create(venue=venue, image=_photo_file(side))}
    job = _import_job(world.user("county_officer"))
    sides["inside"]["venues_job"] = sides["outside"]["venues_job"] = job
    return sides


def before_route() -> None:
    """Before each row: the objects are built once for many rows, but the process's state is per row."""
    from gonghui.venues import index, throttle

    throttle.reset()  # each route is called by every actor on both sides: more than a client's hourly limit
    index.forget()  # the station index may hold a station that a rolled-back request created


def _photo_file(side: str) -> str:
    """A real stored photo (the public photo view reads it); the same name in every test, written once."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gonghui.venues.tests.images import png

    name = f"venues/photos/matrix-{side}.png"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(png()))
    return name


def _import_job(owner):
    """A checked venue import with errors and a report, seen by its creator only."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gonghui.core.models import Job

    report = default_storage.save("imports/reports/venues-matrix.xlsx", ContentFile(b"PK matrix"))
    return Job.objects.create(kind="venues.import_preview", created_by=owner, status=Job.Status.SUCCEEDED,
                              params={"what": "venues", "filename": "matrix.xlsx"},
                              result={"rows": 1, "errors": 1, "report": report})


def marker_text(obj) -> str | None:
    """The text that would give an out-of-scope object of this module away in a list; None if not ours."""
    from gonghui.venues.models import ProblemReport, Venue

    if isinstance(obj, Venue):
        return obj.name
    if isinstance(obj, ProblemReport):
        return obj.venue.name
    return None
