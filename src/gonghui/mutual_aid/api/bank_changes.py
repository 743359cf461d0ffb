"""Changes of a payee's bank account asked after approval (by ``POST /claims/{id}/requeue`` with another
account): the queue, and a reviewer's approval or rejection. The requester can do neither."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes

from .. import selectors, services
from ..workflows import BANK_CHANGE_FLOW
from .schemas import BankChangeDecisionIn, BankChangeOut

router = Router(tags=["mutual aid: review"])


class BankChangeFilters(Schema):
    status: Literal["pending", "approved", "rejected", ""] = "pending"


@router.get("/mutual-aid/bank-account-changes", response=list[BankChangeOut],
            summary="Changes of payees' bank accounts (awaiting review unless status says otherwise)")
@paginate(KeysetPagination)
def bank_change_list(request, filters: Query[BankChangeFilters]):
    return selectors.bank_changes_visible(request.auth, status=filters.status).order_by("id")


@router.post("/mutual-aid/bank-account-changes/{change_id}/approve", response=BankChangeOut,
             summary="Approve a change of the payee's bank account (a reviewer, not the requester)")
def bank_change_approve(request, change_id: int, payload: BankChangeDecisionIn | None = None):
    change = selectors.bank_change_get(request.auth, change_id)
    services.bank_change_approve(actor=request.auth, change=change, note=payload.note if payload else "")
    return selectors.bank_change_get(request.auth, change_id)


@router.post("/mutual-aid/bank-account-changes/{change_id}/reject", response=BankChangeOut,
             summary="Reject a change of the payee's bank account: the claim keeps its approved account")
def bank_change_reject(request, change_id: int, payload: BankChangeDecisionIn):
    change = selectors.bank_change_get(request.auth, change_id)
    services.bank_change_reject(actor=request.auth, change=change, note=payload.note)
    return selectors.bank_change_get(request.auth, change_id)


def _bank_change_step(*, actor, obj, transition: str, comment: str):
    return services.bank_change_transition(actor=actor, change=obj, transition=transition, comment=comment)


# The kit's style, mounted under /mutual-aid (routes.py): GET …/bank-account-changes/{id}/history and
# POST …/{id}/transitions/{approve|reject} (a rejection needs the comment as its reason).
history_router = Router(tags=["mutual aid: review"])
add_workflow_routes(history_router, "bank-account-changes", flow=BANK_CHANGE_FLOW, fetch=selectors.bank_change_get,
                    run=_bank_change_step, out=BankChangeOut, tag_name="bank account change")
