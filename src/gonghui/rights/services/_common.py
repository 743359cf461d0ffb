"""What the rights services share: the case gates, the decision clock, the worker's account."""

import datetime

from django.utils import timezone

from gonghui.core import scope

from .. import selectors, sla
from ..errors import NotAssignedToYou
from ..models import LegalCase, SlaPause
from ..roles import RIGHTS_MANAGE, RIGHTS_VIEW


def require_manage(actor, case) -> None:
    scope.require(actor, RIGHTS_MANAGE, case)


def require_work(actor, case) -> None:
    """An officer of the case, or the lawyer/mediator it is assigned to (others: 404 out of sight, else 403)."""
    if selectors.may_work(actor, case):
        return
    if not selectors.cases_visible(actor).filter(pk=case.pk).exists():
        scope.require(actor, RIGHTS_VIEW, case)  # raises NotFound for someone who cannot see it
    raise NotAssignedToYou()


def today() -> datetime.date:
    return timezone.localdate()


def refresh_due(case: LegalCase) -> datetime.date | None:
    """Recompute the decision deadline from the submission day, the calendar and the pauses; saved."""
    pauses = list(SlaPause.objects.filter(case=case).values_list("started_on", "ended_on"))
    cal = selectors.calendar(case.submitted_on, case.submitted_on + datetime.timedelta(days=120))
    due = sla.deadline(case.submitted_on, cal, pauses)
    LegalCase.objects.filter(pk=case.pk).update(decision_due=due)
    case.decision_due = due
    return due
