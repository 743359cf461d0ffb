"""Small htmx endpoints that refill a select box: unions by search, units of a union."""

from django.shortcuts import render

from gonghui.core import roles
from gonghui.core.web.pages import int_or_none, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import selectors

OPTION_LIMIT = 50


@staff_view
def union_options(request):
    """Grassroots unions matching ``q``: in the user's scope for registering (``purpose=register``), or any
    active grassroots union of the province as a transfer target (``purpose=transfer``)."""
    require_anywhere(request.user, roles.MEMBERS_CHANGE)
    query = request.GET.get("q", request.GET.get("org_q", request.GET.get("target_q", "")))
    if request.GET.get("purpose") == "transfer":
        orgs = org_selectors.transfer_targets(query)[:OPTION_LIMIT] if query.strip() else []
        with_parent = True
    else:
        orgs = org_selectors.organisation_choices(request.user, roles.MEMBERS_CHANGE, level="grassroots",
                                                  query=query, limit=OPTION_LIMIT)
        with_parent = False
    return render(request, "members/_org_options.html", {"orgs": orgs, "with_parent": with_parent})


@staff_view
def unit_options(request):
    require_anywhere(request.user, roles.MEMBERS_CHANGE)
    org_id = int_or_none(request.GET.get("org"))
    units = []
    if org_id:
        units = selectors.units_visible(request.user, roles.MEMBERS_CHANGE).filter(
            org_id=org_id, is_active=True)[:200]
    return render(request, "members/_unit_options.html", {"units": units})
