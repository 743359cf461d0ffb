"""Role requests move onto the workflow kit (orgs.workflows.ROLE_REQUEST_FLOW). Every row is kept as it is; each
gets the history its own columns record: asked (requested_by, requested_at) and, when decided, the decision
(decided_by, decided_at, note). Reversing deletes exactly these rows."""

from django.db import migrations

from gonghui.core.migration_history import REQUESTED_THEN_DECIDED, backfill_decisions, forget

FLOW = "role_request"


def forwards(apps, schema_editor):
    backfill_decisions(apps, FLOW, "orgs.RoleRequest", **REQUESTED_THEN_DECIDED)


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0003_role_requests"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
