from django.urls import path

from . import mobile_views

urlpatterns = [
    path("", mobile_views.case_list, name="case_list"),
    path("apply/", mobile_views.apply, name="apply"),
    path("<int:pk>/", mobile_views.case_detail, name="case_detail"),
    path("<int:pk>/papers/", mobile_views.paper_add, name="paper_add"),
    path("<int:pk>/rate/", mobile_views.rate, name="rate"),
    path("<int:pk>/refusal.pdf", mobile_views.letter, name="letter"),
]
