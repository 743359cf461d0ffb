"""The venues panel on the staff home page: stations, awaiting approval, open problem reports."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.indicators import indicator_value
from gonghui.core.web.panels import register_home_panel

from .. import selectors
from ..roles import VENUES_APPROVE, VENUES_OPERATE, VENUES_VIEW


def venues_panel(request) -> dict | None:
    user = request.user
    if not scope.has_perm(user, VENUES_VIEW):
        return None
    today = timezone.localdate()  # a registry figure (venues.venues: registered, not returned), as of today
    items = [{"label": _("Venues"), "value": indicator_value("venues.venues", None, today, today, user=user),
              "url": reverse("venues:venue_list")}]
    if scope.has_perm(user, VENUES_APPROVE):
        items.append({"label": _("Awaiting approval"), "value": selectors.approval_queue(user).count(),
                      "url": reverse("venues:approval_queue")})
    if scope.has_perm(user, VENUES_OPERATE):
        items.append({"label": _("Open problem reports"), "value": selectors.problem_queue(user).count(),
                      "url": reverse("venues:problem_queue")})
    return {"title": _("Service venues"), "items": items}


def register() -> None:
    register_home_panel(venues_panel)
