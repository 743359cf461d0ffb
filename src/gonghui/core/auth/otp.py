"""One-time codes sent by SMS (worker sign-up and sign-in).

A code is 6 digits, valid for 5 minutes, dies after 5 wrong tries or one right one, and lives in the Django
cache only as a keyed hash. Per phone number: at most one code a minute and 5 an hour. Per client address and
over all addresses, within an hour: up to a first limit codes go out freely; past it each request must come with
a solved picture challenge (core.captcha; the page shows one when told ChallengeRequired); past a second limit
requests are refused (settings GONGHUI_SMS_*), so one client cannot text forty numbers, nor many clients run up
the SMS bill. Cache keys carry keyed hashes of the number and the address, never the values themselves.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import crypto, request_context, sms
from ..errors import RateLimited

CODE_DIGITS = 6
CODE_TTL_SECONDS = 5 * 60
MAX_WRONG_ATTEMPTS = 5
MIN_INTERVAL_SECONDS = 60
MAX_PER_HOUR = 5
HOUR = 3600


class ChallengeRequired(RateLimited):
    """Past the free limit: the request must come with a solved picture challenge."""

    code = "challenge_required"
    default_message = gettext_lazy("Many codes were asked for from your network just now: type the digits in the "
                                   "picture to continue.")


def _key(kind: str, phone: str, purpose: str = "") -> str:
    return f"gonghui:otp:{kind}:{purpose}:{crypto.lookup_hash(phone, purpose='otp.phone')}"


def _address_key() -> str:
    address = request_context.current().ip or "unknown"
    return f"gonghui:otp:address:{crypto.lookup_hash(address, purpose='otp.address')}"


GLOBAL_KEY = "gonghui:otp:all"


def _code_hash(phone: str, purpose: str, code: str) -> str:
    message = f"{purpose}\x00{phone}\x00{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _count(key: str, window: int) -> int:
    """One more in this window's counter; returns the count."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _check_volume(*, challenge_passed: bool) -> None:
    """The limits per client address and over all addresses (requests already counted this hour)."""
    from_here, everywhere = cache.get(_address_key(), 0), cache.get(GLOBAL_KEY, 0)
    if from_here >= settings.GONGHUI_SMS_ADDRESS_MAX_PER_HOUR or everywhere >= settings.GONGHUI_SMS_MAX_PER_HOUR:
        raise RateLimited(_("Too many codes were asked for just now; please try again in an hour."),
                          code="sms_volume_limited")
    if not challenge_passed and (from_here >= settings.GONGHUI_SMS_ADDRESS_FREE_PER_HOUR
                                 or everywhere >= settings.GONGHUI_SMS_FREE_PER_HOUR):
        raise ChallengeRequired(field="captcha")


def throttle(*, phone: str, purpose: str, challenge_passed: bool = False) -> None:
    """Count one code request for this number (and this address, and overall); raise RateLimited past the limits,
    ChallengeRequired when a picture challenge must be solved first. otp_issue calls it; callers that decide not
    to send (an unknown number at sign-in) call it alone, so both answer alike."""
    _check_volume(challenge_passed=challenge_passed)
    if not cache.add(_key("recent", phone), 1, MIN_INTERVAL_SECONDS):
        raise RateLimited(_("A code was sent less than a minute ago; please wait before asking again."))
    _count(_address_key(), HOUR)
    _count(GLOBAL_KEY, HOUR)
    if _count(_key("hour", phone), HOUR) > MAX_PER_HOUR:
        raise RateLimited(_("Too many codes were requested for this number; please try again in an hour."))


def otp_issue(*, phone: str, purpose: str, challenge_passed: bool = False) -> None:
    """Make a new code for (phone, purpose), replacing any earlier one, and send it by SMS."""
    throttle(phone=phone, purpose=purpose, challenge_passed=challenge_passed)
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
