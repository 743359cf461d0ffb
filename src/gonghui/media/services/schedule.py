"""Scheduled publishing: the job worker publishes each article at its time (``tasks.publish_scheduled``, held by
the queue until then); ``gonghui media_publish_due`` (cron) publishes whatever is due if a job was lost, and
flags articles whose time has passed and that are still not live, to their author and whoever scheduled them."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core.errors import ApplicationError, InvalidTransition

from .. import notifications
from ..models import Article
from ..workflows import ARTICLE_FLOW

logger = logging.getLogger(__name__)

GRACE = datetime.timedelta(minutes=5)  # past its time by more than this and not live: overdue


def scheduler_of(article: Article):
    """Who scheduled the article (the last ``schedule`` step): the worker publishes in their name."""
    log = ARTICLE_FLOW.history(article).filter(transition="schedule").order_by("-at", "-id").first()
    return log.actor if log is not None else None


def publish_due(*, now: datetime.datetime | None = None, article_id: int | None = None) -> int:
    """Publish every scheduled article whose time has come (or just ``article_id``). Returns how many went live.
    An article that cannot go (a word added to the list since, the scheduler's rights gone) stays scheduled and
    is flagged as overdue."""
    from .articles import article_transition

    now = now or timezone.now()
    due = Article.objects.select_related("org").filter(state=Article.State.SCHEDULED, scheduled_at__lte=now)
    if article_id is not None:
        due = due.filter(pk=article_id)
    published = 0
    for article in due.order_by("scheduled_at", "id"):
        actor = scheduler_of(article)
        if actor is None:
            continue
        try:
            article_transition(actor=actor, article=article, transition="publish_scheduled")
        except InvalidTransition:
            continue  # published by another worker meanwhile
        except ApplicationError as exc:
            logger.warning("scheduled article %s not published: %s", article.pk, exc.code)
            continue
        published += 1
    return published


def overdue_articles(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return Article.objects.filter(state=Article.State.SCHEDULED, scheduled_at__lt=now - GRACE)


def flag_overdue(*, now: datetime.datetime | None = None) -> int:
    """Tell the author and the scheduler of each overdue article, once per scheduled time."""
    count = 0
    users = get_user_model()
    for article in overdue_articles(now).filter(overdue_flagged_at__isnull=True).select_related("author"):
        scheduler = scheduler_of(article)
        notifications.tell_overdue(article, [article.author, scheduler if isinstance(scheduler, users) else None])
        Article.objects.filter(pk=article.pk).update(overdue_flagged_at=timezone.now())
        count += 1
    return count
