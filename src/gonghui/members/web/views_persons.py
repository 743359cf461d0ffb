"""Staff pages for persons: the scoped member list, the detail page and its actions, add and edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.core import roles, scope
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.web.pages import (
    call_service,
    int_or_none,
    is_htmx,
    paginate,
    require_anywhere,
    staff_view,
)
from gonghui.core.web.panels import member_panels
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..models import Transfer
from .forms import (
    MembershipStatusForm,
    PersonCreateForm,
    PersonEditForm,
    PersonFilterForm,
    RevealForm,
    TransferRequestForm,
)


@staff_view
def person_list(request):
    user = request.user
    form = PersonFilterForm(request.GET or None, user=user)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    # An organisation that is not among the choices still goes to the selector, which answers 404 when it is
    # out of scope instead of silently listing everything.
    org_id = filters.get("org") or int_or_none(request.GET.get("org"))
    persons = selectors.person_list(user, query=filters.get("q", ""), org_id=org_id,
                                    category=filters.get("category", ""), status=filters.get("status", ""))
    if filters.get("status"):
        persons = persons.distinct()  # a person may have several past memberships of the same status
    page, query_string = paginate(request, selectors.with_current_membership(persons))
    context = {"form": form, "page": page, "query_string": query_string,
               "can_add": scope.has_perm(user, roles.MEMBERS_CHANGE)}
    template = "members/_person_table.html" if is_htmx(request) else "members/person_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _detail_context(request, person, **extra):
    user = request.user
    transfers = list(selectors.transfers_of_person(person))
    histories = selectors.transfer_histories(transfers)
    for transfer in transfers:
        transfer.history = histories[transfer.pk]
    path = person.scope_path
    context = {
        "person": person,
        "memberships": selectors.memberships_of(person),
        "current": selectors.current_membership(person),
        "transfers": transfers,
        "open_transfer": any(t.state == Transfer.State.REQUESTED for t in transfers),
        "can_change": scope.has_perm(user, roles.MEMBERS_CHANGE, path),
        "can_reveal": scope.has_perm(user, roles.MEMBERS_VIEW_SENSITIVE, path),
        "transfer_form": TransferRequestForm(target_query=request.GET.get("target_q", "")),
        "target_q": request.GET.get("target_q", ""),
        "reveal_form": RevealForm(),
    }
    context.update(extra)
    return context


@staff_view
def person_detail(request, pk):
    person = selectors.person_get(request.user, pk)
    # Other modules' panels about this person (declared under member_panels in their manifests).
    return render(request, "members/person_detail.html", {**_detail_context(request, person),
                                                           "panels": member_panels(request, person)})


@staff_view
def person_create(request):
    user = request.user
    require_anywhere(user, roles.MEMBERS_CHANGE)
    org_query = request.GET.get("org_q", "")
    initial = {"org": int_or_none(request.GET.get("org"))}
    form = PersonCreateForm(request.POST or None, user=user, org_query=org_query, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(
            request, services.person_register, form=form, success=_("The member was added."),
            actor=user, org=data["org"], name=data["name"], id_number=data["id_number"], phone=data["phone"],
            category=data["category"], occupation=data["occupation"], unit=data["unit"],
            joined_on=data["joined_on"],
        )
        if outcome.ok:
            return redirect("members:person_detail", pk=outcome.result.pk)
    return render(request, "members/person_form.html", {"form": form, "org_q": org_query})


@staff_view
def person_edit(request, pk):
    user = request.user
    person = selectors.person_get(user, pk, permission=roles.MEMBERS_CHANGE)
    initial = {"name": person.name, "category": person.category, "occupation": person.occupation}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Empty fields keep what is on file, so the edit page never has to show the numbers in clear.
        phone = "" if data["remove_phone"] else (data["phone"] or person.phone)
        outcome = call_service(
            request, services.person_update, form=form, success=_("The member was saved."),
            actor=user, person=person, name=data["name"], phone=phone, category=data["category"],
            occupation=data["occupation"], id_number=data["id_number"] or None,
        )
        if outcome.ok:
            return redirect("members:person_detail", pk=person.pk)
    return render(request, "members/person_form.html", {"form": form, "person": person})


@never_cache
@require_POST
@staff_view
def person_reveal(request, pk):
    """Show the full ID or mobile number once, in this response only; the service audits it."""
    person = selectors.person_get(request.user, pk)
    form = RevealForm(request.POST)
    value = None
    if form.is_valid():
        outcome = call_service(request, services.person_reveal, form=form, actor=request.user, person=person,
                               field=form.cleaned_data["field"], reason=form.cleaned_data["reason"])
        if isinstance(outcome.error, PermissionDenied):
            raise DjangoPermissionDenied
        value = outcome.result
    if not scope.has_perm(request.user, roles.MEMBERS_VIEW_SENSITIVE, person.scope_path):
        raise DjangoPermissionDenied
    context = {"person": person, "reveal_form": form, "revealed": value,
               "revealed_field": form.cleaned_data.get("field") if form.is_valid() else None}
    if is_htmx(request):
        return render(request, "members/_reveal.html", context)
    return render(request, "members/person_detail.html", _detail_context(request, **context))


@require_POST
@staff_view
def person_transfer(request, pk):
    """The old union asks for a transfer to another grassroots union (which may be outside its scope)."""
    user = request.user
    person = selectors.person_get(user, pk)
    form = TransferRequestForm(request.POST)
    if form.is_valid():
        try:
            target = org_selectors.transfer_target_get(form.cleaned_data["to_org"])
        except NotFound:  # an unknown target is a form error, not a missing page
            form.add_error("to_org", _("Choose an active grassroots union."))
        else:
            outcome = call_service(request, services.transfer_request, form=form,
                                   success=_("The transfer was requested; the receiving union decides."),
                                   actor=user, person=person, to_org=target,
                                   reason=form.cleaned_data["reason"])
            if outcome.ok:
                return redirect("members:person_detail", pk=person.pk)
    context = _detail_context(request, person, transfer_form=form, transfer_open=True)
    return render(request, "members/person_detail.html", context, status=200)


@require_POST
@staff_view
def person_membership_status(request, pk):
    """Retire or lapse the current membership."""
    user = request.user
    person = selectors.person_get(user, pk)
    form = MembershipStatusForm(request.POST)
    current = selectors.current_membership(person)
    if not form.is_valid() or current is None:
        messages.error(request, _("This person has no current membership to change."))
        return redirect("members:person_detail", pk=person.pk)
    status = form.cleaned_data["status"]
    outcome = call_service(request, services.membership_set_status, actor=user, membership=current,
                           status=status, success=_("The membership was updated."))
    if outcome.ok and status == "lapsed":
        # A lapsed member has no union any more, so leaves every scope: go back to the list.
        return redirect("members:person_list")
    return redirect("members:person_detail", pk=person.pk)
