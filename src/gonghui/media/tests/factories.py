"""Test helpers for the newsroom (usable by other apps' tests): an article written, taken through the three
reviews and published by different people of the test world."""

from gonghui.media import services
from gonghui.media.models import Article

BODY = "<p>五华区总工会开展送清凉活动。</p><p>为环卫工人送去防暑物品。</p>"
# (step, who takes it) for an article of the Wuhua grassroots union written by its officer
REVIEWS = (("pass_first", "county_officer"), ("pass_second", "prefecture_officer"),
           ("pass_final", "province_admin"))


def make_article(world, *, org=None, author="grassroots_officer", title="五华区开展送清凉活动", body=BODY,
                 **kwargs) -> Article:
    return services.article_create(actor=world.user(author), org=org or world.wuhua_union, title=title,
                                   summary=kwargs.pop("summary", "送清凉"), body=body, **kwargs)


def step(world, article, name, who, **kwargs) -> Article:
    return services.article_transition(actor=world.user(who), article=article, transition=name, **kwargs)


def approved_article(world, **kwargs) -> Article:
    article = make_article(world, **kwargs)
    step(world, article, "submit", kwargs.get("author", "grassroots_officer"))
    for name, who in REVIEWS:
        step(world, article, name, who)
    return article


def published_article(world, django_capture_on_commit_callbacks, **kwargs) -> Article:
    article = approved_article(world, **kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        step(world, article, "publish", "county_officer")
    article.refresh_from_db()
    return article


def indicator_rows(holders, persons, rng, day, *, moment, world, **_context) -> None:
    """Rows for tests/test_indicators.py: articles of every level, some still drafts, delivered to each of their
    organisation's channels at ``moment(rng)`` with some reads."""
    from .. import services
    from ..models import Article, Delivery

    admin = world.user("province_admin")
    for i, org in enumerate([world.province, world.kunming, *holders] * 2):
        live = i % 5 != 3
        article = Article.objects.create(org=org, author=admin, title=f"指标稿件{i}",
                                         state="published" if live else "draft",
                                         published_at=moment(rng) if live else None)
        for channel in services.channels_for(org).values() if live else ():
            Delivery.objects.create(article=article, channel=channel, state="delivered", delivered_at=moment(rng),
                                    reads=rng.randrange(0, 40))
