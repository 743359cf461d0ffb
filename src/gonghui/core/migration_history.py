"""Backfilling workflow history from a data migration, for a hand-rolled state machine moving onto the kit.

    def forwards(apps, schema_editor):
        backfill(apps, "role_request", "orgs.rolerequest", steps(apps))   # steps: Step(...) in time order per case

A "pending → decided" machine (a request and one decision, kept in its own columns) has its steps written by
``backfill_decisions``.

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


def decision_steps(rows, *, initial: str, decisions: dict[str, str], created: tuple[str, str | None],
                   decided: tuple[str, str], state_field: str = "status", note_field: str = "note"):
    """The steps a "pending → decided" row records: its creation (``created`` = (time field, actor field or None)),
    then, if its state is one of ``decisions`` ({state: transition}), the decision (``decided`` = (time field,
    actor field)) with its note as the comment. A decision without a time is placed at the creation."""
    created_at, created_by = created
    decided_at, decided_by = decided
    for row in rows:
        at = getattr(row, created_at)
        yield Step(row.pk, "create", "", initial, at, getattr(row, created_by) if created_by else None)
        state = getattr(row, state_field)
        if state in decisions:
            yield Step(row.pk, decisions[state], initial, state, getattr(row, decided_at) or at,
                       getattr(row, decided_by), getattr(row, note_field))


# The usual shape of a request decided by a second person (requested_by/_at, status, decided_by/_at, note):
# role requests, bank account changes.
REQUESTED_THEN_DECIDED = {"initial": "pending", "decisions": {"approved": "approve", "rejected": "reject"},
                          "created": ("requested_at", "requested_by_id"), "decided": ("decided_at", "decided_by_id")}


def backfill_decisions(apps, workflow: str, model_label: str, **how) -> int:
    """``backfill`` for every row of ``model_label`` ("orgs.RoleRequest") with ``decision_steps(**how)``."""
    model = apps.get_model(model_label)
    return backfill(apps, workflow, model._meta.label_lower, decision_steps(model.objects.order_by("id").iterator(),
                                                                              **how))
