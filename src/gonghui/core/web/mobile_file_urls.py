from django.urls import path

from . import views_files

urlpatterns = [
    path("<int:attachment_id>/", views_files.worker_file, name="file"),
]
