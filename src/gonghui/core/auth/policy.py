"""Which sign-in steps a staff user still owes (second factor, password expiry), asked by
core.middleware.StaffSecurityMiddleware for every staff page and by the API for session requests."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .. import roles, scope

SESSION_SECOND_FACTOR_OK = "gonghui_2fa_ok"
# Organisations at these levels hold data on many people: their staff must use a second factor.
SECOND_FACTOR_LEVELS = frozenset({"province", "prefecture", "county"})


def second_factor_required(user) -> bool:
    if user.is_superuser:
        return True
    # Which permissions are sensitive is declared with each permission (roles.register_permission), so a
    # module that holds sensitive data marks its own permission instead of editing this function.
    return any(
        grant.org_level in SECOND_FACTOR_LEVELS or any(roles.is_sensitive(p) for p in grant.permissions)
        for grant in scope.all_grants(user)
    )


def password_expired(user, now: datetime.datetime | None = None) -> bool:
    """No recorded change (an account made by an administrator) counts as expired: the owner must choose."""
    if user.password_changed_at is None:
        return True
    max_age = datetime.timedelta(days=settings.GONGHUI_PASSWORD_MAX_AGE_DAYS)
    return (now or timezone.now()) - user.password_changed_at > max_age


def second_factor_owed(user) -> bool:
    """Required by the user's roles, or chosen: once enrolled, the second factor is always asked. An account an
    administrator made (no password of its own yet) owes it too, whatever its roles: its holder enrols their own
    second factor at the first sign-in, and no administrator can do it for them (issue 19 §4)."""
    return bool(user.totp_confirmed_at) or user.password_changed_at is None or second_factor_required(user)


def second_factor_done(request) -> bool:
    return bool(request.session.get(SESSION_SECOND_FACTOR_OK))


def mark_second_factor_done(request) -> None:
    request.session[SESSION_SECOND_FACTOR_OK] = True


def pending_step(request) -> str | None:
    """The URL of the step the signed-in staff user still owes, or None.

    The second factor comes first, so that knowing the password alone never lets anyone change it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_worker:
        return None
    if second_factor_owed(user) and not second_factor_done(request):
        return reverse("staff:totp_verify" if user.totp_confirmed_at else "staff:totp_setup")
    if password_expired(user):
        return reverse("staff:password_change")
    return None


def session_fully_authenticated(request) -> bool:
    """A signed-in session that owes no step: what the API's session authentication requires."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return pending_step(request) is None
