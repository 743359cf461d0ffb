"""The roster import of enrolment over the API: upload (-> a preview job), commit a clean preview, the report
and the template. The job itself (status, progress, result, cancel) is at /jobs/{id} (core.api.jobs)."""

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from gonghui.core.api.base import REQUIRED_UPLOAD
from gonghui.core.api.jobs import JobOut
from gonghui.core.errors import NotFound
from gonghui.core.files import stored_download, xlsx_download
from gonghui.core.scope import has_perm
from gonghui.orgs import selectors as org_selectors

from .. import imports, selectors
from .. import permissions as P
from ..imports.service import roster_import_job

router = Router(tags=["mutual aid: enrolment"])


class RosterImportIn(Schema):
    period_id: int
    org_id: int
    late_reason: str = ""


@router.post("/mutual-aid/roster-imports", response={202: JobOut},
             summary="Upload a roster (.xlsx or .csv) and check it",
             openapi_extra=REQUIRED_UPLOAD)
def roster_import_start(request, payload: Form[RosterImportIn], file: UploadedFile | None = File(None)):  # noqa: B008  (the service asks for it after the scope check)
    """Starts a preview job: nothing is written. Poll GET /jobs/{id}: its result holds the counts (eligible, not
    eligible, errors), the refused rows with their reasons and the threshold warnings per unit. When it
    succeeded without errors, POST /mutual-aid/roster-imports/{id}/commit enrols everyone eligible in one
    transaction."""
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=P.ENROL)
    period = selectors.period_get(request.auth, payload.period_id)
    job = imports.roster_import_start(actor=request.auth, period=period, org=org, upload=file,
                                      late_reason=payload.late_reason)
    return Status(202, job)


@router.post("/mutual-aid/roster-imports/{job_id}/commit", response={202: JobOut},
             summary="Enrol a checked roster")
def roster_import_commit(request, job_id: int):
    preview = roster_import_job(request.auth, job_id)
    return Status(202, imports.roster_import_commit(actor=request.auth, preview=preview))


@router.get("/mutual-aid/roster-imports/{job_id}/report", response={200: None},
            summary="The report of a roster import (.xlsx: errors, and who is not eligible)")
def roster_import_report(request, job_id: int):
    job = roster_import_job(request.auth, job_id)
    return stored_download(imports.roster_import_report_name(job), f"roster-import-{job.pk}-report.xlsx")


@router.get("/mutual-aid/roster-imports/template", response={200: None}, summary="The roster template (.xlsx)")
def roster_import_template(request):
    if not has_perm(request.auth, P.ENROL):
        raise NotFound()
    return xlsx_download(imports.template_workbook(), "mutual-aid-roster-template.xlsx")
