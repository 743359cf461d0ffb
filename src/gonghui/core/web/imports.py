"""The staff pages every file import shares around its own upload form: the job page (whole, or the status
panel htmx polls), commit and cancel. Apps keep their forms, their scoped job getters and their templates."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core import jobs
from gonghui.core.web.pages import call_service, is_htmx

from ..models import Job


def job_page(request, job: Job, *, commit_kind: str, page: str, panel: str, **context):
    """The job's page, or only its status panel when htmx polls, so both render the same context."""
    context = {"job": job, "is_commit": job.kind == commit_kind, "result": job.result or {}, **context}
    return render(request, panel if is_htmx(request) else page, context)


def commit(request, preview: Job, service, job_url: str):
    """Commit a preview and show the commit job, or the preview again with the reason it was refused."""
    outcome = call_service(request, service, actor=request.user, preview=preview)
    return redirect(job_url, job_id=outcome.result.pk if outcome.ok else preview.pk)


def cancel(request, job: Job, job_url: str):
    """Ask the job to stop (a queued one at once, a running one at its next step); its page shows when it has."""
    call_service(request, jobs.job_cancel, actor=request.user, job=job, success=_("Cancelling…"))
    return redirect(job_url, job_id=job.pk)
