"""Matrix rows of the service venues module (see routes.py for the fields of a Route)."""

from gonghui.core import roles as R  # noqa: F401

from .harness import Route  # noqa: F401


def rows() -> list:
    return []
