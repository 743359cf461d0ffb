"""The one task behind every background job: it carries a job id and hands it to core.jobs.run."""

from django_tasks import task

from . import jobs


@task()
def run_job(job_id: int) -> None:
    jobs.run(job_id)


@task()
def send_message_sms(message_id: int) -> None:
    """The SMS of one notification (core.messaging.deliver_sms: idempotent, retried on failure)."""
    from . import messaging

    messaging.deliver_sms(message_id)
