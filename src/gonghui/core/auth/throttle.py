"""Failed sign-in counting and the temporary locks. Counters are LoginThrottle rows keyed by a keyed hash of
what they count on, so a name that belongs to nobody behaves exactly like one that does, and no name or
address is stored. Each counts within a window and locks when it reaches its limit:

- a name from one address (GONGHUI_LOGIN_MAX_FAILURES): the name is locked for that address;
- a name from any address (GONGHUI_LOGIN_NAME_MAX_FAILURES): the name is locked for everyone (an attack from
  many addresses);
- an address across names (GONGHUI_LOGIN_ADDRESS_MAX_FAILURES): the address is refused, the names are not
  locked; with the defaults one address can neither lock a name for others nor spray passwords;
- an account's second factor (GONGHUI_SECOND_FACTOR_MAX_FAILURES wrong codes): the account is locked.

A right password clears the first two; only a right second-factor code clears the fourth. The address counter
runs out with its window.

The address is the client's, from the request context (core.middleware.client_ip).
"""

import datetime
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import crypto, request_context
from ..models import LoginThrottle

PURPOSE = "auth.login_name"

PAIR, NAME, ADDRESS, SECOND_FACTOR = "pair", "name", "address", "second_factor"
_PURPOSES = {PAIR: "auth.login_name_address", NAME: PURPOSE, ADDRESS: "auth.login_address",
             SECOND_FACTOR: "auth.second_factor"}


@dataclass(frozen=True)
class Lock:
    scope: str                   # ADDRESS: the client's address is refused; otherwise the name (or account) is
    until: datetime.datetime
    new: bool = field(default=False, compare=False)  # this failure set it: the account holder is told once

    @property
    def minutes(self) -> int:
        return max(1, math.ceil((self.until - timezone.now()).total_seconds() / 60))


def _rule(kind: str) -> tuple[int, int, int]:
    """(failures that lock, window in minutes, lock in minutes)"""
    lock = settings.GONGHUI_LOGIN_LOCK_MINUTES
    if kind == SECOND_FACTOR:
        return (settings.GONGHUI_SECOND_FACTOR_MAX_FAILURES, settings.GONGHUI_SECOND_FACTOR_WINDOW_MINUTES,
                settings.GONGHUI_SECOND_FACTOR_LOCK_MINUTES)
    limit = {PAIR: settings.GONGHUI_LOGIN_MAX_FAILURES, NAME: settings.GONGHUI_LOGIN_NAME_MAX_FAILURES,
             ADDRESS: settings.GONGHUI_LOGIN_ADDRESS_MAX_FAILURES}[kind]
    return limit, lock, lock


def _name(username: str) -> str:
    return (username or "").strip().lower()


def throttle_key(username: str, kind: str = NAME, *, address: str | None = None) -> str:
    """The key of one counter: of the name (``NAME``, ``SECOND_FACTOR``), of the name from an address
    (``PAIR``) or of an address (``ADDRESS``, the name is ignored); the address is the current client's unless
    given."""
    address = address or request_context.current().ip or "unknown"
    value = {PAIR: f"{_name(username)}\x00{address}", ADDRESS: address}.get(kind, _name(username))
    return crypto.lookup_hash(value, purpose=_PURPOSES[kind])


def _lock_among(keys: dict[str, str]) -> Lock | None:
    """The lock in force on any of these counters (kind -> key); the address's first, as it says more."""
    now = timezone.now()
    locked = dict(LoginThrottle.objects.filter(key_hash__in=keys.values(), locked_until__gt=now)
                  .values_list("key_hash", "locked_until"))
    if not locked:
        return None
    if keys.get(ADDRESS) in locked:
        return Lock(ADDRESS, locked[keys[ADDRESS]])
    return Lock(NAME, max(locked.values()))


def _password_keys(username: str | None) -> dict[str, str]:
    keys = {ADDRESS: throttle_key("", ADDRESS)}
    if username is not None:
        keys |= {kind: throttle_key(username, kind) for kind in (PAIR, NAME, SECOND_FACTOR)}
    return keys


def lock_on(username: str | None) -> Lock | None:
    """The lock that refuses a password (or sign-in code) for this name from the current address, if any: the
    address's, the name's (from here or from everywhere) or the account's second factor's."""
    return _lock_among(_password_keys(username))


@transaction.atomic
def _count(key: str, kind: str) -> bool:
    """Count one failure; True when this one set the lock."""
    limit, window, lock = _rule(kind)
    now = timezone.now()
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(key_hash=key)
    was_locked = row.locked_until is not None and row.locked_until > now
    if row.window_started_at is None or row.window_started_at <= now - datetime.timedelta(minutes=window):
        row.failures, row.window_started_at = 0, now  # a new window
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= limit:
        row.locked_until = now + datetime.timedelta(minutes=lock)
    row.save(update_fields=["failures", "window_started_at", "last_failure_at", "locked_until"])
    return not was_locked and row.locked_until is not None and row.locked_until > now


def register_failure(username: str | None) -> Lock | None:
    """Count one failed password (or code) for this name from the current address (``None``: a attempt without
    a usable name, counted on the address only); returns the lock now in force, if any."""
    keys = _password_keys(username)
    new = False
    for kind in (PAIR, NAME, ADDRESS):
        if kind in keys:
            new |= _count(keys[kind], kind) and kind != ADDRESS
    lock = _lock_among(keys)
    return replace(lock, new=new) if lock is not None and lock.scope != ADDRESS else lock


def clear(username: str) -> None:
    """A right password: forget the name's failures (the address's and the second factor's stay)."""
    LoginThrottle.objects.filter(key_hash__in=[throttle_key(username, PAIR), throttle_key(username, NAME)]).delete()


def second_factor_lock(username: str) -> Lock | None:
    return _lock_among({SECOND_FACTOR: throttle_key(username, SECOND_FACTOR)})


def register_second_factor_failure(username: str) -> Lock | None:
    """Count one wrong second-factor code of this account; returns the lock now in force, if any."""
    key = throttle_key(username, SECOND_FACTOR)
    new = _count(key, SECOND_FACTOR)
    lock = _lock_among({SECOND_FACTOR: key})
    return replace(lock, new=new) if lock is not None else lock


def clear_second_factor(username: str) -> None:
    LoginThrottle.objects.filter(key_hash=throttle_key(username, SECOND_FACTOR)).delete()
