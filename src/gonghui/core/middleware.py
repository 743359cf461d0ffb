"""Per-request context: client IP, channel and acting organisation for the audit log and the scope."""

import functools
import ipaddress
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from . import audit, request_context, scope

SESSION_ACTING_ORG = "gonghui_acting_org_id"


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address. Behind a reverse proxy (nginx) it arrives in X-Real-IP, which is believed only when
    the request comes from one of GONGHUI_TRUSTED_PROXIES (anyone else could write the header)."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    proxies = tuple(settings.GONGHUI_TRUSTED_PROXIES)
    if remote and proxies and any(ipaddress.ip_address(remote) in net for net in _networks(proxies)):
        return _address(request.META.get("HTTP_X_REAL_IP")) or remote
    return remote


def channel_of(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/m/"):
        return "mobile"
    return "web"


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        acting = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            acting = request.session.get(SESSION_ACTING_ORG)
            setattr(user, scope.ACTING_ORG_ATTR, acting)
        token = request_context.activate(request_context.RequestContext(
            ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
            acting_org_id=acting, channel=channel_of(request.path),
        ))
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)


SESSION_SIGNED_IN_AT = "gonghui_signed_in_at"


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """On every sign-in (django.contrib.auth's user_logged_in, connected in CoreConfig.ready): when it was."""
    if request is not None and hasattr(request, "session"):
        from .auth import sessions

        request.session[SESSION_SIGNED_IN_AT] = int(time.time())
        sessions.record_sign_in(request, user)


def forget_session(sender, request, user, **kwargs) -> None:
    """On sign-out (user_logged_out, before the session is flushed): drop its record."""
    if request is not None and hasattr(request, "session"):
        from .auth import sessions

        sessions.forget(request.session.session_key)


class SessionLifetimeMiddleware:
    """Signs out a session signed in longer ago than GONGHUI_SESSION_MAX_AGE_SECONDS, however active it is (the
    idle timeout alone would let a busy, or stolen, session live for ever). A signed-in session that does not
    know when it signed in (made before this rule) counts as too old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            signed_in_at = request.session.get(SESSION_SIGNED_IN_AT)
            if not isinstance(signed_in_at, int) or (
                    time.time() - signed_in_at > settings.GONGHUI_SESSION_MAX_AGE_SECONDS):
                audit.record("auth.logout", actor=user, obj=user, detail={"reason": "session_max_age"})
                logout(request)
            else:
                from .auth import sessions

                sessions.touch(request)
        return self.get_response(request)


class StaffSecurityMiddleware:
    """For signed-in staff on /staff/: force a password change when it has expired, and the second factor
    where the user's roles require it, before any other staff page opens."""

    EXEMPT_NAMES = {"staff:login", "staff:logout", "staff:password_change", "staff:totp_setup",
                    "staff:totp_verify"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None and user.is_authenticated and request.path.startswith("/staff/")
            and not user.is_worker
        ):
            from .auth import policy

            exempt = {reverse(name) for name in self.EXEMPT_NAMES}
            if request.path not in exempt:
                step = policy.pending_step(request)
                if step:
                    return redirect(step)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers on every page and API answer (static files are served before this and need none):

    - ``Content-Security-Policy`` and ``Permissions-Policy`` from settings (a page with an inline script or an
      ``on…=`` attribute would break under it, which ``tests/test_security_headers.py`` keeps out of templates);
    - ``Cache-Control: no-store`` on every answer of the workbench, the worker's pages and the API, and on any
      answer to a signed-in user, unless the view chose its own: such pages carry personal data, which must not
      stay in a shared or back-button cache.
    """

    PRIVATE_PREFIXES = ("/staff/", "/m/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = settings.GONGHUI_CONTENT_SECURITY_POLICY
        self.permissions = settings.GONGHUI_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        if "Cache-Control" not in response.headers and self._private(request):
            response.headers["Cache-Control"] = "no-store"
        return response

    def _private(self, request) -> bool:
        if request.path.startswith(self.PRIVATE_PREFIXES):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
