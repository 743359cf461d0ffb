"""Jobs of the newsroom on Django's tasks queue: one delivery attempt per channel, and publishing a scheduled
article at its time (the queue holds the task until ``run_after``)."""

from django_tasks import task


@task()
def deliver(delivery_id: int) -> str:
    from .services import delivery_run

    return delivery_run(delivery_id)


@task()
def publish_scheduled(article_id: int) -> int:
    from .services import publish_due

    return publish_due(article_id=article_id)
