"""What the mutual-aid pages share: calling a service with its gate's answer as the page's (``act``: 404 outside
one's view, 403 inside it without the permission), the permission gate of a page that shows a form before any
service runs, the period a page is about, and the worker gate of the /m/ pages."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from gonghui.core import scope
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.web.pages import Outcome, call_service, int_or_none
from gonghui.members import selectors as member_selectors

from .. import selectors


def require_perm(user, permission: str, path: str | None) -> None:
    """``permission`` over ``path`` before a page acts, through the one scope gate, in Django's page exceptions
    (403 if the user can see the object, else 404). Checked again by the service."""
    try:
        scope.require(user, permission, path)
    except NotFound:
        raise Http404 from None
    except PermissionDenied:
        raise DjangoPermissionDenied from None


def act(request, service, /, *, form=None, success=None, **kwargs) -> Outcome:
    """``call_service`` for a page whose service holds the gate: out of sight is 404 (staff_view), the gate's
    refusal in sight is the page's 403 — not a message — so views need no check of their own. Refusals with a
    reason of their own (separation of duties, the level of a second approver) stay messages."""

    def gated(**arguments):
        try:
            return service(**arguments)
        except PermissionDenied as exc:
            if type(exc) is PermissionDenied:
                raise DjangoPermissionDenied from None
            raise

    return call_service(request, gated, form=form, success=success, **kwargs)


def can(user, permission: str, path: str | None = None) -> bool:
    return scope.has_perm(user, permission, path)


def chosen_period(request, source=None):
    """The period named by ?period= (one the user may read), else the current open period, else the latest."""
    source = source if source is not None else request.GET
    period_id = int_or_none(source.get("period"))
    if period_id:
        return selectors.period_get(request.user, period_id)
    return selectors.current_period() or selectors.period_list(request.user).first()


def worker_required(view):
    """A signed-in worker with a person record; anyone else is sent to the worker sign-in. The view receives
    the worker's person: nothing on these pages takes a person from the URL."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        person = member_selectors.worker_person(user)  # verified identities only (issue 19 §3)
        if person is None and member_selectors.worker_identity_unverified(user):
            return render(request, "mobile/unverified.html")
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        return view(request, person, *args, **kwargs)

    return wrapper
