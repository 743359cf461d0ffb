"""The mutual-aid panel of the staff home page: what waits for the user in the current period."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.indicators import indicator_value
from gonghui.core.web.panels import register_home_panel

from .. import permissions as P
from .. import selectors


def mutual_aid_home_panel(request) -> dict | None:
    user = request.user
    if not scope.has_perm(user, P.VIEW):
        return None
    period = selectors.current_period()
    figures = selectors.dashboard(user, period)
    queue = reverse("mutual_aid:claim_queue")
    # The period's figure comes from the registry; the rest are work queues (what waits for this user).
    enrolled = ([{"label": _("Persons enrolled"), "value": indicator_value(
        "mutual_aid.enrolled_persons", None, period.coverage_start, period.coverage_end, user=user)}]
        if period else [])
    return {"title": _("Medical mutual aid") + (f" · {period}" if period else ""), "items": [
        *enrolled,
        {"label": _("Claims to review"), "value": figures["queue"], "url": queue},
        {"label": _("Waiting past the review deadline"), "value": figures["overdue"], "url": f"{queue}?overdue=on"},
        {"label": _("Approved, to pay"), "value": figures["to_pay"], "url": reverse("mutual_aid:batch_list")},
        {"label": _("Late enrolments to decide"), "value": figures["late_requests"],
         "url": reverse("mutual_aid:late_queue")},
    ]}


def register() -> None:
    register_home_panel(mutual_aid_home_panel)
