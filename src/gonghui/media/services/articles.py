"""Writing and moving articles. Every state change goes through core.workflow (gate, history, audit); the
rules the kit's gate does not know are here: a second person for every review step and for publishing, the
second review at a level above the first, approval and publishing only by someone who holds the permission over
every chosen channel's organisation, and no prohibited word on the way to the public."""

import datetime

from django.db import transaction
from django.utils import timezone

from gonghui.core import audit, scope, workflow
from gonghui.core.errors import InvalidTransition, ValidationFailed
from gonghui.core.pinyin import pinyin_keys

from .. import notifications, sanitize
from ..errors import (
    ChannelNotAllowed,
    LevelRequired,
    NoChannels,
    NotEditable,
    ScheduleInPast,
    SecondPersonRequired,
)
from ..models import Article, ArticleComment, ArticleVersion, Channel
from ..roles import MEDIA_APPROVE, MEDIA_EDIT, MEDIA_PUBLISH, MEDIA_REVIEW, MEDIA_VIEW
from ..workflows import ARTICLE_FLOW, REVIEW_STEPS, round_logs
from . import delivery, words
from .channels import channels_for

EDITABLE = {Article.State.DRAFT}


def _clean_fields(title: str, summary: str, body: str) -> dict:
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(field="title")
    safe = sanitize.clean_html(body)
    full, initials = pinyin_keys(title[:200])
    return {"title": title[:200], "title_pinyin": full[:800], "title_initials": initials[:200],
            "summary": (summary or "").strip()[:500], "body": safe, "body_text": sanitize.text_of(safe)}


def _version(article: Article, actor, note: str = "") -> ArticleVersion:
    return ArticleVersion.objects.create(article=article, number=article.version, title=article.title,
                                         summary=article.summary, body=article.body, editor=actor, note=note[:200])


def _set_channels(article: Article, actor, channel_ids) -> None:
    """The channels an article is meant for: the organisation's own (any kind) and those of the levels above it
    that the writer may publish to. An empty choice means the organisation's site, mobile pages and feeds."""
    if channel_ids is None:
        own = channels_for(article.org)
        chosen = [own[k] for k in (Channel.Kind.SITE, Channel.Kind.MOBILE, Channel.Kind.FEED, Channel.Kind.JSON)]
    else:
        chosen = list(Channel.objects.select_related("org").filter(pk__in=list(channel_ids), active=True))
        if len(chosen) != len(set(channel_ids)):
            raise ChannelNotAllowed(field="channels")
        for channel in chosen:
            # its own organisation's channels and those of the levels above it (approval there is checked at
            # the final review); channels below are reached by pushing a published article down
            if not article.org.path.startswith(channel.org.path):
                raise ChannelNotAllowed(field="channels")
    if not chosen:
        raise NoChannels(field="channels")
    article.channels.set(chosen)


def article_create(*, actor, org, title: str, summary: str = "", body: str = "", category: str = "news",
                   tags: str = "", video_url: str = "", author_name: str = "", channel_ids=None,
                   origin: Article | None = None, origin_credit: str = "") -> Article:
    scope.require(actor, MEDIA_EDIT, org)
    fields = _clean_fields(title, summary, body)
    with transaction.atomic():
        article = Article.objects.create(org=org, author=actor, category=category, tags=tags[:200],
                                         video_url=video_url, author_name=author_name[:60], origin=origin,
                                         origin_credit=origin_credit[:200], **fields)
        _set_channels(article, actor, channel_ids)
        _version(article, actor)
        ARTICLE_FLOW.start(article, actor=actor)
        audit.record("media.article.create", actor=actor, obj=article)
    return article


def article_update(*, actor, article: Article, title: str, summary: str = "", body: str = "", category: str = "",
                   tags: str = "", video_url: str = "", author_name: str = "", channel_ids=None,
                   note: str = "") -> Article:
    """A new version of a draft (a published article is changed with ``article_correct``)."""
    scope.require(actor, MEDIA_EDIT, article)
    fields = _clean_fields(title, summary, body)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.state not in EDITABLE:
            raise NotEditable()
        fields.update(category=category or locked.category, tags=tags[:200], video_url=video_url,
                      author_name=author_name[:60], version=locked.version + 1)
        for name, value in fields.items():
            setattr(article, name, value)
        article.save(update_fields=[*fields, "updated_at"])
        if channel_ids is not None:
            _set_channels(article, actor, channel_ids)
        _version(article, actor, note)
        audit.record("media.article.update", actor=actor, obj=article, detail={"version": article.version})
    return article


def _second_review_level(actor, article: Article) -> None:
    """复审 is taken at a level above the one where 初审 was taken (a county reviews first, its prefecture
    second); at the top of the tree another reviewer of the same level will do."""
    first = next((log for log in reversed(round_logs(article)) if log.transition == "pass_first"), None)
    if first is None or first.actor is None:
        return
    first_path = workflow.acting_path(first.actor, article.scope_path, MEDIA_REVIEW)
    if first_path is None:
        return
    if not workflow.levels_above(actor, article.scope_path, first_path, MEDIA_REVIEW):
        raise LevelRequired()


def _channels_allowed(actor, article: Article, permission: str) -> list[Channel]:
    """Every chosen channel's organisation must be one where the actor holds ``permission``: the province's
    final reviewer approves what goes to provincial channels."""
    chosen = list(article.channels.select_related("org"))
    if not chosen:
        raise NoChannels()
    for channel in chosen:
        if not scope.has_perm(actor, permission, channel.org.path):
            raise ChannelNotAllowed()
    return chosen


