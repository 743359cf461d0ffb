"""The TOTP second factor (RFC 6238, pyotp): secrets, the enrolment QR code (inline SVG from segno, no
outside request) and verification that refuses a code already used."""

import hmac

import pyotp
import segno
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import User

VALID_WINDOW = 1  # accept the previous and the next 30-second step too (clock drift)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.get_username(),
                                                       issuer_name=settings.GONGHUI_TOTP_ISSUER)


def qr_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(scale=5, border=2)


def matching_step(secret: str, code: str, now=None) -> int | None:
    """The time step whose code equals ``code`` within the window, or None."""
    code = (code or "").strip().replace(" ", "")
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now or timezone.now())
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def consume_step(user: User, step: int) -> bool:
    """Record ``step`` as used; False when it (or a later one) was used already: a replay. A conditional
    UPDATE, so two requests racing with the same code cannot both win."""
    unused = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step)
    updated = User.objects.filter(unused, pk=user.pk).update(totp_last_step=step)
    if updated:
        user.totp_last_step = step
    return bool(updated)
