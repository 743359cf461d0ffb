"""The audit log viewer for auditors: filtered list, CSV export (itself audited) and the chain check."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .. import audit, audit_selectors, exports
from ..errors import NotFound
from .decorators import staff_required
from .forms import AuditFilterForm

PAGE_SIZE = 50
EXPORT_COLUMNS = ("id", "at", "actor_id", "actor_label", "acting_org_id", "ip", "channel", "action",
                  "object_type", "object_id", "object_label", "result", "detail", "hash")


def _events_or_404(request, form):
    try:
        return audit_selectors.audit_event_search(request.user, form.filters())
    except NotFound:
        raise Http404 from None


@staff_required
def audit_list_view(request):
    form = AuditFilterForm(request.GET or None)
    events = _events_or_404(request, form)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "whole_log": audit_selectors.sees_whole_log(request.user)}
    return render(request, "staff/audit/list.html", context)


@staff_required
def audit_export_view(request):
    form = AuditFilterForm(request.GET or None)
    events = _events_or_404(request, form)
    audit.record("audit.export", actor=request.user, object_type="core.auditevent",
                 detail={"filters": form.filters().as_detail(), "rows": events.count()})

    def rows():
        yield EXPORT_COLUMNS
        for event in events.iterator(chunk_size=2000):
            yield [getattr(event, name) for name in EXPORT_COLUMNS]

    return exports.csv_response(rows(), f"audit-{timezone.now():%Y%m%d-%H%M%S}.csv")


@staff_required
def audit_verify_view(request):
    """Walk the whole hash chain; for auditors who read the whole log (others do not see every row)."""
    if not audit_selectors.sees_whole_log(request.user):
        raise Http404
    problems = list(audit.verify_chain())
    audit.record("audit.verify", actor=request.user, object_type="core.auditevent",
                 result="success" if not problems else "failure", detail={"problems": len(problems)})
    template = "staff/audit/_verify.html" if request.headers.get("HX-Request") else "staff/audit/verify.html"
    return render(request, template, {"problems": problems[:200], "problem_count": len(problems)})
