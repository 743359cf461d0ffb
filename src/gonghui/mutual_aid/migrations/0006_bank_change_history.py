"""Changes of a payee's bank account move onto the workflow kit (workflows.BANK_CHANGE_FLOW). Every row is kept;
each gets the history its own columns record: asked (requested_by, requested_at) and, when decided, the decision
(decided_by, decided_at, note). The claims' own history notes of these steps stay as they are. Reversing deletes
exactly the rows written here."""

from django.db import migrations

from gonghui.core.migration_history import Step, backfill, forget

FLOW = "mutual_aid_bank_change"
DECISION = {"approved": "approve", "rejected": "reject"}


def _steps(apps):
    Change = apps.get_model("mutual_aid", "BankAccountChange")
    for c in Change.objects.order_by("id").iterator():
        yield Step(c.pk, "create", "", "pending", c.requested_at, c.requested_by_id)
        if c.status in DECISION:
            yield Step(c.pk, DECISION[c.status], "pending", c.status, c.decided_at or c.requested_at,
                       c.decided_by_id, c.note)


def forwards(apps, schema_editor):
    backfill(apps, FLOW, "mutual_aid.bankaccountchange", _steps(apps))


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0005_workflow_history"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
