"""Periods, settlements, payout batches and second payouts move onto the workflow kit: until now they changed state
without history. Every existing row is kept as it is and gets a history written from what the rows themselves
record (who created it and when, the export, the bank's answer, the settlement's approval, each payout of a second
payout); where the steps to its current state are not on record, a last row "recorded" says which state it had when
its history began. So no history is empty. Reversing deletes exactly these rows (no other process writes under
these workflow names before this migration)."""

from django.db import migrations
from django.utils import timezone

PERIOD, SETTLEMENT = "mutual_aid_period", "mutual_aid_settlement"
BATCH, SECOND = "mutual_aid_payout_batch", "mutual_aid_second_payout"
RECORDED = "recorded"
CHUNK = 2000


class _History:
    """Rows of one model's history, written in chronological order per object (the history reads by id)."""

    def __init__(self, apps, workflow: str, object_type: str):
        self.model = apps.get_model("core", "WorkflowLog")
        self.workflow, self.object_type = workflow, object_type
        self.rows, self.times = [], []

    def add(self, obj_id, transition, from_state, to_state, at, actor_id=None, comment=""):
        self.rows.append(self.model(workflow=self.workflow, object_type=self.object_type, object_id=str(obj_id),
                                    transition=transition, from_state=from_state, to_state=to_state,
                                    actor_id=actor_id, comment=comment))
        self.times.append(at)

    def finish(self, obj_id, last_state, current, now):
        """A "recorded" row when what is on record does not reach the current state."""
        if last_state != current:
            self.add(obj_id, RECORDED, last_state, current, now)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        made = self.model.objects.bulk_create(self.rows)
        for row, at in zip(made, self.times, strict=True):
            row.at = at  # the time of the step, not of this migration (at is auto_now_add on insert)
        self.model.objects.bulk_update(made, ["at"])
        self.rows, self.times = [], []


def forwards(apps, schema_editor):
    now = timezone.now()
    Period = apps.get_model("mutual_aid", "Period")
    Settlement = apps.get_model("mutual_aid", "Settlement")
    PayoutBatch = apps.get_model("mutual_aid", "PayoutBatch")
    SecondPayout = apps.get_model("mutual_aid", "SecondPayout")
    Payout = apps.get_model("mutual_aid", "Payout")

    settlements = {s.period_id: s for s in Settlement.objects.select_related("job").order_by("id")}

    periods = _History(apps, PERIOD, "mutual_aid.period")
    for period in Period.objects.order_by("id").iterator():
        periods.add(period.pk, "create", "", "draft", period.created_at, period.created_by_id)
        last = "draft"
        settlement = settlements.get(period.pk)
        if period.status == "settled" and settlement is not None and settlement.approved_at is not None:
            # Opened and closed at times nobody wrote down; settled when its settlement was approved.
            periods.add(period.pk, RECORDED, last, "closed", settlement.approved_at)
            periods.add(period.pk, "settle", "closed", "settled", settlement.approved_at, settlement.reviewed_by_id)
            last = "settled"
        periods.finish(period.pk, last, period.status, now)
    periods.flush()

    history = _History(apps, SETTLEMENT, "mutual_aid.settlement")
    for settlement in settlements.values():
        job = settlement.job
        ended = (job.finished_at if job is not None and job.finished_at else None) or settlement.started_at
        history.add(settlement.pk, "create", "", "running", settlement.started_at, settlement.started_by_id)
        last = "running"
        if settlement.status in ("review", "approved"):
            history.add(settlement.pk, "compute", "running", "review", ended, settlement.started_by_id)
            last = "review"
        elif settlement.status == "failed":
            history.add(settlement.pk, "fail", "running", "failed", ended, settlement.started_by_id)
            last = "failed"
        if settlement.status == "approved" and settlement.approved_at is not None:
            history.add(settlement.pk, "approve", "review", "approved", settlement.approved_at,
                        settlement.reviewed_by_id, settlement.note)
            last = "approved"
        history.finish(settlement.pk, last, settlement.status, now)
    history.flush()

    # Who recorded a batch's bank answer is on its payouts (decided_by; the latest decision wins).
    deciders = dict(Payout.objects.filter(decided_by__isnull=False).order_by("batch_id", "decided_at")
                    .values_list("batch_id", "decided_by_id"))
    batches = _History(apps, BATCH, "mutual_aid.payoutbatch")
    batch_times = {}
    for batch in PayoutBatch.objects.order_by("id").iterator():
        batch_times[batch.pk] = (batch.created_at, batch.created_by_id, f"PB{batch.pk:06d}")
        batches.add(batch.pk, "create", "", "open", batch.created_at, batch.created_by_id)
        last = "open"
        if batch.exported_at is not None:
            batches.add(batch.pk, "export", "open", "exported", batch.exported_at, batch.exported_by_id)
            last = "exported"
        if batch.status == "closed" and batch.closed_at is not None:
            batches.add(batch.pk, "mark", last, "closed", batch.closed_at, deciders.get(batch.pk),
                        batch.bank_reference)
            last = "closed"
        batches.finish(batch.pk, last, batch.status, now)
    batches.flush()

    # A second payout's steps are its payouts: batched, then paid or failed (and batched again after a failure).
    payouts = {}
    for payout in (Payout.objects.filter(second_payout__isnull=False).order_by("id")
                   .values("second_payout_id", "batch_id", "status", "decided_at", "decided_by_id",
                           "bank_reference", "failure_reason")):
        payouts.setdefault(payout["second_payout_id"], []).append(payout)
    seconds = _History(apps, SECOND, "mutual_aid.secondpayout")
    for item in SecondPayout.objects.order_by("id").iterator():
        seconds.add(item.pk, "create", "", "payable", item.created_at, item.approved_by_id)
        last = "payable"
        for payout in payouts.get(item.pk, []):
            created_at, created_by, name = batch_times[payout["batch_id"]]
            seconds.add(item.pk, "batch", last, "in_batch", created_at, created_by, name)
            last = "in_batch"
            if payout["status"] == "paid":
                seconds.add(item.pk, "pay", last, "paid", payout["decided_at"] or item.paid_at or created_at,
                            payout["decided_by_id"], payout["bank_reference"])
                last = "paid"
            elif payout["status"] == "failed":
                seconds.add(item.pk, "fail", last, "failed", payout["decided_at"] or created_at,
                            payout["decided_by_id"], payout["failure_reason"])
                last = "failed"
        seconds.finish(item.pk, last, item.status, now)
    seconds.flush()


def backwards(apps, schema_editor):
    apps.get_model("core", "WorkflowLog").objects.filter(workflow__in=(PERIOD, SETTLEMENT, BATCH, SECOND)).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0004_bank_account_change"),
        ("core", "0010_workflow_assignee_due"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
