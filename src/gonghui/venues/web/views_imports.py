"""Staff pages of the venue and demand-point imports: upload, the job page (progress polled by htmx), commit,
cancel, the error report and the templates. Thin: the work is in venues.imports and core.jobs."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.files import stored_download, xlsx_download
from gonghui.core.web import imports as import_pages
from gonghui.core.web.pages import call_service, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from ..imports import columns, service
from ..roles import VENUES_CHANGE

TITLES = {columns.VENUES: gettext_lazy("Import venues"), columns.DEMAND: gettext_lazy("Import demand points")}


class ImportForm(forms.Form):
    org = forms.TypedChoiceField(label=gettext_lazy("Union"), coerce=int, required=False, empty_value=None)
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))
    replace = forms.BooleanField(label=gettext_lazy("Replace the area's earlier delivery hotspots"),
                                 required=False, initial=True)

    def __init__(self, *args, user, what, **kwargs):
        super().__init__(*args, **kwargs)
        if what == columns.VENUES:
            orgs = org_selectors.organisation_choices(user, VENUES_CHANGE, limit=300)
            self.fields["org"].choices = [("", _("— the union or county column of the file —")),
                                          *((o.pk, o.name) for o in orgs)]
            self.fields["org"].help_text = _("For rows that name neither a union nor a county.")
            del self.fields["replace"]
        else:
            orgs = org_selectors.organisation_choices(user, VENUES_CHANGE, limit=300)
            self.fields["org"].label = _("Area")
            self.fields["org"].required = True
            self.fields["org"].choices = [(o.pk, o.name) for o in orgs if o.level != "grassroots"]


def _what(request, what):
    if what not in columns.KINDS:
        raise Http404
    require_anywhere(request.user, VENUES_CHANGE)
    return what


@staff_view
def import_start(request, what):
    what = _what(request, what)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user, what=what)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, service.import_start, form=form, actor=request.user, what=what,
                               upload=form.cleaned_data["file"], org_id=form.cleaned_data["org"],
                               replace=form.cleaned_data.get("replace", False))
        if outcome.ok:
            return redirect("venues:import_job", job_id=outcome.result.pk)
    return render(request, "venues/staff/import_start.html", {"form": form, "what": what, "title": TITLES[what]})


@staff_view
def import_template(request, what):
    what = _what(request, what)
    return xlsx_download(columns.template_workbook(what), f"{what}-import-template.xlsx")


@staff_view
def import_job(request, job_id):
    job = service.import_job_get(request.user, job_id)
    what = job.params.get("what")
    return import_pages.job_page(request, job, commit_kind=service.COMMIT, page="venues/staff/import_job.html",
                                 panel="venues/staff/_import_status.html", what=what, title=TITLES.get(what, ""))


@staff_view
@require_POST
def import_commit(request, job_id):
    preview = service.import_job_get(request.user, job_id)
    return import_pages.commit(request, preview, service.import_commit, "venues:import_job")


@staff_view
@require_POST
def import_cancel(request, job_id):
    return import_pages.cancel(request, service.import_job_get(request.user, job_id), "venues:import_job")


@staff_view
def import_report(request, job_id):
    job = service.import_job_get(request.user, job_id)
    return stored_download(service.import_report_name(job), f"import-{job.pk}-report.xlsx")
