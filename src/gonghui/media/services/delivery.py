"""Delivery of an article to its channels: one ``Delivery`` row and one retried job per channel, so a failing
channel never holds the others up and keeps its error where the newsroom sees it. Withdrawals and corrections
go out the same way to every channel the article reached."""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import notifications, wechat
from ..models import Article, Channel, Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE = datetime.timedelta(seconds=30)  # 30 s, 1 min, 2 min, 4 min between attempts


def _pages(delivery: Delivery, article: Article) -> str:
    """The site, mobile and feed channels are read from the database by their pages: delivering is making the
    version live on the channel. Nothing is kept but the state."""
    return ""


# The outlet of each kind: (delivery, article) -> the HTML kept for the channel ("" when the pages render it).
# Raising fails this channel's attempt and schedules a retry.
ADAPTERS = {
    Channel.Kind.SITE: _pages,
    Channel.Kind.MOBILE: _pages,
    Channel.Kind.FEED: _pages,
    Channel.Kind.JSON: _pages,
    Channel.Kind.WECHAT: lambda delivery, article: wechat.export_html(article),
}


def _enqueue(ids, *, delay: datetime.timedelta | None = None) -> None:
    if not ids:
        return
    ids = list(ids)

    def send():
        from django_tasks import default_task_backend

        from .. import tasks

        task = tasks.deliver
        if delay is not None and default_task_backend.supports_defer:
            task = task.using(run_after=timezone.now() + delay)
        for delivery_id in ids:
            task.enqueue(delivery_id)

    transaction.on_commit(send)


def deliver_to(article: Article, channels, *, pushed_by=None) -> int:
    """Deliveries of ``article`` to ``channels`` (new ones, and those withdrawn before, again), each enqueued."""
    existing = {d.channel_id: d for d in Delivery.objects.filter(article=article)}
    new = [Delivery(article=article, channel=c, pushed_by_org=pushed_by) for c in {c.pk: c for c in channels}.values()
           if c.pk not in existing]
    Delivery.objects.bulk_create(new)
    again = [d.pk for c in channels if (d := existing.get(c.pk)) is not None
             and d.state in (Delivery.State.WITHDRAWN, Delivery.State.FAILED, Delivery.State.WITHDRAWING)]
    if again:
        Delivery.objects.filter(pk__in=again).update(state=Delivery.State.PENDING, attempts=0, error="")
    ids = [d.pk for d in Delivery.objects.filter(article=article, state=Delivery.State.PENDING)
           .filter(channel__in=[c.pk for c in channels])]
    _enqueue(ids)
    return len(new)


def withdraw_everywhere(article: Article) -> None:
    rows = Delivery.objects.filter(article=article).exclude(state=Delivery.State.WITHDRAWN)
    ids = list(rows.values_list("pk", flat=True))
    rows.update(state=Delivery.State.WITHDRAWING, attempts=0, error="")
    _enqueue(ids)


def redeliver_everywhere(article: Article) -> None:
    """A correction: every channel the article is on (or failed on) gets the new version."""
    rows = Delivery.objects.filter(article=article, state__in=[Delivery.State.DELIVERED, Delivery.State.FAILED,
                                                                Delivery.State.PENDING])
    ids = list(rows.values_list("pk", flat=True))
    rows.update(state=Delivery.State.PENDING, attempts=0, error="")
    _enqueue(ids)


def enqueue_scheduled(article: Article) -> None:
    """The job that publishes a scheduled article at its time (the worker holds it until then)."""
    article_id, when = article.pk, article.scheduled_at

    def send():
        from django_tasks import default_task_backend

        from .. import tasks

        task = tasks.publish_scheduled
        if default_task_backend.supports_defer:
            task = task.using(run_after=when)
            task.enqueue(article_id)
        # without a deferring backend (tests' immediate one) the sweep (`gonghui media_publish_due`) publishes it

    transaction.on_commit(send)


def delivery_run(delivery_id: int) -> str:
    """One attempt of one delivery (the job). Idempotent: a delivery already live or withdrawn is left alone.
    Returns the state it ends in."""
    retry = False
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(of=("self",))
                    .select_related("article", "article__org", "channel", "channel__org")
                    .filter(pk=delivery_id).first())
        if delivery is None:
            return ""
        article = delivery.article
        if delivery.state == Delivery.State.WITHDRAWING:
            delivery.state, delivery.export_html = Delivery.State.WITHDRAWN, ""
            delivery.save(update_fields=["state", "export_html", "updated_at"])
            return delivery.state
        if delivery.state != Delivery.State.PENDING:
            return delivery.state
        if article.state != Article.State.PUBLISHED:
            return delivery.state  # withdrawn meanwhile: the withdrawal job settles it
        delivery.attempts += 1
        try:
            html = ADAPTERS[delivery.channel.kind](delivery, article)
        except Exception as exc:  # any failure of an outlet is this channel's, recorded and retried
            logger.warning("media delivery %s to channel %s failed: %s", delivery.pk, delivery.channel_id,
                           type(exc).__name__)
            delivery.error = f"{type(exc).__name__}: {exc}"[:300]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.state = Delivery.State.FAILED
                notifications.tell_delivery_failed(delivery)
            else:
                retry = True
        else:
            delivery.state, delivery.export_html, delivery.error = Delivery.State.DELIVERED, html, ""
            delivery.version, delivery.delivered_at = article.version, timezone.now()
        delivery.save(update_fields=["state", "attempts", "error", "export_html", "version", "delivered_at",
                                     "updated_at"])
        if retry:
            _enqueue([delivery.pk], delay=RETRY_BASE * (2 ** (delivery.attempts - 1)))
    return delivery.state


def delivery_retry(*, delivery: Delivery) -> None:
    """Try a failed channel again (from the article page): the attempts start over."""
    with transaction.atomic():
        if Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.FAILED).update(
                state=Delivery.State.PENDING, attempts=0, error=""):
            _enqueue([delivery.pk])


def record_read(delivery: Delivery) -> None:
    """One more reader through this channel (a single UPDATE, safe under concurrent readers)."""
    Delivery.objects.filter(pk=delivery.pk).update(reads=F("reads") + 1)
