"""Staff pages of the member import: upload, the job page (progress polled by htmx), commit, cancel, the
error report and the template. Thin: the work is in members.imports and core.jobs."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core import jobs, roles
from gonghui.core.files import stored_download, xlsx_download
from gonghui.core.web import imports as import_pages
from gonghui.core.web.pages import call_service, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import imports

UNION_CHOICES_LIMIT = 500


class ImportForm(forms.Form):
    org = forms.TypedChoiceField(label=gettext_lazy("Union"), coerce=int, required=False, empty_value=None,
                                 help_text=gettext_lazy("Leave empty when the file has a union column."))
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        unions = org_selectors.organisations_visible(user, roles.MEMBERS_IMPORT).filter(
            level="grassroots", is_active=True).order_by("path").values_list("pk", "name")[:UNION_CHOICES_LIMIT]
        self.fields["org"].choices = [("", _("— the union column of the file —")), *unions]


@staff_view
def import_start(request):
    require_anywhere(request.user, roles.MEMBERS_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, imports.import_start, form=form, actor=request.user,
                               upload=form.cleaned_data["file"], org_id=form.cleaned_data["org"])
        if outcome.ok:
            return redirect("members:import_job", job_id=outcome.result.pk)
    return render(request, "members/imports/start.html", {"form": form})


@staff_view
def import_template(request):
    require_anywhere(request.user, roles.MEMBERS_IMPORT)
    return xlsx_download(imports.template_workbook(), "member-import-template.xlsx")


@staff_view
def import_job(request, job_id):
    return import_pages.job_page(request, jobs.job_get(request.user, job_id), commit_kind=imports.COMMIT,
                                 page="members/imports/job.html", panel="members/imports/_job_status.html")


@staff_view
@require_POST
def import_commit(request, job_id):
    preview = jobs.job_get(request.user, job_id)
    return import_pages.commit(request, preview, imports.import_commit, "members:import_job")


@staff_view
@require_POST
def import_cancel(request, job_id):
    return import_pages.cancel(request, jobs.job_get(request.user, job_id), "members:import_job")


@staff_view
def import_report(request, job_id):
    job = jobs.job_get(request.user, job_id)
    return stored_download(imports.import_report_name(job), f"import-{job.pk}-report.xlsx")
