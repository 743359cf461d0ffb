from django.urls import path

from . import views_public as v

urlpatterns = [
    path("", v.mobile_index, name="index"),
    path("<int:org_id>/<int:article_id>/", v.mobile_article, name="article"),
]
