"""The TOTP second factor: who needs it, enrolment, verification, replay, lockout, and pages held back."""

import pyotp
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core.auth import policy
from gonghui.core.models import AuditEvent

from .helpers import code_at_offset, current_code, login_fully, post_login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("username", "required"), [
    ("province_admin", True), ("prefecture_officer", True), ("county_officer", True), ("auditor", True),
    ("grassroots_officer", False), ("staff_no_role", False), ("worker", False),
])
def test_who_needs_a_second_factor(world, username, required):
    assert policy.second_factor_required(world.user(username)) is required


def test_grassroots_role_with_sensitive_data_needs_it(world):
    user = make_user("grassroots_admin", roles=[(world.wuhua_union2, "org_admin")])  # has view_sensitive
    assert policy.second_factor_required(user)


def test_superuser_needs_it(world):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="Root#Pass2026")
    assert policy.second_factor_required(admin)


def test_county_officer_without_second_factor_is_held_back(client, world):
    response = post_login(client, "county_officer")
    assert response["Location"] == reverse("staff:totp_verify")
    for name in ("staff:home", "staff:audit_list", "staff:api_tokens", "staff:password_change"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("staff:totp_verify"), name
    assert client.get(reverse("members:person_list"))["Location"] == reverse("staff:totp_verify")
    request = RequestFactory().get("/api/v1/")
    request.user, request.session = world.user("county_officer"), client.session
    assert not policy.session_fully_authenticated(request)


def test_verify_with_current_code_opens_the_pages(client, world):
    user = world.user("county_officer")
    post_login(client, "county_officer")
    key_after_password = client.session.session_key
    response = client.post(reverse("staff:totp_verify"), {"code": current_code(user)})
    assert response.status_code == 302 and response["Location"] == reverse("staff:home")
    assert client.session.session_key != key_after_password
    assert client.get(reverse("staff:home")).status_code == 200
    request = RequestFactory().get("/api/v1/")
    request.user, request.session = user, client.session
    assert policy.session_fully_authenticated(request)
    assert AuditEvent.objects.filter(action="auth.login", actor_id=user.pk, detail__step="totp",
                                     result="success").exists()


def test_code_from_the_neighbouring_step_is_accepted(client, world):
    user = world.user("county_officer")
    post_login(client, "county_officer")
    response = client.post(reverse("staff:totp_verify"), {"code": code_at_offset(user, -1)})
    assert response["Location"] == reverse("staff:home")


def test_code_outside_the_window_is_refused(client, world):
    user = world.user("county_officer")
    post_login(client, "county_officer")
    response = client.post(reverse("staff:totp_verify"), {"code": code_at_offset(user, -3)})
    assert response.status_code == 200 and response.context["error"]


def test_replayed_code_is_refused(client, world):
    from django.test import Client

    user = world.user("county_officer")
    code = current_code(user)
    post_login(client, "county_officer")
    assert client.post(reverse("staff:totp_verify"), {"code": code})["Location"] == reverse("staff:home")
    other = Client()
    post_login(other, "county_officer")
    response = other.post(reverse("staff:totp_verify"), {"code": code})
    assert response.status_code == 200 and response.context["error"]
    assert other.get(reverse("staff:home"))["Location"] == reverse("staff:totp_verify")


def test_wrong_codes_count_towards_the_lock(client, world):
    post_login(client, "county_officer")
    for _ in range(4):
        assert client.post(reverse("staff:totp_verify"), {"code": "000000"}).status_code == 200
    response = client.post(reverse("staff:totp_verify"), {"code": "000000"})
    assert response["Location"] == reverse("staff:login")
    assert "_auth_user_id" not in client.session
    locked = post_login(client, "county_officer")
    assert locked.status_code == 401 and locked.context["error_code"] == "sign_in_locked"


def test_enrolment_shows_qr_and_confirms(client, world):
    user = make_user("county_viewer", roles=[(world.wuhua, "viewer")], password_expired=True)  # county: 2FA
    post_login(client, "county_viewer")
    response = client.get(reverse("staff:totp_setup"))
    assert response.status_code == 200
    assert b"<svg" in response.content and b"http" not in response.content.split(b"<svg", 1)[1][:200]
    user.refresh_from_db()
    assert user.totp_secret and user.totp_confirmed_at is None
    assert client.get(reverse("staff:totp_verify"))["Location"] == reverse("staff:totp_setup")
    wrong = client.post(reverse("staff:totp_setup"), {"code": "123456" if current_code(user) != "123456"
                                                      else "654321"})
    assert wrong.status_code == 200 and wrong.context["error"]
    response = client.post(reverse("staff:totp_setup"), {"code": pyotp.TOTP(user.totp_secret).now()})
    # Second factor done; the password was never changed, so that step comes next.
    assert response["Location"] == reverse("staff:password_change")
    user.refresh_from_db()
    assert user.totp_confirmed_at is not None
    # Once confirmed the secret is never shown again.
    assert client.get(reverse("staff:totp_setup")).status_code == 302
    assert AuditEvent.objects.filter(action="auth.totp_enrol", actor_id=user.pk).exists()


def test_enrolled_user_is_asked_even_when_not_required(client, world):
    user = world.user("staff_no_role")
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.password_changed_at = timezone.now()
    user.save()
    post_login(client, "staff_no_role")
    assert client.get(reverse("staff:home"))["Location"] == reverse("staff:totp_verify")


def test_user_without_requirement_goes_straight_in(client, world):
    user = world.user("staff_no_role")
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password_changed_at"])
    assert post_login(client, "staff_no_role")["Location"] == reverse("staff:home")
    assert client.get(reverse("staff:home")).status_code == 200


def test_helper_marks_session_done(client, world):
    login_fully(client, world.user("county_officer"))
    assert client.get(reverse("staff:home")).status_code == 200


def test_admin_uses_staff_sign_in_and_needs_the_second_factor(client, world):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password="Root#Pass2026")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))
    post_login(client, "root", "Root#Pass2026")  # password only: the second factor is still owed
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("staff:totp_setup")
    root = get_user_model().objects.get(username="root")
    login_fully(client, root)
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == reverse("staff:password_change")
    root.password_changed_at = timezone.now()
    root.save(update_fields=["password_changed_at"])
    login_fully(client, root)
    assert client.get("/admin/").status_code == 200


