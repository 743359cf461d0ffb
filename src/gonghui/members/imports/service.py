"""The member import as services: start (upload -> preview job), commit (-> commit job), and the two job
kinds. A preview never writes; a commit writes everything in one transaction or nothing.

Rows naming a person who is a current member of another union are *listed* (count "transfer" and a sheet of the
report) and left alone: moving a member is the old union's or the member's decision (a transfer request,
DOMAIN.md), which the importing union cannot make for them."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, jobs, roles, scope
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.imports.uploads import (  # noqa: F401  (raised to callers)
    ImportAlreadyCommitted,
    ImportNotReady,
    release_upload,
    report_name,
    store_upload,
    submit_commit,
)
from gonghui.core.models import Job
from gonghui.core.notifications import import_finished
from gonghui.orgs import selectors as org_selectors

from .process import process_file

PREVIEW = "members.import_preview"
COMMIT = "members.import_commit"
def _target_union(actor, org_id):
    if org_id in (None, ""):
        if not scope.has_perm(actor, roles.MEMBERS_IMPORT):
            raise NotFound()
        return None
    org = org_selectors.organisation_get(actor, org_id, permission=roles.MEMBERS_IMPORT)
    if org.level != "grassroots":
        raise ValidationFailed(_("Members are imported into a grassroots union."), code="import_union_invalid",
                               field="org")
    return org


def import_start(*, actor, upload, org_id: int | None = None) -> Job:
    """Store the upload and start its preview. ``org_id``: the union rows go to (a grassroots officer's own);
    without it every row must name its union (a county officer's file for several unions)."""
    org = _target_union(actor, org_id)
    stored, name = store_upload(upload)
    return jobs.job_submit(actor=actor, kind=PREVIEW, org_id=org.pk if org else None,
                           params={"stored_name": stored, "filename": name, "org_id": org.pk if org else None,
                                   "language": translation.get_language()})


def import_commit(*, actor, preview: Job) -> Job:
    return submit_commit(actor=actor, preview=preview, preview_kind=PREVIEW, commit_kind=COMMIT)


def import_report_name(job: Job) -> str:
    return report_name(job)


# --- the two job kinds ----------------------------------------------------------------------------------

def _run(ctx, *, write: bool) -> dict:
    params = ctx.params
    with translation.override(params.get("language") or None):
        actor = ctx.actor
        org = None
        if params.get("org_id"):
            # Scope is checked again when the job runs: a role withdrawn since the upload stops it.
            org = org_selectors.organisation_get(actor, params["org_id"], permission=roles.MEMBERS_IMPORT)
        if not write:
            return process_file(ctx, actor=actor, stored_name=params["stored_name"], filename=params["filename"],
                                default_org=org, write=False)
        from .process import ImportHasErrors

        try:
            with transaction.atomic():
                result = process_file(ctx, actor=actor, stored_name=params["stored_name"],
                                      filename=params["filename"], default_org=org, write=True)
                if result["errors"]:
                    raise ImportHasErrors(result)
                audit.record("members.import", actor=actor, object_type="core.job", object_id=ctx.job.pk,
                             object_label=f"import #{ctx.job.pk}", acting_org_id=ctx.job.acting_org_id,
                             detail={k: result[k] for k in ("rows", "new", "update", "unchanged", "transfer",
                                                            "units_created")})
                import_finished(ctx.job, rows=result["rows"], written=result["new"] + result["update"],
                                link=reverse("members:import_job", args=[ctx.job.pk]))
        except IntegrityError:
            raise Conflict(_("Someone changed the same members while the import ran; nothing was written. "
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
