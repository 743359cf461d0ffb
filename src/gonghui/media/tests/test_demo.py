"""The newsroom's demo part at the small scale: about a hundred articles in every state across the tree, live on
their channels with reads, covers drawn by Pillow, one scheduled post past its time (the flag has something to
show), and a word list."""

import pytest

from gonghui.core import demo
from gonghui.media.demo.build import ARTICLES, build_articles
from gonghui.media.models import Article, Channel, Delivery, ProhibitedWord
from gonghui.media.selectors import overdue, publishing_orgs

pytestmark = pytest.mark.django_db


def test_small_demo(world):
    ctx = demo.DemoContext(scale="small", progress=lambda _line: None)
    ctx.shared["province"] = world.province
    build_articles(ctx)
    assert Article.objects.count() == ARTICLES["small"]
    states = set(Article.objects.values_list("state", flat=True))
    assert {"published", "draft", "scheduled"} <= states
    assert Delivery.objects.filter(state="delivered", reads__gt=0).exists()
    assert Delivery.objects.exclude(pushed_by_org=None).exists()  # pushed down from the province
    assert Article.objects.exclude(cover={}).exists()
    assert ProhibitedWord.objects.filter(severity="prohibited").exists()
    assert overdue(world.user("province_admin")).exists()
    assert publishing_orgs(Channel.Kind.SITE).count() >= 5
