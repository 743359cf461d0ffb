"""In/Out schemas of the mutual-aid endpoints. Money is Decimal (a JSON string); the bank account goes out
masked only (the bank file of a payout batch is the one place it is whole)."""

import datetime
from decimal import Decimal
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from gonghui.core.api.schemas import Ref

from ..selectors.claims import REVIEW_SLA_DAYS, age_days, is_overdue

BenefitType = Literal["inpatient", "serious_illness", "accident", "women"]
ClaimState = Literal["draft", "submitted", "returned", "under_review", "awaiting_second", "approved", "rejected",
                     "in_batch", "paid", "payment_failed"]
RejectionCode = Literal["not_covered", "not_eligible", "documents_invalid", "duplicate", "paid_elsewhere", "other"]
DiagnosisCategory = Literal["disease", "injury", "maternity", "tumour", "other"]


class PersonRef(Schema):
    id: int
    name: str


class MutualAidUserRef(Schema):
    id: int
    username: str


# --- periods and plans ------------------------------------------------------------------------------------

class PeriodOut(Schema):
    id: int
    number: int
    org: Ref
    status: Literal["draft", "open", "closed", "settled"]
    coverage_start: datetime.date
    coverage_end: datetime.date
    enrolment_opens: datetime.date
    enrolment_deadline: datetime.date
    claim_deadline: datetime.date
    contribution_per_share: Decimal
    max_shares: int
    min_age: int
    max_age: int
    require_basic_insurance: bool
    continuous_cover_for_older: bool
    threshold_percent: int
    small_unit_size: int
    second_approval_above: Decimal
    review_days: int


class PeriodSettings(Schema):
    coverage_start: datetime.date | None = None
    coverage_end: datetime.date | None = None
    enrolment_opens: datetime.date | None = None
    enrolment_deadline: datetime.date | None = None
    claim_deadline: datetime.date | None = None
    contribution_per_share: Decimal | None = Field(None, gt=0, max_digits=8, decimal_places=2)
    max_shares: int | None = Field(None, ge=1, le=10)
    min_age: int | None = Field(None, ge=0, le=100)
    max_age: int | None = Field(None, ge=1, le=120)
    require_basic_insurance: bool | None = None
    continuous_cover_for_older: bool | None = None
    threshold_percent: int | None = Field(None, ge=0, le=100)
    small_unit_size: int | None = Field(None, ge=0, le=10000)
    second_approval_above: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    review_days: int | None = Field(None, ge=1, le=365, description="Days from submission to decide a claim.")


class PeriodIn(PeriodSettings):
    org_id: int = Field(description="The provincial federation running the scheme.")
    number: int = Field(ge=1, le=999, description="第N期; dates default to Yunnan's calendar for the number.")
    plan: dict | None = Field(None, description="The benefit plan (see docs/mutual-aid.md); default: the previous "
                                                "period's plan or the standard plan.")


class PlanVersionOut(Schema):
    id: int
    version: int
    valid_from: datetime.date
    note: str
    data: dict
    in_use: bool = False


class PlanVersionIn(Schema):
    data: dict
    valid_from: datetime.date | None = None
    note: str = Field("", max_length=200)


class PlanPatch(Schema):
    data: dict
    note: str | None = Field(None, max_length=200)


class PeriodDetailOut(PeriodOut):
    plan_versions: list[PlanVersionOut]
    benefits: list[dict]


# --- enrolment, statements, payments ----------------------------------------------------------------------

class EnrolmentOut(Schema):
    id: int
    period_id: int
    person: PersonRef
    org: Ref
    unit: Ref | None
    category: str
    shares: int
    status: Literal["pending", "active", "late_requested", "refused"]
    is_renewal: bool
    late: bool
    late_reason: str
    enrolled_on: datetime.date
    cover_start: datetime.date
    left_on: datetime.date | None


class RosterIn(Schema):
    period_id: int
    unit_id: int
    person_ids: list[int] | None = Field(None, description="The members to enrol; all current members if omitted.")
    shares: int = Field(1, ge=1, le=10)
    without_insurance: list[int] = Field(default_factory=list,
                                         description="Persons who hold no basic medical insurance.")
    late_reason: str = Field("", max_length=300, description="Needed after the enrolment deadline.")


class RefusalOut(Schema):
    person_id: int
    name: str
    reasons: list[str]
    labels: list[str]


class RosterResultOut(Schema):
    enrolled: list[EnrolmentOut]
    refused: list[RefusalOut]
    warnings: list[str]
    staff: int | None
    participants: int
    late: bool


class EnrolPersonIn(Schema):
    period_id: int
    person_id: int
    shares: int = Field(1, ge=1, le=10)
    basic_insurance: bool = True
    late_reason: str = Field("", max_length=300)


