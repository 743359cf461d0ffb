"""In/Out schemas of the member endpoints. Personal data goes out masked; only /reveal answers it whole."""

import datetime
from typing import Literal

from ninja import Field, Schema

from gonghui.core.api.contract import INT32_MAX
from gonghui.core.api.schemas import Ref
from gonghui.core.api.workflow import WorkflowStepOut  # the one history schema
from gonghui.core.validators import Name

from ..workflows import TRANSFER_FLOW

Category = Literal["employee", "migrant", "new_form"]
Occupation = Literal["", "courier", "rider", "ride_hailing", "truck_driver", "domestic", "other"]
MembershipStatus = Literal["active", "retired", "transferred", "lapsed"]
TransferState = Literal["requested", "accepted", "refused", "cancelled"]


# --- persons --------------------------------------------------------------------------------------------

class PersonOut(Schema):
    id: int
    name: str
    id_number_masked: str
    phone_masked: str
    sex: Literal["M", "F"]
    birth_date: datetime.date
    category: Category
    occupation: Occupation
    current_org: Ref | None


class PersonIn(Schema):
    name: Name = Field(min_length=1, max_length=50)
    id_number: str = Field(min_length=1, max_length=30)
    phone: str = Field("", max_length=30)
    category: Category = "employee"
    occupation: Occupation = ""
    org_id: int = Field(description="The grassroots union the person joins.")
    unit_id: int | None = Field(None, description="The employer, a unit of that union.")
    joined_on: datetime.date | None = None


class PersonPatch(Schema):
    name: Name | None = Field(None, min_length=1, max_length=50)
    id_number: str | None = Field(None, min_length=1, max_length=30)
    phone: str | None = Field(None, max_length=30, description="An empty string removes the number.")
    category: Category | None = None
    occupation: Occupation | None = None


class RevealIn(Schema):
    field: Literal["id_number", "phone"]
    reason: str = Field(min_length=1, max_length=500, pattern=r"\S",
                        description="Why you need to see it; written to the audit log.")


class RevealOut(Schema):
    field: str
    value: str


# --- units and memberships ------------------------------------------------------------------------------

class UnitOut(Schema):
    id: int
    name: str
    credit_code: str | None
    industry: str
    address: str
    org: Ref
    staff_count: int | None
    is_active: bool


class UnitIn(Schema):
    org_id: int
    name: Name = Field(min_length=1, max_length=150)
    credit_code: str = Field("", max_length=30)
    industry: str = Field("", max_length=60)
    address: str = Field("", max_length=200)
    staff_count: int | None = Field(None, ge=0, le=INT32_MAX)


class UnitPatch(Schema):
    name: Name | None = Field(None, min_length=1, max_length=150)
    credit_code: str | None = Field(None, max_length=30)
    industry: str | None = Field(None, max_length=60)
    address: str | None = Field(None, max_length=200)
    staff_count: int | None = Field(None, ge=0, le=INT32_MAX)
    is_active: bool | None = None


class MembershipOut(Schema):
    id: int
    person_id: int
    org: Ref
    unit: Ref | None
    status: MembershipStatus
    joined_on: datetime.date
    ended_on: datetime.date | None
    card_number: str


# --- transfers ------------------------------------------------------------------------------------------

class PersonBrief(Schema):
    id: int
    name: str
    id_number_masked: str


class TransferOut(Schema):
    id: int
    person: PersonBrief
    from_org: Ref
    to_org: Ref
    to_unit: Ref | None
    origin: Literal["member", "old_union"]
    reason: str
    state: TransferState
    requested_by_id: int
    requested_at: datetime.datetime
    decided_by_id: int | None
    decided_at: datetime.datetime | None
    decision_comment: str
    new_membership_id: int | None


class TransitionRef(Schema):
    name: str
    label: str


class TransferDetailOut(TransferOut):
    history: list[WorkflowStepOut] = Field(description="Every step so far, oldest first.")
    available_transitions: list[TransitionRef] = Field(
        description="Steps possible in the current state; permission is checked when one is applied.")

    @staticmethod
    def resolve_history(transfer) -> list:
        return list(TRANSFER_FLOW.history(transfer))

    @staticmethod
    def resolve_available_transitions(transfer) -> list[dict]:
        return [{"name": t.name, "label": str(t.label)} for t in TRANSFER_FLOW.available(transfer)]


class TransferIn(Schema):
    person_id: int
    to_org_id: int = Field(description="The receiving grassroots union (anywhere in the province).")
    to_unit_id: int | None = None
    reason: str = Field("", max_length=1000)


class RefusalIn(Schema):
    comment: str = Field(min_length=1, max_length=1000, pattern=r"\S", description="Why the transfer is refused.")


# --- me -------------------------------------------------------------------------------------------------

class GrantOut(Schema):
    org: Ref
    org_level: str
    role: str
    role_label: str
    permissions: list[str]


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    kind: Literal["staff", "worker"]


class MeOut(Schema):
    user: UserOut
    kind: Literal["staff", "worker"]
    grants: list[GrantOut]
    person: PersonOut | None = None
    membership: MembershipOut | None = None
    card_number: str | None = None
