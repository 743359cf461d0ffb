"""Test helpers for signing staff in."""

import pyotp
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import sign_in

PASSWORD = "Gonghui#2026"


login_fully = sign_in


def post_login(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("staff:login"), {"username": username, "password": password, **extra})


def current_code(user) -> str:
    return pyotp.TOTP(user.totp_secret).now()


def code_at_offset(user, steps: int) -> str:
    totp = pyotp.TOTP(user.totp_secret)
    return totp.generate_otp(totp.timecode(timezone.now()) + steps)
