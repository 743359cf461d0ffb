from django.urls import path

from . import views_public as v

urlpatterns = [
    path("", v.index, name="index"),
    path("cover/<int:article_id>/<int:width>/", v.cover, name="cover"),
    path("<int:org_id>/", v.channel, name="channel"),
    path("<int:org_id>/rss/", v.RssFeed(), name="rss"),
    path("<int:org_id>/atom/", v.AtomFeed(), name="atom"),
    path("<int:org_id>/feed.json", v.json_feed, name="json_feed"),
    path("<int:org_id>/<int:article_id>/", v.article, name="article"),
]
