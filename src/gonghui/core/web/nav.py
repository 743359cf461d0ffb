"""Navigation entries, every one declared in an app's manifest (``navigation``; core imports no app).

The staff header and the worker's tab bar list nothing else: the foundation's links are entries of core (home,
audit log, API tokens), members (members, units, transfers; the worker's card, membership and transfer) and orgs
(organisations, roles), in ``order`` (the foundation below 30 and from 900, the modules between). ``permission``
hides an entry from users who hold it nowhere (the pages still check scope themselves); the worker's inbox tab,
with its unread badge, stays in mobile/base.html after the entries.
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
