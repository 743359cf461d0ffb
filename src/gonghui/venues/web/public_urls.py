from django.urls import path

from . import views_public

urlpatterns = [
    path("", views_public.finder, name="map"),
    path("reports/<str:token>/", views_public.report_status, name="report_status"),
    path("<str:code>/", views_public.detail, name="detail"),
    path("<str:code>/photos/<int:photo_id>/", views_public.photo, name="photo"),
    path("<str:code>/report/", views_public.report, name="report"),
]
