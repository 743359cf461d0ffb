"""Rate limits of the public station endpoints (check-in, problem reports), per client address, in the cache.

A station's QR code is scanned by many phones on many networks, so a limit per address only stops one device
(or script) from inflating visit counts or flooding an operator's queue; the two-hour cooldown per person
(services.visit_check_in) does the rest. Limits are settings so a deployment behind a shared NAT can raise them.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from gonghui.core.errors import RateLimited
from gonghui.core.middleware import client_ip

# action -> (attempts, window in seconds). Problem reports: a few per station and client (one operator's queue),
# more across all stations.
DEFAULT_LIMITS = {"check_in": (30, 600), "problem": (10, 3600), "problem_any": (30, 3600)}
_GENERATION_KEY = "gonghui:venues:rate:generation"


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "GONGHUI_VENUES_RATE_LIMITS", {})}


def _generation() -> str:
    value = cache.get(_GENERATION_KEY)
    if value is None:
        value = secrets.token_hex(4)
        cache.add(_GENERATION_KEY, value, None)
        value = cache.get(_GENERATION_KEY, value)
    return value


def reset() -> None:
    """Forget every counter (tests, and an operator who lifted a block): a new generation of keys."""
    cache.set(_GENERATION_KEY, secrets.token_hex(4), None)


def hit(request, action: str, target: str = "") -> None:
    """Count one attempt of ``action`` (on ``target``, e.g. a station code) from this client; raise RateLimited
    (429) past the limit."""
    if action == "problem":
        hit(request, "problem_any")
    allowed, window = limits()[action]
    key = f"gonghui:venues:rate:{_generation()}:{action}:{target[:20]}:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count > allowed:
        raise RateLimited(_("Too many attempts from this device; please wait a few minutes and try again."),
                          extra={"retry_after": window})
