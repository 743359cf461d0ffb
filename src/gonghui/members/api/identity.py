"""Identity conflicts (issue 19 §3): a union import or registration met an identity a worker registered themself
and nobody verified. The union's record was kept; an officer confirms the account is the person's, or detaches
it (the account is closed)."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.schemas import Ref
from gonghui.core.api.workflow import add_workflow_routes

from .. import selectors, services
from ..workflows import IDENTITY_CONFLICT_FLOW

router = Router(tags=["members"])


class IdentityConflictOut(Schema):
    id: int
    person: Ref
    org: Ref
    source: Literal["import", "registration"]
    claimed_name_masked: str = Field(description="The name the sign-up gave, masked.")
    claimed_phone_masked: str
    account_id: int = Field(description="The self-registered worker account, detached from the person.")
    status: Literal["pending", "confirmed", "detached"]
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    note: str

    @staticmethod
    def resolve_claimed_name_masked(obj) -> str:
        from gonghui.core.masking import mask_name

        return mask_name(obj.claimed_name)


class IdentityConflictFilters(Schema):
    status: Literal["pending", "confirmed", "detached", ""] = "pending"


class ResolveIn(Schema):
    note: str = Field("", max_length=300)


@router.get("/identity-conflicts", response=list[IdentityConflictOut],
            summary="Self-registered identities a union record met (to resolve by default)")
@paginate(KeysetPagination)
def conflict_list(request, filters: Query[IdentityConflictFilters]):
    return selectors.identity_conflicts_visible(request.auth, status=filters.status).order_by("id")


@router.post("/identity-conflicts/{conflict_id}/confirm", response=IdentityConflictOut,
             summary="The self-registered account is this person's: attach it and verify the identity")
def conflict_confirm(request, conflict_id: int, payload: ResolveIn | None = None):
    conflict = selectors.identity_conflict_get(request.auth, conflict_id)
    services.identity_conflict_confirm(actor=request.auth, conflict=conflict, note=payload.note if payload else "")
    return selectors.identity_conflict_get(request.auth, conflict_id)


@router.post("/identity-conflicts/{conflict_id}/detach", response=IdentityConflictOut,
             summary="The self-registered account is not this person's: keep it detached and close it")
def conflict_detach(request, conflict_id: int, payload: ResolveIn | None = None):
    conflict = selectors.identity_conflict_get(request.auth, conflict_id)
    services.identity_conflict_detach(actor=request.auth, conflict=conflict, note=payload.note if payload else "")
    return selectors.identity_conflict_get(request.auth, conflict_id)


def _conflict_step(*, actor, obj, transition: str, comment: str):
    return services.identity_conflict_transition(actor=actor, conflict=obj, transition=transition, comment=comment)


add_workflow_routes(router, "identity-conflicts", flow=IDENTITY_CONFLICT_FLOW, fetch=selectors.identity_conflict_get,
                    run=_conflict_step, out=IdentityConflictOut, tag_name="identity conflict")