class LeaveIn(Schema):
    left_on: datetime.date | None = None


class LateDecisionIn(Schema):
    approve: bool
    comment: str = Field("", max_length=300)


class RosterRowOut(Schema):
    person: PersonRef
    membership_status: str
    enrolled: bool
    enrolment_status: str | None
    renewal: bool
    eligible: bool
    reasons: list[str]
    reason_labels: list[str]


class PaymentOut(Schema):
    id: int
    amount: Decimal
    paid_on: datetime.date
    reference: str


class StatementOut(Schema):
    id: int
    period_id: int
    org: Ref
    unit: Ref | None
    headcount: int
    shares: int
    amount_due: Decimal
    amount_paid: Decimal
    outstanding: Decimal
    credit: Decimal
    status: Literal["due", "short", "paid", "over"]


class StatementDetailOut(StatementOut):
    payments: list[PaymentOut]


class PaymentIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    reference: str = Field(min_length=1, max_length=60)
    paid_on: datetime.date | None = None


# --- claims -----------------------------------------------------------------------------------------------

class ClaimFields(Schema):
    benefit_type: BenefitType
    hospital: str = Field(min_length=1, max_length=120)
    admission_date: datetime.date
    discharge_date: datetime.date
    diagnosis: str = Field(min_length=1, max_length=300)
    diagnosis_category: DiagnosisCategory = "disease"
    total_cost: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    insurance_paid: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    self_paid: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    invoice_numbers: list[str] = Field(min_length=1, max_length=50)
    bank_name: str = Field("", max_length=60)
    bank_account: str = Field(min_length=1, max_length=40, description="Stored encrypted; answered masked.")


class ClaimIn(ClaimFields):
    person_id: int | None = Field(None, description="Staff: the member. A worker files for themself (omit it).")


class ClaimPatch(Schema):
    benefit_type: BenefitType | None = None
    hospital: str | None = Field(None, min_length=1, max_length=120)
    admission_date: datetime.date | None = None
    discharge_date: datetime.date | None = None
    diagnosis: str | None = Field(None, min_length=1, max_length=300)
    diagnosis_category: DiagnosisCategory | None = None
    total_cost: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    insurance_paid: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    self_paid: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    invoice_numbers: list[str] | None = Field(None, min_length=1, max_length=50)
    bank_name: str | None = Field(None, max_length=60)
    bank_account: str | None = Field(None, min_length=1, max_length=40)


class ClaimOut(Schema):
    id: int
    reference: str
    period_id: int
    person: PersonRef
    org: Ref
    benefit_type: str
    hospital: str
    admission_date: datetime.date
    discharge_date: datetime.date
    diagnosis_category: str
    total_cost: Decimal
    insurance_paid: Decimal
    self_paid: Decimal
    state: ClaimState
    computed_amount: Decimal | None
    approved_amount: Decimal | None
    submitted_at: datetime.datetime | None
    age_days: int | None = Field(None, description="Days since submission.")
    overdue: bool = Field(False, description=f"Still open after {REVIEW_SLA_DAYS} days.")

    @staticmethod
    def resolve_age_days(obj):
        return obj["age_days"] if isinstance(obj, dict) else age_days(obj)

    @staticmethod
    def resolve_overdue(obj):
        return obj["overdue"] if isinstance(obj, dict) else is_overdue(obj)


class StepOut(Schema):
    code: str
    label: str
    before: Decimal
    after: Decimal
    text: str


class HistoryOut(Schema):
    transition: str
    from_state: str
    to_state: str
    at: datetime.datetime
    actor: str | None
    comment: str


class DocumentOut(Schema):
    id: int
    doc_type: str
    file_id: int = Field(description="The core attachment holding the file.")
    url: str = Field(description="Where the file is read (audited): /staff/files/<file_id>/ for staff, "
                                 "/m/files/<file_id>/ for the worker whose claim it is.")
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime

    @staticmethod
    def resolve_file_id(document) -> int:
        return document.attachment_id

    @staticmethod
    def resolve_url(document, context) -> str:
        request = context.get("request") if context else None
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is not None and document.attachment.for_user_id == getattr(user, "pk", None):
            return reverse("m_files:file", args=[document.attachment_id])
        return reverse("staff:file", args=[document.attachment_id])


class BankChangeOut(Schema):
    id: int
    claim_id: int
    bank_name: str
    bank_account_masked: str
    status: Literal["pending", "approved", "rejected"]
    requested_by: str = Field(description="Who asked for the change (a cashier).")
    requested_at: datetime.datetime
    decided_by: str | None = Field(description="The reviewer who approved or rejected it: never the requester.")
    decided_at: datetime.datetime | None
    note: str

    @staticmethod
    def resolve_requested_by(obj) -> str:
        return obj.requested_by.display_name or obj.requested_by.username

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return (obj.decided_by.display_name or obj.decided_by.username) if obj.decided_by_id else None


