from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include(("gonghui.core.web.public_urls", "public"))),
    path("card/", include(("gonghui.members.web.card_urls", "card"))),
    path("staff/", include(("gonghui.core.web.urls", "staff"))),
    path("staff/orgs/", include(("gonghui.orgs.web.urls", "orgs"))),
    path("staff/members/", include(("gonghui.members.web.urls", "members"))),
    path("staff/mutual-aid/", include(("gonghui.mutual_aid.web.urls", "mutual_aid"))),
    path("staff/venues/", include(("gonghui.venues.web.urls", "venues"))),
    path("stations/", include(("gonghui.venues.web.public_urls", "stations"))),
    path("m/files/", include(("gonghui.core.web.mobile_file_urls", "m_files"))),
    path("m/messages/", include(("gonghui.core.web.mobile_message_urls", "m_messages"))),
    path("m/mutual-aid/", include(("gonghui.mutual_aid.web.mobile_urls", "m_mutual_aid"))),
    path("m/stations/", include(("gonghui.venues.web.mobile_urls", "m_venues"))),
    path("m/", include(("gonghui.members.web.mobile_urls", "m"))),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
