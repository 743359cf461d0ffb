"""Organisations and role assignments. Handlers parse, call one selector or service, shape the answer."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import NotFound
from gonghui.core.models import User

from .. import selectors, services
from ..models import RoleRequest
from ..workflows import ROLE_REQUEST_FLOW
from .schemas import (
    Level,
    OrgIn,
    OrgOut,
    OrgPatch,
    RoleAssignmentIn,
    RoleAssignmentOut,
    RoleRequestDecisionIn,
    RoleRequestOut,
    StaffUserIn,
    StaffUserOut,
)

router = Router(tags=["organisations"])


class OrgFilters(Schema):
    q: str = ""
    level: Level | None = None
    parent_id: int | None = None


class RoleAssignmentFilters(Schema):
    org_id: int | None = None
    user_id: int | None = None
    role: str = ""


@router.get("/orgs", response=list[OrgOut], summary="List organisations")
@paginate(KeysetPagination)
def org_list(request, filters: Query[OrgFilters]):
    """Active organisations in your part of the tree; ``q`` matches the name, its pinyin or initials, or the
    division code."""
    qs = selectors.organisation_search(request.auth, filters.q, level=filters.level)
    if filters.parent_id is not None:
        qs = qs.filter(parent_id=filters.parent_id)
    return qs


@router.get("/orgs/{org_id}", response=OrgOut, summary="One organisation")
def org_detail(request, org_id: int):
    return selectors.organisation_get(request.auth, org_id)


@router.post("/orgs", response={201: OrgOut}, summary="Create an organisation below a parent")
def org_create(request, payload: OrgIn):
    parent = selectors.organisation_get(request.auth, payload.parent_id)
    org = services.organisation_create(actor=request.auth, parent=parent, name=payload.name,
                                       level=payload.level, kind=payload.kind, address=payload.address)
    return Status(201, org)


@router.patch("/orgs/{org_id}", response=OrgOut, summary="Change an organisation")
def org_update(request, org_id: int, payload: OrgPatch):
    org = selectors.organisation_get(request.auth, org_id)
    changes = payload.model_dump(exclude_unset=True)
    return services.organisation_update(
        actor=request.auth, org=org, name=changes.get("name") or org.name,
        address=changes.get("address", org.address) or "",
        contact_phone=changes.get("contact_phone", org.contact_phone) or "",
        is_active=org.is_active if changes.get("is_active") is None else changes["is_active"],
    )


# --- role assignments -----------------------------------------------------------------------------------

@router.get("/role-assignments", response=list[RoleAssignmentOut], summary="List role assignments")
@paginate(KeysetPagination)
def role_assignment_list(request, filters: Query[RoleAssignmentFilters]):
    """Roles held at organisations in your part of the tree (needs roles.view)."""
    qs = selectors.role_assignments_visible(request.auth)
    if filters.org_id is not None:
        qs = qs.filter(org_id=filters.org_id)
    if filters.user_id is not None:
        qs = qs.filter(user_id=filters.user_id)
    if filters.role:
        qs = qs.filter(role=filters.role)
    return qs


@router.post("/role-assignments", response={201: RoleAssignmentOut, 202: RoleRequestOut}, summary="Grant a role")
def role_assignment_create(request, payload: RoleAssignmentIn):
    """Only a security administrator grants (三员分立). A role that handles money (approve, pay, settle) is not
    granted at once: the answer is 202 with a role request that a second security administrator approves at
    ``POST /role-requests/{id}/approve``."""
    org = selectors.organisation_get(request.auth, payload.org_id)
    user = User.objects.filter(pk=payload.user_id, is_active=True, kind=User.Kind.STAFF).first()
    if user is None:
        raise NotFound(field="user_id")
    outcome = services.role_grant(actor=request.auth, user=user, org=org, role=payload.role)
    return Status(202 if isinstance(outcome, RoleRequest) else 201, outcome)


class RoleRequestFilters(Schema):
    status: Literal["pending", "approved", "rejected", ""] = "pending"


@router.get("/role-requests", response=list[RoleRequestOut], summary="Grants awaiting a second person")
@paginate(KeysetPagination)
def role_request_list(request, filters: Query[RoleRequestFilters]):
    return selectors.role_requests_visible(request.auth, status=filters.status).order_by("id")


@router.post("/role-requests/{request_id}/approve", response=RoleRequestOut, summary="Approve a grant")
def role_request_approve(request, request_id: int):
    """By someone who may grant the role there, other than the requester and the grantee."""
    role_request = selectors.role_request_get(request.auth, request_id)
    services.role_request_approve(actor=request.auth, request=role_request)
    return selectors.role_request_get(request.auth, request_id)


@router.post("/role-requests/{request_id}/reject", response=RoleRequestOut, summary="Reject a grant")
def role_request_reject(request, request_id: int, payload: RoleRequestDecisionIn | None = None):
    role_request = selectors.role_request_get(request.auth, request_id)
    services.role_request_reject(actor=request.auth, request=role_request, note=payload.note if payload else "")
    return selectors.role_request_get(request.auth, request_id)


def _role_request_step(*, actor, obj, transition, comment=""):
    services.role_request_transition(actor=actor, request=obj, transition=transition, comment=comment)


add_workflow_routes(router, "role-requests", flow=ROLE_REQUEST_FLOW, fetch=selectors.role_request_get,
                    run=_role_request_step, out=RoleRequestOut, tag_name="role request")


@router.post("/staff-users", response={201: StaffUserOut}, summary="Create a staff account (system administrator)")
def staff_user_create(request, payload: StaffUserIn):
    """The account signs in with the temporary password, enrols its own second factor and chooses a password.
    Its first role (``role``) waits for a security administrator (a role request)."""
    org = selectors.organisation_get(request.auth, payload.org_id)
    user, role_request = services.staff_user_create(
        actor=request.auth, org=org, username=payload.username, display_name=payload.display_name,
        password=payload.password, role=payload.role)
    return Status(201, {"id": user.pk, "username": user.username, "display_name": user.display_name,
                        "role_request_id": role_request.pk if role_request else None})


@router.delete("/role-assignments/{assignment_id}", response={204: None}, summary="Revoke a role")
def role_assignment_delete(request, assignment_id: int):
    assignment = selectors.role_assignment_get(request.auth, assignment_id)
    services.role_revoke(actor=request.auth, assignment=assignment)
    return Status(204, None)
