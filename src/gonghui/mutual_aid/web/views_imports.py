"""The roster import of enrolment: upload (with the template), the job page (progress polled by htmx, the
preview's counts, refusals and threshold warnings), commit and the error report. Thin: the work is in
mutual_aid.imports and core.jobs."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gonghui.core.files import stored_download, xlsx_download
from gonghui.core.web import imports as import_pages
from gonghui.core.web.pages import call_service, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import imports, selectors
from .. import permissions as P
from ..imports.service import roster_import_job as own_job
from .forms import RosterImportForm


@staff_view
def roster_import_start(request):
    user = request.user
    require_anywhere(user, P.ENROL)
    periods = list(selectors.period_list(user, status="open"))
    unions = org_selectors.organisation_choices(user, P.ENROL)
    form = RosterImportForm(request.POST or None, request.FILES or None, periods=periods, unions=unions,
                            initial={"period": request.GET.get("period")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = selectors.period_get(user, data["period"])
        org = org_selectors.organisation_get(user, data["org"], permission=P.ENROL)
        outcome = call_service(request, imports.roster_import_start, form=form, actor=user, period=period, org=org,
                               upload=data["file"], late_reason=data["late_reason"])
        if outcome.ok:
            return redirect("mutual_aid:roster_import_job", job_id=outcome.result.pk)
    return render(request, "mutual_aid/staff/roster_import.html", {"form": form})


@staff_view
def roster_import_template(request):
    require_anywhere(request.user, P.ENROL)
    return xlsx_download(imports.template_workbook(), "mutual-aid-roster-template.xlsx")


@staff_view
def roster_import_job(request, job_id):
    return import_pages.job_page(request, own_job(request.user, job_id), commit_kind=imports.COMMIT,
                                 page="mutual_aid/staff/roster_import_job.html",
                                 panel="mutual_aid/staff/_roster_import_status.html")


@require_POST
@staff_view
def roster_import_commit(request, job_id):
    preview = own_job(request.user, job_id)
    return import_pages.commit(request, preview, imports.roster_import_commit, "mutual_aid:roster_import_job")


@staff_view
def roster_import_report(request, job_id):
    job = own_job(request.user, job_id)
    return stored_download(imports.roster_import_report_name(job), f"roster-import-{job.pk}-report.xlsx")
