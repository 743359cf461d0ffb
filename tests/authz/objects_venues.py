"""The service venues objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in the
sibling county (Panlong). Keys are the ``obj`` names used in routes_venues.py."""


def build_objects(world) -> dict:
    return {"inside": {}, "outside": {}}


def marker_text(obj) -> str | None:
    """The text that would give an out-of-scope object of this module away in a list; None if not ours."""
    return None
