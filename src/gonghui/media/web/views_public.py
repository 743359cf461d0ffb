"""Public reading pages: /news/ (every newsroom's site channel), /m/news/ (small pages for phones on a slow
network: no cover above the fold, lazy images, no script), the RSS, Atom and JSON feeds, and covers. Only what is
live on a channel is shown; opening an article counts one read on the channel it was read through."""

from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control

from gonghui.core.errors import NotFound
from gonghui.core.web.pages import paginate

from .. import images, selectors, services
from ..models import Article, Category, Channel, Delivery

FEED_ITEMS = 30
MOBILE_PAGE = 15


def _public(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _list_context(request, kind: str, org_id=None) -> dict:
    query = (request.GET.get("q") or "").strip()[: selectors.MAX_QUERY_LENGTH]
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    page, query_string = paginate(request, selectors.live(kind, org_id=org_id, query=query, category=category),
                                  per_page=MOBILE_PAGE if kind == Channel.Kind.MOBILE else 20)
    return {"page": page, "query_string": query_string, "q": query, "category": category,
            "categories": Category.choices, "most_read": selectors.most_read(kind, org_id=org_id)}


@_public
def index(request):
    return render(request, "media/public/index.html", {
        **_list_context(request, Channel.Kind.SITE), "newsrooms": selectors.publishing_orgs()[:300]})


@_public
def channel(request, org_id):
    page_channel = selectors.public_channel(Channel.Kind.SITE, org_id)
    return render(request, "media/public/channel.html", {**_list_context(request, Channel.Kind.SITE, org_id),
                                                         "channel": page_channel})


VIA = {"feed": Channel.Kind.FEED, "json": Channel.Kind.JSON, "wechat": Channel.Kind.WECHAT}


@_public
def article(request, org_id, article_id):
    delivery = selectors.live_one(Channel.Kind.SITE, org_id=org_id, article_id=article_id)
    counted = delivery
    via = VIA.get(request.GET.get("via", ""))
    if via:  # a reader who came from a feed is counted on that channel (if the article is live there)
        counted = (Delivery.objects.filter(article_id=article_id, channel__org_id=org_id, channel__kind=via,
                                           state=Delivery.State.DELIVERED).first() or delivery)
    services.record_read(counted)
    return render(request, "media/public/article.html", {"delivery": delivery, "article": delivery.article})


@_public
def mobile_index(request):
    org_id = request.GET.get("org")
    org_id = int(org_id) if org_id and org_id.isdigit() else None
    return render(request, "media/mobile/index.html", {**_list_context(request, Channel.Kind.MOBILE, org_id),
                                                       "org_id": org_id})


@_public
def mobile_article(request, org_id, article_id):
    delivery = selectors.live_one(Channel.Kind.MOBILE, org_id=org_id, article_id=article_id)
    services.record_read(delivery)
    return render(request, "media/mobile/article.html", {"delivery": delivery, "article": delivery.article})


@_public
@cache_control(public=True, max_age=86400)
def cover(request, article_id, width):
    """A cover of an article live on some channel, at the stored width nearest above ``width``."""
    article = Article.objects.filter(pk=article_id, state=Article.State.PUBLISHED,
                                     deliveries__state=Delivery.State.DELIVERED).only("cover").first()
    name = images.best_width(article.cover, width) if article else None
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"  # always our own re-encoded JPEG
    return response


class RssFeed(Feed):
    """RSS 2.0 of what is live on an organisation's feed channel."""

    def get_object(self, request, org_id):
        try:
            return selectors.public_channel(Channel.Kind.FEED, org_id)
        except NotFound:
            raise Http404 from None

    def title(self, obj):
        return obj.org.name

    def link(self, obj):
        return reverse("news:channel", args=[obj.org_id])

    def description(self, obj):
        return obj.name

    def items(self, obj):
        return list(selectors.live(Channel.Kind.FEED, org_id=obj.org_id)[:FEED_ITEMS])

    def item_title(self, item):
        return item.article.title

    def item_description(self, item):
        return item.article.summary

    def item_link(self, item):
        return reverse("news:article", args=[item.channel.org_id, item.article_id]) + "?via=feed"

    def item_guid(self, item):
        return f"gonghui-article-{item.article_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.article.published_at

    def item_updateddate(self, item):
        return item.delivered_at

    def item_author_name(self, item):
        return item.article.author_name or item.article.org.name

    def item_categories(self, item):
        return [item.article.get_category_display(), *item.article.tag_list]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return obj.name


@_public
def json_feed(request, org_id):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the organisation's JSON channel."""
    channel_row = selectors.public_channel(Channel.Kind.JSON, org_id)
    base = request.build_absolute_uri("/")[:-1]
    items = []
    for delivery in selectors.live(Channel.Kind.JSON, org_id=org_id).defer(None)[:FEED_ITEMS]:
        item = delivery.article
        entry = {"id": f"gonghui-article-{item.pk}", "title": item.title, "summary": item.summary,
                 "content_html": item.body,
                 "url": base + reverse("news:article", args=[org_id, item.pk]) + "?via=json",
                 "date_published": item.published_at.isoformat() if item.published_at else None,
                 "date_modified": delivery.delivered_at.isoformat() if delivery.delivered_at else None,
                 "authors": [{"name": item.author_name or item.org.name}], "tags": item.tag_list}
        if item.cover:
            entry["image"] = base + reverse("news:cover", args=[item.pk, 640])
        if item.origin_credit:
            entry["_gonghui"] = {"source": item.origin_credit}
        items.append(entry)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": channel_row.org.name,
            "home_page_url": base + reverse("news:channel", args=[org_id]),
            "feed_url": base + reverse("news:json_feed", args=[org_id]), "language": "zh-CN", "items": items}
    return JsonResponse(feed, json_dumps_params={"ensure_ascii": False},
                        content_type="application/feed+json; charset=utf-8")
