"""Staff sign-in steps as services: password, second factor (enrolment and verification), password change,
sign-out. Every attempt is audited as "auth.*"; the password never is."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.db import transaction
from django.utils import timezone

from .. import audit
from ..models import AuditEvent, User
from . import policy, throttle, totp
from .errors import SecondFactorFailed, SignInFailed, SignInLocked

R = AuditEvent.Result


def _locked_error() -> SignInLocked:
    return SignInLocked(SignInLocked.default_message % {"minutes": settings.GONGHUI_LOGIN_LOCK_MINUTES})


def _record(result: str, *, username: str, actor=None, **detail) -> None:
    audit.record("auth.login", actor=actor, object_type="core.user",
                 object_id=actor.pk if actor is not None else "", object_label=username[:150], result=result,
                 detail=detail)


def password_sign_in(request, *, username: str, password: str) -> User:
    """Check the password and sign the user in (Django rotates the session key). Raises SignInFailed or
    SignInLocked, with the same answer for a name that belongs to nobody."""
    username = (username or "").strip()
    if throttle.locked_until(username):
        _record(R.DENIED, username=username, step="password", reason="locked")
        raise _locked_error()
    user = authenticate(request, username=username, password=password)
    if user is None or user.is_worker:
        locked = throttle.register_failure(username)
        _record(R.DENIED if locked else R.FAILURE, username=username, step="password",
                reason="locked_now" if locked else "bad_credentials")
        raise _locked_error() if locked else SignInFailed()
    throttle.clear(username)
    login(request, user)
    _record(R.SUCCESS, username=username, actor=user, step="password")
    return user


def _second_factor_failed(request, user: User, step_name: str) -> Exception:
    username = user.get_username()
    locked = throttle.register_failure(username)
    _record(R.DENIED if locked else R.FAILURE, username=username, actor=user, step=step_name,
            reason="locked_now" if locked else "bad_code")
    if locked:
        logout(request)
        return _locked_error()
    return SecondFactorFailed()


def _second_factor_passed(request, user: User, step_name: str) -> None:
    throttle.clear(user.get_username())
    request.session.cycle_key()  # the session gained rights: give it a new key
    policy.mark_second_factor_done(request)
    _record(R.SUCCESS, username=user.get_username(), actor=user, step=step_name)


def second_factor_verify(request, *, code: str) -> None:
    """Accept a current, unused TOTP code for the signed-in user; failures count towards the lock."""
    user = request.user
    if throttle.locked_until(user.get_username()):
        _record(R.DENIED, username=user.get_username(), actor=user, step="totp", reason="locked")
        logout(request)
        raise _locked_error()
    step = totp.matching_step(user.totp_secret, code)
    if step is None or not totp.consume_step(user, step):
        raise _second_factor_failed(request, user, "totp")
    _second_factor_passed(request, user, "totp")


def totp_enrolment_secret(user: User) -> str:
    """The secret being enrolled (made on first visit, kept encrypted until confirmed)."""
    if not user.totp_secret:
        user.totp_secret = totp.new_secret()
        user.save(update_fields=["totp_secret"])
    return user.totp_secret


def totp_enrolment_confirm(request, *, code: str) -> None:
    """Confirm enrolment with a first code (not inside one transaction: a failure must stay counted)."""
    user = request.user
    step = totp.matching_step(user.totp_secret, code)
    if step is None or not totp.consume_step(user, step):
        raise _second_factor_failed(request, user, "totp_setup")
    with transaction.atomic():
        user.totp_confirmed_at = timezone.now()
        user.save(update_fields=["totp_confirmed_at"])
        audit.record("auth.totp_enrol", actor=user, obj=user)
    _second_factor_passed(request, user, "totp_setup")


@transaction.atomic
def password_change(request, *, new_password: str) -> None:
    """Set a new password (already validated by the form). Other sessions of the user end, because their
    session hash no longer matches; this one is kept."""
    user = request.user
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    update_session_auth_hash(request, user)
    audit.record("auth.password_change", actor=user, obj=user)


def sign_out(request) -> None:
    if request.user.is_authenticated:
        audit.record("auth.logout", actor=request.user, obj=request.user)
    logout(request)
