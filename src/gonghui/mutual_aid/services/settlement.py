"""Settlement of a closed period, as a background job (core.jobs) with progress: the totals, the second-payout
candidates and their amounts from the surplus (settlement_math), then a review by another person, and the
period is settled.

A settlement is a case of ``workflows.SETTLEMENT_FLOW``: running → review (the job's "compute", taken for the
person who started it) or failed → approved; run again from review or failed. Approval settles the period
(``PERIOD_FLOW``'s "settle") in the same transaction. Every step is in the history and the audit log."""

import contextlib
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, jobs, money, workflow
from gonghui.core.errors import Conflict, InvalidTransition

from .. import permissions as P
from ..calculation import days_covered
from ..errors import SeparationOfDuties, SettlementNotReady
from ..models import Claim, ContributionStatement, Enrolment, Period, SecondPayoutCandidate, Settlement
from ..settlement_math import (
    ClaimInput,
    compute_period,
    period_surplus,
    person_totals,
    second_payouts,
    totals_by,
)
from ..workflows import SETTLEMENT_FLOW
from ._common import gate
from .periods import plan_in_force
from .second_payouts import second_payouts_make

JOB_KIND = "mutual_aid.settle"
PAID_STATES = (Claim.State.APPROVED, Claim.State.IN_BATCH, Claim.State.PAID, Claim.State.PAYMENT_FAILED)
CHUNK = 5000
RECHECK_LISTED = 50  # differences kept in the totals for the reviewer; the count covers all


def settlement_start(*, actor, period: Period) -> Settlement:
    """Start (or start again, before approval) the settlement job of a closed period."""
    P.require(actor, P.SETTLE, period.scope_path)
    if period.status != Period.Status.CLOSED:
        raise SettlementNotReady(_("Close the period before settling it."))
    with transaction.atomic():
        settlement = Settlement.objects.select_for_update().filter(period=period).first()
        if settlement is not None and settlement.status in (Settlement.Status.RUNNING, Settlement.Status.APPROVED):
            raise Conflict(_("The settlement is already running or approved."))
        if settlement is None:
            settlement = Settlement.objects.create(period=period, started_by=actor, status=Settlement.Status.RUNNING)
            SETTLEMENT_FLOW.start(settlement, actor=actor)
            audit.record("mutual_aid.settlement.start", actor=actor, obj=settlement)
        else:  # run again: the step "start" (its audit action is the same)
            workflow.apply(settlement, "start", actor=actor, started_by=actor, totals={}, reviewed_by=None,
                           approved_at=None)
        job = jobs.job_submit(actor=actor, kind=JOB_KIND, params={"settlement_id": settlement.pk},
                              org_id=period.org_id)
        Settlement.objects.filter(pk=settlement.pk).update(job=job)
        settlement.job = job
    return settlement


