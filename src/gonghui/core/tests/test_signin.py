"""Staff sign-in: password step, lockout, expiry, session rotation, disabled accounts, audit."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gonghui.core.auth import throttle
from gonghui.core.models import AuditEvent, LoginThrottle

from .helpers import PASSWORD, login_fully, post_login

pytestmark = pytest.mark.django_db


def _pair_key(username):
    """The counter of a name tried from the test client's address."""
    return throttle.throttle_key(username, throttle.PAIR, address="127.0.0.1")


def _fail(client, username, times):
    responses = [post_login(client, username, "Wrong#Password1") for _ in range(times)]
    return responses[-1]


def test_login_page_renders(client):
    response = client.get(reverse("staff:login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_wrong_password_and_unknown_user_get_the_same_answer(client, world):
    known = post_login(client, "county_officer", "Wrong#Password1")
    unknown = post_login(client, "nobody_at_all", "Wrong#Password1")
    assert known.status_code == unknown.status_code == 401
    assert known.context["error"] == unknown.context["error"]


def test_lock_after_five_failures_even_with_right_password(client, world):
    _fail(client, "County_Officer", settings.GONGHUI_LOGIN_MAX_FAILURES - 1)  # name is case-insensitive here
    last = _fail(client, "county_officer", 1)
    assert last.context["error_code"] == "sign_in_locked"
    response = post_login(client, "county_officer", PASSWORD)
    assert response.status_code == 401 and response.context["error_code"] == "sign_in_locked"
    assert "_auth_user_id" not in client.session


def test_unknown_user_locks_exactly_like_a_known_one(client, world):
    known = _fail(client, "county_officer", 5)
    unknown = _fail(client, "ghost_user", 5)
    assert known.context["error"] == unknown.context["error"]
    assert LoginThrottle.objects.get(key_hash=_pair_key("ghost_user")).locked_until is not None
    assert post_login(client, "ghost_user").context["error"] == post_login(client, "county_officer").context[
        "error"]


def test_unlocked_after_lock_period(client, world):
    _fail(client, "county_officer", 5)
    row = LoginThrottle.objects.get(key_hash=_pair_key("county_officer"))
    row.locked_until = timezone.now() - datetime.timedelta(seconds=1)  # 15 minutes have passed
    row.save(update_fields=["locked_until"])
    response = post_login(client, "county_officer")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.user("county_officer").pk)
    assert not LoginThrottle.objects.filter(key_hash=row.key_hash).exists()


def test_every_attempt_is_audited_without_the_password(client, world):
    post_login(client, "county_officer", "Wrong#Secret99")
    _fail(client, "ghost_user", 5)
    post_login(client, "ghost_user")
    post_login(client, "county_officer")
    logins = AuditEvent.objects.filter(action="auth.login").order_by("id")
    results = list(logins.values_list("result", flat=True))
    assert results == ["failure"] + ["failure"] * 4 + ["denied", "denied", "success"]
    for event in AuditEvent.objects.all():
        assert "Wrong#Secret99" not in str(event.detail) and PASSWORD not in str(event.detail)


def test_session_key_rotates_at_login(client, world):
    client.get(reverse("staff:login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    post_login(client, "county_officer")
    assert client.session.session_key != before


def test_worker_cannot_sign_in_as_staff(client, world):
    response = post_login(client, "worker")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_expired_password_forces_change(client, world):
    user = world.user("county_officer")
    max_age = datetime.timedelta(days=settings.GONGHUI_PASSWORD_MAX_AGE_DAYS)
    user.password_changed_at = timezone.now() - max_age - datetime.timedelta(hours=1)
    user.save(update_fields=["password_changed_at"])
    login_fully(client, user)
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and response["Location"] == reverse("staff:password_change")


def test_never_changed_password_forces_second_factor_then_change_then_home(client, world):
    import pyotp

    user = world.user("grassroots_officer")  # a role that needs no second factor
    user.password_changed_at = None  # e.g. an account created by an admin with a temporary password
    user.save(update_fields=["password_changed_at"])
    response = post_login(client, "grassroots_officer")
    # the holder enrols their own second factor first (issue 19 §4), then chooses a password
    assert response["Location"] == reverse("staff:totp_setup")
    assert client.get(reverse("staff:audit_list"))["Location"] == reverse("staff:totp_setup")
    client.get(reverse("staff:totp_setup"))
    user.refresh_from_db()
    response = client.post(reverse("staff:totp_setup"), {"code": pyotp.TOTP(user.totp_secret).now()})
    assert response["Location"] == reverse("staff:password_change")
    assert client.get(reverse("staff:audit_list"))["Location"] == reverse("staff:password_change")
    weak = client.post(reverse("staff:password_change"), {
        "old_password": PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"})
    assert weak.status_code == 200 and weak.context["form"].errors
    response = client.post(reverse("staff:password_change"), {
        "old_password": PASSWORD, "new_password1": "New#Secret2026", "new_password2": "New#Secret2026"})
    assert response.status_code == 302 and response["Location"] == reverse("staff:home")
    user.refresh_from_db()
    assert user.check_password("New#Secret2026") and user.password_changed_at is not None
    assert client.get(reverse("staff:home")).status_code == 200
    assert AuditEvent.objects.filter(action="auth.password_change", actor_id=user.pk).exists()


def test_password_change_ends_other_sessions_but_keeps_this_one(client, world):
    from django.test import Client

    user = world.user("county_officer")
    other = Client()
    login_fully(other, user)
    assert other.get(reverse("staff:home")).status_code == 200
    login_fully(client, user)
    client.post(reverse("staff:password_change"), {
        "old_password": PASSWORD, "new_password1": "New#Secret2026", "new_password2": "New#Secret2026"})
    assert client.get(reverse("staff:home")).status_code == 200
    response = other.get(reverse("staff:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_disabled_user_is_logged_out(client, world):
    user = world.user("county_officer")
    login_fully(client, user)
    assert client.get(reverse("staff:home")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_logout_is_post_only_and_ends_the_session(client, world):
    login_fully(client, world.user("county_officer"))
    assert client.get(reverse("staff:logout")).status_code == 405
    response = client.post(reverse("staff:logout"))
    assert response["Location"] == reverse("staff:login")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.logout").exists()


def test_next_is_kept_through_the_steps_and_outside_urls_refused(client, world):
    response = client.post(reverse("staff:login") + "?next=/staff/tokens/", {
        "username": "county_officer", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("staff:totp_verify")
    assert "gonghui_next" not in client.session


def _try(client, username, password="Wrong#Password1", address="10.1.1.1"):
    return client.post(reverse("staff:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_one_address_cannot_lock_a_name_for_others(client, world):
    """Issue 19 §7: failures from one address lock the name for that address only."""
    for _ in range(settings.GONGHUI_LOGIN_MAX_FAILURES):
        _try(client, "county_officer", address="10.6.6.6")
    assert _try(client, "county_officer", PASSWORD, address="10.6.6.6").context["error_code"] == "sign_in_locked"
    response = _try(client, "county_officer", PASSWORD, address="10.2.2.2")  # the officer, from elsewhere
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.user("county_officer").pk)


def test_one_address_spraying_many_names_is_refused_without_locking_them(client, world, settings):
    """Issue 19 §7: 25 names tried from one address used to be answered normally, and could all be locked."""
    settings.GONGHUI_LOGIN_ADDRESS_MAX_FAILURES = 6
    answers = [_try(client, f"name{i}", address="10.6.6.6").context["error_code"] for i in range(25)]
    assert answers[:5] == ["sign_in_failed"] * 5
    assert set(answers[5:]) == {"sign_in_address_locked"}
    refused = _try(client, "county_officer", PASSWORD, address="10.6.6.6")  # even a right password
    assert refused.status_code == 401 and refused.context["error_code"] == "sign_in_address_locked"
    assert "_auth_user_id" not in client.session
    assert not LoginThrottle.objects.filter(locked_until__isnull=False).exclude(
        key_hash=throttle.throttle_key("", throttle.ADDRESS, address="10.6.6.6")).exists()  # no name is locked
    assert _try(client, "county_officer", PASSWORD, address="10.2.2.2").status_code == 302
    events = AuditEvent.objects.filter(action="auth.login", result="denied", detail__reason="address_locked")
    assert events.count() == 20


def test_a_name_attacked_from_many_addresses_is_locked_for_everyone(client, world, settings):
    settings.GONGHUI_LOGIN_NAME_MAX_FAILURES = 8
    answers = [_try(client, "county_officer", address=f"10.9.0.{i}").context["error_code"] for i in range(8)]
    assert answers == ["sign_in_failed"] * 7 + ["sign_in_locked"]
    response = _try(client, "county_officer", PASSWORD, address="10.2.2.2")
    assert response.status_code == 401 and response.context["error_code"] == "sign_in_locked"


def test_a_right_password_does_not_clear_the_address_count(client, world, settings):
    """A sprayer holding one account of their own cannot reset their address's count by signing in with it."""
    settings.GONGHUI_LOGIN_ADDRESS_MAX_FAILURES = 4
    for i in range(3):
        _try(client, f"name{i}")
    assert _try(client, "grassroots_officer", PASSWORD).status_code == 302
    client.post(reverse("staff:logout"))
    assert _try(client, "name9").context["error_code"] == "sign_in_address_locked"
