"""The job worker (django-tasks' database backend and its db_worker, as in production) publishes a scheduled
article at its time and not before, and delivers it to every channel; two publishers pressing at once publish
once. Real commits: these tests flush the database."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.test_concurrency import race

from gonghui.core.errors import InvalidTransition
from gonghui.media.models import Article, Delivery

from .factories import approved_article, step

pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def test_the_job_worker_publishes_a_scheduled_article_on_time(world, settings):
    settings.TASKS = DB_TASKS
    article = approved_article(world)
    due = timezone.now() + datetime.timedelta(seconds=2)
    step(world, article, "schedule", "county_officer", publish_at=due)
    run_worker()  # before its time: the queue holds the task back
    assert Article.objects.get(pk=article.pk).state == Article.State.SCHEDULED
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.2)
    run_worker()
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED
    assert due <= article.published_at < due + datetime.timedelta(seconds=30)
    assert set(Delivery.objects.filter(article=article).values_list("state", flat=True)) == {"delivered"}


def test_two_publishers_at_once_publish_once(world, settings):
    article = approved_article(world)
    outcomes = race(lambda: step(world, Article.objects.get(pk=article.pk), "publish", "county_officer"),
                    lambda: step(world, Article.objects.get(pk=article.pk), "publish", "province_admin"))
    assert sum(1 for o in outcomes if isinstance(o, Article)) == 1, outcomes
    assert sum(1 for o in outcomes if isinstance(o, InvalidTransition)) == 1, outcomes
    assert Delivery.objects.filter(article=article).count() == 4
    assert Delivery.objects.filter(article=article, state="delivered").count() == 4
