"""The service venues objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in the
sibling county (Panlong). Keys are the ``obj`` names used in routes_venues.py."""

from gonghui.venues.roles import VENUES_OPERATE, VENUES_VIEW

# What an actor needs to know such an object exists (see VIEW_PERMISSION in test_authorization_matrix.py).
VIEW_PERMISSION = {"venue": VENUES_VIEW, "pending_venue": VENUES_VIEW, "problem": VENUES_OPERATE}
# Rows a refused request must leave as they were.
SNAPSHOT_MODELS = ["venues.Venue", "venues.VenueClosure", "venues.Visit", "venues.DailyVisitCount",
                   "venues.ProblemReport", "venues.StationVisitor", "venues.Rating"]


def build_objects(world) -> dict:
    from gonghui.venues import services
    from gonghui.venues.tests.factories import make_venue

    sides = {}
    for side, union, county, lat in (("inside", world.wuhua_union, "530102", 25.04),
                                     ("outside", world.panlong_union, "530103", 25.11)):
        venue = make_venue(union, f"{'五华' if side == 'inside' else '盘龙'}矩阵驿站", lat=lat, lng=102.71,
                           county=county)
        pending = make_venue(union, f"{'五华' if side == 'inside' else '盘龙'}待批驿站", lat=lat, lng=102.72,
                             county=county, approval="pending")
        problem = services.problem_report(venue=venue, category="no_water", description="matrix")
        sides[side] = {"venue": venue, "pending_venue": pending, "problem": problem}
    return sides


def marker_text(obj) -> str | None:
    """The text that would give an out-of-scope object of this module away in a list; None if not ours."""
    from gonghui.venues.models import ProblemReport, Venue

    if isinstance(obj, Venue):
        return obj.name
    if isinstance(obj, ProblemReport):
        return obj.venue.name
    return None
