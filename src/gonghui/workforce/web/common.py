"""What the workforce pages share: the permission gate in page terms, and the worker gate of /m/ pages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.members import selectors as member_selectors


def gate(user, permission: str, obj=None) -> None:
    """``permission`` over ``obj`` (anywhere when None) before a page shows a form or acts: 404 out of sight,
    403 in sight without it. The service checks again."""
    try:
        scope.require(user, permission, obj)
    except NotFound:
        raise Http404 from None
    except PermissionDenied:
        raise DjangoPermissionDenied from None


def worker_required(view):
    """A signed-in worker with a verified person record; the view receives the person (never from the URL)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        person = member_selectors.worker_person(user)
        if person is None and member_selectors.worker_identity_unverified(user):
            return render(request, "mobile/unverified.html")
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        return view(request, person, *args, **kwargs)

    return wrapper


def person_from_form(request, user):
    """The member named by the posted ID number (a ``PersonByIdForm``), among those the user sees; None, with a
    message on the page, when the form is wrong or nobody the user sees has that number."""
    from .. import selectors
    from .forms import PersonByIdForm

    form = PersonByIdForm(request.POST)
    if not form.is_valid():
        return None
    try:
        return selectors.person_by_id_number(user, form.cleaned_data["id_number"])
    except NotFound:
        messages.error(request, _("No member you can see has this ID number."))
        return None


def create_in_org(request, *, form_class, service, success: str, detail: str, title: str, multipart: bool = False,
                  prepare=None):
    """A page that creates a row under an organisation the user picks (needs workforce.change there): the form,
    the scoped organisation, the service, then the new row's page."""
    from django.shortcuts import redirect

    from gonghui.core.web.pages import call_service, require_anywhere
    from gonghui.orgs import selectors as org_selectors

    from ..roles import WORKFORCE_CHANGE

    user = request.user
    require_anywhere(user, WORKFORCE_CHANGE)
    form = form_class(request.POST or None, *((request.FILES or None,) if multipart else ()), user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        org = org_selectors.organisation_get(user, data.pop("org"), permission=WORKFORCE_CHANGE)
        if prepare:
            prepare(data)
        outcome = call_service(request, service, form=form, actor=user, org=org, success=success, **data)
        if outcome.ok:
            return redirect(detail, pk=outcome.result.pk)
    context = {"form": form, "title": title}
    if multipart:
        context["multipart"] = True
    return render(request, "workforce/staff/form.html", context)
