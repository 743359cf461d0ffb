"""Persons: list, detail, register, change, reveal a sensitive field, membership history."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.errors import ValidationFailed
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from .schemas import Category, MembershipOut, PersonIn, PersonOut, PersonPatch, RevealIn, RevealOut

router = Router(tags=["persons"])


class PersonFilters(Schema):
    q: str = ""
    org_id: int | None = None
    unit_id: int | None = None
    category: Category | None = None
    status: Literal["active", "retired", "transferred", "lapsed", "none"] | None = None


@router.get("/persons", response=list[PersonOut], summary="List persons")
@paginate(KeysetPagination)
def person_list(request, filters: Query[PersonFilters]):
    """Persons in your part of the tree. ``q`` matches the name, its pinyin or initials, or the last 4 digits
    of the ID or mobile number; ``org_id`` narrows to that organisation's subtree."""
    qs = selectors.person_list(request.auth, query=filters.q, org_id=filters.org_id,
                               category=filters.category or "", status=filters.status or "",
                               unit_id=filters.unit_id)
    # Filters through memberships join one row per matching membership.
    return qs.distinct() if filters.status or filters.unit_id else qs


@router.get("/persons/{person_id}", response=PersonOut, summary="One person (masked)")
def person_detail(request, person_id: int):
    return selectors.person_get(request.auth, person_id)


@router.post("/persons", response={201: PersonOut}, summary="Register a person as a member")
def person_create(request, payload: PersonIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id)
    unit = selectors.unit_get(request.auth, payload.unit_id) if payload.unit_id else None
    if unit is not None and unit.org_id != org.pk:
        raise ValidationFailed(_("The unit does not belong to this union."), code="unit_not_in_union",
                               field="unit_id")
    person = services.person_register(
        actor=request.auth, org=org, name=payload.name, id_number=payload.id_number, phone=payload.phone,
        category=payload.category, occupation=payload.occupation, unit=unit, joined_on=payload.joined_on,
    )
    return Status(201, person)


@router.patch("/persons/{person_id}", response=PersonOut, summary="Change a person")
def person_update(request, person_id: int, payload: PersonPatch):
    person = selectors.person_get(request.auth, person_id)
    changes = {key: value for key, value in payload.model_dump(exclude_unset=True).items()
               if value is not None or key == "phone"}
    return services.person_update(
        actor=request.auth, person=person, name=changes.get("name", person.name),
        phone=changes.get("phone", person.phone) or "", category=changes.get("category", person.category),
        occupation=changes.get("occupation", person.occupation), id_number=changes.get("id_number"),
    )


@router.post("/persons/{person_id}/reveal", response=RevealOut, summary="See an ID or mobile number whole")
def person_reveal(request, person_id: int, payload: RevealIn):
    """Needs members.view_sensitive over the person and a reason; every reveal (and every refusal) is written
    to the audit log."""
    person = selectors.person_get(request.auth, person_id)
    value = services.person_reveal(actor=request.auth, person=person, field=payload.field,
                                   reason=payload.reason)
    return {"field": payload.field, "value": value}


@router.get("/persons/{person_id}/memberships", response=list[MembershipOut],
            summary="A person's memberships")
@paginate(KeysetPagination)
def person_memberships(request, person_id: int):
    return selectors.memberships_of(selectors.person_get(request.auth, person_id))
