"""Organisations and role assignments. Handlers parse, call one selector or service, shape the answer."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.errors import NotFound
from gonghui.core.models import User

from .. import selectors, services
from .schemas import Level, OrgIn, OrgOut, OrgPatch, RoleAssignmentIn, RoleAssignmentOut

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


@router.post("/role-assignments", response={201: RoleAssignmentOut}, summary="Grant a role")
def role_assignment_create(request, payload: RoleAssignmentIn):
    org = selectors.organisation_get(request.auth, payload.org_id)
    user = User.objects.filter(pk=payload.user_id, is_active=True, kind=User.Kind.STAFF).first()
    if user is None:
        raise NotFound(field="user_id")
    assignment = services.role_grant(actor=request.auth, user=user, org=org, role=payload.role)
    return Status(201, assignment)


@router.delete("/role-assignments/{assignment_id}", response={204: None}, summary="Revoke a role")
def role_assignment_delete(request, assignment_id: int):
    assignment = selectors.role_assignment_get(request.auth, assignment_id)
    services.role_revoke(actor=request.auth, assignment=assignment)
    return Status(204, None)
