"""The worker's own pages at /m/: member card, membership history, transfer requests. Every page shows only
the signed-in worker's own person; nothing here takes a person id from the URL."""

from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import ApplicationError, NotFound
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..models import Person, Transfer
from ..workflows import TRANSFER_FLOW
from .mobile_forms import TransferRequestForm, add_application_error

SEARCH_LIMIT = 20


def worker_required(view):
    """Signed-in workers with a person record only; anonymous users and staff go to the worker sign-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        person = None
        if user.is_authenticated and user.is_worker and user.is_active:
            person = Person.objects.select_related("current_org").filter(user=user).first()
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        if person.identity_unverified:  # issue 19 §3: nothing tied to the person until the union confirms
            return render(request, "mobile/unverified.html")
        request.worker_person = person
        return view(request, person, *args, **kwargs)

    return wrapper


def qr_svg(data: str) -> str:
    """An inline SVG QR code, made on the server: nothing is fetched from outside."""
    code = segno.make(data, error="m")
    return code.svg_inline(scale=4, border=2, omitsize=True, svgclass="qr-code",
                           title=_("Member card QR code"))


@worker_required
def card(request, person):
    membership = selectors.current_membership(person)
    context = {"person": person, "membership": membership}
    if membership is not None:
        token = selectors.card_token(membership)
        verify_url = request.build_absolute_uri(reverse("card:verify", args=[token]))
        context["qr"] = mark_safe(qr_svg(verify_url))  # noqa: S308 - segno's own SVG, no user markup inside
        context["verify_url"] = verify_url
    return render(request, "mobile/card.html", context)


def _with_state_labels(transfers):
    rows = list(transfers)
    for transfer in rows:
        transfer.state_label = TRANSFER_FLOW.state_label(transfer.state)
        transfer.can_cancel = transfer.state == Transfer.State.REQUESTED
    return rows


@worker_required
def membership(request, person):
    return render(request, "mobile/membership.html", {
        "person": person,
        "current": selectors.current_membership(person),
        "history": selectors.memberships_of(person),
        "transfers": _with_state_labels(selectors.transfers_of_person(person)),
    })


@worker_required
def transfer_request(request, person):
    current = selectors.current_membership(person)
    open_transfer = selectors.transfers_of_person(person).filter(state=Transfer.State.REQUESTED).first()
    form = TransferRequestForm(request.POST or None)
    if request.method == "POST" and current is not None and open_transfer is None and form.is_valid():
        try:
            target = org_selectors.transfer_target_get(form.cleaned_data["to_org"])
            services.transfer_request(actor=request.user, person=person, to_org=target,
                                      reason=form.cleaned_data["reason"])
        except NotFound:
            form.add_error("to_org", _("Choose the union you are moving to."))
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Your transfer request was sent to %(union)s.")
                             % {"union": target.name})
            return redirect("m:membership")
    query = (request.GET.get("q") or request.POST.get("q") or "").strip()
    results = []
    if query and current is not None:
        results = list(org_selectors.transfer_targets(query).exclude(pk=current.org_id)[:SEARCH_LIMIT])
    chosen = form["to_org"].value()
    return render(request, "mobile/transfer.html", {
        "person": person, "current": current, "form": form, "query": query, "results": results,
        "chosen": str(chosen) if chosen else "",
        "open_transfer": _with_state_labels([open_transfer])[0] if open_transfer else None,
    })


@require_POST
@worker_required
def transfer_cancel(request, person, transfer_id: int):
    # The worker's own transfers only: someone else's id is simply not found.
    transfer = selectors.transfers_of_person(person).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404()
    try:
        services.transfer_cancel(actor=request.user, transfer=transfer, comment=_("Withdrawn by the member"))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Your transfer request was withdrawn."))
    return redirect("m:membership")
