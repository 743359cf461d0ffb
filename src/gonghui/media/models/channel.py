"""Channels of each organisation, the delivery of an article to one channel, and the word list."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup


class Channel(OrgScopedModel):
    """One outlet of one organisation. Every organisation that publishes has one channel of each kind (created on
    first use by ``services.channels_for``); the site and mobile channels are its pages under /news/ and /m/news/."""

    class Kind(models.TextChoices):
        SITE = "site", _("Public website")
        MOBILE = "mobile", _("Mobile pages")
        FEED = "feed", _("RSS and Atom feeds")
        JSON = "json", _("JSON feed")
        WECHAT = "wechat", _("WeChat official account export")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["org_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["org", "kind"], name="media_channel_one_per_kind")]

    def __str__(self):
        return self.name


class Delivery(ScopedByLookup, models.Model):
    """An article on one channel: its own retried job (``tasks.deliver``). A failing channel keeps its error here
    and never holds up the others. ``reads`` counts the readers who opened the article through this channel."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be delivered")
        DELIVERED = "delivered", _("Live")
        FAILED = "failed", _("Failed")
        WITHDRAWING = "withdrawing", _("Being withdrawn")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    scope_path_lookup = "article__org__path"

    article = models.ForeignKey("media.Article", on_delete=models.CASCADE, related_name="deliveries")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="deliveries")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    version = models.PositiveIntegerField(_("version delivered"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    pushed_by_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("pushed down by"))
    export_html = models.TextField(_("exported HTML"), blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    reads = models.PositiveIntegerField(_("reads"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["channel__org_id", "channel__kind"]
        constraints = [models.UniqueConstraint(fields=["article", "channel"], name="media_delivery_once")]
        indexes = [models.Index(fields=["channel", "state", "delivered_at"], name="media_delivery_live")]

    def __str__(self):
        return f"{self.article_id} → {self.channel_id}"


class ProhibitedWord(OrgScopedModel):
    """A word that may not appear (prohibited: publishing is refused) or should be looked at (sensitive: shown to
    the reviewers). A word kept by an organisation applies to the articles of its whole subtree."""

    class Severity(models.TextChoices):
        PROHIBITED = "prohibited", _("Prohibited")
        SENSITIVE = "sensitive", _("Sensitive")

    word = models.CharField(_("word"), max_length=50)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices,
                                default=Severity.PROHIBITED)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("prohibited word")
        verbose_name_plural = _("prohibited words")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(fields=["org", "word"], name="media_word_once_per_org"),
            models.CheckConstraint(condition=~Q(word=""), name="media_word_not_empty"),
        ]

    def __str__(self):
        return self.word
