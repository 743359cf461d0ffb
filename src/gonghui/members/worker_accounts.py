"""Worker accounts for the mobile pages: sign-up with a one-time code, sign-in with a password or a code.

A worker's username is a random id ("w" + hex), never the phone number, so audit lines and sessions carry no
personal data. The mobile number (found by its keyed hash) is what the worker types to sign in.
"""

import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, sensitive
from gonghui.core.auth import otp, signin, throttle
from gonghui.core.errors import AuthenticationFailed, Conflict, RateLimited, ValidationFailed
from gonghui.core.models import User
from gonghui.core.notifications import account_locked
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import ResidentId, clean_name, normalise_mobile, parse_resident_id

from .errors import DuplicatePhone
from .models import Person
from .services import id_number_hash, phone_hash

PURPOSE_SIGNUP = "worker.signup"
PURPOSE_LOGIN = "worker.login"
LOGIN_ACTION = "auth.worker_login"


class CodeInvalid(ValidationFailed):
    code = "otp_invalid"
    default_message = _("The code is wrong or has expired; ask for a new one.")


class IdentityMismatch(ValidationFailed):
    code = "worker_identity_mismatch"
    default_message = _("The name does not match the name registered with this ID number. Please check it, "
                        "or ask your union.")


class AccountExists(Conflict):
    code = "worker_account_exists"
    default_message = _("This person already has an account. Sign in instead, or sign in with a code if you "
                        "forgot the password.")


class IdentityUnconfirmed(Conflict):
    code = "worker_identity_unconfirmed"
    default_message = _("Your union has this ID number on record with another mobile number (or none). Ask your "
                        "union to record this number, then sign up again.")


class WorkerLoginFailed(AuthenticationFailed):
    code = "worker_login_failed"
    default_message = _("The mobile number or the password/code is wrong.")


class WorkerLocked(RateLimited):
    code = "worker_login_locked"
    default_message = _("Too many failed sign-ins; this number is locked for a while. Please try again "
                        "later.")


def _new_username() -> str:
    while True:
        username = f"w{secrets.token_hex(8)}"
        if not User.objects.filter(username=username).exists():
            return username


def request_signup_code(*, phone: str, challenge_passed: bool = False) -> str:
    """Send a sign-up code to ``phone``; return the normalised number. Raises ValidationFailed, RateLimited or
    otp.ChallengeRequired (the page then shows a picture challenge; ``challenge_passed`` when it was solved)."""
    normalised = normalise_mobile(phone)
    otp.otp_issue(phone=normalised, purpose=PURPOSE_SIGNUP, challenge_passed=challenge_passed)
    return normalised


def validate_new_password(password: str, *, name: str = "") -> None:
    """Django's password validators (8+ characters, 3 classes, not common, not like the name)."""
    probe = User(username="", display_name=name, first_name=name)
    try:
        password_validation.validate_password(password, user=probe)
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), code="password_invalid", field="password") from None


def worker_signup(*, phone: str, code: str, name: str, id_number: str, password: str) -> User:
    """Create a worker account and link it to the Person with this ID number (the name and the phone on the
    union's record must match: the code proves the phone is the caller's), or to a new Person without membership,
    self-registered and unverified until the union confirms it (issue 19 §3)."""
    if not (name or "").strip():
        raise ValidationFailed(_("Please enter your name."), code="name_missing", field="name")
    name = clean_name(name)
    normalised = normalise_mobile(phone)
    parsed = parse_resident_id(id_number)
    validate_new_password(password, name=name)
    # The code is checked before anything is looked up, so nobody learns whether an ID number is on record
    # without holding the phone.
    if not otp.otp_verify(phone=normalised, purpose=PURPOSE_SIGNUP, code=code):
        raise CodeInvalid(field="code")
    try:
        with transaction.atomic():
            user, person, linked, phone_changed = _create_account(normalised, parsed, name, password)
            audit.record("worker.signup", actor=user, obj=person, object_label=person.name_masked,
                         detail={"linked_existing_person": linked, "phone_changed": phone_changed})
    except IntegrityError:
        # Two sign-ups for the same person or phone at once: one wins, the other is told to sign in.
        raise AccountExists() from None
    return user


