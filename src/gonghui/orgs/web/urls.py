from django.urls import path

from . import views, views_roles

app_name = "orgs"

urlpatterns = [
    path("", views.org_list, name="org_list"),
    path("<int:pk>/", views.org_detail, name="org_detail"),
    path("<int:pk>/new/", views.org_create, name="org_create"),
    path("<int:pk>/edit/", views.org_edit, name="org_edit"),
    path("roles/", views_roles.role_list, name="role_list"),
    path("roles/grant/", views_roles.role_grant, name="role_grant"),
    path("roles/<int:pk>/revoke/", views_roles.role_revoke, name="role_revoke"),
    path("roles/new-user/", views_roles.staff_user_create, name="staff_user_create"),
    path("roles/requests/", views_roles.role_request_list, name="role_request_list"),
    path("roles/requests/<int:pk>/", views_roles.role_request_detail, name="role_request_detail"),
    path("roles/requests/<int:pk>/approve/", views_roles.role_request_approve, name="role_request_approve"),
    path("roles/requests/<int:pk>/reject/", views_roles.role_request_reject, name="role_request_reject"),
    path("options/orgs/", views_roles.org_options, name="org_options"),
    path("options/roles/", views_roles.role_options, name="role_options"),
]
