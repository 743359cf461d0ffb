"""Staff sign-in steps as services: password, second factor (enrolment and verification), password change,
sign-out. Every attempt is audited as "auth.*"; the password never is."""

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.db import transaction
from django.utils import timezone

from .. import audit
from ..models import AuditEvent, User
from ..notifications import account_locked
from . import policy, throttle, totp
from .errors import AddressLocked, SecondFactorFailed, SignInFailed, SignInLocked

R = AuditEvent.Result


def locked_error(lock: throttle.Lock) -> SignInLocked | AddressLocked:
    """The error that tells of a lock (also used by the worker sign-in for an address's lock)."""
    if lock.scope == throttle.ADDRESS:
        return AddressLocked(AddressLocked.default_message % {"minutes": lock.minutes})
    return SignInLocked(SignInLocked.default_message % {"minutes": lock.minutes})


def _reason(lock: throttle.Lock, *, now: bool = False) -> str:
    return ("address_locked" if lock.scope == throttle.ADDRESS else "locked") + ("_now" if now else "")


def _record(result: str, *, username: str, actor=None, **detail) -> None:
    audit.record("auth.login", actor=actor, object_type="core.user",
                 object_id=actor.pk if actor is not None else "", object_label=username[:150], result=result,
                 detail=detail)


def password_sign_in(request, *, username: str, password: str) -> User:
    """Check the password and sign the user in (Django rotates the session key). Raises SignInFailed,
    SignInLocked or AddressLocked, with the same answer for a name that belongs to nobody."""
    username = (username or "").strip()
    lock = throttle.lock_on(username)
    if lock:
        _record(R.DENIED, username=username, step="password", reason=_reason(lock))
        raise locked_error(lock)
    user = authenticate(request, username=username, password=password)
    if user is None or user.is_worker:
        lock = throttle.register_failure(username)
        if lock and lock.new:
            account_locked(User.objects.filter(username=username, kind=User.Kind.STAFF).first(), lock)
        _record(R.DENIED if lock else R.FAILURE, username=username, step="password",
                reason=_reason(lock, now=True) if lock else "bad_credentials")
        raise locked_error(lock) if lock else SignInFailed()
    throttle.clear(username)
    login(request, user)
    _record(R.SUCCESS, username=username, actor=user, step="password")
    return user


def _second_factor_failed(request, user: User, step_name: str) -> Exception:
    """A wrong code counts on the account's second-factor counter, which no password resets."""
    username = user.get_username()
    lock = throttle.register_second_factor_failure(username)
    account_locked(user, lock)
    _record(R.DENIED if lock else R.FAILURE, username=username, actor=user, step=step_name,
            reason="locked_now" if lock else "bad_code")
    if lock:
        logout(request)
        return locked_error(lock)
    return SecondFactorFailed()


def _second_factor_refused_if_locked(request, user: User, step_name: str) -> None:
    lock = throttle.second_factor_lock(user.get_username())
    if lock:
        _record(R.DENIED, username=user.get_username(), actor=user, step=step_name, reason="locked")
        logout(request)
        raise locked_error(lock)


def _second_factor_passed(request, user: User, step_name: str) -> None:
    throttle.clear_second_factor(user.get_username())
    request.session.cycle_key()  # the session gained rights: give it a new key
    policy.mark_second_factor_done(request)
    _record(R.SUCCESS, username=user.get_username(), actor=user, step=step_name)


def second_factor_verify(request, *, code: str) -> None:
    """Accept a current, unused TOTP code for the signed-in user; failures count towards the account's lock."""
    user = request.user
    _second_factor_refused_if_locked(request, user, "totp")
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
    _second_factor_refused_if_locked(request, user, "totp_setup")
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
