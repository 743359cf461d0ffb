"""Changes of a payee's bank account move onto the workflow kit (workflows.BANK_CHANGE_FLOW). Every row is kept;
each gets the history its own columns record: asked (requested_by, requested_at) and, when decided, the decision
(decided_by, decided_at, note). The claims' own history notes of these steps stay as they are. Reversing deletes
exactly the rows written here."""

from django.db import migrations

from gonghui.core.migration_history import REQUESTED_THEN_DECIDED, backfill_decisions, forget

FLOW = "mutual_aid_bank_change"


def forwards(apps, schema_editor):
    backfill_decisions(apps, FLOW, "mutual_aid.BankAccountChange", **REQUESTED_THEN_DECIDED)


def backwards(apps, schema_editor):
    forget(apps, FLOW)


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0008_claimdocument_drop_file_columns"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