def _create_account(phone: str, parsed: ResidentId, name: str, password: str):
    number = parsed.number
    person = Person.objects.select_for_update().filter(id_number_hash=id_number_hash(number)).first()
    holders = Person.objects.filter(phone_hash=phone_hash(phone))
    holder = holders.exclude(pk=person.pk).first() if person is not None else holders.first()
    if person is not None:
        if person.name != name:
            raise IdentityMismatch(field="name")
        if person.user_id is not None:
            raise AccountExists()
        if person.phone != phone:
            # The union's record is linked only by the phone the union holds (proven now by the SMS code): a
            # sign-up with someone's ID and another phone would take over their membership (issue 19 §3).
            raise IdentityUnconfirmed(field="phone")
    if holder is not None:
        # The number is on record for someone else; the union sorts that out, not an automatic overwrite.
        raise DuplicatePhone(field="phone")
    user = User(username=_new_username(), kind=User.Kind.WORKER, display_name="",
                password_changed_at=timezone.now())
    user.set_password(password)
    user.save(force_insert=True)
    linked = person is not None
    phone_changed = False
    if person is None:
        # Unverified until the union confirms it (or imports the same ID with this phone): issue 19 §3.
        person = Person(name=name, **sensitive.columns(Person, "id_number", number),
                        **sensitive.columns(Person, "phone", phone), sex=parsed.sex, birth_date=parsed.birth_date,
                        current_org=None, user=user, self_registered_at=timezone.now())
        person.name_pinyin, person.name_initials = pinyin_keys(name)
        person.save(force_insert=True)
    else:  # the union's record, with this very phone: verified
        person.user, person.identity_verified_at = user, timezone.now()
        person.save(update_fields=["user", "identity_verified_at", "updated_at"])
    return user, person, linked, phone_changed


# --- sign-in --------------------------------------------------------------------------------------------

def _throttle_name(phone: str) -> str:
    """The name a worker's failures are counted on in core.auth.throttle (never a staff login name)."""
    return f"worker-phone:{phone}"


def _locked(lock: throttle.Lock) -> Exception:
    return signin.locked_error(lock) if lock.scope == throttle.ADDRESS else WorkerLocked()


def _check_lock(phone: str | None) -> None:
    """Refuse while the number (from here or everywhere) or the client's address is locked."""
    lock = throttle.lock_on(_throttle_name(phone) if phone else None)
    if lock:
        raise _locked(lock)


def _fail(phone: str | None, reason: str, *, method: str) -> None:
    lock = throttle.register_failure(_throttle_name(phone) if phone else None)
    if lock and lock.new and phone:
        account_locked(_worker_for_phone(phone), lock)
    audit.record(LOGIN_ACTION, result="failure", object_type="core.user", detail={"method": method,
                                                                                 "reason": reason})
    raise _locked(lock) if lock else WorkerLoginFailed()


def _worker_for_phone(phone: str) -> User | None:
    person = Person.objects.select_related("user").filter(phone_hash=phone_hash(phone)).first()
    user = person.user if person is not None else None
    if user is None or not user.is_active or user.kind != User.Kind.WORKER:
        return None
    return user


def _succeed(user: User, method: str, phone: str) -> User:
    throttle.clear(_throttle_name(phone))
    audit.record(LOGIN_ACTION, actor=user, obj=user, detail={"method": method})
    return user


def _normalise_for_login(phone: str) -> str | None:
    try:
        return normalise_mobile(phone)
    except ValidationFailed:
        return None


def login_with_password(*, phone: str, password: str) -> User:
    normalised = _normalise_for_login(phone)
    _check_lock(normalised)
    if normalised is None:
        _fail(None, "bad_phone", method="password")
    user = _worker_for_phone(normalised)
    if user is None:
        User().set_password(password)  # the same time as a real check: no hint that the number is unknown
        _fail(normalised, "unknown", method="password")
    if not user.check_password(password):
        _fail(normalised, "password", method="password")
    return _succeed(user, "password", normalised)


def request_login_code(*, phone: str, challenge_passed: bool = False) -> None:
    """Send a sign-in code when the number belongs to a worker account; answer the same way when it does not
    (same rate limits and challenges, no message), so the page does not reveal who has an account."""
    normalised = normalise_mobile(phone)
    _check_lock(normalised)
    if _worker_for_phone(normalised) is None:
        otp.throttle(phone=normalised, purpose=PURPOSE_LOGIN, challenge_passed=challenge_passed)
        return
    otp.otp_issue(phone=normalised, purpose=PURPOSE_LOGIN, challenge_passed=challenge_passed)


def login_with_code(*, phone: str, code: str) -> User:
    normalised = _normalise_for_login(phone)
    _check_lock(normalised)
    if normalised is None:
        _fail(None, "bad_phone", method="code")
    if not otp.otp_verify(phone=normalised, purpose=PURPOSE_LOGIN, code=code):
        _fail(normalised, "code", method="code")
    user = _worker_for_phone(normalised)
    if user is None:
        _fail(normalised, "unknown", method="code")
    return _succeed(user, "code", normalised)

