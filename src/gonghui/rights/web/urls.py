from django.urls import path

from . import views, views_followup, views_group

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export/", views.export, name="export"),
    path("new/", views.intake, name="intake"),
    path("caseload/", views.caseload, name="caseload"),
    path("court-referrals/", views.court_referrals, name="court_referrals"),
    path("employers/", views.employers, name="employers"),
    path("payments/", views_followup.payments, name="payments"),
    path("caseload/new/", views_followup.case_worker_add, name="case_worker_add"),
    path("holidays/", views_followup.holidays, name="holidays"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/step/", views.case_transition, name="case_transition"),
    path("<int:pk>/refuse/", views.case_refuse, name="case_refuse"),
    path("<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/activities/", views.activity_add, name="activity_add"),
    path("<int:pk>/papers/", views.paper_add, name="paper_add"),
    path("<int:pk>/papers/<int:attachment_id>/", views.paper, name="paper"),
    path("<int:pk>/mediation/<str:step>/", views_followup.mediation_step, name="mediation_step"),
    path("<int:pk>/letters/<str:kind>.pdf", views.letter, name="letter"),
    path("<int:pk>/members/", views_group.member_add, name="member_add"),
    path("<int:pk>/members/<int:person_id>/remove/", views_group.member_remove, name="member_remove"),
    path("<int:pk>/split/", views_group.split, name="split"),
    path("<int:pk>/merge/", views_group.merge, name="merge"),
    path("<int:pk>/lock/", views_group.lock, name="lock"),
    path("<int:pk>/schedule/", views_followup.schedule, name="schedule"),
    path("<int:pk>/instalments/<int:instalment_id>/pay/", views_followup.instalment_pay, name="instalment_pay"),
    path("<int:pk>/instalments/<int:instalment_id>/fail/", views_followup.instalment_fail, name="instalment_fail"),
]
