"""Articles, their versions and comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup


class Category(models.TextChoices):
    NEWS = "news", _("News")
    NOTICE = "notice", _("Notice")
    POLICY = "policy", _("Policy explainer")
    MODEL_WORKER = "model_worker", _("Model workers and craftsmen")


class Article(OrgScopedModel):
    """One article of one organisation's newsroom. ``body`` is HTML already sanitised (media.sanitize) and
    ``body_text`` its text, which the word check and search read. The state moves only through ARTICLE_FLOW."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FIRST_REVIEW = "first_review", _("First review (初审)")
        SECOND_REVIEW = "second_review", _("Second review (复审)")
        FINAL_REVIEW = "final_review", _("Final review (终审)")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    title_pinyin = models.CharField(max_length=800, blank=True, editable=False)
    title_initials = models.CharField(max_length=200, blank=True, editable=False)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    body_text = models.TextField(blank=True, editable=False)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.NEWS)
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separated by commas."))
    video_url = models.URLField(_("video link"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    author_name = models.CharField(_("byline"), max_length=60, blank=True)
    cover = models.JSONField(_("cover image"), default=dict, blank=True,
                             help_text=_("The cover stored at the widths pages ask for."))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    channels = models.ManyToManyField("media.Channel", related_name="+", blank=True,
                                      verbose_name=_("channels"))
    scheduled_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="pickups",
                               verbose_name=_("picked up from"))
    origin_credit = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "scheduled_at"], name="media_article_schedule"),
            models.Index(fields=["state", "-published_at"], name="media_article_published"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(state="scheduled") | Q(scheduled_at__isnull=False),
                                   name="media_scheduled_has_time"),
        ]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]


class ArticleVersion(ScopedByLookup, models.Model):
    """The article as it was saved, every time: the full history that two versions are compared from."""

    scope_path_lookup = "article__org__path"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    title_pinyin = models.CharField(max_length=800, blank=True, editable=False)
    title_initials = models.CharField(max_length=200, blank=True, editable=False)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="media_version_once")]

    def __str__(self):
        return f"{self.title} (v{self.number})"


class ArticleComment(ScopedByLookup, models.Model):
    """A newsroom comment on an article (reviewers' remarks, editors' answers)."""

    scope_path_lookup = "article__org__path"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:40]
