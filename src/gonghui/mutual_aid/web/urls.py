from django.urls import path

from . import (
    views_claims,
    views_contributions,
    views_enrolment,
    views_index,
    views_payouts,
    views_periods,
    views_reports,
    views_review,
    views_settlement,
)

urlpatterns = [
    path("", views_index.index, name="index"),
    # periods and plans
    path("periods/", views_periods.period_list, name="period_list"),
    path("periods/new/", views_periods.period_create, name="period_create"),
    path("periods/<int:pk>/", views_periods.period_detail, name="period_detail"),
    path("periods/<int:pk>/edit/", views_periods.period_edit, name="period_edit"),
    path("periods/<int:pk>/open/", views_periods.period_open, name="period_open"),
    path("periods/<int:pk>/close/", views_periods.period_close, name="period_close"),
    path("periods/<int:pk>/plans/new/", views_periods.plan_version_create, name="plan_version_create"),
    # enrolment
    path("enrolment/", views_enrolment.unit_list, name="enrol_units"),
    path("enrolment/units/<int:unit_id>/", views_enrolment.unit_enrol, name="unit_enrol"),
    path("enrolment/list/", views_enrolment.enrolment_list, name="enrolment_list"),
    path("enrolment/late/", views_enrolment.late_queue, name="late_queue"),
    path("enrolment/<int:pk>/decide/", views_enrolment.late_decide, name="late_decide"),
    path("enrolment/<int:pk>/leave/", views_enrolment.enrolment_leave, name="enrolment_leave"),
    path("enrolment/<int:pk>/withdraw/", views_enrolment.enrolment_withdraw, name="enrolment_withdraw"),
    # contributions
    path("contributions/", views_contributions.statement_list, name="statement_list"),
    path("contributions/export.csv", views_contributions.statement_export, name="statement_export"),
    path("contributions/<int:pk>/", views_contributions.statement_detail, name="statement_detail"),
    path("contributions/<int:pk>/payments/", views_contributions.payment_record, name="payment_record"),
    # claims
    path("claims/", views_claims.claim_queue, name="claim_queue"),
    path("claims/export.csv", views_claims.claim_export, name="claim_export"),
    path("claims/new/", views_claims.claim_new, name="claim_new"),
    path("claims/<int:pk>/", views_claims.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/documents/", views_claims.claim_upload, name="claim_upload"),
    path("claims/<int:pk>/documents/<int:document_id>/", views_claims.claim_document, name="claim_document"),
    path("claims/<int:pk>/submit/", views_claims.claim_submit, name="claim_submit"),
    path("claims/<int:pk>/start-review/", views_review.claim_start_review, name="claim_start_review"),
    path("claims/<int:pk>/return/", views_review.claim_return, name="claim_return"),
    path("claims/<int:pk>/adjust/", views_review.claim_adjust, name="claim_adjust"),
    path("claims/<int:pk>/approve/", views_review.claim_approve, name="claim_approve"),
    path("claims/<int:pk>/approve-second/", views_review.claim_approve_second, name="claim_approve_second"),
    path("claims/<int:pk>/reject/", views_review.claim_reject, name="claim_reject"),
    path("claims/<int:pk>/requeue/", views_review.claim_requeue, name="claim_requeue"),
    # payouts
    path("payouts/", views_payouts.batch_list, name="batch_list"),
    path("payouts/new/", views_payouts.batch_create, name="batch_create"),
    path("payouts/<int:pk>/", views_payouts.batch_detail, name="batch_detail"),
    path("payouts/<int:pk>/export/", views_payouts.batch_export, name="batch_export"),
    path("payouts/<int:pk>/mark/", views_payouts.batch_mark, name="batch_mark"),
    # settlement and reports
    path("periods/<int:pk>/settlement/", views_settlement.settlement, name="settlement"),
    path("periods/<int:pk>/settlement/start/", views_settlement.settlement_start, name="settlement_start"),
    path("periods/<int:pk>/settlement/approve/", views_settlement.settlement_approve, name="settlement_approve"),
    path("reports/", views_reports.report, name="report"),
    path("reports/export.xlsx", views_reports.report_export, name="report_export"),
]
