"""Membership transfers (一次入会、动态接转): list, detail with workflow history, request and decide."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.schemas import DecisionIn
from gonghui.core.errors import NotFound
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from .schemas import RefusalIn, TransferDetailOut, TransferIn, TransferOut, TransferState

router = Router(tags=["transfers"])


class TransferFilters(Schema):
    state: TransferState | None = None
    direction: Literal["in", "out"] | None = None


def _own_person(user):
    return selectors.worker_person(user)


def _transfer_for(user, transfer_id: int):
    """Staff reach transfers in or out of their part of the tree; a worker reaches their own."""
    person = _own_person(user)
    if person is None:
        return selectors.transfer_get(user, transfer_id)
    transfer = selectors.transfers_of_person(person).filter(pk=transfer_id).first()
    if transfer is None:
        raise NotFound()
    return transfer


def _comment(payload: DecisionIn | None) -> str:
    return payload.comment if payload else ""


@router.get("/transfers", response=list[TransferOut], summary="List transfers")
@paginate(KeysetPagination)
def transfer_list(request, filters: Query[TransferFilters]):
    """Transfers arriving in (``direction=in``, yours to decide) or leaving (``out``) your part of the tree;
    all states unless ``state`` is given. A worker sees their own."""
    person = _own_person(request.auth)
    if person is not None:
        qs = selectors.transfers_of_person(person).select_related("person", "to_unit")
        return qs.filter(state=filters.state) if filters.state else qs
    return selectors.transfer_queue(request.auth, state=filters.state or "",
                                    direction=filters.direction or "")


@router.get("/transfers/{transfer_id}", response=TransferDetailOut, summary="One transfer with its history")
def transfer_detail(request, transfer_id: int):
    return _transfer_for(request.auth, transfer_id)


@router.post("/transfers", response={201: TransferDetailOut}, summary="Ask for a transfer")
def transfer_create(request, payload: TransferIn):
    """Asked by the old union (members.change over the person) or by the member for themself. The receiving
    union may be anywhere in the province; it decides."""
    own = _own_person(request.auth)
    if own is not None:
        if own.pk != payload.person_id:
            raise NotFound()
        person = own
    else:
        person = selectors.person_get(request.auth, payload.person_id)
    to_org = org_selectors.transfer_target_get(payload.to_org_id)
    to_unit = selectors.transfer_target_unit_get(to_org, payload.to_unit_id) if payload.to_unit_id else None
    transfer = services.transfer_request(actor=request.auth, person=person, to_org=to_org, to_unit=to_unit,
                                         reason=payload.reason)
    return Status(201, _transfer_for(request.auth, transfer.pk))


@router.post("/transfers/{transfer_id}/accept", response=TransferDetailOut, summary="Accept a transfer")
def transfer_accept(request, transfer_id: int, payload: DecisionIn | None = None):
    transfer = _transfer_for(request.auth, transfer_id)
    services.transfer_accept(actor=request.auth, transfer=transfer, comment=_comment(payload))
    return _transfer_for(request.auth, transfer_id)


@router.post("/transfers/{transfer_id}/refuse", response=TransferDetailOut, summary="Refuse a transfer")
def transfer_refuse(request, transfer_id: int, payload: RefusalIn):
    transfer = _transfer_for(request.auth, transfer_id)
    services.transfer_refuse(actor=request.auth, transfer=transfer, comment=payload.comment)
    return _transfer_for(request.auth, transfer_id)


@router.post("/transfers/{transfer_id}/cancel", response=TransferDetailOut, summary="Withdraw a transfer")
def transfer_cancel(request, transfer_id: int, payload: DecisionIn | None = None):
    transfer = _transfer_for(request.auth, transfer_id)
    services.transfer_cancel(actor=request.auth, transfer=transfer, comment=_comment(payload))
    return _transfer_for(request.auth, transfer_id)
