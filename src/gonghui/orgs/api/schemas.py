"""In/Out schemas of the organisation and role-assignment endpoints."""

import datetime
from typing import Literal

from ninja import Field, Schema

from gonghui.core.api.schemas import Ref
from gonghui.core.validators import Name

Level = Literal["province", "prefecture", "county", "grassroots"]
Kind = Literal["federation", "industry", "grassroots", "joint", "community"]


class OrgOut(Schema):
    id: int
    name: str
    level: Level
    kind: Kind
    parent_id: int | None
    division_code: str | None = Field(description="GB/T 2260 code of a federation's administrative division.")
    province_code: str
    depth: int
    address: str
    contact_phone: str
    is_active: bool

    @staticmethod
    def resolve_division_code(org) -> str | None:
        return org.division_id


class OrgIn(Schema):
    parent_id: int
    name: Name = Field(min_length=1, max_length=120)
    level: Level
    kind: Kind
    address: str = Field("", max_length=200)


class OrgPatch(Schema):
    name: Name | None = Field(None, min_length=1, max_length=120)
    address: str | None = Field(None, max_length=200)
    contact_phone: str | None = Field(None, max_length=30)
    is_active: bool | None = None


class UserRef(Schema):
    id: int
    username: str
    display_name: str


class RoleAssignmentOut(Schema):
    id: int
    user: UserRef
    org: Ref
    role: str
    role_label: str
    granted_by_id: int | None
    granted_at: datetime.datetime

    @staticmethod
    def resolve_role_label(assignment) -> str:
        return str(assignment.get_role_display())


class RoleAssignmentIn(Schema):
    user_id: int
    org_id: int
    role: str = Field(min_length=1, max_length=40)


class RoleRequestOut(Schema):
    """A grant waiting for a second person: a role that handles money, or the first role of a new account."""

    id: int
    user: UserRef
    org: Ref
    role: str
    role_label: str
    status: Literal["pending", "approved", "rejected"]
    requested_by: UserRef
    requested_at: datetime.datetime
    decided_by: UserRef | None
    decided_at: datetime.datetime | None
    note: str

    @staticmethod
    def resolve_role_label(request) -> str:
        return str(request.get_role_display())


class RoleRequestDecisionIn(Schema):
    note: str = Field("", max_length=300)


class StaffUserIn(Schema):
    org_id: int = Field(description="The organisation the account belongs to (where its first role would be).")
    username: str = Field(min_length=1, max_length=150)
    display_name: Name = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=128, description="Temporary: the holder changes it, and "
                                                                   "enrols their own second factor, at the first "
                                                                   "sign-in.")
    role: str = Field("", max_length=40, description="The first role, asked of the security administrator.")


class StaffUserOut(Schema):
    id: int
    username: str
    display_name: str
    role_request_id: int | None
