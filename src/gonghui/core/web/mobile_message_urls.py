from django.urls import path

from . import views_messages

urlpatterns = [
    path("", views_messages.worker_messages, name="list"),
    path("<int:message_id>/read/", views_messages.worker_message_read, name="read"),
    path("read-all/", views_messages.worker_messages_read_all, name="read_all"),
    path("settings/", views_messages.worker_settings, name="settings"),
]
