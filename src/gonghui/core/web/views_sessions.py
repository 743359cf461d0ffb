"""Where one is signed in: the list of one's live sessions, ending one, or all but this one."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..auth import sessions
from ..errors import NotFound
from .decorators import staff_required


@never_cache
@staff_required
def sessions_view(request):
    context = {"sessions": sessions.sessions_of(request.user), "current_key": request.session.session_key,
               "STAFF_MAX_SESSIONS": settings.GONGHUI_STAFF_MAX_SESSIONS}
    return render(request, "staff/auth/sessions.html", context)


@require_POST
@staff_required
def session_end_view(request, session_id: int):
    try:
        sessions.session_end(user=request.user, session_id=session_id, current_key=request.session.session_key)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("That session was signed out."))
    return redirect("staff:sessions")


@require_POST
@staff_required
def sessions_end_others_view(request):
    count = sessions.end_other_sessions(user=request.user, current_key=request.session.session_key)
    messages.success(request, _("Other sessions signed out: %(count)d.") % {"count": count})
    return redirect("staff:sessions")
