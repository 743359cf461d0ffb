"""In/Out schemas of the rights API."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from ..models import CaseType, Channel, DisputeType, LegalCase, Outcome, RefusalReason, Urgency

DisputeTypeIn = Literal[tuple(DisputeType.values)]
ChannelIn = Literal[tuple(Channel.values)]
CaseTypeIn = Literal[tuple(CaseType.values)]
UrgencyIn = Literal[tuple(Urgency.values)]
OutcomeIn = Literal[tuple(Outcome.values)]
ReasonIn = Literal[tuple(RefusalReason.values)]
StateIn = Literal[(*LegalCase.State.values, "open")]
AMOUNT = r"^[0-9,]{1,16}(\.[0-9]{1,2})?$"


class RightsCaseIn(Schema):
    org_id: int
    person_id: int
    channel: ChannelIn
    dispute_type: DisputeTypeIn
    case_type: CaseTypeIn = "mediation"
    summary: str = Field(..., min_length=5, max_length=4000)
    employer_unit_id: int | None = None
    employer_name: str = Field("", max_length=120)
    employer_credit_code: str = Field("", max_length=18)
    amount_claimed: str = Field("0", pattern=AMOUNT, description="Yuan, at most two decimals (\"12500.00\").")
    urgency: UrgencyIn = "normal"
    hardship: bool = False
    workers_involved: int = Field(1, ge=1, le=100000)
    court_name: str = Field("", max_length=120)
    court_case_number: str = Field("", max_length=60)
    court_deadline: datetime.date | None = None


class RightsMyCaseIn(Schema):
    dispute_type: DisputeTypeIn
    summary: str = Field(..., min_length=5, max_length=4000)
    employer_name: str = Field(..., min_length=1, max_length=120)
    employer_credit_code: str = Field("", max_length=18)
    amount_claimed: str = Field("0", pattern=AMOUNT)
    urgency: UrgencyIn = "normal"


class RightsCaseRow(Schema):
    id: int
    reference: str
    state: str
    channel: str
    dispute_type: str
    case_type: str
    urgency: str
    org_id: int
    person_id: int
    person_name: str
    employer_name: str
    employer_credit_code: str
    amount_claimed: Decimal
    amount_recovered: Decimal | None
    submitted_on: datetime.date
    decision_due: datetime.date | None
    case_worker_id: int | None

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name


class RightsCaseOut(RightsCaseRow):
    summary: str
    hardship: bool
    workers_involved: int
    reached_worker: bool | None
    decided_on: datetime.date | None
    decided_in_time: bool | None
    refusal_reason: str
    outcome: str
    closed_on: datetime.date | None
    court_name: str
    court_case_number: str
    court_deadline: datetime.date | None
    assignee_id: int | None
    rating: int | None
    collective: bool
    merged_into_id: int | None
    locked_by_id: int | None


class RightsMyCaseOut(Schema):
    id: int
    reference: str
    state: str
    dispute_type: str
    employer_name: str
    amount_claimed: Decimal
    amount_recovered: Decimal | None
    reached_worker: bool | None
    submitted_on: datetime.date
    decision_due: datetime.date | None
    refusal_reason: str
    outcome: str
    rating: int | None


class RightsRefuseIn(Schema):
    reason: ReasonIn
    comment: str = Field("", max_length=1000)


class RightsAcceptIn(Schema):
    case_type: CaseTypeIn | None = None
    comment: str = Field("", max_length=1000)


class RightsAssignIn(Schema):
    case_worker_id: int
    comment: str = Field("", max_length=1000)


class RightsCloseIn(Schema):
    outcome: OutcomeIn
    amount_recovered: str | None = Field(None, pattern=AMOUNT)
    reached_worker: bool | None = None
    comment: str = Field("", max_length=1000)


class RightsActivityIn(Schema):
    kind: Literal["call", "meeting", "document", "hearing", "note"]
    note: str = Field(..., min_length=1, max_length=4000)
    happened_on: datetime.date | None = None
    remind_on: datetime.date | None = None


class RightsActivityOut(Schema):
    id: int
    kind: str
    note: str
    happened_on: datetime.date
    remind_on: datetime.date | None
    by_id: int | None


class RightsRateIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=500)


class RightsCaseWorkerOut(Schema):
    id: int
    name: str
    role: str
    body: str
    org_id: int
    active: bool
    max_open: int
    open_cases: int
    closed_cases: int


class RightsEmployerOut(Schema):
    credit_code: str
    name: str
    cases: int
    wage_cases: int
    open_cases: int
    orgs: int
    workers: int | None
    claimed: Decimal | None
    recovered: Decimal | None


class RightsMediationOut(Schema):
    id: int
    case_id: int
    state: str
    points_in_dispute: str
    agreement_terms: str
    agreed_amount: Decimal | None
    return_reason: str
    feedback_on: datetime.date | None
    confirmation_number: str
    confirmed_on: datetime.date | None


class RightsMediationStepIn(Schema):
    comment: str = Field("", max_length=1000)
    points_in_dispute: str = Field("", max_length=4000)
    agreement_terms: str = Field("", max_length=4000)
    agreed_amount: str | None = Field(None, pattern=AMOUNT)
    return_reason: str = Field("", max_length=4000)
    confirmation_number: str = Field("", max_length=60)
    confirmed_on: datetime.date | None = None


class RightsInstalmentIn(Schema):
    due_on: datetime.date
    amount: str = Field(..., pattern=AMOUNT)


class RightsScheduleIn(Schema):
    instalments: list[RightsInstalmentIn] = Field(..., min_length=1, max_length=60)


class RightsInstalmentOut(Schema):
    id: int
    case_id: int
    due_on: datetime.date
    amount: Decimal
    state: str
    received_amount: Decimal | None
    received_on: datetime.date | None


class RightsPaymentIn(Schema):
    received_amount: str = Field(..., pattern=AMOUNT)
    received_on: datetime.date | None = None
    comment: str = Field("", max_length=1000)


class RightsFailIn(Schema):
    comment: str = Field(..., min_length=1, max_length=1000)


class RightsCaseWorkerIn(Schema):
    org_id: int
    username: str = Field(..., min_length=1, max_length=150)
    role: Literal["lawyer", "mediator"]
    name: str = Field(..., min_length=1, max_length=50)
    body: str = Field("", max_length=120)
    max_open: int = Field(15, ge=1, le=200)
    active: bool = True


class RightsHolidayIn(Schema):
    date: datetime.date
    name: str = Field(..., min_length=1, max_length=60)
    is_workday: bool = False


class RightsHolidayOut(Schema):
    date: datetime.date
    name: str
    is_workday: bool


class RightsMemberIn(Schema):
    person_id: int
    amount_claimed: str = Field("0", pattern=AMOUNT)


class RightsMemberOut(Schema):
    person_id: int
    person_name: str
    amount_claimed: Decimal

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name


class RightsSplitIn(Schema):
    person_ids: list[int] = Field(..., min_length=1, max_length=1000)


class RightsMergeIn(Schema):
    into_id: int
    comment: str = Field("", max_length=1000)