def test_a_right_password_does_not_reset_the_count_of_wrong_codes(client, world):
    """Issue 19 §2: three rounds of "password, then 4 wrong codes" (12 wrong codes) used to pass without a lock,
    because the right password cleared the counter; now the wrong codes add up and lock the account, and the
    right code is refused afterwards, even in a session that had passed the password step before."""
    from django.test import Client

    user = world.user("county_officer")
    waiting = Client()
    post_login(waiting, "county_officer")  # at the second-factor step since before the attack
    wrong = "000000" if current_code(user) != "000000" else "111111"
    answers = []
    for _round in range(3):
        answers.append(post_login(client, "county_officer").status_code)
        for _ in range(4):
            if "_auth_user_id" not in client.session:
                break
            client.post(reverse("staff:totp_verify"), {"code": wrong})
    assert answers[0] == 302 and 401 in answers  # the lock came within the rounds
    refused = waiting.post(reverse("staff:totp_verify"), {"code": current_code(user)})
    assert refused["Location"] == reverse("staff:login") and "_auth_user_id" not in waiting.session
    locked = post_login(client, "county_officer")
    assert locked.status_code == 401 and locked.context["error_code"] == "sign_in_locked"
    assert AuditEvent.objects.filter(action="auth.login", actor_id=user.pk, detail__step="totp",
                                     result="denied").exists()


def test_wrong_codes_are_counted_within_a_window(client, world, settings):
    from gonghui.core.auth import throttle
    from gonghui.core.models import LoginThrottle

    settings.GONGHUI_SECOND_FACTOR_MAX_FAILURES = 3
    user = world.user("county_officer")
    post_login(client, "county_officer")
    for _ in range(2):
        client.post(reverse("staff:totp_verify"), {"code": "000000" if current_code(user) != "000000" else "1"})
    row = LoginThrottle.objects.get(key_hash=throttle.throttle_key("county_officer", throttle.SECOND_FACTOR))
    assert row.failures == 2
    row.window_started_at = timezone.now() - timezone.timedelta(minutes=settings.GONGHUI_SECOND_FACTOR_WINDOW_MINUTES)
    row.save(update_fields=["window_started_at"])  # the window has passed: counting starts afresh
    client.post(reverse("staff:totp_verify"), {"code": "000000" if current_code(user) != "000000" else "1"})
    row.refresh_from_db()
    assert row.failures == 1 and row.locked_until is None
    assert client.post(reverse("staff:totp_verify"), {"code": current_code(user)})["Location"] == reverse("staff:home")
    assert not LoginThrottle.objects.filter(key_hash=row.key_hash).exists()  # a right code clears it
