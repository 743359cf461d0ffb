"""Background jobs: a registry of job kinds, submission, the runner with progress and cancellation.

A job is a ``core.Job`` row (what pages and the API show) plus one task on Django's tasks queue
(django-tasks, database backend) that carries only the job id. A kind is a function ``handler(ctx) -> dict``
registered with ``@job_kind("app.name")``; apps register theirs in their ``tasks.py``, found on first use.

Running a job is idempotent: the runner claims the row with a conditional update (queued -> running), so a
task delivered twice, or a job already finished or cancelled, is not run again.
"""

import errno
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from . import processes, request_context
from .errors import ApplicationError, Conflict, NotFound
from .models import Job

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between two progress writes

Handler = Callable[["JobContext"], dict]
_KINDS: dict[str, Handler] = {}
_discovered = False


class JobCancelled(Exception):
    """Raised inside a handler (by ``ctx.progress``) when the user asked to cancel."""


class JobTimeLimit(Exception):
    """Raised inside a handler (by ``ctx.progress``) once the job has run GONGHUI_JOB_TIME_LIMIT_SECONDS."""


TIME_LIMIT, MEMORY_LIMIT = "job_time_limit", "job_memory_limit"


class UnknownJobKind(ApplicationError):
    code = "job_kind_unknown"
    default_message = _("This kind of job does not exist.")


class JobNotCancellable(Conflict):
    code = "job_not_cancellable"
    default_message = _("This job has already finished.")


