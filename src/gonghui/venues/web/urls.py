from django.urls import path

from . import views_reports, views_staff

urlpatterns = [
    path("", views_staff.venue_list, name="venue_list"),
    path("map/", views_staff.venue_map, name="venue_map"),
    path("map/data/", views_staff.venue_map_data, name="venue_map_data"),
    path("new/", views_staff.venue_create, name="venue_create"),
    path("export/", views_reports.venue_export, name="venue_export"),
    path("statistics/", views_reports.visit_stats, name="visit_stats"),
    path("coverage/", views_reports.coverage_page, name="coverage"),
    path("coverage/download/", views_reports.coverage_csv, name="coverage_csv"),
    path("approvals/", views_staff.approval_queue, name="approval_queue"),
    path("problems/", views_staff.problem_queue, name="problem_queue"),
    path("problems/<int:pk>/<str:transition>/", views_staff.problem_transition, name="problem_transition"),
    path("<int:pk>/", views_staff.venue_detail, name="venue_detail"),
    path("<int:pk>/edit/", views_staff.venue_edit, name="venue_edit"),
    path("<int:pk>/approve/", views_staff.venue_decide, {"decision": "approve"}, name="venue_approve"),
    path("<int:pk>/reject/", views_staff.venue_decide, {"decision": "reject"}, name="venue_reject"),
    path("<int:pk>/daily-count/", views_staff.venue_daily_count, name="venue_daily_count"),
    path("<int:pk>/closures/", views_staff.venue_closure_add, name="venue_closure_add"),
]
