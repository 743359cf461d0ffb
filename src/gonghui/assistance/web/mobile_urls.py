from django.urls import path

from . import mobile_views

urlpatterns = [
    path("", mobile_views.status, name="status"),
    path("apply/", mobile_views.apply, name="apply"),
]
