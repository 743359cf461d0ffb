"""Units (employers) and memberships."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from .schemas import MembershipOut, MembershipStatus, UnitIn, UnitOut, UnitPatch

router = Router(tags=["units"])


class UnitFilters(Schema):
    q: str = ""
    org_id: int | None = None


class MembershipFilters(Schema):
    org_id: int | None = None
    unit_id: int | None = None
    person_id: int | None = None
    status: MembershipStatus | None = None


@router.get("/units", response=list[UnitOut], summary="List units")
@paginate(KeysetPagination)
def unit_list(request, filters: Query[UnitFilters]):
    """Units in your part of the tree; ``q`` matches the name, its pinyin or initials, or the credit code."""
    return selectors.unit_list(request.auth, query=filters.q, org_id=filters.org_id)


@router.get("/units/{unit_id}", response=UnitOut, summary="One unit")
def unit_detail(request, unit_id: int):
    return selectors.unit_get(request.auth, unit_id)


@router.post("/units", response={201: UnitOut}, summary="Create a unit")
def unit_create(request, payload: UnitIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id)
    unit = services.unit_create(actor=request.auth, org=org, name=payload.name,
                                credit_code=payload.credit_code, industry=payload.industry,
                                address=payload.address, staff_count=payload.staff_count)
    return Status(201, unit)


@router.patch("/units/{unit_id}", response=UnitOut, summary="Change a unit")
def unit_update(request, unit_id: int, payload: UnitPatch):
    unit = selectors.unit_get(request.auth, unit_id)
    changes = payload.model_dump(exclude_unset=True)

    def pick(key):
        return changes[key] if changes.get(key) is not None else getattr(unit, key)

    return services.unit_update(
        actor=request.auth, unit=unit, name=pick("name"), credit_code=pick("credit_code") or "",
        industry=pick("industry"), address=pick("address"),
        staff_count=changes.get("staff_count", unit.staff_count),
        is_active=pick("is_active"),
    )


@router.get("/memberships", response=list[MembershipOut], summary="List memberships")
@paginate(KeysetPagination)
def membership_list(request, filters: Query[MembershipFilters]):
    return selectors.membership_list(request.auth, org_id=filters.org_id, unit_id=filters.unit_id,
                                     person_id=filters.person_id, status=filters.status or "")
