"""The queue of identity conflicts (issue 19 §3) and its two resolutions, for officers who keep members."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import roles, scope
from gonghui.core.web.pages import call_service, paginate, queue_filter, require_anywhere, staff_view

from .. import selectors, services
from ..models import IdentityConflict


@staff_view
def conflict_list(request):
    user = request.user
    require_anywhere(user, roles.MEMBERS_VIEW)
    status, order, filter_context = queue_filter(request, IdentityConflict.Status.choices,
                                                 queue=IdentityConflict.Status.PENDING, date_field="created_at")
    page, query_string = paginate(request, selectors.identity_conflicts_visible(user, status=status).order_by(*order))
    for conflict in page:
        conflict.can_resolve = selectors.identity_conflict_resolvable(user, conflict)
    return render(request, "members/identity_conflicts.html", {"page": page, "query_string": query_string,
                                                               **filter_context})


@staff_view
def conflict_detail(request, pk):
    conflict = selectors.identity_conflict_get(request.user, pk)
    return render(request, "members/identity_conflict_detail.html", {
        "c": conflict, "can_resolve": selectors.identity_conflict_resolvable(request.user, conflict),
        "history": selectors.identity_conflict_history(conflict)})


def _resolve(request, pk, service, success):
    conflict = selectors.identity_conflict_get(request.user, pk)
    if not scope.has_perm(request.user, roles.MEMBERS_CHANGE, conflict.org.path):
        raise DjangoPermissionDenied
    call_service(request, service, actor=request.user, conflict=conflict,
                 note=request.POST.get("note", "")[:300], success=success)
    return redirect("members:identity_conflict_list")


@require_POST
@staff_view
def conflict_confirm(request, pk):
    return _resolve(request, pk, services.identity_conflict_confirm,
                    _("Confirmed: the account is attached to the person and the identity verified."))


@require_POST
@staff_view
def conflict_detach(request, pk):
    return _resolve(request, pk, services.identity_conflict_detach,
                    _("Detached: the account stays apart from the person and is closed."))
