"""Review of claims: start, return for more, adjust, approve, second approval, reject; pay again after a failed
payment. Each answers the claim as it now is."""

from ninja import Router

from .. import services
from .claims import claim_detail_data, claim_for
from .schemas import AdjustIn, ClaimDetailOut, CommentIn, RejectIn, RequeueIn, ReturnIn

router = Router(tags=["mutual aid: review"])


def _answer(request, claim_id: int):
    return claim_detail_data(claim_for(request.auth, claim_id))


@router.post("/mutual-aid/claims/{claim_id}/start-review", response=ClaimDetailOut, summary="Start the review")
def claim_start_review(request, claim_id: int):
    services.claim_start_review(actor=request.auth, claim=claim_for(request.auth, claim_id))
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/return", response=ClaimDetailOut, summary="Return for more")
def claim_return(request, claim_id: int, payload: ReturnIn):
    services.claim_return(actor=request.auth, claim=claim_for(request.auth, claim_id), note=payload.note)
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/adjust", response=ClaimDetailOut, summary="Adjust the amount")
def claim_adjust(request, claim_id: int, payload: AdjustIn):
    services.claim_adjust(actor=request.auth, claim=claim_for(request.auth, claim_id), amount=payload.amount,
                          reason=payload.reason)
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/approve", response=ClaimDetailOut, summary="Approve")
def claim_approve(request, claim_id: int, payload: CommentIn | None = None):
    """The benefit is computed again under the person's account lock. Above the period's amount the claim waits
    for a second approval (``awaiting_second``). Approving twice answers the same approval."""
    services.claim_approve(actor=request.auth, claim=claim_for(request.auth, claim_id),
                           comment=payload.comment if payload else "")
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/approve-second", response=ClaimDetailOut,
             summary="Second approval (from the level above)")
def claim_approve_second(request, claim_id: int, payload: CommentIn | None = None):
    services.claim_approve_second(actor=request.auth, claim=claim_for(request.auth, claim_id),
                                  comment=payload.comment if payload else "")
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/reject", response=ClaimDetailOut, summary="Reject with a reason")
def claim_reject(request, claim_id: int, payload: RejectIn):
    services.claim_reject(actor=request.auth, claim=claim_for(request.auth, claim_id), code=payload.code,
                          note=payload.note)
    return _answer(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/requeue", response=ClaimDetailOut,
             summary="Pay again after a failed payment")
def claim_requeue(request, claim_id: int, payload: RequeueIn):
    services.claim_requeue(actor=request.auth, claim=claim_for(request.auth, claim_id),
                           bank_account=payload.bank_account, bank_name=payload.bank_name)
    return _answer(request, claim_id)
