"""Navigation entries contributed by the business apps (core imports none of them).

The staff header and the worker's tab bar list the foundation's own links, then every registered entry the
user may open. Register from an AppConfig.ready(); ``permission`` hides a staff entry from users who hold it
nowhere (the pages still check scope themselves).
"""

from dataclasses import dataclass

from django.urls import reverse

STAFF = "staff"
MOBILE = "mobile"


@dataclass(frozen=True)
class NavEntry:
    area: str  # STAFF or MOBILE
    url_name: str
    label: str  # a lazy translation
    permission: str | None = None
    order: int = 100


_entries: list[NavEntry] = []


def register_nav(entry: NavEntry) -> NavEntry:
    if entry not in _entries:
        _entries.append(entry)
        _entries.sort(key=lambda e: (e.order, e.url_name))
    return entry


def nav_links(area: str, user, has_perm) -> list[dict]:
    """[{"url", "label", "name"}] for the entries of an area that ``user`` may see."""
    return [{"url": reverse(e.url_name), "label": e.label, "name": e.url_name}
            for e in _entries
            if e.area == area and (e.permission is None or has_perm(user, e.permission))]
