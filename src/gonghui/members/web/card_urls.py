from django.urls import path

from . import card_views

urlpatterns = [
    path("<str:token>/", card_views.verify, name="verify"),
]
