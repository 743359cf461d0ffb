"""One-time codes sent by SMS (worker sign-up and sign-in).

A code is 6 digits, valid for 5 minutes, dies after 5 wrong tries or one right one, and lives in the Django
cache only as a keyed hash. Per phone number: at most one code a minute and 5 an hour. Cache keys carry a
keyed hash of the number, never the number itself.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .. import crypto, sms
from ..errors import RateLimited

CODE_DIGITS = 6
CODE_TTL_SECONDS = 5 * 60
MAX_WRONG_ATTEMPTS = 5
MIN_INTERVAL_SECONDS = 60
MAX_PER_HOUR = 5


def _key(kind: str, phone: str, purpose: str = "") -> str:
    return f"gonghui:otp:{kind}:{purpose}:{crypto.lookup_hash(phone, purpose='otp.phone')}"


def _code_hash(phone: str, purpose: str, code: str) -> str:
    message = f"{purpose}\x00{phone}\x00{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def throttle(*, phone: str, purpose: str) -> None:
    """Count one code request for this number; raise RateLimited past the limits. otp_issue calls it; callers
    that decide not to send (an unknown number at sign-in) call it alone, so both answer alike."""
    if not cache.add(_key("recent", phone), 1, MIN_INTERVAL_SECONDS):
        raise RateLimited(_("A code was sent less than a minute ago; please wait before asking again."))
    hourly = _key("hour", phone)
    cache.add(hourly, 0, 3600)
    try:
        count = cache.incr(hourly)
    except ValueError:  # expired between add and incr
        cache.set(hourly, 1, 3600)
        count = 1
    if count > MAX_PER_HOUR:
        raise RateLimited(_("Too many codes were requested for this number; please try again in an hour."))


def otp_issue(*, phone: str, purpose: str) -> None:
    """Make a new code for (phone, purpose), replacing any earlier one, and send it by SMS."""
    throttle(phone=phone, purpose=purpose)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    cache.set(_key("code", phone, purpose), _code_hash(phone, purpose, code), CODE_TTL_SECONDS)
    cache.set(_key("tries", phone, purpose), 0, CODE_TTL_SECONDS)
    minutes = CODE_TTL_SECONDS // 60
    sms.send_sms(to=phone, text=_("Your verification code is %(code)s, valid for %(minutes)d minutes. Do not "
                                  "share it with anyone.") % {"code": code, "minutes": minutes})


def otp_verify(*, phone: str, purpose: str, code: str) -> bool:
    """True once for the right code; a code that failed MAX_WRONG_ATTEMPTS times is gone."""
    code_key, tries_key = _key("code", phone, purpose), _key("tries", phone, purpose)
    stored = cache.get(code_key)
    if stored is None:
        return False
    try:
        tries = cache.incr(tries_key)
    except ValueError:
        cache.delete(code_key)
        return False
    if tries > MAX_WRONG_ATTEMPTS:
        cache.delete_many([code_key, tries_key])
        return False
    candidate = "".join((code or "").split())
    if not hmac.compare_digest(stored, _code_hash(phone, purpose, candidate)):
        return False
    # Single use: whoever deletes the code consumes it; a request racing this one finds nothing to delete.
    consumed = cache.delete(code_key)
    cache.delete(tries_key)
    return bool(consumed)
