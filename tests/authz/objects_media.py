"""The newsroom objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in Panlong.
Keys are the ``obj`` names used in routes_media.py."""

from gonghui.media.roles import MEDIA_PUBLISH, MEDIA_VIEW, MEDIA_WORDS

VIEW_PERMISSION = {"article": MEDIA_VIEW, "published": MEDIA_VIEW, "word": MEDIA_WORDS, "delivery": MEDIA_VIEW}
_ = MEDIA_PUBLISH


def _published(world, org, title, author):
    """A published article of a county federation, live on its channels, with a cover (built directly: the
    workflow is tested in the app's own tests)."""
    from django.utils import timezone
    from PIL import Image

    from gonghui.media import images, services
    from gonghui.media.models import Article, Delivery

    now = timezone.now()
    article = Article.objects.create(org=org, author=author, title=title, summary="矩阵", body="<p>矩阵正文</p>",
                                     body_text="矩阵正文", state=Article.State.PUBLISHED, published_at=now)
    article.cover = images.save_widths(article.pk, Image.new("RGB", (64, 36), (179, 38, 30)))
    article.save(update_fields=["cover"])
    channels = services.channels_for(org)
    article.channels.set([channels[k] for k in ("site", "mobile", "feed", "json")])
    Delivery.objects.bulk_create([Delivery(article=article, channel=c, state="delivered", version=1,
                                           delivered_at=now) for c in channels.values() if c.kind != "wechat"])
    failed = Delivery.objects.create(article=article, channel=channels["wechat"], state="failed", attempts=5,
                                     error="matrix")
    return article, failed


def build_objects(world) -> dict:
    from gonghui.media.models import ProhibitedWord
    from gonghui.media.tests.factories import make_article
    from tests.fixtures import make_user

    author = make_user("matrix_news_author", roles=[(world.province, "news_editor")])
    sides = {}
    for side, union, county, name in (("inside", world.wuhua_union, world.wuhua, "五华"),
                                      ("outside", world.panlong_union, world.panlong, "盘龙")):
        from gonghui.media import services

        article = services.article_create(actor=author, org=union, title=f"{name}矩阵稿件", body="<p>矩阵</p>")
        published, failed = _published(world, county, f"{name}矩阵已发布稿件", author)
        sides[side] = {"article": article, "published": published, "delivery": failed,
                       "word": ProhibitedWord.objects.create(org=county, word=f"{name}矩阵禁词")}
    _unused = make_article
    return sides


def marker_text(obj) -> str | None:
    from gonghui.media.models import Article, ProhibitedWord

    if isinstance(obj, Article):
        return obj.title
    if isinstance(obj, ProhibitedWord):
        return obj.word
    return None
