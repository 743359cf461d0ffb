"""Role requests move onto the workflow kit (orgs.workflows.ROLE_REQUEST_FLOW). Every row is kept as it is; each
gets the history its own columns record: asked (requested_by, requested_at) and, when decided, the decision
(decided_by, decided_at, note). Reversing deletes exactly these rows."""

from django.db import migrations

from gonghui.core.migration_history import Step, backfill, forget

FLOW = "role_request"
DECISION = {"approved": "approve", "rejected": "reject"}


def _steps(apps):
    RoleRequest = apps.get_model("orgs", "RoleRequest")
    for r in RoleRequest.objects.order_by("id").iterator():
        yield Step(r.pk, "create", "", "pending", r.requested_at, r.requested_by_id)
        if r.status in DECISION:
            yield Step(r.pk, DECISION[r.status], "pending", r.status, r.decided_at or r.requested_at,
                       r.decided_by_id, r.note)


def forwards(apps, schema_editor):
    backfill(apps, FLOW, "orgs.rolerequest", _steps(apps))


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0003_role_requests"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