def settlement_compute(ctx) -> dict:
    """The job: read every paid claim once (in chunks), recompute its amount from the plan, add up, find the
    second-payout candidates."""
    settlement = Settlement.objects.select_related("period").get(pk=ctx.params["settlement_id"])
    period = settlement.period
    claims = Claim.objects.filter(period=period, state__in=(*PAID_STATES, Claim.State.AWAITING_SECOND))
    total = claims.count()
    ctx.progress(0, total, _("Reading the claims"), force=True)
    rows, people, org_of, inputs, approved = [], [], {}, [], {}
    values = claims.order_by("id").values_list(
        "id", "state", "person_id", "org_id", "benefit_type", "self_paid", "approved_amount", "adjustment",
        "approved_at", "plan_version_id", "admission_date", "enrolment__is_renewal", "enrolment__cover_start")
    for done, (claim_id, state, person_id, org_id, benefit, self_paid, amount, adjustment, approved_at, version,
               admission, renewal, cover_start) in enumerate(values.iterator(chunk_size=CHUNK), 1):
        amount = amount or Decimal("0")
        # Every claim that charged the person's account is recomputed; the totals count those paid or payable.
        inputs.append(ClaimInput(claim_id, person_id, benefit, (approved_at, claim_id), self_paid,
                                 days_covered(renewal, cover_start, admission), adjustment, version))
        approved[claim_id] = amount
        if state != Claim.State.AWAITING_SECOND:
            rows.append((benefit, self_paid, amount))
            people.append((person_id, self_paid, amount))
            org_of[person_id] = org_id
        if done % CHUNK == 0:
            ctx.progress(done, total, _("Reading the claims"))
    ctx.progress(0, total, _("Recomputing the amounts from the plan"), force=True)
    recheck = _recheck(ctx, period, inputs, approved, total)
    del inputs, approved
    by_benefit = totals_by(rows)
    first_payouts = sum((t.paid for t in by_benefit.values()), Decimal("0"))
    contributions = ContributionStatement.objects.filter(period=period).aggregate(
        due=Sum("amount_due"), paid=Sum("amount_paid"))
    collected = money.to_fen(contributions["paid"])
    surplus = period_surplus(contributions=collected, first_payouts=first_payouts)
    rules = plan_in_force(period, period.coverage_end).rules
    second = second_payouts(person_totals(people), rules.second_payout, surplus)
    ctx.progress(total, total, _("Writing the candidates"), force=True)
    participants = Enrolment.objects.filter(period=period, status__in=Enrolment.COUNTED).aggregate(
        n=Count("id"))["n"]
    totals = {
        "participants": participants,
        "contributions_due": str(money.to_fen(contributions["due"])),
        "contributions_paid": str(collected),
        "claims": sum(t.claims for t in by_benefit.values()),
        "self_paid": str(sum((t.self_paid for t in by_benefit.values()), Decimal("0"))),
        "first_payouts": str(first_payouts),
        "by_benefit": {key: {"claims": t.claims, "self_paid": str(t.self_paid), "paid": str(t.paid)}
                       for key, t in by_benefit.items()},
        "surplus": str(surplus),
        "second_payout": {"budget": str(second.budget), "requested": str(second.requested),
                          "paid": str(second.paid), "scaled": second.scaled, "scale": str(second.scale),
                          "candidates": len(second.candidates)},
        "recheck": recheck,
    }
    per_person = {person: (self_paid, paid) for person, self_paid, paid in person_totals(people)}
    with transaction.atomic():
        settlement.candidates.all().delete()
        SecondPayoutCandidate.objects.bulk_create([SecondPayoutCandidate(
            settlement=settlement, person_id=c.person_id, org_id=org_of[c.person_id],
            self_paid_total=per_person[c.person_id][0], paid_total=per_person[c.person_id][1],
            amount=second.amounts.get(c.person_id, Decimal("0"))) for c in second.candidates], batch_size=CHUNK)
        # The job acts for the person who started it (the flow's owner): their step, even if their role changed.
        workflow.apply(settlement, "compute", actor=settlement.started_by, totals=totals,
                       detail={"claims": total, "candidates": len(second.candidates)})
    return {"settlement_id": settlement.pk, "claims": total, "candidates": len(second.candidates),
            "recheck_differing": recheck["differing"]}


def _recheck(ctx, period: Period, inputs: list[ClaimInput], approved: dict, total: int) -> dict:
    """Each claim's amount computed again by the plan version it was approved under, in the order the approvals
    charged the person's account (approval time, then id). A difference is listed for the reviewer: an approval
    made while another claim's reservation was held (and later released by a rejection), or a change made
    outside the application."""
    plans = {version.pk: version.rules for version in period.plan_versions.all()}
    differing, listed = 0, []
    for done, (claim, calculation) in enumerate(compute_period(plans, inputs), 1):
        if calculation.amount != approved[claim.claim_id]:
            differing += 1
            if len(listed) < RECHECK_LISTED:
                listed.append({"claim": claim.claim_id, "approved": str(approved[claim.claim_id]),
                               "recomputed": str(calculation.amount)})
        if done % CHUNK == 0:
            ctx.progress(done, total, _("Recomputing the amounts from the plan"))
    listed.sort(key=lambda row: row["claim"])
    return {"claims": len(inputs), "differing": differing, "listed": listed}


def settlement_fail(settlement_id: int) -> None:
    """The job failed (or was stopped): the settlement may be run again."""
    settlement = Settlement.objects.select_related("started_by").filter(
        pk=settlement_id, status=Settlement.Status.RUNNING).first()
    if settlement is None:
        return
    with contextlib.suppress(InvalidTransition):  # it ended otherwise meanwhile
        workflow.apply(settlement, "fail", actor=settlement.started_by)


def settlement_approve(*, actor, settlement: Settlement, note: str = "") -> Settlement:
    """Another person than the one who ran it approves the figures; the period is then settled and the second
    payouts become payable (one per person, paid through a payout batch of second payouts)."""
    gate(actor, settlement, "approve")
    if settlement.started_by_id == actor.pk:
        raise SeparationOfDuties()
    note = (note or "").strip()[:300]
    with transaction.atomic():
        payable = settlement.candidates.filter(amount__gt=0).count()
        try:
            workflow.apply(settlement, "approve", actor=actor, comment=note, detail={"second_payouts": payable},
                           reviewed_by=actor, approved_at=timezone.now(), note=note)
        except InvalidTransition:
            raise SettlementNotReady() from None
        # The period is settled in the same transaction, by the same gate (settle over the federation).
        workflow.apply(Period.objects.select_related("org").get(pk=settlement.period_id), "settle", actor=actor,
                       comment=note)
        second_payouts_make(settlement=settlement, approver=actor)
    settlement.refresh_from_db()
    return settlement
