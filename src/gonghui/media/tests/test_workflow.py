"""The article's process: three reviews by different people at the right levels, the word check on the way,
publishing to every channel as its own delivery, withdrawal and correction reaching every channel."""

import datetime

import pytest
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, Message
from gonghui.media import services
from gonghui.media.errors import (
    ChannelNotAllowed,
    LevelRequired,
    NotEditable,
    ProhibitedWordsFound,
    ScheduleInPast,
    SecondPersonRequired,
)
from gonghui.media.models import Article, ArticleVersion, Channel, Delivery
from gonghui.media.selectors import version_diff
from gonghui.media.services import delivery as delivery_service
from gonghui.media.workflows import ARTICLE_FLOW

from .factories import approved_article, make_article, published_article, step

pytestmark = pytest.mark.django_db


def test_three_reviews_then_publish_delivers_to_every_channel(world, django_capture_on_commit_callbacks):
    article = published_article(world, django_capture_on_commit_callbacks)
    assert article.state == Article.State.PUBLISHED and article.published_at is not None
    deliveries = list(Delivery.objects.filter(article=article).select_related("channel"))
    assert sorted(d.channel.kind for d in deliveries) == ["feed", "json", "mobile", "site"]
    assert {d.state for d in deliveries} == {Delivery.State.DELIVERED}
    steps = [(log.transition, log.actor.username) for log in ARTICLE_FLOW.history(article).order_by("id")]
    assert steps == [("create", "grassroots_officer"), ("submit", "grassroots_officer"),
                     ("pass_first", "county_officer"), ("pass_second", "prefecture_officer"),
                     ("pass_final", "province_admin"), ("publish", "county_officer")]
    assert AuditEvent.objects.filter(action="media.article.pass_second").exists()
    assert Message.objects.filter(recipient=world.user("grassroots_officer"), event="media.article_step").exists()


def test_the_author_never_reviews_or_publishes_their_own_article(world):
    article = make_article(world, author="county_officer", org=world.wuhua)
    step(world, article, "submit", "county_officer")
    with pytest.raises(SecondPersonRequired):
        step(world, article, "pass_first", "county_officer")
    step(world, article, "pass_first", "prefecture_officer")
    with pytest.raises(SecondPersonRequired):  # one person, one step of a round
        step(world, article, "pass_second", "prefecture_officer")


def test_second_review_is_taken_above_the_first(world):
    article = make_article(world)
    step(world, article, "submit", "grassroots_officer")
    step(world, article, "pass_first", "county_officer")
    county_reviewer = make_user("wuhua_reviewer", roles=[(world.wuhua, "reviewer")])
    with pytest.raises(LevelRequired):
        services.article_transition(actor=county_reviewer, article=article, transition="pass_second")
    step(world, article, "pass_second", "prefecture_officer")
    assert article.state == Article.State.FINAL_REVIEW


def test_final_review_needs_approval_over_every_chosen_channel(world):
    province_site = services.channels_for(world.province)["site"]
    own_site = services.channels_for(world.wuhua)["site"]
    article = make_article(world, org=world.wuhua, author="prefecture_officer",
                           channel_ids=[own_site.pk, province_site.pk])
    step(world, article, "submit", "prefecture_officer")
    step(world, article, "pass_first", "county_officer")
    reviewer = make_user("kunming_reviewer", roles=[(world.kunming, "reviewer")])
    services.article_transition(actor=reviewer, article=article, transition="pass_second")
    county_admin = make_user("wuhua_admin2", roles=[(world.wuhua, "org_admin")])
    with pytest.raises(ChannelNotAllowed):  # the province's channel: the province approves
        services.article_transition(actor=county_admin, article=article, transition="pass_final")
    step(world, article, "pass_final", "province_admin")
    assert article.state == Article.State.APPROVED


def test_channels_below_the_newsroom_are_reached_only_by_pushing_down(world):
    below = services.channels_for(world.wuhua_union)["site"]
    with pytest.raises(ChannelNotAllowed):
        make_article(world, org=world.wuhua, author="county_officer", channel_ids=[below.pk])


