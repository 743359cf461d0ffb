"""The queue of identity conflicts (issue 19 §3) and its two resolutions, for officers who keep members."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import roles, scope
from gonghui.core.web.pages import call_service, paginate, require_anywhere, staff_view

from .. import selectors, services


@staff_view
def conflict_list(request):
    user = request.user
    require_anywhere(user, roles.MEMBERS_VIEW)
    page, query_string = paginate(request, selectors.identity_conflicts_visible(user).order_by("created_at", "id"))
    for conflict in page:
        conflict.can_resolve = scope.has_perm(user, roles.MEMBERS_CHANGE, conflict.org.path)
    return render(request, "members/identity_conflicts.html", {"page": page, "query_string": query_string})


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
