"""History for what the demo loads in bulk (batches, settlements, second payouts written as rows, not through the
services): the state each has when the loader is done, as a "recorded" step, so that no history page is empty."""

from gonghui.core.models import WorkflowLog

from ..models import PayoutBatch, Period, SecondPayout, Settlement
from ..workflows import BATCH_FLOW, PERIOD_FLOW, RECORDED, SECOND_PAYOUT_FLOW, SETTLEMENT_FLOW


def record_states(actor=None) -> int:
    """A "recorded" row for every period, settlement, payout batch and second payout whose history does not end
    in its current state. Returns the number of rows written."""
    written = 0
    for model, flow in ((Period, PERIOD_FLOW), (Settlement, SETTLEMENT_FLOW), (PayoutBatch, BATCH_FLOW),
                        (SecondPayout, SECOND_PAYOUT_FLOW)):
        last = {}
        for object_id, to_state in (WorkflowLog.objects.filter(workflow=flow.name).order_by("id")
                                    .values_list("object_id", "to_state")):
            last[object_id] = to_state  # the latest row wins
        rows = [WorkflowLog(workflow=flow.name, object_type=model._meta.label_lower, object_id=str(pk),
                            transition=RECORDED, from_state=last.get(str(pk), ""), to_state=state, actor=actor)
                for pk, state in model.objects.order_by("id").values_list("pk", flow.state_field)
                if last.get(str(pk)) != state]
        WorkflowLog.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written
