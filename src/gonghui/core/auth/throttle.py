"""Failed sign-in counting and the temporary lock, keyed by a keyed hash of the lower-cased login name, so
a name that belongs to nobody behaves exactly like one that does."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import crypto
from ..models import LoginThrottle

PURPOSE = "auth.login_name"


def throttle_key(username: str) -> str:
    return crypto.lookup_hash((username or "").strip().lower(), purpose=PURPOSE)


def locked_until(username: str) -> datetime.datetime | None:
    """When the lock on this name ends, or None when it is not locked."""
    row = LoginThrottle.objects.filter(key_hash=throttle_key(username)).only("locked_until").first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def register_failure(username: str) -> bool:
    """Count one failure; returns True when this failure locked the name."""
    now = timezone.now()
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(key_hash=throttle_key(username))
    if row.locked_until and row.locked_until <= now:
        row.failures = 0  # the previous lock has run out: start counting afresh
        row.locked_until = None
    row.failures += 1
    row.last_failure_at = now
    locked = row.failures >= settings.GONGHUI_LOGIN_MAX_FAILURES
    if locked:
        row.locked_until = now + datetime.timedelta(minutes=settings.GONGHUI_LOGIN_LOCK_MINUTES)
    row.save(update_fields=["failures", "last_failure_at", "locked_until"])
    return locked


def clear(username: str) -> None:
    LoginThrottle.objects.filter(key_hash=throttle_key(username)).delete()
