from django.urls import path

from . import views_exports, views_identity, views_imports, views_options, views_persons, views_transfers, views_units

app_name = "members"

urlpatterns = [
    path("", views_persons.person_list, name="person_list"),
    path("new/", views_persons.person_create, name="person_create"),
    path("<int:pk>/", views_persons.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views_persons.person_edit, name="person_edit"),
    path("<int:pk>/reveal/", views_persons.person_reveal, name="person_reveal"),
    path("<int:pk>/transfer/", views_persons.person_transfer, name="person_transfer"),
    path("<int:pk>/membership/", views_persons.person_membership_status, name="person_membership_status"),
    path("units/", views_units.unit_list, name="unit_list"),
    path("units/new/", views_units.unit_create, name="unit_create"),
    path("units/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views_units.unit_edit, name="unit_edit"),
    path("transfers/", views_transfers.transfer_queue, name="transfer_queue"),
    path("transfers/<int:pk>/accept/", views_transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/refuse/", views_transfers.transfer_refuse, name="transfer_refuse"),
    path("import/", views_imports.import_start, name="import_start"),
    path("import/template.xlsx", views_imports.import_template, name="import_template"),
    path("import/<int:job_id>/", views_imports.import_job, name="import_job"),
    path("import/<int:job_id>/commit/", views_imports.import_commit, name="import_commit"),
    path("import/<int:job_id>/cancel/", views_imports.import_cancel, name="import_cancel"),
    path("import/<int:job_id>/report.xlsx", views_imports.import_report, name="import_report"),
    path("options/unions/", views_options.union_options, name="union_options"),
    path("options/units/", views_options.unit_options, name="unit_options"),
    path("export/", views_exports.person_export, name="person_export"),
    path("identity-conflicts/", views_identity.conflict_list, name="identity_conflict_list"),
    path("identity-conflicts/<int:pk>/", views_identity.conflict_detail, name="identity_conflict_detail"),
    path("identity-conflicts/<int:pk>/confirm/", views_identity.conflict_confirm, name="identity_conflict_confirm"),
    path("identity-conflicts/<int:pk>/detach/", views_identity.conflict_detach, name="identity_conflict_detach"),
]
