from django.urls import path

from . import views_contests

urlpatterns = [
    path("<str:token>/", views_contests.verify_certificate, name="certificate"),
]