def test_scope_and_permissions(world):
    article = make_article(world)
    with pytest.raises(NotFound):
        step(world, article, "submit", "sibling_officer")
    with pytest.raises(NotFound):
        make_article(world, author="staff_no_role")
    step(world, article, "submit", "grassroots_officer")
    viewer = make_user("wuhua_viewer", roles=[(world.wuhua, "viewer")])
    with pytest.raises(PermissionDenied):
        services.article_transition(actor=viewer, article=article, transition="pass_first")


def test_prohibited_words_stop_the_article_and_sensitive_ones_are_shown(world):
    services.word_add(actor=world.user("province_admin"), org=world.province, word="赌博")
    services.word_add(actor=world.user("province_admin"), org=world.province, word="罢工", severity="sensitive")
    article = make_article(world, body="<p>严禁赌博。</p><p>关于罢工的传闻不实。</p>")
    report = services.word_check(org_path=article.org.path, title=article.title, text=article.body_text)
    assert [(h.word, h.severity) for h in report.hits] == [("赌博", "prohibited"), ("罢工", "sensitive")]
    assert article.body_text[report.hits[0].start:report.hits[0].end] == "赌博"
    with pytest.raises(ProhibitedWordsFound):
        step(world, article, "submit", "grassroots_officer")
    services.article_update(actor=world.user("grassroots_officer"), article=article, title=article.title,
                            body="<p>关于罢工的传闻不实。</p>")
    step(world, article, "submit", "grassroots_officer")  # a sensitive word alone does not stop it
    # a word added by a county applies to its subtree only
    services.word_add(actor=world.user("sibling_officer"), org=world.panlong, word="送清凉")
    assert not services.word_check(org_path=world.wuhua_union.path, title="送清凉").hits


def test_versions_are_kept_and_compared(world):
    article = make_article(world)
    services.article_update(actor=world.user("grassroots_officer"), article=article, title="新标题",
                            body="<p>五华区总工会开展送清凉活动。</p><p>新增一段。</p>", note="补充")
    assert list(ArticleVersion.objects.filter(article=article).values_list("number", flat=True)) == [2, 1]
    _a, _b, diff = version_diff(article, 1, 2)
    assert ("removed", "五华区开展送清凉活动") in [(d.kind, d.text) for d in diff]
    assert ("added", "新标题") in [(d.kind, d.text) for d in diff]
    assert ("added", "新增一段。") in [(d.kind, d.text) for d in diff]
    step(world, article, "submit", "grassroots_officer")
    with pytest.raises(NotEditable):
        services.article_update(actor=world.user("grassroots_officer"), article=article, title="x")


def test_return_to_draft_starts_a_new_round(world):
    article = make_article(world)
    step(world, article, "submit", "grassroots_officer")
    step(world, article, "pass_first", "county_officer")
    step(world, article, "return_to_draft", "prefecture_officer", comment="请补充图片")
    assert article.state == Article.State.DRAFT
    step(world, article, "submit", "grassroots_officer")
    step(world, article, "pass_first", "county_officer")  # a new round: the same first reviewer again


def county_article_published(world, django_capture_on_commit_callbacks) -> Article:
    """An article of the Wuhua county federation, reviewed by Wuhua, Kunming and the province."""
    article = make_article(world, org=world.wuhua, author="county_officer")
    step(world, article, "submit", "county_officer")
    reviewer = make_user("wuhua_reviewer", roles=[(world.wuhua, "reviewer")])
    services.article_transition(actor=reviewer, article=article, transition="pass_first")
    step(world, article, "pass_second", "prefecture_officer")
    step(world, article, "pass_final", "province_admin")
    with django_capture_on_commit_callbacks(execute=True):
        step(world, article, "publish", "province_admin")
    return article


