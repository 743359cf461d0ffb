"""Every read of medical mutual aid that a page or the API needs, already scoped to the caller.

Modules: periods (periods and plans), enrolment (rosters, enrolments, statements), claims (queues, detail,
documents, the worker's cover), payouts (batches, settlement), reports (figures and trends)."""

from .claims import (
    REVIEW_SLA_DAYS,
    claim_documents,
    claim_get,
    claim_history,
    claim_queue,
    claim_steps,
    claims_visible,
    document_open,
    my_claim_get,
    my_claims,
    my_cover,
    person_for_claim,
)
from .enrolment import (
    enrolment_get,
    enrolment_list,
    late_requests,
    statement_get,
    statement_list,
    statements_to_follow_up,
    unit_roster,
)
from .payouts import batch_get, batch_list, batch_payouts, batch_reconciliation, settlement_for_period, settlement_get
from .periods import (
    current_period,
    period_get,
    period_list,
    period_manage_get,
    plan_summary,
    plan_version_get,
    plan_versions,
)
from .reports import (
    claims_report,
    contributions_report,
    participants_report,
    report_workbook,
    trends,
)

__all__ = [
    "REVIEW_SLA_DAYS", "batch_get", "batch_list", "batch_payouts", "batch_reconciliation", "claim_documents",
    "claim_get", "claim_history", "claim_queue", "claim_steps", "claims_report", "claims_visible",
    "contributions_report", "current_period", "document_open", "enrolment_get", "enrolment_list",
    "late_requests", "my_claim_get", "my_claims", "my_cover", "participants_report", "period_get", "period_list",
    "period_manage_get", "person_for_claim", "plan_summary", "plan_version_get", "plan_versions", "report_workbook",
    "settlement_for_period", "settlement_get", "statement_get", "statement_list", "statements_to_follow_up",
    "trends", "unit_roster",
]
