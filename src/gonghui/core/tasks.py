"""The one task behind every background job: it carries a job id and hands it to core.jobs.run."""

from django_tasks import task

from . import jobs


@task()
def run_job(job_id: int) -> None:
    jobs.run(job_id)