def test_withdrawal_and_correction_reach_every_channel(world, django_capture_on_commit_callbacks):
    article = county_article_published(world, django_capture_on_commit_callbacks)
    with pytest.raises(ChannelNotAllowed):  # only below
        services.article_push_down(actor=world.user("province_admin"), article=article, orgs=[world.kunming])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_push_down(actor=world.user("county_officer"), article=article,
                                   orgs=[world.wuhua_union, world.wuhua_union2])
    assert Delivery.objects.filter(article=article, state="delivered").count() == 12
    pushed = Delivery.objects.filter(article=article, channel__org=world.wuhua_union2).first()
    assert pushed.pushed_by_org == world.wuhua
    with django_capture_on_commit_callbacks(execute=True):
        services.article_correct(actor=world.user("province_admin"), article=article, title="更正后的标题",
                                 body="<p>更正。</p>", comment="错别字")
    assert set(Delivery.objects.filter(article=article).values_list("state", "version")) == {("delivered", 2)}
    with pytest.raises(SecondPersonRequired):
        services.article_correct(actor=world.user("county_officer"), article=article, title="x")
    with django_capture_on_commit_callbacks(execute=True):
        step(world, article, "withdraw", "province_admin", comment="撤稿")
    assert set(Delivery.objects.filter(article=article).values_list("state", flat=True)) == {"withdrawn"}


def test_one_failing_channel_never_blocks_the_others(world, django_capture_on_commit_callbacks, monkeypatch):
    def broken(delivery, article):
        raise TimeoutError("the account's server did not answer")

    monkeypatch.setitem(delivery_service.ADAPTERS, Channel.Kind.WECHAT, broken)
    wechat = services.channels_for(world.wuhua_union)["wechat"]
    own = services.channels_for(world.wuhua_union)
    ids = [own[k].pk for k in ("site", "mobile")] + [wechat.pk]
    article = published_article(world, django_capture_on_commit_callbacks, channel_ids=ids)
    states = dict(Delivery.objects.filter(article=article).values_list("channel__kind", "state"))
    assert states == {"site": "delivered", "mobile": "delivered", "wechat": "failed"}
    failed = Delivery.objects.get(article=article, channel=wechat)
    assert failed.attempts == delivery_service.MAX_ATTEMPTS and "TimeoutError" in failed.error
    assert Message.objects.filter(event="media.delivery_failed").count() == 1
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        delivery_service.delivery_retry(delivery=failed)
    failed.refresh_from_db()
    assert failed.state == "delivered" and "<section" in failed.export_html


def test_pick_up_credits_the_source(world, django_capture_on_commit_callbacks):
    source = published_article(world, django_capture_on_commit_callbacks)
    copy = services.article_pick_up(actor=world.user("province_admin"), source=source, org=world.province)
    assert copy.state == Article.State.DRAFT and copy.origin == source
    assert copy.origin_credit == world.wuhua_union.name


def test_scheduled_publishing_and_the_overdue_flag(world):
    article = approved_article(world)
    with pytest.raises(ScheduleInPast):
        step(world, article, "schedule", "county_officer", publish_at=timezone.now() - datetime.timedelta(hours=1))
    due = timezone.now() + datetime.timedelta(hours=1)
    step(world, article, "schedule", "county_officer", publish_at=due)
    assert services.publish_due() == 0  # not yet
    assert services.flag_overdue(now=due + datetime.timedelta(minutes=10)) == 1
    assert services.flag_overdue(now=due + datetime.timedelta(minutes=20)) == 0  # told once
    told = set(Message.objects.filter(event="media.article_overdue").values_list("recipient__username", flat=True))
    assert told == {"grassroots_officer", "county_officer"}
    assert services.publish_due(now=due + datetime.timedelta(seconds=1)) == 1
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED
    last = ARTICLE_FLOW.history(article).order_by("-id").first()
    assert (last.transition, last.actor.username) == ("publish_scheduled", "county_officer")


def test_double_publish_is_refused(world):
    article = approved_article(world)
    step(world, article, "publish", "county_officer")
    with pytest.raises(InvalidTransition):
        step(world, Article.objects.get(pk=article.pk), "publish", "province_admin")
