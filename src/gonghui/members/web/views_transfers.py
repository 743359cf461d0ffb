"""The transfer queue: what waits for the user's decision, what the user's unions asked for, and what was
decided; accept and refuse."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import roles, scope
from gonghui.core.web.pages import call_service, is_htmx, paginate, staff_view

from .. import selectors, services
from .forms import DecisionForm, RefuseForm, TransferFilterForm

TABS = ("in", "out", "decided")


@staff_view
def transfer_queue(request):
    user = request.user
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "in"
    form = TransferFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    transfers = selectors.transfer_tab(user, tab, query=filters.get("q", ""), state=filters.get("state", ""))
    page, query_string = paginate(request, transfers)
    for transfer in page:
        transfer.can_decide = (transfer.state == "requested"
                               and scope.has_perm(user, roles.TRANSFERS_DECIDE, transfer.to_org.path))
    context = {"tab": tab, "tabs": TABS, "form": form, "page": page, "query_string": query_string,
               "refuse_form": RefuseForm(), "waiting": selectors.transfer_tab(user, "in").count()}
    template = "members/_transfer_table.html" if is_htmx(request) else "members/transfer_queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("members:transfer_queue")


@require_POST
@staff_view
def transfer_accept(request, pk):
    transfer = selectors.transfer_get(request.user, pk)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    # A second click (or a colleague who was faster) meets InvalidTransition: call_service shows it kindly.
    call_service(request, services.transfer_accept, actor=request.user, transfer=transfer, comment=comment,
                 success=_("The transfer was accepted; %(name)s is now a member of %(org)s.")
                 % {"name": transfer.person.name, "org": transfer.to_org.name})
    return _back(request)


@require_POST
@staff_view
def transfer_refuse(request, pk):
    transfer = selectors.transfer_get(request.user, pk)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say why the transfer is refused."))
        return _back(request)
    call_service(request, services.transfer_refuse, actor=request.user, transfer=transfer,
                 comment=form.cleaned_data["comment"], success=_("The transfer was refused."))
    return _back(request)
