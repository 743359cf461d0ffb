"""Identity conflicts move onto the workflow kit (workflows.IDENTITY_CONFLICT_FLOW). Every row is kept; each gets
the history its own columns record: found (created_at, by the import or registration: no actor) and, when
resolved, the decision (resolved_by, resolved_at, note). Reversing deletes exactly the rows written here."""

from django.db import migrations

from gonghui.core.migration_history import Step, backfill, forget

FLOW = "identity_conflict"
DECISION = {"confirmed": "confirm", "detached": "detach"}


def _steps(apps):
    IdentityConflict = apps.get_model("members", "IdentityConflict")
    for c in IdentityConflict.objects.order_by("id").iterator():
        yield Step(c.pk, "create", "", "pending", c.created_at)
        if c.status in DECISION:
            yield Step(c.pk, DECISION[c.status], "pending", c.status, c.resolved_at or c.created_at,
                       c.resolved_by_id, c.note)


def forwards(apps, schema_editor):
    backfill(apps, FLOW, "members.identityconflict", _steps(apps))


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0006_identity_verification"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
