"""The roster import as services: start (upload -> preview job), commit (-> commit job), the error report, and
the two job kinds. A preview never writes; a commit enrols everyone eligible in one transaction, or nobody when
any row has an error. People who are not eligible are listed with their reasons (they do not block the commit:
the enrolment of a roster picked on the page treats them the same way)."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core import audit, jobs
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

from .. import permissions as P
from .. import services
from ..models import Period
from .check import SHOWN_REFUSALS, Checked, check_roster

PREVIEW = "mutual_aid.roster_import_preview"
COMMIT = "mutual_aid.roster_import_commit"
class ImportHasErrors(ValidationFailed):
    """Raised at the end of a commit with errors: the transaction rolls back, nothing is written."""

    code = "import_has_errors"

    def __init__(self, result: dict):
        super().__init__(_("The file has errors; nothing was written. Download the error report."),
                         extra={"result": result})


def roster_import_start(*, actor, period: Period, org, upload, late_reason: str = "") -> Job:
    """Store the upload and start its preview. ``org``: the union whose subtree the rows' units are looked up
    in (the officer's own union, or one below)."""
    P.require(actor, P.ENROL, org.path)
    services.enrolment_window(period, late_reason=late_reason)  # not open, or late without a reason: refused now
    stored, name = store_upload(upload)
    return jobs.job_submit(actor=actor, kind=PREVIEW, org_id=org.pk, params={
        "stored_name": stored, "filename": name, "org_id": org.pk, "period_id": period.pk,
        "late_reason": (late_reason or "").strip()[:300], "language": translation.get_language()})


def roster_import_commit(*, actor, preview: Job) -> Job:
    return submit_commit(actor=actor, preview=preview, preview_kind=PREVIEW, commit_kind=COMMIT)


def roster_import_job(actor, job_id) -> Job:
    return import_job(actor, job_id, PREVIEW, COMMIT)


def roster_import_report_name(job: Job) -> str:
    if job.kind not in (PREVIEW, COMMIT):
        raise NotFound()
    return report_name(job)


# --- the two job kinds ----------------------------------------------------------------------------------

def _refused_sheet(checked: Checked) -> dict:
    """The report's extra sheet of the people who are not eligible, with their reasons."""
    header = [_("Row"), pgettext("person", "Name"), _("Unit"), _("Reasons")]
    return {_("Not eligible"): (header, [(row, name, unit, "；".join(labels))
                                         for row, name, unit, labels in checked.refused])}


def _result(ctx, checked: Checked, late: bool) -> dict:
    result = {
        "rows": checked.rows, "header_row": checked.header_row, **checked.errors.summary(),
        "eligible": checked.eligible, "not_eligible": len(checked.refused),
        "already_enrolled": checked.already_enrolled, "units": len(checked.groups), "warnings": checked.warnings,
        "refused": [{"row": row, "name": name, "unit": unit, "reasons": labels}
                    for row, name, unit, labels in checked.refused[:SHOWN_REFUSALS]],
        "late": late, "report": "",
    }
    if checked.errors or checked.refused:
        result["report"] = store_report(ctx.job.pk, checked.errors, prefix="roster-job",
                                        extra_sheets=_refused_sheet(checked))
    return result


def _check(ctx, actor, params) -> tuple[Checked, Period, bool]:
    # Scope and the period are checked again when the job runs: a role withdrawn since the upload stops it.
    org = org_selectors.organisation_get(actor, params["org_id"], permission=P.ENROL)
    period = Period.objects.get(pk=params["period_id"])
    late = services.enrolment_window(period, late_reason=params.get("late_reason", ""))
    with local_copy(params["stored_name"]) as path:
        checked = check_roster(actor=actor, period=period, org=org, path=path, filename=params["filename"],
                               progress=lambda done: ctx.progress(done, None, _("%(rows)s rows checked")
                                                                  % {"rows": done}))
    return checked, period, late


def _enrol(actor, period: Period, checked: Checked, late_reason: str) -> int:
    enrolled = 0
    for group in checked.groups.values():
        result = services.enrolment_enrol_memberships(
            actor=actor, period=period, unit=group.unit, memberships=group.memberships, shares=group.shares,
            without_insurance=group.without_insurance, late_reason=late_reason)
        enrolled += len(result.enrolled)
    return enrolled


@jobs.job_kind(PREVIEW)
def run_preview(ctx) -> dict:
    with translation.override(ctx.params.get("language") or None):
        checked, _period, late = _check(ctx, ctx.actor, ctx.params)
        return _result(ctx, checked, late)


@jobs.job_kind(COMMIT)
def run_commit(ctx) -> dict:
    params, actor = ctx.params, ctx.actor
    with translation.override(params.get("language") or None):
        try:
            with transaction.atomic():
                checked, period, late = _check(ctx, actor, params)
                result = _result(ctx, checked, late)
                if checked.errors:
                    raise ImportHasErrors(result)
                result["enrolled"] = _enrol(actor, period, checked, params.get("late_reason", ""))
                audit.record("mutual_aid.roster_import", actor=actor, object_type="core.job", object_id=ctx.job.pk,
                             object_label=f"roster import #{ctx.job.pk}", acting_org_id=ctx.job.acting_org_id,
                             detail={k: result[k] for k in ("rows", "enrolled", "not_eligible", "units", "late")})
                import_finished(ctx.job, rows=result["rows"], written=result["enrolled"],
                                link=reverse("mutual_aid:roster_import_job", args=[ctx.job.pk]))
        except IntegrityError:
            raise Conflict(_("Someone enrolled the same members while the import ran; nothing was written. "
                             "Run the import again.")) from None
        release_upload(params["stored_name"])
        return result
