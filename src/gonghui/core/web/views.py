"""Staff home and the organisation switcher."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import audit
from . import acting, panels
from .decorators import staff_required


@staff_required
def home_view(request):
    choices = acting.acting_choices(request.user)
    current = acting.current_acting_org(request)
    context = {
        "organisations": choices,
        "acting_label": next((c.label for c in choices if c.org_id == current), None),
        "panels": panels.home_panels(request),
    }
    return render(request, "staff/home.html", context)


@require_POST
@staff_required
def switch_org_view(request):
    raw = (request.POST.get("org_id") or "").strip()
    try:
        org_id = int(raw) if raw else None
    except ValueError:
        raise Http404 from None
    if not acting.set_acting_org(request, org_id):
        raise Http404  # not an organisation where the user holds a role
    audit.record("auth.switch_org", actor=request.user, object_type="orgs.organisation",
                 object_id=org_id or "", acting_org_id=org_id)
    target = request.POST.get("next") or request.headers.get("referer")
    if not (target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                       require_https=request.is_secure())):
        target = reverse("staff:home")
    return redirect(target)
