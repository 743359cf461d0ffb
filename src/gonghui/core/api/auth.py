"""API authentication: personal API tokens (``Authorization: Bearer <token>``) and the browser session.

The token check and the sign-in policy live in core.auth (tokens.token_authenticate, policy.
session_fully_authenticated); they are imported when called, and until they exist a built-in equivalent
answers, so the API does not depend on the order in which modules land.
"""


from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer, SessionAuth

from gonghui.core.auth.policy import session_fully_authenticated
from gonghui.core.auth.tokens import token_authenticate
from gonghui.core.errors import AuthenticationFailed


def authenticate_token(raw: str):
    return token_authenticate(raw) if raw else None


class ApiTokenAuth(HttpBearer):
    """A personal API token. A token that is sent but not valid (unknown, revoked, expired) answers 401 at
    once rather than falling back to a session cookie."""

    def authenticate(self, request, token: str):
        user = authenticate_token(token.strip())
        if user is None:
            raise AuthenticationFailed(_("The API token is not valid (unknown, revoked or expired)."),
                                       code="invalid_token")
        request.user = user
        return user


class FullSessionAuth(SessionAuth):
    """The browser session, once every sign-in step (second factor for staff who need one, an expired
    password) is done. CSRF is checked as ninja does for unsafe methods; a request without a signed-in session
    skips the check, as there is nothing to protect (and it answers 401, not a CSRF error)."""

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not session_fully_authenticated(request):
            raise AuthenticationFailed(
                _("Finish signing in (second factor, password change) on the staff pages first."),
                code="sign_in_incomplete")
        return user
