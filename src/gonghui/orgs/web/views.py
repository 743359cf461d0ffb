"""Staff pages for the organisation tree: browse (drill down), search, detail, create below, edit."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core import roles, scope
from gonghui.core.web.pages import call_service, int_or_none, paginate, staff_view

from .. import selectors, services
from .forms import OrgCreateForm, OrgEditForm, OrgFilterForm


@staff_view
def org_list(request):
    """Without a search: the tops of the user's tree, or the children of ``parent``, with children counts.
    With a search: every matching organisation in scope."""
    user = request.user
    form = OrgFilterForm(request.GET or None)
    form.is_valid()
    query = getattr(form, "cleaned_data", {}).get("q", "")
    parent = None
    crumbs = []
    if query:
        found = selectors.organisation_search(user, query)
        orgs = selectors.with_children_count(found).order_by("depth", "name")
    elif int_or_none(request.GET.get("parent")):
        parent = selectors.organisation_get(user, int_or_none(request.GET.get("parent")))
        crumbs = selectors.visible_ancestors(user, parent)
        orgs = selectors.organisation_children(user, parent)
    else:
        orgs = selectors.with_children_count(selectors.organisation_roots(user)).order_by("path")
    page, query_string = paginate(request, orgs)
    return render(request, "orgs/org_list.html", {
        "form": form, "page": page, "query_string": query_string, "parent": parent, "crumbs": crumbs,
        "can_change_parent": parent is not None and scope.has_perm(user, roles.ORGS_CHANGE, parent.path),
    })


@staff_view
def org_detail(request, pk):
    user = request.user
    org = selectors.organisation_get(user, pk)
    return render(request, "orgs/org_detail.html", {
        "org": org,
        "crumbs": selectors.visible_ancestors(user, org),
        "children": selectors.organisation_children(user, org)[:200],
        "assignments": selectors.role_assignments_visible(user).filter(org=org).order_by(
            "role", "user__username"),
        "can_change": scope.has_perm(user, roles.ORGS_CHANGE, org.path),
        "can_manage_roles": scope.has_perm(user, roles.ROLES_MANAGE, org.path),
    })


@staff_view
def org_create(request, pk):
    """Create an organisation (typically a grassroots or joint union) below ``pk``."""
    user = request.user
    parent = selectors.organisation_get(user, pk, permission=roles.ORGS_CHANGE)
    form = OrgCreateForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.organisation_create, form=form,
                                  success=_("The organisation was created."), actor=user, parent=parent,
                                  name=data["name"], level=data["level"], kind=data["kind"],
                                  address=data["address"])
        if outcome.ok:
            return redirect("orgs:org_detail", pk=outcome.result.pk)
    return render(request, "orgs/org_form.html", {"form": form, "parent": parent})


@staff_view
def org_edit(request, pk):
    user = request.user
    org = selectors.organisation_get(user, pk, permission=roles.ORGS_CHANGE)
    initial = {"name": org.name, "address": org.address, "contact_phone": org.contact_phone,
               "is_active": org.is_active}
    form = OrgEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.organisation_update, form=form,
                                   success=_("The organisation was saved."), actor=user, org=org, **data)
        if outcome.ok:
            return redirect("orgs:org_detail", pk=org.pk)
    return render(request, "orgs/org_form.html", {"form": form, "org": org})
