"""The inbox pages: staff at /staff/messages/ (the bell in the header), workers at /m/messages/ (the tab bar's
badge) with their SMS settings. Views are thin: core.inbox reads and marks, narrowed to the signed-in user, so
another user's message is a 404."""

from functools import wraps

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import inbox, messaging
from ..errors import NotFound
from .decorators import staff_required
from .pages import paginate

PAGE_SIZE = 20


def worker_required(view):
    """Signed-in workers only; anyone else is sent to the worker sign-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_worker and user.is_active):
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        return view(request, *args, **kwargs)

    return wrapper


def _list(request, template: str):
    unread = request.GET.get("unread") == "1"
    page, query_string = paginate(request, inbox.messages_for(request.user, unread=unread), per_page=PAGE_SIZE)
    page.object_list = inbox.with_text(page.object_list)
    return render(request, template, {"page": page, "query_string": query_string, "unread_only": unread})


def _mark(request, message_id: int, fallback: str):
    try:
        message = inbox.message_mark_read(user=request.user, message_id=message_id)
    except NotFound:
        raise Http404 from None
    # "open": go on to the page the message is about (a local path only)
    if request.POST.get("open") and message.link and url_has_allowed_host_and_scheme(message.link, None):
        return redirect(message.link)
    return redirect(fallback)


def _mark_all(request, fallback: str):
    count = inbox.messages_mark_all_read(user=request.user)
    flash.success(request, _("%(count)s messages marked read.") % {"count": count})
    return redirect(fallback)


@never_cache
@staff_required
def staff_messages(request):
    return _list(request, "staff/messages.html")


@require_POST
@staff_required
def staff_message_read(request, message_id: int):
    return _mark(request, message_id, reverse("staff:messages"))


@require_POST
@staff_required
def staff_messages_read_all(request):
    return _mark_all(request, reverse("staff:messages"))


@never_cache
@worker_required
def worker_messages(request):
    return _list(request, "mobile/messages.html")


@require_POST
@worker_required
def worker_message_read(request, message_id: int):
    return _mark(request, message_id, reverse("m_messages:list"))


@require_POST
@worker_required
def worker_messages_read_all(request):
    return _mark_all(request, reverse("m_messages:list"))


@never_cache
@worker_required
def worker_settings(request):
    """Which kinds of event also come by SMS (the inbox always gets them)."""
    if request.method == "POST":
        messaging.sms_preferences_set(user=request.user, wanted=request.POST.getlist("sms"))
        flash.success(request, _("Your SMS settings were saved."))
        return redirect("m_messages:settings")
    preferences = messaging.sms_preferences(request.user)
    rows = [{"code": e.code, "label": e.label, "on": preferences[e.code]}
            for e in messaging.sms_events_for(request.user)]
    return render(request, "mobile/message_settings.html", {"rows": rows})
