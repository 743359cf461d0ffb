"""The history of periods, settlements and payout batches in the kit's one API style (core.api.workflow):
GET /mutual-aid/<resource>/{id}/history, and POST …/{id}/transitions/{name} where a comment is all a step needs
(open or close a period; approve a settlement or run it again). A batch's steps need the bank file or the bank's
answer: its history only, the steps stay at …/export and …/mark."""

from ninja import Router

from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import ValidationFailed

from .. import selectors, services
from ..workflows import BATCH_FLOW, PERIOD_FLOW, SETTLEMENT_FLOW
from .payouts import settlement_data
from .schemas import PeriodOut, SettlementOut

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


add_workflow_routes(router, "periods", flow=PERIOD_FLOW, fetch=selectors.period_get, run=_period_step,
                    out=PeriodOut, tag_name="mutual-aid period")
add_workflow_routes(router, "settlements", flow=SETTLEMENT_FLOW, fetch=selectors.settlement_get,
                    run=_settlement_step, out=SettlementOut, shape=settlement_data, tag_name="settlement")
add_workflow_routes(router, "payout-batches", flow=BATCH_FLOW, fetch=selectors.batch_get, steps=False,
                    tag_name="payout batch")
