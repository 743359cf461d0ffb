"""The background job mechanism: submit, run once, progress, cancel, failure, creator-only access."""

import pytest

from gonghui.core import jobs
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.models import Job

pytestmark = pytest.mark.django_db

CALLS = []


@jobs.job_kind("test.echo")
def _echo(ctx):
    CALLS.append(ctx.job.pk)
    ctx.progress(5, 10, "half", force=True)
    return {"echo": ctx.params["value"]}


@jobs.job_kind("test.fail")
def _fail(ctx):
    raise ValidationFailed("nope", code="nope")


@jobs.job_kind("test.crash")
def _crash(ctx):
    raise RuntimeError("boom")


@jobs.job_kind("test.cancel_me")
def _cancel_me(ctx):
    Job.objects.filter(pk=ctx.job.pk).update(cancel_requested=True)
    ctx.progress(1, 2, force=True)
    return {}


def submit(user, kind, capture, **params):
    with capture(execute=True):
        job = jobs.job_submit(actor=user, kind=kind, params=params)
    job.refresh_from_db()
    return job


def test_job_runs_once_and_reports(world, django_capture_on_commit_callbacks):
    user = world.user("county_officer")
    job = submit(user, "test.echo", django_capture_on_commit_callbacks, value=3)
    assert job.status == "succeeded" and job.result == {"echo": 3} and job.progress_total == 10
    assert job.started_at and job.finished_at
    runs = len(CALLS)
    jobs.run(job.pk)  # delivered twice: not run again
    assert len(CALLS) == runs


def test_failures_and_crashes_are_recorded(world, django_capture_on_commit_callbacks):
    user = world.user("county_officer")
    job = submit(user, "test.fail", django_capture_on_commit_callbacks)
    assert (job.status, job.error_code, job.error_message) == ("failed", "nope", "nope")
    job = submit(user, "test.crash", django_capture_on_commit_callbacks)
    assert (job.status, job.error_code) == ("failed", "internal_error")


def test_cancel(world, django_capture_on_commit_callbacks):
    user = world.user("county_officer")
    job = submit(user, "test.cancel_me", django_capture_on_commit_callbacks)
    assert job.status == "cancelled"
    queued = jobs.job_submit(actor=user, kind="test.echo", params={"value": 1})  # never enqueued here
    assert jobs.job_cancel(actor=user, job=queued).status == "cancelled"
    jobs.run(queued.pk)
    queued.refresh_from_db()
    assert queued.status == "cancelled"
    with pytest.raises(jobs.JobNotCancellable):
        jobs.job_cancel(actor=user, job=queued)


def test_only_the_creator_sees_a_job(world):
    job = jobs.job_submit(actor=world.user("county_officer"), kind="test.echo", params={"value": 1})
    assert jobs.job_get(world.user("county_officer"), job.pk) == job
    with pytest.raises(NotFound):
        jobs.job_get(world.user("province_admin"), job.pk)
    with pytest.raises(NotFound):
        jobs.job_cancel(actor=world.user("province_admin"), job=job)
    with pytest.raises(jobs.UnknownJobKind):
        jobs.job_submit(actor=world.user("county_officer"), kind="no.such", params={})
