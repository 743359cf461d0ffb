"""Backfilling workflow history from a data migration, for a hand-rolled state machine moving onto the kit.

    def forwards(apps, schema_editor):
        backfill(apps, "role_request", "orgs.rolerequest", steps(apps))   # steps: Step(...) in time order per case

Rows are written through the historical ``core.WorkflowLog`` model (``apps``), keep the time of the step (``at``
is ``auto_now_add``, so it is set by an update after the insert), and go in chunks. ``forget`` deletes them again
for the migration's reverse: no other code writes under a workflow name before its migration."""

from collections.abc import Iterable
from typing import NamedTuple

CHUNK = 2000


class Step(NamedTuple):
    obj_id: int
    transition: str
    from_state: str
    to_state: str
    at: object  # datetime
    actor_id: int | None = None
    comment: str = ""


def backfill(apps, workflow: str, object_type: str, steps: Iterable[Step]) -> int:
    model = apps.get_model("core", "WorkflowLog")
    written, batch = 0, []

    def flush():
        made = model.objects.bulk_create([model(
            workflow=workflow, object_type=object_type, object_id=str(s.obj_id), transition=s.transition,
            from_state=s.from_state, to_state=s.to_state, actor_id=s.actor_id, comment=s.comment or "")
            for s in batch])
        for row, step in zip(made, batch, strict=True):
            row.at = step.at
        model.objects.bulk_update(made, ["at"])
        return len(made)

    for step in steps:
        batch.append(step)
        if len(batch) >= CHUNK:
            written += flush()
            batch = []
    if batch:
        written += flush()
    return written


def forget(apps, workflow: str) -> None:
    apps.get_model("core", "WorkflowLog").objects.filter(workflow=workflow).delete()
