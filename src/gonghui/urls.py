from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include(("gonghui.core.web.public_urls", "public"))),
    path("card/", include(("gonghui.members.web.card_urls", "card"))),
    path("staff/", include(("gonghui.core.web.urls", "staff"))),
    path("staff/orgs/", include(("gonghui.orgs.web.urls", "orgs"))),
    path("staff/members/", include(("gonghui.members.web.urls", "members"))),
    path("m/", include(("gonghui.members.web.mobile_urls", "m"))),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
