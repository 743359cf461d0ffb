"""Issue 19 §7: background jobs run in a process of their own, with a time limit and a memory limit, so one
file cannot block everyone's jobs. These tests commit their data (the job's process must see it)."""

import pytest
from django.core.files.storage import default_storage

from gonghui.core import jobs
from gonghui.core.models import Job
from gonghui.members import imports
from gonghui.members.tests.imports.helpers import good_rows, upload, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return default_storage


def _preview(world, django_capture_on_commit_callbacks, rows=3) -> Job:
    with django_capture_on_commit_callbacks():  # queued, not run: the test runs it as the worker would
        job = imports.import_start(actor=world.user("grassroots_officer"),
                                   upload=upload(xlsx_bytes(good_rows(rows))), org_id=world.wuhua_union.pk)
    return job


def test_an_import_runs_in_its_own_process(world, private_files, django_capture_on_commit_callbacks):
    job = _preview(world, django_capture_on_commit_callbacks)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error_message
    assert job.result["new"] == 3


def test_a_job_over_its_time_is_stopped_and_the_next_one_runs(world, private_files, settings,
                                                               django_capture_on_commit_callbacks):
    # far less than a spawned interpreter needs to import Django (a second, on an idle machine, was not)
    settings.GONGHUI_JOB_TIME_LIMIT_SECONDS = 0.05
    slow = _preview(world, django_capture_on_commit_callbacks)
    slow.refresh_from_db()
    assert (slow.status, slow.error_code) == ("failed", "job_time_limit")
    assert slow.error_message and slow.finished_at
    settings.GONGHUI_JOB_TIME_LIMIT_SECONDS = 600
    nxt = _preview(world, django_capture_on_commit_callbacks)
    nxt.refresh_from_db()
    assert nxt.status == "succeeded", nxt.error_message


def test_a_job_over_its_memory_is_stopped_and_the_next_one_runs(world, private_files, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.GONGHUI_JOB_MEMORY_LIMIT_BYTES = 64 * 1024**2  # less than the interpreter already holds
    greedy = _preview(world, django_capture_on_commit_callbacks)
    greedy.refresh_from_db()
    # MemoryError where Python ran out, or the process ended where native code did: stopped either way
    assert greedy.status == "failed" and greedy.error_code in ("job_memory_limit", "job_stopped")
    settings.GONGHUI_JOB_MEMORY_LIMIT_BYTES = 2 * 1024**3
    nxt = _preview(world, django_capture_on_commit_callbacks)
    nxt.refresh_from_db()
    assert nxt.status == "succeeded", nxt.error_message


@pytest.mark.parametrize("exc", [
    OSError(12, "Cannot allocate memory"),
    ImportError("/x/_python_calamine.so: failed to map segment from shared object"),
])
def test_a_library_failing_to_load_under_the_memory_limit_counts_as_memory(exc):
    from gonghui.core.jobs import _out_of_memory

    assert _out_of_memory(exc)
    assert not _out_of_memory(ImportError("No module named 'nothing_here'"))
