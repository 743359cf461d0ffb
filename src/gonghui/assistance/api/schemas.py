"""In/Out schemas of the hardship API. Incomes, costs and health are never in an answer: only masked, and whole
through the audited reveal endpoint."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class HardshipOrgRef(Schema):
    id: int
    name: str


class MemberIn(Schema):
    name: str = Field(..., min_length=1, max_length=50)
    relation: str = Field("other", max_length=10)
    id_number: str = Field(..., min_length=15, max_length=18)
    income: str = Field("", max_length=20, description="Yearly income in yuan, e.g. 12000.00")
    health: str = Field("", max_length=500)
    disability: str = Field("", max_length=500)
    schooling: str = Field("", max_length=100)
    employment: str = Field("", max_length=100)


class MemberOut(Schema):
    id: int
    name: str
    relation: str
    id_number_masked: str
    active: bool
    income_masked: str
    health_masked: str
    disability_masked: str
    schooling: str
    employment: str


class FileIn(Schema):
    org_id: int
    person_id: int
    county_code: str = Field(..., pattern=r"^[0-9]{6}$")
    causes: list[str] = []
    housing: str = "own"
    temporary: bool = False
    medical_costs: str = Field("", max_length=20)
    schooling_costs: str = Field("", max_length=20)
    members: list[MemberIn] = []


class ApplyIn(Schema):
    county_code: str = Field(..., pattern=r"^[0-9]{6}$")
    causes: list[str] = []
    housing: str = "own"
    medical_costs: str = Field("", max_length=20)
    schooling_costs: str = Field("", max_length=20)
    members: list[MemberIn] = []


class FileOut(Schema):
    id: int
    name: str
    org: HardshipOrgRef
    county_code: str
    state: str
    category: str
    proposed_category: str
    level: str
    causes: list[str]
    housing: str
    temporary: bool
    notice_until: datetime.date | None
    refusal_code: str
    exit_code: str
    applied_on: datetime.date
    filed_on: datetime.date | None
    exited_on: datetime.date | None
    returns: int

    @staticmethod
    def resolve_org(obj):
        return {"id": obj.org_id, "name": obj.org.name}


class FileDetailOut(FileOut):
    members: list[MemberOut]
    medical_costs_masked: str
    schooling_costs_masked: str
    objections: str

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())


class HardshipStepIn(Schema):
    comment: str = Field("", max_length=1000)
    refusal_code: str = Field("", max_length=20)
    exit_code: str = Field("", max_length=20)
    category: str = Field("", max_length=10)
    notice_days: int | None = Field(None, ge=1, le=60)
    homes_owned: int | None = Field(None, ge=0, le=50)
    owns_business: bool | None = None
    private_school: bool | None = None
    vehicle_regular: bool | None = None
    subsistence_allowance: bool | None = None


class AssessmentOut(Schema):
    size: int
    per_capita_monthly: Decimal
    standard_monthly: Decimal
    exclusions: list[str]
    category: str
    lines: list[str]


class HardshipRevealIn(Schema):
    field: str = Field(..., max_length=20)
    reason: str = Field(..., max_length=500)
    member_id: int | None = None


class HardshipRevealOut(Schema):
    value: str


class ObjectionIn(Schema):
    text: str = Field(..., min_length=2, max_length=500)


class StandardIn(Schema):
    county_code: str = Field(..., pattern=r"^[0-9]{6}$")
    year: int = Field(..., ge=2000, le=2100)
    monthly: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)


class StandardOut(Schema):
    id: int
    county_code: str
    year: int
    monthly: Decimal


class FundIn(Schema):
    org_id: int
    name: str = Field(..., min_length=1, max_length=100)
    balance: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)


class TopUpIn(Schema):
    amount: Decimal = Field(..., gt=0, max_digits=14, decimal_places=2)


class FundOut(Schema):
    id: int
    name: str
    org: HardshipOrgRef
    balance: Decimal

    @staticmethod
    def resolve_org(obj):
        return {"id": obj.org_id, "name": obj.org.name}


class AidIn(Schema):
    fund_id: int
    kind: str = Field(..., max_length=10)
    amount: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)
    given_on: datetime.date | None = None
    note: str = Field("", max_length=200)


class AidOut(Schema):
    id: int
    file_id: int
    fund_id: int
    kind: str
    amount: Decimal
    given_on: datetime.date
    state: str
    note: str


class WarningOut(Schema):
    source: str = Field(..., description="large_self_paid (a mutual-aid claim) or legal_case (a legal-aid case)")
    reference: str = Field(..., description="the claim's or the case's id")
    person_id: int
    name: str
    org: HardshipOrgRef
    on: datetime.date | None = Field(None, description="discharge date or the case's submission")
    amount: Decimal | None = Field(None, description="the self-paid cost, or the amount claimed")
    detail: str = Field(..., description="the claim's benefit type or the case's dispute type")


class DismissIn(Schema):
    source: Literal["large_self_paid", "legal_case"] = "large_self_paid"
    reference: str = Field(..., pattern=r"^[0-9]{1,18}$")
    reason: str = Field(..., min_length=2, max_length=300)


class ReviewLaunchIn(Schema):
    county_code: str = Field(..., pattern=r"^[0-9]{6}$")
    year: int = Field(..., ge=2000, le=2100)


class JobRef(Schema):
    job_id: int


class ReviewOut(Schema):
    id: int
    file_id: int
    year: int
    result: str
    manual: bool
    rule_version: str
    comment: str
    spot_checked: bool
    spot_check_result: str


class ReviewDecideIn(Schema):
    result: str = Field(..., max_length=10)
    comment: str = Field("", max_length=500)


class SpotCheckIn(Schema):
    result: str = Field(..., min_length=2, max_length=300)


class DismissOut(Schema):
    id: int
    reason: str
