"""Member import over the API: upload (-> a preview job), commit a clean preview, and the error report. The job
itself (status, progress, cancel) is at /jobs/{id} (core.api.jobs)."""

from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from gonghui.core import jobs
from gonghui.core.api.base import REQUIRED_UPLOAD
from gonghui.core.api.jobs import JobOut
from gonghui.core.files import stored_download

from .. import imports

router = Router(tags=["imports"])


class ImportIn(Schema):
    # A form field is text: "absent" is how it says none (a nullable integer would be sent as "null").
    org_id: int = Field(None, description="The union to import into; omit for your own.")  # type: ignore[assignment]


@router.post("/imports", response={202: JobOut}, summary="Upload a member file (.xlsx or .csv) and check it",
             openapi_extra=REQUIRED_UPLOAD)
def import_start(request, payload: Form[ImportIn], file: UploadedFile | None = File(None)):  # noqa: B008  (the service asks for it after the scope check)
    """Starts a preview job: nothing is written. Poll GET /jobs/{id}; when it succeeded without errors,
    POST /jobs/{id}/commit writes everything in one transaction."""
    job = imports.import_start(actor=request.auth, upload=file, org_id=payload.org_id)
    return Status(202, job)


@router.post("/jobs/{job_id}/commit", response={202: JobOut}, summary="Commit a checked import")
def import_commit(request, job_id: int):
    preview = jobs.job_get(request.auth, job_id)
    return Status(202, imports.import_commit(actor=request.auth, preview=preview))


@router.get("/jobs/{job_id}/report", summary="The error report of an import (.xlsx)",
            response={200: None})
def import_report(request, job_id: int):
    job = jobs.job_get(request.auth, job_id)
    return stored_download(imports.import_report_name(job), f"import-{job.pk}-report.xlsx")
