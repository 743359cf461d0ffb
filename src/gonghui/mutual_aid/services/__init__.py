"""Every write of medical mutual aid: one function per business action, keyword-only, transactional, scoped,
audited. Pages, the API, the demo and the admin call these."""

from .bank_changes import bank_change_approve, bank_change_reject, bank_change_transition
from .claims import (
    claim_document_add,
    claim_document_remove,
    claim_file,
    claim_submit,
    claim_update,
    missing_documents,
)
from .contributions import payment_record, statement_refresh
from .enrolment import (
    REASONS,
    EnrolmentResult,
    eligibility,
    enrolment_decide_late,
    enrolment_enrol_memberships,
    enrolment_enrol_person,
    enrolment_enrol_roster,
    enrolment_leave,
    enrolment_window,
    enrolment_withdraw,
    threshold_warning,
)
from .payouts import claim_requeue, payout_batch_create, payout_batch_export, payout_batch_mark
from .periods import (
    default_dates,
    period_close,
    period_create,
    period_open,
    period_update,
    plan_in_force,
    plan_version_create,
    plan_version_update,
)
from .review import (
    claim_adjust,
    claim_approve,
    claim_approve_second,
    claim_reject,
    claim_return,
    claim_start_review,
)
from .settlement import settlement_approve, settlement_start

__all__ = [
    "REASONS", "EnrolmentResult", "bank_change_approve", "bank_change_reject", "bank_change_transition",
    "claim_adjust", "claim_approve", "claim_approve_second", "claim_document_add",
    "claim_document_remove", "claim_file", "claim_reject", "claim_requeue", "claim_return", "claim_start_review",
    "claim_submit", "claim_update", "default_dates", "eligibility", "enrolment_decide_late",
    "enrolment_enrol_memberships", "enrolment_enrol_person", "enrolment_enrol_roster", "enrolment_leave",
    "enrolment_window", "enrolment_withdraw",
    "missing_documents", "payment_record", "payout_batch_create", "payout_batch_export", "payout_batch_mark",
    "period_close", "period_create", "period_open", "period_update", "plan_in_force", "plan_version_create",
    "plan_version_update", "settlement_approve", "settlement_start", "statement_refresh", "threshold_warning",
]
