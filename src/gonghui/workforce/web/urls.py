from django.urls import path

from . import views_skills, views_staff

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("measures/", views_staff.measure_list, name="measure_list"),
    path("measures/new/", views_staff.measure_create, name="measure_create"),
    path("measures/export/", views_staff.measure_export, name="measure_export"),
    path("measures/<int:pk>/", views_staff.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/step/", views_staff.measure_transition, name="measure_transition"),
    path("courses/", views_staff.course_list, name="course_list"),
    path("courses/new/", views_staff.course_create, name="course_create"),
    path("courses/export/", views_staff.course_export, name="course_export"),
    path("courses/roster-template/", views_staff.roster_template, name="roster_template"),
    path("courses/<int:pk>/", views_staff.course_detail, name="course_detail"),
    path("courses/<int:pk>/sessions/", views_staff.session_create, name="session_create"),
    path("courses/<int:pk>/enrol/", views_staff.course_enrol, name="course_enrol"),
    path("courses/<int:pk>/complete/", views_staff.course_complete, name="course_complete"),
    path("sessions/<int:pk>/qr/", views_staff.session_qr, name="session_qr"),
    path("sessions/<int:pk>/roster/", views_staff.roster_import, name="roster_import"),
    path("roster-reports/<int:job_id>/", views_staff.roster_report, name="roster_report"),
    path("enrolments/<int:pk>/<str:transition>/", views_staff.enrolment_transition, name="enrolment_transition"),
    path("skills/", views_skills.certification_list, name="certification_list"),
    path("skills/new/", views_skills.certification_create, name="certification_create"),
    path("skills/export/", views_skills.certification_export, name="certification_export"),
    path("pairs/", views_skills.pair_list, name="pair_list"),
    path("pairs/new/", views_skills.pair_create, name="pair_create"),
    path("competitions/", views_skills.competition_list, name="competition_list"),
    path("competitions/new/", views_skills.competition_create, name="competition_create"),
    path("competitions/<int:pk>/", views_skills.competition_detail, name="competition_detail"),
    path("competitions/<int:pk>/participations/", views_skills.participation_add, name="participation_add"),
    path("competitions/<int:pk>/honours/", views_skills.honour_add, name="honour_add"),
]
