"""Identity conflicts move onto the workflow kit (workflows.IDENTITY_CONFLICT_FLOW). Every row is kept; each gets
the history its own columns record: found (created_at, by the import or registration: no actor) and, when
resolved, the decision (resolved_by, resolved_at, note). Reversing deletes exactly the rows written here."""

from django.db import migrations

from gonghui.core.migration_history import backfill_decisions, forget

FLOW = "identity_conflict"


def forwards(apps, schema_editor):
    backfill_decisions(apps, FLOW, "members.IdentityConflict", initial="pending",
                       decisions={"confirmed": "confirm", "detached": "detach"},
                       created=("created_at", None), decided=("resolved_at", "resolved_by_id"))


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0006_identity_verification"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
