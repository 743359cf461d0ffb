"""What every import does around its own rows: store the upload (refused before a byte is stored when its name
or size is wrong), read it back as a local file, turn a finished preview into one commit job (two clicks, two
tabs: one commit), store and find the error report of a job, and delete uploads and reports when they are no
longer needed (a committed import's upload at once; the rest GONGHUI_IMPORT_RETENTION_HOURS after their last
job, by ``purge_uploads``). Apps keep their job kinds, checks and writes."""

import contextlib
import datetime
import os
import secrets
import tempfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import jobs
from ..errors import Conflict, NotFound, ValidationFailed
from ..models import Job
from .errors import RowErrors
from .reading import check_size
from .report import write_error_report

ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".csv")
UPLOADS, REPORTS = "imports/uploads", "imports/reports"


class ImportNotReady(Conflict):
    code = "import_not_ready"
    default_message = _("Only a finished preview without errors can be committed.")


class UploadExpired(Conflict):
    code = "import_upload_expired"
    default_message = _("The uploaded file is no longer kept (imports are kept for a limited time); upload it "
                        "again.")


class ImportAlreadyCommitted(Conflict):
    code = "import_already_committed"
    default_message = _("This file has already been committed (or is being committed).")


def store_upload(upload) -> tuple[str, str]:
    """(stored name in private storage, the file's own name) of an uploaded import file."""
    if upload is None:
        raise ValidationFailed(_("Choose a file to upload."), code="import_file_missing", field="file")
    name = os.path.basename(getattr(upload, "name", "") or "upload")
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise ValidationFailed(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."),
                               code="import_file_type", field="file")
    check_size(upload.size)
    suffix = os.path.splitext(name)[1].lower()
    return default_storage.save(f"{UPLOADS}/{secrets.token_hex(16)}{suffix}", upload), name


@contextlib.contextmanager
def local_copy(name: str):
    """A local path for a stored upload, as the readers need one: a temporary copy in clear (the stored file is
    encrypted at rest), deleted afterwards. An upload past its retention time is UploadExpired."""
    try:
        source = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise UploadExpired() from None
    with source, tempfile.NamedTemporaryFile(suffix=os.path.splitext(name)[1]) as copy:
        while chunk := source.read(1024 * 1024):
            copy.write(chunk)
        copy.flush()
        yield copy.name


def release_upload(name: str) -> None:
    """Delete an upload whose import is committed (once the transaction commits): the roster is in the database
    now, and the file of full ID and mobile numbers goes."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def import_job(actor, job_id, *kinds: str) -> Job:
    """A job of the actor's own of one of an import's kinds (preview, commit); anything else is not found."""
    job = jobs.job_get(actor, job_id)
    if job.kind not in kinds:
        raise NotFound()
    return job


def submit_commit(*, actor, preview: Job, preview_kind: str, commit_kind: str) -> Job:
    """The commit job of a finished, error-free preview of the actor's own; at most one live commit each."""
    if preview.created_by_id != actor.pk or preview.kind != preview_kind:
        raise NotFound()
    if preview.status != Job.Status.SUCCEEDED or (preview.result or {}).get("errors"):
        raise ImportNotReady()
    if not default_storage.exists(preview.params.get("stored_name") or ""):
        raise UploadExpired()
    with transaction.atomic():
        Job.objects.select_for_update().filter(pk=preview.pk).first()  # two clicks: one commit
        if Job.objects.filter(kind=commit_kind, params__preview_id=preview.pk).exclude(
                status__in=[Job.Status.FAILED, Job.Status.CANCELLED]).exists():
            raise ImportAlreadyCommitted()
        return jobs.job_submit(actor=actor, kind=commit_kind, org_id=preview.acting_org_id,
                               params={**preview.params, "preview_id": preview.pk,
                                       "language": translation.get_language()})


def store_report(job_id: int, errors: RowErrors, *, prefix: str,
                 extra_sheets: dict[str, tuple[list, list]] | None = None) -> str:
    """Write a job's error report (see ``write_error_report``) and keep it in private storage as
    ``imports/reports/<prefix>-<job_id>.xlsx``. Returns the stored name: the job puts it in its result under
    ``"report"``, where ``report_name`` finds it."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        write_error_report(handle.name, errors, extra_sheets=extra_sheets)
        handle.seek(0)
        return default_storage.save(f"{REPORTS}/{prefix}-{job_id}.xlsx", File(handle))


def report_name(job: Job) -> str:
    """The stored error report of a job; NotFound when it has none."""
    name = (job.result or {}).get("report") or ""
    if not name:
        raise NotFound()
    return name


# --- retention ----------------------------------------------------------------------------------------------

def purge_uploads(*, now: datetime.datetime | None = None) -> dict:
    """Delete what imports no longer need: an upload whose import was committed; an upload or error report
    whose last job (or, with no job, the file itself) is older than GONGHUI_IMPORT_RETENTION_HOURS and that no
    queued or running job still reads. Returns {"uploads": n, "reports": n} deleted. Safe to run at any time
    (`gonghui purge_uploads`)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.GONGHUI_IMPORT_RETENTION_HOURS)
    live = (Job.Status.QUEUED, Job.Status.RUNNING)
    deleted = {"uploads": 0, "reports": 0}
    for kind, folder, lookup in (("uploads", UPLOADS, "params__stored_name"), ("reports", REPORTS, "result__report")):
        for name in _stored(folder):
            jobs = list(Job.objects.filter(**{lookup: name}).values("status", "params", "created_at",
                                                                     "finished_at"))
            if any(job["status"] in live for job in jobs):
                continue
            committed = kind == "uploads" and any(
                job["status"] == Job.Status.SUCCEEDED and "preview_id" in (job["params"] or {}) for job in jobs)
            last = max((job["finished_at"] or job["created_at"] for job in jobs), default=None)
            if last is None:
                last = default_storage.get_modified_time(name)
            if committed or last < cutoff:
                default_storage.delete(name)
                deleted[kind] += 1
    return deleted


def _stored(folder: str) -> list[str]:
    try:
        return [f"{folder}/{file}" for file in default_storage.listdir(folder)[1]]
    except FileNotFoundError:
        return []
