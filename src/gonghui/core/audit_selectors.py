"""Reads of the audit log for auditors (roles.AUDIT_VIEW).

An auditor whose role sits at province level (or a superuser) reads the whole log. An auditor lower down reads
the events recorded while someone acted for an organisation in their subtree (``acting_org_id``); events with
no acting organisation (sign-ins, system jobs) are for province auditors only.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import audit, roles, scope
from .errors import NotFound
from .models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    result: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_detail(self) -> dict:
        return {key: (value.isoformat() if isinstance(value, datetime.date) else value)
                for key, value in self.__dict__.items() if value}


def _audit_grants(user):
    return [g for g in scope.all_grants(user) if roles.AUDIT_VIEW in g.permissions]


def can_view_audit(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or _audit_grants(user)))


def sees_whole_log(user) -> bool:
    return bool(user.is_superuser or any(g.org_level == "province" for g in _audit_grants(user)))


def audit_events_visible(user) -> QuerySet[AuditEvent]:
    """The events this user may read; NotFound for anyone without AUDIT_VIEW."""
    if not can_view_audit(user):
        raise NotFound()
    events = AuditEvent.objects.order_by("-id")
    if sees_whole_log(user):
        return events
    org_ids = scope.org_ids_under(g.org_path for g in _audit_grants(user))
    return events.filter(acting_org_id__in=org_ids)


def audit_event_search(user, filters: AuditFilters) -> QuerySet[AuditEvent]:
    events = audit_events_visible(user)
    if filters.action:
        prefix = filters.action.strip()
        # Rows stored under an action's old code (an alias) match its current code's prefix too.
        renamed = audit.stored_codes(a.code for a in audit.all_actions() if a.code.startswith(prefix))
        events = events.filter(Q(action__startswith=prefix) | Q(action__in=renamed))
    if filters.actor:
        actor = filters.actor.strip()
        q = Q(actor_label__icontains=actor)
        if actor.isdigit():
            q |= Q(actor_id=int(actor))
        events = events.filter(q)
    if filters.result:
        events = events.filter(result=filters.result)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type.strip())
    if filters.object_id:
        events = events.filter(object_id=filters.object_id.strip())
    # Whole local days, as a range on the indexed column.
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