def job_kind(name: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` as the job kind ``name``."""

    def register(handler: Handler) -> Handler:
        _KINDS[name] = handler
        return handler

    return register


def handler_for(kind: str) -> Handler:
    global _discovered
    if kind not in _KINDS and not _discovered:
        autodiscover_modules("tasks")  # each app's tasks.py registers its kinds
        _discovered = True
    try:
        return _KINDS[kind]
    except KeyError:
        raise UnknownJobKind() from None


# --- submitting, reading, cancelling -----------------------------------------------------------------------

def job_submit(*, actor, kind: str, params: dict, org_id: int | None = None, total: int | None = None) -> Job:
    """Create the job and enqueue it once the surrounding transaction commits (a rolled-back submission
    leaves no task behind)."""
    handler_for(kind)
    job = Job.objects.create(kind=kind, created_by=actor, acting_org_id=org_id, params=params,
                             progress_total=total, ip=request_context.current().ip)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_job  # the task module imports this one

    run_job.enqueue(job_id)


def job_get(user, job_id) -> Job:
    """A job, for its creator only; anyone else gets NotFound. A running job whose worker is gone is shown as
    failed (see reap_lost)."""
    try:
        job = Job.objects.get(pk=int(job_id), created_by_id=user.pk)
    except (Job.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    if job.status == Job.Status.RUNNING and _is_lost(job):
        reap_lost(Job.objects.filter(pk=job.pk))
        job.refresh_from_db()
    return job


# --- jobs whose worker died ----------------------------------------------------------------------------

def _this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, under another user
        return True
    return True


def _is_lost(job: Job) -> bool:
    """A running job is lost when its worker process no longer exists (same host: asked directly), or when it
    has not written progress for GONGHUI_JOB_STALE_SECONDS (another host, or a worker that hangs)."""
    host, _colon, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _process_alive(int(pid)):
        return True
    quiet = (timezone.now() - job.updated_at).total_seconds()
    return quiet > settings.GONGHUI_JOB_STALE_SECONDS


def reap_lost(jobs=None) -> int:
    """Mark lost running jobs failed ("worker_lost"); returns how many. Their writes were one transaction that
    the database rolled back when the connection died, so nothing is half-written: the user may start again.
    Called when a job is looked at, and by `gonghui jobs_reap` (e.g. when the worker starts, or from cron)."""
    lost = [job.pk for job in (jobs if jobs is not None else Job.objects.all()).filter(status=Job.Status.RUNNING)
            if _is_lost(job)]
    if not lost:
        return 0
    return Job.objects.filter(pk__in=lost, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error_code="worker_lost", finished_at=timezone.now(), updated_at=timezone.now(),
        error_message=str(_("The worker running this job stopped before it finished; nothing was written. "
                            "Start it again.")))


def job_cancel(*, actor, job: Job) -> Job:
    """A queued job is cancelled at once; a running one is asked to stop at its next progress step."""
    if job.created_by_id != actor.pk:
        raise NotFound()
    now = timezone.now()
    if Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.CANCELLED, cancel_requested=True, finished_at=now, message=""):
        pass
    elif not Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(cancel_requested=True):
        raise JobNotCancellable()
    job.refresh_from_db()
    return job


# --- running --------------------------------------------------------------------------------------------

@dataclass
class JobContext:
    """What a handler gets: the job row, and ``progress()`` to report and to be told to stop."""

    job: Job
    _last_write: float = field(default=0.0)
    # Transactions already open when the job started (a test's, or none in a worker): only the handler's own
    # transactions hide progress from other connections.
    _outer_depth: int = field(default_factory=lambda: len(connection.atomic_blocks))
    _deadline: float = field(default=float("inf"))  # time.monotonic() after which the job must stop

    @property
    def params(self) -> dict:
        return self.job.params

    @property
    def actor(self):
        return self.job.created_by

    def progress(self, done: int, total: int | None = None, message: str = "", *, force: bool = False) -> None:
        """Record progress (at most every PROGRESS_INTERVAL seconds); raise JobCancelled if the user asked to
        cancel, JobTimeLimit once the job has used its time."""
        now = time.monotonic()
        if now > self._deadline:
            raise JobTimeLimit()
        if not force and now - self._last_write < PROGRESS_INTERVAL:
            return
        self._last_write = now
        values = {"progress_done": done, "message": str(message)[:300], "updated_at": timezone.now()}
        if total is not None:
            values["progress_total"] = total
        _write_progress(self.job.pk, values, in_transaction=len(connection.atomic_blocks) > self._outer_depth)
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled()


def _write_progress(job_id: int, values: dict, *, in_transaction: bool) -> None:
    """Progress must be visible while a handler holds a long transaction (an all-or-nothing import). On
    PostgreSQL a second connection writes it; SQLite has one writer, so inside a transaction progress waits
    for the end (the page then shows the last figure before the transaction began)."""
    if not in_transaction:
        Job.objects.filter(pk=job_id).update(**values)
        return
    if connection.vendor != "postgresql":
        return
    side = connections.create_connection("default")
    try:
        side.set_autocommit(True)
        columns = ", ".join(f'"{name}" = %s' for name in values)
        with side.cursor() as cursor:
            cursor.execute(f'UPDATE "{Job._meta.db_table}" SET {columns} WHERE id = %s',  # noqa: S608
                           [*values.values(), job_id])
    except Exception:  # progress is a courtesy: never let it break the job
        logger.warning("job %s: progress could not be written", job_id, exc_info=True)
    finally:
        side.close()


def _finish(job_id: int, **values) -> None:
    Job.objects.filter(pk=job_id).update(finished_at=timezone.now(), updated_at=timezone.now(), **values)


def run(job_id: int) -> None:
    """Run one job (called by the task). Claims the row first: a finished or cancelled job is not re-run.

    The handler runs in a second process with the job limits (``run_limited``), so that a job that runs too long
    or needs too much memory is stopped without taking the worker with it, and the next job starts. Inside an
    open transaction (a test's) a second process could not see the data: the job then runs here, with the time
    limit checked at each progress step."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, cancel_requested=False).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now(), worker=_this_worker())
    if not claimed:
        return
    if connection.in_atomic_block:
        _run_claimed(job_id)
    else:
        run_limited(job_id)


def _limits_message(code: str) -> str:
    if code == TIME_LIMIT:
        return str(_("The job ran longer than the limit of %(minutes)s minutes and was stopped; nothing was "
                     "written. Split the file into smaller ones.")
                   % {"minutes": max(1, round(settings.GONGHUI_JOB_TIME_LIMIT_SECONDS / 60))})
    if code == MEMORY_LIMIT:
        return str(_("The job needed more memory than allowed and was stopped; nothing was written. Split the "
                     "file into smaller ones."))
    return str(_("The job stopped unexpectedly (perhaps for lack of memory); nothing was written."))


def _fail_if_running(job_id: int, code: str) -> None:
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error_code=code, error_message=_limits_message(code), message="",
        finished_at=timezone.now(), updated_at=timezone.now())


def _child_settings() -> dict:
    """Settings the job's process takes from this one (tests and deployments may change them at run time)."""
    names = [name for name in dir(settings) if name.startswith("GONGHUI_")]
    return {name: getattr(settings, name) for name in [*names, "DATABASES", "STORAGES", "LANGUAGE_CODE"]}


def run_limited(job_id: int) -> None:
    """Run a claimed job in a second process: at most GONGHUI_JOB_MEMORY_LIMIT_BYTES of address space, and
    stopped (with whatever it started) after GONGHUI_JOB_TIME_LIMIT_SECONDS. Its writes were one transaction,
    which the database rolls back when the process is stopped."""
    seconds = settings.GONGHUI_JOB_TIME_LIMIT_SECONDS
    process = processes.start(f"{__name__}:_run_claimed", job_id, name=f"gonghui-job-{job_id}",
                              settings_overrides=_child_settings(),
                              limits=processes.Limits(memory_bytes=settings.GONGHUI_JOB_MEMORY_LIMIT_BYTES,
                                                      cpu_seconds=seconds))
    process.join(timeout=seconds)
    if process.is_alive():
        processes.stop(process)
        _fail_if_running(job_id, TIME_LIMIT)
    elif process.exitcode != 0:
        _fail_if_running(job_id, "job_stopped")


def _out_of_memory(exc: BaseException) -> bool:
    """Under the memory limit not every allocation fails as MemoryError: a native library loaded late (a
    reader's extension module) fails to map its segments and surfaces as an ImportError or OSError (ENOMEM)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    text = str(exc).lower()
    return isinstance(exc, ImportError | OSError) and ("failed to map segment" in text
                                                       or "cannot allocate memory" in text)


def _run_claimed(job_id: int) -> None:
    job = Job.objects.select_related("created_by").get(pk=job_id)
    elapsed = (timezone.now() - job.started_at).total_seconds() if job.started_at else 0
    ctx = JobContext(job, _deadline=time.monotonic() + settings.GONGHUI_JOB_TIME_LIMIT_SECONDS - elapsed)
    # The job's audit events say where it was asked for: the submitter's address, the job's organisation.
    token = request_context.activate(request_context.RequestContext(
        ip=job.ip, acting_org_id=job.acting_org_id, channel="job"))
    try:
        result = handler_for(job.kind)(ctx) or {}
    except JobCancelled:
        _finish(job_id, status=Job.Status.CANCELLED, message="")
    except JobTimeLimit:
        _fail_if_running(job_id, TIME_LIMIT)
    except MemoryError:
        processes.lift_memory_limit()  # enough memory again to say why
        _fail_if_running(job_id, MEMORY_LIMIT)
    except ApplicationError as exc:
        _finish(job_id, status=Job.Status.FAILED, error_code=exc.code, error_message=str(exc.message),
                result=exc.extra.get("result", {}) if isinstance(exc.extra, dict) else {})
    except Exception as exc:
        if _out_of_memory(exc):
            processes.lift_memory_limit()
            _fail_if_running(job_id, MEMORY_LIMIT)
        else:
            logger.exception("job %s (%s) crashed", job_id, job.kind)
            _finish(job_id, status=Job.Status.FAILED, error_code="internal_error",
                    error_message=f"{type(exc).__name__}")
    else:
        _finish(job_id, status=Job.Status.SUCCEEDED, result=result, message="")
    finally:
        request_context.reset(token)
