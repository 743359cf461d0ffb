from django.urls import path

from . import views

urlpatterns = [
    path("", views.file_list, name="file_list"),
    path("export/", views.file_export, name="file_export"),
    path("standards/", views.standards, name="standards"),
    path("new/", views.file_create, name="file_create"),
    path("aid/", views.aid_queue, name="aid_queue"),
    path("warnings/", views.warnings, name="warnings"),
    path("reviews/", views.reviews, name="reviews"),
    path("<int:pk>/", views.file_detail, name="file_detail"),
    path("<int:pk>/step/", views.file_transition, name="file_transition"),
    path("<int:pk>/documents/", views.file_upload, name="file_upload"),
    path("<int:pk>/permanent/", views.file_make_permanent, name="file_make_permanent"),
    path("<int:pk>/aid/", views.aid_propose, name="aid_propose"),
    path("aid/<int:aid_id>/step/", views.aid_transition, name="aid_transition"),
]
