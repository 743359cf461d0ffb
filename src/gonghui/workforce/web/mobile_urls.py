from django.urls import path

from . import views_contests, views_mobile

urlpatterns = [
    path("", views_mobile.record, name="record"),
    path("courses/", views_mobile.courses, name="courses"),
    path("courses/<int:pk>/register/", views_mobile.register, name="register"),
    path("check-in/<str:token>/", views_mobile.check_in, name="check_in"),
    path("certificates/", views_contests.my_certificates, name="certificates"),
    path("certificates/<int:pk>.pdf", views_contests.my_certificate_pdf, name="certificate_pdf"),
]
