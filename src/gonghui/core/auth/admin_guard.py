"""The Django admin behind the same sign-in as the staff pages: its own password-only login form would skip
the lock-out and the second factor, so it sends people to staff:login instead, and a session that still owes a
step (second factor, password change) is not let in."""

from django.contrib.auth.views import redirect_to_login

from . import policy


def install(site) -> None:
    original_has_permission = site.has_permission

    def has_permission(request):
        return original_has_permission(request) and policy.session_fully_authenticated(request)

    def login(request, extra_context=None):
        return redirect_to_login(request.GET.get("next") or request.get_full_path())

    site.has_permission = has_permission
    site.login = login
