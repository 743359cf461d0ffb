"""The smaller records of a venue: change or remove a closure, remove an honour or a funding project (adding
them is in registry.py)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.errors import ValidationFailed

from .. import index
from ..models import FundingProject, VenueClosure, VenueHonour
from ..roles import VENUES_APPROVE, VENUES_CHANGE
from .registry import require


def closure_update(*, actor, closure: VenueClosure, start_date: datetime.date, end_date: datetime.date,
                   reason: str = "") -> VenueClosure:
    require(actor, VENUES_CHANGE, closure.venue.scope_path)
    if end_date < start_date:
        raise ValidationFailed(_("The closure ends before it starts."), code="closure_dates", field="end_date")
    with transaction.atomic():
        closure.start_date, closure.end_date, closure.reason = start_date, end_date, (reason or "").strip()
        closure.save(update_fields=["start_date", "end_date", "reason"])
        audit.record("venues.closure_update", actor=actor, obj=closure.venue,
                     detail={"closure": closure.pk, "from": start_date.isoformat(), "until": end_date.isoformat()})
    index.invalidate()  # "open now" depends on closures
    return closure


def honour_remove(*, actor, honour: VenueHonour) -> None:
    require(actor, VENUES_APPROVE, honour.venue.scope_path)
    with transaction.atomic():
        audit.record("venues.honour_remove", actor=actor, obj=honour.venue,
                     detail={"honour": honour.pk, "title": honour.title, "year": honour.year})
        honour.delete()


def funding_remove(*, actor, project: FundingProject) -> None:
    require(actor, VENUES_CHANGE, project.venue.scope_path)
    with transaction.atomic():
        audit.record("venues.funding_remove", actor=actor, obj=project.venue,
                     detail={"project": project.pk, "amount": str(project.amount), "year": project.year})
        project.delete()
