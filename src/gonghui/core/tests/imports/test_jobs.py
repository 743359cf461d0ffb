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


def _dead_pid() -> int:
    import subprocess
    import sys

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_a_job_whose_worker_died_is_shown_failed(world):
    import socket

    from django.core.management import call_command

    user = world.user("county_officer")
    lost = Job.objects.create(kind="test.echo", created_by=user, status=Job.Status.RUNNING,
                              worker=f"{socket.gethostname()}:{_dead_pid()}")
    alive = Job.objects.create(kind="test.echo", created_by=user, status=Job.Status.RUNNING,
                               worker=jobs._this_worker())
    seen = jobs.job_get(user, lost.pk)
    assert seen.status == "failed" and seen.error_code == "worker_lost" and seen.finished_at
    assert jobs.job_get(user, alive.pk).status == "running"  # this process is alive
    other_host = Job.objects.create(kind="test.echo", created_by=user, status=Job.Status.RUNNING,
                                    worker="elsewhere:1")
    call_command("jobs_reap", verbosity=0)
    assert Job.objects.get(pk=other_host.pk).status == "running"  # not quiet long enough to be called lost
    Job.objects.filter(pk=other_host.pk).update(updated_at=other_host.updated_at.replace(year=2000))
    call_command("jobs_reap", verbosity=0)
    assert Job.objects.get(pk=other_host.pk).error_code == "worker_lost"
    assert Job.objects.get(pk=alive.pk).status == "running"


def test_the_runner_records_its_worker(world, django_capture_on_commit_callbacks):
    job = submit(world.user("county_officer"), "test.echo", django_capture_on_commit_callbacks, value=1)
    assert job.worker == jobs._this_worker()


@jobs.job_kind("test.greedy")
def _greedy(ctx):
    raise MemoryError()


@jobs.job_kind("test.slow")
def _slow(ctx):
    ctx.progress(1, 2)
    return {"done": True}


def test_time_and_memory_limits_fail_the_job(world, settings, django_capture_on_commit_callbacks):
    """In-process (inside a test's transaction): the time limit is checked at every progress step."""
    user = world.user("county_officer")
    job = submit(user, "test.greedy", django_capture_on_commit_callbacks)
    assert (job.status, job.error_code) == ("failed", "job_memory_limit") and job.error_message
    settings.GONGHUI_JOB_TIME_LIMIT_SECONDS = 0
    job = submit(user, "test.slow", django_capture_on_commit_callbacks)
    assert (job.status, job.error_code) == ("failed", "job_time_limit") and job.error_message
    settings.GONGHUI_JOB_TIME_LIMIT_SECONDS = 60
    assert submit(user, "test.slow", django_capture_on_commit_callbacks).status == "succeeded"