class BankChangeDecisionIn(Schema):
    note: str = Field("", max_length=300, description="Required to reject.")


class ClaimDetailOut(ClaimOut):
    diagnosis: str
    bank_name: str
    bank_account_masked: str
    invoice_numbers: list[str]
    plan_version: int | None
    adjustment: Decimal | None
    adjustment_reason: str
    return_note: str
    rejection_code: str
    rejection_note: str
    steps: list[StepOut]
    steps_recomputed: bool = Field(description="The steps were not stored with this claim (bulk-loaded history) "
                                               "and are recomputed from its plan version")
    remaining_before: Decimal | None
    remaining_after: Decimal | None
    history: list[HistoryOut]
    documents: list[DocumentOut]
    missing_documents: list[str]
    transitions: list[str]
    bank_account_change: BankChangeOut | None = Field(
        None, description="A change of the payee's bank account awaiting review: no payout uses it until a "
                          "reviewer other than the requester approves it.")


class CommentIn(Schema):
    comment: str = Field("", max_length=500)


class ReturnIn(Schema):
    note: str = Field(min_length=1, max_length=500, description="What is missing.")


class AdjustIn(Schema):
    amount: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    reason: str = Field(min_length=1, max_length=300)


class RejectIn(Schema):
    code: RejectionCode
    note: str = Field("", max_length=500)


class RequeueIn(Schema):
    bank_account: str = Field("", max_length=40)
    bank_name: str = Field("", max_length=60)


# --- payouts and settlement -------------------------------------------------------------------------------

class BatchIn(Schema):
    org_id: int = Field(description="The union whose subtree's approved claims are batched.")
    period_id: int
    kind: Literal["claims", "second"] = Field("claims", description="Approved claims, or the second payouts "
                                                                    "payable after the settlement.")


class BatchOut(Schema):
    id: int
    org: Ref
    period_id: int
    kind: Literal["claims", "second"]
    status: Literal["open", "exported", "closed"]
    count: int
    total: Decimal
    created_at: datetime.datetime
    exported_at: datetime.datetime | None
    bank_reference: str


class PayoutOut(Schema):
    claim_id: int | None = Field(description="Null in a batch of second payouts.")
    second_payout_id: int | None = Field(description="Null in a batch of claims.")
    claim_reference: str = Field(description="The claim's reference, or the second payout's (SP…).")
    payee: str
    bank_account_masked: str
    amount: Decimal
    status: Literal["pending", "paid", "failed"]
    failure_reason: str


class BatchDetailOut(BatchOut):
    payouts: list[PayoutOut]
    reconciliation: dict


class FailureIn(Schema):
    claim_id: int = Field(description="The claim refused by the bank; in a batch of second payouts, the second "
                                      "payout's id.")
    reason: str = Field("", max_length=300)


class MarkIn(Schema):
    bank_reference: str = Field(min_length=1, max_length=60)
    failures: list[FailureIn] = Field(default_factory=list, description="Payouts the bank refused.")


class SettlementOut(Schema):
    id: int
    period_id: int
    status: Literal["running", "review", "approved", "failed"]
    job_id: int | None
    progress_done: int
    progress_total: int | None
    totals: dict
    started_by: str
    started_at: datetime.datetime
    approved_by: str | None
    approved_at: datetime.datetime | None


class CandidateOut(Schema):
    person: PersonRef
    org: Ref
    self_paid_total: Decimal
    paid_total: Decimal
    amount: Decimal


class NoteIn(Schema):
    note: str = Field("", max_length=300)


# --- the worker -------------------------------------------------------------------------------------------

class BenefitCoverOut(Schema):
    code: str
    label: str
    cap_per_claim: Decimal
    cap_per_period: Decimal
    used: Decimal
    remaining: Decimal
    deductible: Decimal
    waiting_days: int


class CoverOut(Schema):
    period: int
    status: str
    status_label: str
    covered: bool
    cover_start: datetime.date
    cover_end: datetime.date
    claim_deadline: datetime.date
    benefits: list[BenefitCoverOut]


class SecondPayoutOut(Schema):
    id: int
    period: int
    amount: Decimal
    status: Literal["payable", "in_batch", "paid", "failed"]
    paid_at: datetime.datetime | None


class MyCoverOut(Schema):
    cover: CoverOut | None = Field(description="Null for a user who is no enrolled member.")
    second_payouts: list[SecondPayoutOut] = Field(default_factory=list,
                                                  description="My second payouts (二次补助), newest first.")
