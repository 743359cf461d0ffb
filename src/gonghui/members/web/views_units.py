"""Staff pages for units (employers): list, detail with its members, create, edit."""

from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from gonghui.core import roles, scope
from gonghui.core.web.pages import (
    call_service,
    int_or_none,
    is_htmx,
    paginate,
    require_anywhere,
    staff_view,
)

from .. import selectors, services
from .forms import UnitFilterForm, UnitForm


@staff_view
def unit_list(request):
    user = request.user
    form = UnitFilterForm(request.GET or None)
    form.is_valid()
    units = selectors.unit_list_below(user, query=getattr(form, "cleaned_data", {}).get("q", ""),
                                org_id=int_or_none(request.GET.get("org")))
    page, query_string = paginate(request, units)
    context = {"form": form, "page": page, "query_string": query_string,
               "can_add": scope.has_perm(user, roles.MEMBERS_CHANGE)}
    template = "members/_unit_table.html" if is_htmx(request) else "members/unit_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view
def unit_detail(request, pk):
    user = request.user
    unit = selectors.unit_get(user, pk)
    persons = selectors.with_current_membership(selectors.person_list(user, unit_id=unit.pk))
    page, query_string = paginate(request, persons)
    return render(request, "members/unit_detail.html", {
        "unit": unit, "page": page, "query_string": query_string,
        "can_change": scope.has_perm(user, roles.MEMBERS_CHANGE, unit.scope_path),
    })


@staff_view
def unit_create(request):
    user = request.user
    require_anywhere(user, roles.MEMBERS_CHANGE)
    org_query = request.GET.get("org_q", "")
    form = UnitForm(request.POST or None, user=user, org_query=org_query,
                    initial={"org": int_or_none(request.GET.get("org"))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(
            request, services.unit_create, form=form, success=_("The unit was added."),
            actor=user, org=data["org"], name=data["name"], credit_code=data["credit_code"],
            industry=data["industry"], address=data["address"], staff_count=data["staff_count"],
        )
        if outcome.ok:
            return redirect("members:unit_detail", pk=outcome.result.pk)
    return render(request, "members/unit_form.html", {"form": form, "org_q": org_query})


@staff_view
def unit_edit(request, pk):
    user = request.user
    unit = selectors.unit_get(user, pk, permission=roles.MEMBERS_CHANGE)
    initial = {"name": unit.name, "credit_code": unit.credit_code or "", "industry": unit.industry,
               "address": unit.address, "staff_count": unit.staff_count, "is_active": unit.is_active}
    form = UnitForm(request.POST or None, user=user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(
            request, services.unit_update, form=form, success=_("The unit was saved."),
            actor=user, unit=unit, name=data["name"], credit_code=data["credit_code"],
            industry=data["industry"], address=data["address"], staff_count=data["staff_count"],
            is_active=data["is_active"],
        )
        if outcome.ok:
            return redirect("members:unit_detail", pk=unit.pk)
    return render(request, "members/unit_form.html", {"form": form, "unit": unit})
