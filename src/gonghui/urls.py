from django.contrib import admin
from django.urls import include, path

from .api import api
from .core import manifest

# Every app's pages come from its manifest (<app>/manifest.py: "urls"); adding a module edits nothing here.
urlpatterns = [
    *manifest.url_patterns(),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
