"""What the newsroom tells people: the author, when their article moves a step (returned, approved, published,
withdrawn) or when its scheduled time passed without it going live; the editor who scheduled it, the same."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import STAFF, Event, notify, register_event

ARTICLE_STEP = "media.article_step"
ARTICLE_OVERDUE = "media.article_overdue"
DELIVERY_FAILED = "media.delivery_failed"


def _labels(context: dict) -> dict:
    from .workflows import ARTICLE_FLOW

    return {**context, "state_label": ARTICLE_FLOW.state_label(context.get("state", ""))}


def register() -> None:
    register_event(Event(
        ARTICLE_STEP, _("Article moved"), _("Your article “%(title)s” is now: %(state_label)s"),
        _("%(comment)s"), audience=STAFF, prepare=_labels,
        example={"title": "五华区开展送清凉活动", "state": "draft", "comment": "请补充图片说明"}))
    register_event(Event(
        ARTICLE_OVERDUE, _("Scheduled article not live"),
        _("“%(title)s” was due at %(due)s and is not live yet"),
        _("Open the newsroom to publish it now or schedule it again."), audience=STAFF,
        example={"title": "五华区开展送清凉活动", "due": "2026-12-04 08:00"}))
    register_event(Event(
        DELIVERY_FAILED, _("Channel delivery failed"),
        _("“%(title)s” could not be delivered to %(channel)s"),
        _("The last error: %(error)s"), audience=STAFF,
        example={"title": "五华区开展送清凉活动", "channel": "五华区总工会 微信公众号", "error": "timeout"}))


def _link(article) -> str:
    return reverse("media:article_detail", args=[article.pk])


def tell_author(article, comment: str = "") -> None:
    notify(article.author, ARTICLE_STEP, article, {"title": article.title, "state": article.state,
                                                  "comment": comment[:200]}, link=_link(article))


def tell_overdue(article, recipients) -> None:
    due = article.scheduled_at.strftime("%Y-%m-%d %H:%M") if article.scheduled_at else ""
    for user in {u.pk: u for u in recipients if u is not None}.values():
        notify(user, ARTICLE_OVERDUE, article, {"title": article.title, "due": due}, link=_link(article),
               key=f"media.overdue.{article.pk}.{due}")


def tell_delivery_failed(delivery) -> None:
    article = delivery.article
    notify(article.author, DELIVERY_FAILED, article, {"title": article.title, "channel": delivery.channel.name,
                                                      "error": delivery.error[:120]}, link=_link(article),
           key=f"media.failed.{delivery.pk}.{delivery.version}")
