"""The venue and demand-point imports as services: start (upload -> preview job), commit (-> commit job), and
the two job kinds. A preview never writes; a commit checks the file again and writes every row in one
transaction, or nothing."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, jobs, scope
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.imports.uploads import (  # noqa: F401  (raised to callers)
    ImportAlreadyCommitted,
    ImportNotReady,
    import_job,
    local_copy,
    release_upload,
    report_name,
    store_report,
    store_upload,
    submit_commit,
)
from gonghui.core.models import Job
from gonghui.core.notifications import import_finished
from gonghui.orgs import selectors as org_selectors

from ..roles import VENUES_CHANGE
from .columns import DEMAND, KINDS, VENUES
from .process import check_file, write_rows

PREVIEW = "venues.import_preview"
COMMIT = "venues.import_commit"
class ImportHasErrors(ValidationFailed):
    code = "import_has_errors"
    default_message = _("The file has rows with errors; nothing was written.")


def _org(actor, org_id, what: str):
    if org_id in (None, ""):
        if what == DEMAND:
            raise ValidationFailed(_("Choose the area the demand points belong to."), code="import_area_missing",
                                   field="org")
        return None
    return org_selectors.organisation_get(actor, org_id, permission=VENUES_CHANGE)


def import_start(*, actor, what: str, upload, org_id=None, replace: bool = False) -> Job:
    """Store the upload and start its preview. Venues: ``org_id`` is the union for rows that name none. Demand
    points: ``org_id`` is the area (a county, prefecture or the province); ``replace`` drops the area's earlier
    hotspots when the import is written."""
    if what not in KINDS or not scope.has_perm(actor, VENUES_CHANGE):
        raise NotFound()
    org = _org(actor, org_id, what)
    stored, name = store_upload(upload)
    return jobs.job_submit(actor=actor, kind=PREVIEW, org_id=org.pk if org else None, params={
        "what": what, "stored_name": stored, "filename": name, "org_id": org.pk if org else None,
        "replace": bool(replace), "language": translation.get_language()})


def import_commit(*, actor, preview: Job) -> Job:
    return submit_commit(actor=actor, preview=preview, preview_kind=PREVIEW, commit_kind=COMMIT)


def import_job_get(actor, job_id) -> Job:
    return import_job(actor, job_id, PREVIEW, COMMIT)


def import_report_name(job: Job) -> str:
    return report_name(job)


def _run(ctx, *, write: bool) -> dict:
    params = ctx.params
    with translation.override(params.get("language") or None):
        actor, what = ctx.actor, params["what"]
        if not scope.has_perm(actor, VENUES_CHANGE):  # checked again when the job runs: a role may be gone
            raise NotFound()
        org = _org(actor, params.get("org_id"), what)
        with local_copy(params["stored_name"]) as path:
            outcome = check_file(ctx, what=what, path=path, filename=params["filename"], actor=actor, org=org)
        result = {"what": what, "rows": outcome.rows, "new": len(outcome.good), **outcome.errors.summary(),
                  "report": "", "created": 0}
        if what == DEMAND:
            result["weight"] = sum(row["weight"] for row in outcome.good)
        if outcome.errors:
            result["report"] = store_report(ctx.job.pk, outcome.errors, prefix="venues-job")
        if not write:
            return result
        if outcome.errors:  # the file changed under a clean preview: nothing is written
            raise ImportHasErrors(extra={"result": result})
        try:
            with transaction.atomic():
                result.update(write_rows(ctx, what=what, actor=actor, good=outcome.good, org=org,
                                         replace=params.get("replace", False)))
                audit.record(f"venues.import_{what}", actor=actor, object_type="core.job", object_id=ctx.job.pk,
                             object_label=f"import #{ctx.job.pk}", acting_org_id=ctx.job.acting_org_id,
                             detail={k: result.get(k) for k in ("rows", "created", "replaced")})
                import_finished(ctx.job, rows=result["rows"], written=result.get("created", 0),
                                link=reverse("venues:import_job", args=[ctx.job.pk]))
        except IntegrityError:
            raise Conflict(_("Someone changed the same records while the import ran; nothing was written. "
                             "Run the import again.")) from None
        return result


@jobs.job_kind(PREVIEW)
def run_preview(ctx) -> dict:
    return _run(ctx, write=False)


@jobs.job_kind(COMMIT)
def run_commit(ctx) -> dict:
    result = _run(ctx, write=True)
    release_upload(ctx.params["stored_name"])
    return result


__all__ = ["COMMIT", "DEMAND", "PREVIEW", "VENUES", "import_commit", "import_job_get", "import_report_name",
           "import_start"]
