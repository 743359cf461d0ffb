"""What venues tells people: the worker who reported a problem at a station, when the station answers it;
operators, once a day, how many problem reports wait for an answer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import STAFF, Digest, Event, notify, register_digest, register_event

from .roles import VENUES_OPERATE

PROBLEM_ANSWERED = "venues.problem_answered"
PROBLEMS_OPEN = "venues.problems_open"


def _state_label(context: dict) -> dict:
    from .models import ProblemReport

    state = context.get("state", "")
    return {**context, "state_label": ProblemReport.State(state).label if state in ProblemReport.State.values
            else ""}


def register() -> None:
    register_event(Event(
        PROBLEM_ANSWERED, _("Station problem answered"),
        _("Your report about %(station)s was answered (%(state_label)s)"),
        _("The station says: %(response)s"), sms=True, prepare=_state_label,
        example={"station": "五华区户外劳动者服务站", "state": "resolved", "response": "饮水机已修好"}))
    register_event(Event(
        PROBLEMS_OPEN, _("Station problems waiting"),
        _("%(count)s station problem reports are waiting for an answer"),
        _("Open the problem queue to answer them."), audience=STAFF, example={"count": 4}))
    register_digest(Digest("venues.problems_open", VENUES_OPERATE, PROBLEMS_OPEN, count=_open_count,
                           link=lambda: reverse("venues:problem_queue")))


def _open_count(user) -> int:
    from .selectors import problem_queue

    return problem_queue(user).count()


def tell_reporter(report) -> None:
    """Inside the service's transaction: the reporter, if signed in when reporting, hears the answer."""
    if report.reporter_id is None:
        return
    notify(report.reporter, PROBLEM_ANSWERED, report,
           {"station": report.venue.name, "state": report.state, "response": (report.response or "")[:200]},
           link=reverse("m_venues:report_status", args=[report.tracking_token]))
