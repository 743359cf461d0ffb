"""Staff pages of collective cases: the group's workers, split, merge and the edit lock (on the case page)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import NotFound
from gonghui.core.money import AmountField
from gonghui.core.web.pages import int_or_none, staff_view
from gonghui.members import selectors as member_selectors

from .. import selectors, services
from .views import _gated


def _back(case):
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def member_add(request, pk):
    case = selectors.case_get(request.user, pk)
    try:
        person = member_selectors.person_get(request.user, int_or_none(request.POST.get("person_id")))
    except NotFound:
        messages.error(request, _("No such member in your part of the tree."))
        return _back(case)
    try:
        amount = AmountField(required=False).clean(request.POST.get("amount_claimed", "")) or "0"
    except Exception:
        messages.error(request, _("Check the amount."))
        return _back(case)
    _gated(request, services.member_add, actor=request.user, case=case, person=person, amount_claimed=amount,
           success=_("The worker was added to the group."))
    return _back(case)


@require_POST
@staff_view
def member_remove(request, pk, person_id):
    case = selectors.case_get(request.user, pk)
    _gated(request, services.member_remove, actor=request.user, case=case, person_id=person_id,
           success=_("The worker was removed from the group."))
    return _back(case)


@require_POST
@staff_view
def split(request, pk):
    case = selectors.case_get(request.user, pk)
    ids = [i for i in (int_or_none(v) for v in request.POST.getlist("person_ids")) if i]
    outcome = _gated(request, services.case_split, actor=request.user, case=case, person_ids=ids,
                     success=_("The workers were split off into a new case."))
    return redirect("rights:case_detail", pk=outcome.result.pk) if outcome.ok else _back(case)


@require_POST
@staff_view
def merge(request, pk):
    case = selectors.case_get(request.user, pk)
    reference = request.POST.get("into", "").strip()
    into = selectors.cases_visible(request.user).filter(reference__iexact=reference).first()
    if into is None:
        if not selectors.may_manage(request.user, case):
            raise Http404
        messages.error(request, _("No such case in your part of the tree."))
        return _back(case)
    outcome = _gated(request, services.case_merge, actor=request.user, case=case, into=into,
                     success=_("The case was merged."))
    return redirect("rights:case_detail", pk=into.pk) if outcome.ok else _back(case)


@require_POST
@staff_view
def lock(request, pk):
    case = selectors.case_get(request.user, pk)
    service = services.case_unlock if request.POST.get("release") else services.case_lock
    _gated(request, service, actor=request.user, case=case)
    return _back(case)
