"""Figures of the newsroom, registered with core.indicators (imported from MediaConfig.ready).

Articles published are counted by the day they went live and the organisation that wrote them (withdrawn later
or not), in all and by the writer's level. Deliveries are counted by the day they went live on a channel and the
channel's organisation, so an article pushed down to a county counts there too. Reads are the readers who opened
an article through a channel, placed on the day the article went live on it (reads carry no date of their own)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import Article, Channel, Delivery
from .roles import MEDIA_VIEW

LEVELS = (("province", _("Province federation")), ("prefecture", _("Prefecture / city federation")),
          ("county", _("County / district federation")), ("grassroots", _("Grassroots union")))


def _published(**filters):
    return lambda: Article.objects.filter(published_at__isnull=False, **filters)


def _delivered(**filters):
    return lambda: Delivery.objects.filter(delivered_at__isnull=False, **filters)


def register() -> None:
    register_indicator(Indicator(
        "media.published", _("Articles published"),
        _("Articles of newsrooms in the subtree that went live, by the day they were published (withdrawn later "
          "or not)."), Unit.ITEMS, Aggregation.COUNT, MEDIA_VIEW, rows=_published(), when="published_at"))
    for level, label in LEVELS:
        register_indicator(Indicator(
            f"media.published_{level}", format_lazy(_("Articles published: {level}"), level=label),
            format_lazy(_("Articles published (as “Articles published”) by newsrooms at the level “{level}”."),
                        level=label),
            Unit.ITEMS, Aggregation.COUNT, MEDIA_VIEW, rows=_published(org__level=level), when="published_at"))
    for kind, label in Channel.Kind.choices:
        register_indicator(Indicator(
            f"media.delivered_{kind}", format_lazy(_("Articles on channels: {kind}"), kind=label),
            format_lazy(_("Articles that went live on the “{kind}” channels of organisations in the subtree "
                          "(pushed-down ones included), by the day they went live there."), kind=label),
            Unit.ITEMS, Aggregation.COUNT, MEDIA_VIEW, rows=_delivered(channel__kind=kind),
            org_path="channel__org__path", when="delivered_at"))
        register_indicator(Indicator(
            f"media.reads_{kind}", format_lazy(_("Reads: {kind}"), kind=label),
            format_lazy(_("Readers who opened an article through the “{kind}” channels of organisations in the "
                          "subtree, placed on the day the article went live there."), kind=label),
            Unit.PERSON_TIMES, Aggregation.SUM, MEDIA_VIEW, rows=_delivered(channel__kind=kind),
            org_path="channel__org__path", when="delivered_at", field="reads"))
    register_indicator(Indicator(
        "media.reads", _("Article reads"),
        _("Readers who opened an article on any channel of organisations in the subtree, placed on the day the "
          "article went live there."), Unit.PERSON_TIMES, Aggregation.SUM, MEDIA_VIEW, rows=_delivered(),
        org_path="channel__org__path", when="delivered_at", field="reads"))
