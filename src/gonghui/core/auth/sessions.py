"""Where an account is signed in: one ``UserSession`` per signed-in session, so that its holder sees the list
(browser, address, when) and can end any of them, and a staff account holds at most
``GONGHUI_STAFF_MAX_SESSIONS`` at once (等保三级: 会话数限制) — a new sign-in ends the oldest beyond it.

The session itself stays Django's; a record whose session expired or was deleted is not shown and is removed the
next time the list is read.
"""

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .. import audit, request_context
from ..errors import NotFound
from ..models import User, UserSession

# last_seen_at is written at most this often, so a busy page does not write on every request.
LAST_SEEN_RESOLUTION = datetime.timedelta(minutes=1)


def _end(records, *, actor, reason: str) -> int:
    records = list(records)
    if not records:
        return 0
    keys = [record.session_key for record in records]
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(pk__in=[record.pk for record in records]).delete()
    audit.record_many(("auth.session_end", {"actor": actor, "obj": record.user, "detail": {
        "reason": reason, "signed_in_at": record.signed_in_at.isoformat(), "ip": record.ip}}) for record in records)
    return len(records)


@transaction.atomic
def record_sign_in(request, user: User) -> UserSession:
    """Called on every sign-in: note the session, then end the oldest staff sessions beyond the limit."""
    if request.session.session_key is None:
        request.session.save()
    ctx = request_context.current()
    record, _created = UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={
        "user": user, "signed_in_at": timezone.now(), "last_seen_at": timezone.now(), "ip": ctx.ip,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200], "channel": ctx.channel})
    limit = settings.GONGHUI_STAFF_MAX_SESSIONS
    if not user.is_worker and limit:
        live = list(_live(user).order_by("-signed_in_at", "-pk"))
        _end(live[limit:], actor=user, reason="session_limit")
    return record


def forget(session_key: str | None) -> None:
    """Called on sign-out."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


SESSION_SEEN_AT = "gonghui_seen_at"


def touch(request) -> None:
    """Keep last_seen_at roughly current: one UPDATE a minute at most, not a query on every request (the session,
    saved on every request anyway, remembers when it last wrote)."""
    key = request.session.session_key
    now = timezone.now()
    seen = request.session.get(SESSION_SEEN_AT)
    if key and (not isinstance(seen, int | float) or now.timestamp() - seen >= LAST_SEEN_RESOLUTION.total_seconds()):
        UserSession.objects.filter(session_key=key).update(last_seen_at=now)
        request.session[SESSION_SEEN_AT] = int(now.timestamp())


def _live(user: User):
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=alive)


def sessions_of(user: User) -> list[UserSession]:
    """The account's live sessions, newest first (records of dead ones are dropped)."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=user).exclude(session_key__in=alive).delete()
    return list(UserSession.objects.filter(user=user).order_by("-signed_in_at", "-pk"))


@transaction.atomic
def session_end(*, user: User, session_id: int, current_key: str | None) -> None:
    """End one of one's own sessions (not the current one: that is signing out). Another's is NotFound."""
    record = UserSession.objects.filter(user=user, pk=session_id).exclude(session_key=current_key or "").first()
    if record is None:
        raise NotFound()
    _end([record], actor=user, reason="ended_by_holder")


@transaction.atomic
def end_other_sessions(*, user: User, current_key: str | None) -> int:
    return _end(UserSession.objects.filter(user=user).exclude(session_key=current_key or ""), actor=user,
                reason="ended_by_holder")