def article_transition(*, actor, article: Article, transition: str, comment: str = "",
                       publish_at: datetime.datetime | None = None) -> Article:
    """One step of ARTICLE_FLOW with the newsroom's rules; publishing starts a delivery job per channel."""
    step = ARTICLE_FLOW.transition(transition)
    scope.require(actor, step.permission, article)  # 404 out of sight, 403 without the step's permission
    if article.state not in step.sources:
        raise InvalidTransition()  # before the newsroom's rules: a step that cannot be taken now is a conflict
    ARTICLE_FLOW.check(actor, article, step)  # the kit's gate again, with its four eyes (audited when refused)
    extra = {}
    if transition == "pass_second":
        _second_review_level(actor, article)
    if transition in ("submit", *REVIEW_STEPS, "publish", "schedule", "publish_scheduled"):
        words.require_clean(article)
    if transition == "pass_final":
        _channels_allowed(actor, article, MEDIA_APPROVE)
    if transition in ("publish", "schedule"):
        _channels_allowed(actor, article, MEDIA_PUBLISH)
    if transition == "schedule":
        if publish_at is None or publish_at <= timezone.now():
            raise ScheduleInPast(field="publish_at")
        extra.update(scheduled_at=publish_at, overdue_flagged_at=None)
    if transition in ("publish", "publish_scheduled"):
        extra["published_at"] = timezone.now()
    with transaction.atomic():
        workflow.apply(article, transition, actor=actor, flow=ARTICLE_FLOW, comment=comment[:500], **extra)
        if transition in ("publish", "publish_scheduled"):
            delivery.deliver_to(article, list(article.channels.all()))
        elif transition == "withdraw":
            delivery.withdraw_everywhere(article)
        elif transition == "schedule":
            delivery.enqueue_scheduled(article)
        if transition != "submit" and actor.pk != article.author_id:
            notifications.tell_author(article, comment)
    return article


def article_correct(*, actor, article: Article, title: str, summary: str = "", body: str = "",
                    comment: str = "") -> Article:
    """A correction of a published article: a new version, checked for words, delivered again to every channel
    the article went to (pushed-down ones included). Taken by a publisher other than the author."""
    scope.require(actor, MEDIA_PUBLISH, article)
    if actor.pk == article.author_id:
        raise SecondPersonRequired()
    fields = _clean_fields(title, summary, body)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.state != Article.State.PUBLISHED:
            raise NotEditable()
        probe = Article(org=article.org, **{k: v for k, v in fields.items()})
        words.require_clean(probe)
        fields["version"] = locked.version + 1
        for name, value in fields.items():
            setattr(article, name, value)
        article.save(update_fields=[*fields, "updated_at"])
        _version(article, actor, comment or "correction")
        ARTICLE_FLOW._log(article, "correct", article.state, article.state, actor, comment[:500])
        audit.record("media.article.correct", actor=actor, obj=article, detail={"version": article.version})
        delivery.redeliver_everywhere(article)
        notifications.tell_author(article, comment)
    return article


def article_push_down(*, actor, article: Article, orgs) -> int:
    """Put a published article on the channels (site, mobile, feeds) of organisations below its own, credited to
    the organisation that pushed it. Returns how many channels it was added to."""
    scope.require(actor, MEDIA_PUBLISH, article)
    if article.state != Article.State.PUBLISHED:
        raise NotEditable()
    targets = []
    for org in orgs:
        if org.pk == article.org_id or not org.path.startswith(article.org.path):
            raise ChannelNotAllowed(field="orgs")
        scope.require(actor, MEDIA_PUBLISH, org)
        own = channels_for(org)
        targets += [own[k] for k in (Channel.Kind.SITE, Channel.Kind.MOBILE, Channel.Kind.FEED, Channel.Kind.JSON)]
    with transaction.atomic():
        added = delivery.deliver_to(article, targets, pushed_by=article.org)
        ARTICLE_FLOW._log(article, "push_down", article.state, article.state, actor,
                          "、".join(o.name for o in orgs)[:500])
        audit.record("media.article.push_down", actor=actor, obj=article, detail={"orgs": [o.pk for o in orgs]})
    return added


def article_pick_up(*, actor, source: Article, org) -> Article:
    """Take a published article of another organisation into this newsroom as a new draft, with its source
    named; it goes through this newsroom's own review."""
    if source.state != Article.State.PUBLISHED:
        raise NotEditable()
    credit = f"{source.org.name}"
    with transaction.atomic():
        article = article_create(actor=actor, org=org, title=source.title, summary=source.summary,
                                 body=source.body, category=source.category, tags=source.tags,
                                 video_url=source.video_url, author_name=source.author_name, origin=source,
                                 origin_credit=credit)
        audit.record("media.article.pick_up", actor=actor, obj=article, detail={"source": source.pk})
    return article


def comment_add(*, actor, article: Article, text: str) -> ArticleComment:
    scope.require(actor, MEDIA_VIEW, article)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(field="text")
    with transaction.atomic():
        comment = ArticleComment.objects.create(article=article, author=actor, text=text[:2000])
        audit.record("media.article.comment", actor=actor, obj=article)
    return comment


def cover_upload(*, actor, article: Article, upload) -> Article:
    from .. import images

    scope.require(actor, MEDIA_EDIT, article)
    if article.state not in EDITABLE:
        raise NotEditable()
    stored = images.store_cover(article.pk, upload)
    with transaction.atomic():
        article.cover = stored
        article.save(update_fields=["cover", "updated_at"])
        audit.record("media.article.cover", actor=actor, obj=article)
    return article
