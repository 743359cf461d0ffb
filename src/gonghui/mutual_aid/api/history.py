"""The history of claims, periods, settlements and payout batches in the kit's one API style (core.api.workflow):
GET /mutual-aid/<resource>/{id}/history, and POST …/{id}/transitions/{name} where a comment is all a step needs
(submit, review, return, approve a claim or pay it again; open or close a period; approve a settlement or run it
again). A batch's steps need the bank file or the bank's answer: its history only, the steps stay at …/export
and …/mark. A claim's rejection needs a coded reason (…/reject), and its batch steps belong to the batch."""

from ninja import Router

from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import ValidationFailed

from .. import selectors, services
from ..workflows import BATCH_FLOW, CLAIM_FLOW, PERIOD_FLOW, SETTLEMENT_FLOW
from .claims import claim_detail_data, claim_for
from .payouts import settlement_data
from .schemas import ClaimDetailOut, PeriodOut, SettlementOut

router = Router(tags=["mutual aid: history"])


def _unknown():
    # "settle", "compute", "fail" are taken by the settlement itself, never asked for.
    return ValidationFailed(code="transition_unknown", field="transition")


def _period_step(*, actor, obj, transition: str, comment: str):
    steps = {"open": services.period_open, "close": services.period_close}
    if transition not in steps:
        raise _unknown()
    return steps[transition](actor=actor, period=obj)


def _settlement_step(*, actor, obj, transition: str, comment: str):
    if transition == "approve":
        return services.settlement_approve(actor=actor, settlement=obj, note=comment)
    if transition == "start":
        return services.settlement_start(actor=actor, period=obj.period)
    raise _unknown()


def _claim_step(*, actor, obj, transition: str, comment: str):
    """The claim's steps a comment is enough for, each through its service (the same checks as the named
    endpoints: separation of duties, the account lock, the documents). ``approve`` decides itself whether a
    second approval is needed (``approve_first`` is never asked for)."""
    steps = {
        "submit": lambda: services.claim_submit(actor=actor, claim=obj, comment=comment),
        "start_review": lambda: services.claim_start_review(actor=actor, claim=obj),
        "return": lambda: services.claim_return(actor=actor, claim=obj, note=comment),
        "approve": lambda: services.claim_approve(actor=actor, claim=obj, comment=comment),
        "approve_second": lambda: services.claim_approve_second(actor=actor, claim=obj, comment=comment),
        "requeue": lambda: services.claim_requeue(actor=actor, claim=obj),
    }
    if transition not in steps:
        raise _unknown()
    return steps[transition]()


add_workflow_routes(router, "claims", flow=CLAIM_FLOW, fetch=claim_for, run=_claim_step, out=ClaimDetailOut,
                    shape=claim_detail_data, tag_name="claim")
add_workflow_routes(router, "periods", flow=PERIOD_FLOW, fetch=selectors.period_get, run=_period_step,
                    out=PeriodOut, tag_name="mutual-aid period")
add_workflow_routes(router, "settlements", flow=SETTLEMENT_FLOW, fetch=selectors.settlement_get,
                    run=_settlement_step, out=SettlementOut, shape=settlement_data, tag_name="settlement")
add_workflow_routes(router, "payout-batches", flow=BATCH_FLOW, fetch=selectors.batch_get, steps=False,
                    tag_name="payout batch")
