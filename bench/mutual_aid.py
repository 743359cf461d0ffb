"""f. Settle a mutual-aid period on the real tables: the application's settlement job (``settlement_compute``: every
claim read, its benefit computed again from its plan version with every step, in approval order against the
person's caps; totals; second payouts from the surplus; candidates written) and the payout batches for every
approved claim (``payout_batch_create``, 5,000 claims a batch, with payouts, history and audit) — versus ONE SQL
statement doing the same benefit arithmetic (bands, waiting period, cap per claim, the running cap per person
and period as a window sum) and numbering the same batches, on the same rows in the same run.

The period is the demo's last closed one (at province scale about 370,000 claims): its claims are put back to
"approved" and its payouts removed first, and everything runs inside a transaction that is rolled back, so the
demo is left as it was. Python and SQL are compared claim by claim with the approved amounts.
"""

import statistics
import time

from . import Options, Result, register, say
from ._data import ensure_demo, user

PAID_STATES = ("approved", "in_batch", "paid", "payment_failed")
SCALE = 10**8  # ratio in basis points (10^4) × waiting factor in basis points (10^4)


def _cents(value, multiplier: int) -> int:
    return int(value * multiplier)


def benefit_sql(period_id: int, plans: dict, vendor: str, batch_size: int) -> str:
    """One SELECT over mutual_aid_claim: each claim's benefit in whole cents from its plan version (integers
    only: bands and factors in basis points, caps scaled to match, half-up rounding by adding half and dividing),
    the cap per person and period applied in approval order as min(running sum, cap) − min(previous sum, cap),
    the batch numbers by id; answered as totals and the number of claims whose amount differs from the one
    approved."""
    greatest, least = ("GREATEST", "LEAST") if vendor == "postgresql" else ("MAX", "MIN")
    days = ("(c.admission_date - e.cover_start + 1)" if vendor == "postgresql" else
            "(CAST(julianday(c.admission_date) - julianday(e.cover_start) AS INTEGER) + 1)")
    cost = "CAST(ROUND(c.self_paid * 100) AS BIGINT)"
    per_claim, cap_period = [], []
    for version, rules in plans.items():
        for code, rule in rules.benefits.items():
            eligible = f"{greatest}({cost} - {_cents(rule.deductible, 100)}, 0)"
            terms, lower = [], 0
            for band in rule.bands:
                upper = eligible if band.upto is None else f"{least}({eligible}, {_cents(band.upto, 100)})"
                terms.append(f"{greatest}({upper} - {lower}, 0) * {_cents(band.ratio, 10_000)}")
                lower = _cents(band.upto, 100) if band.upto is not None else lower
            factor = (f"CASE WHEN e.is_renewal THEN 10000 WHEN {days} <= {rule.waiting_days} THEN 0 "
                      f"WHEN {days} <= {rule.reduced_days} THEN {_cents(rule.reduced_factor, 10_000)} ELSE 10000 END")
            raw = f"({' + '.join(terms)}) * ({factor})"
            capped = f"{least}({raw}, {_cents(rule.cap_per_claim, 100) * SCALE})"
            when = f"WHEN c.plan_version_id = {int(version)} AND c.benefit_type = '{code}'"
            per_claim.append(f"{when} THEN ({capped} + {SCALE // 2}) / {SCALE}")
            cap_period.append(f"{when} THEN {_cents(rule.cap_per_period, 100)}")
    states = ", ".join(f"'{state}'" for state in PAID_STATES)
    return f"""
        WITH amounts AS (
            SELECT c.id, c.person_id, c.benefit_type, c.approved_at,
                   CAST(ROUND(c.approved_amount * 100) AS BIGINT) AS approved,
                   CASE {' '.join(per_claim)} END AS raw,
                   CASE {' '.join(cap_period)} END AS cap
            FROM mutual_aid_claim c JOIN mutual_aid_enrolment e ON e.id = c.enrolment_id
            WHERE c.period_id = {int(period_id)} AND c.state IN ({states})),
        running AS (
            SELECT id, approved, cap, raw,
                   SUM(raw) OVER (PARTITION BY person_id, benefit_type ORDER BY approved_at, id) AS upto,
                   (ROW_NUMBER() OVER (ORDER BY id) - 1) / {int(batch_size)} + 1 AS batch
            FROM amounts),
        paid AS (
            SELECT id, approved, batch, {least}(upto, cap) - {least}(upto - raw, cap) AS amount FROM running)
        SELECT COUNT(*), SUM(amount), SUM(CASE WHEN amount = approved THEN 0 ELSE 1 END), MAX(batch) FROM paid"""


def pick_period():
    """The closed period with the most claims (the demo's last closed one, not yet settled)."""
    from django.db.models import Count

    from gonghui.mutual_aid.models import Period

    return (Period.objects.filter(status=Period.Status.CLOSED).annotate(n=Count("claims"))
            .order_by("-n", "-number").first())


def reset(period) -> int:
    """The period's claims back to approved, without payouts, batches or settlement (inside the bench's
    transaction, which is rolled back)."""
    from django.db import connection

    from gonghui.mutual_aid.models import Claim, Payout, PayoutBatch, SecondPayoutCandidate, Settlement

    Payout.objects.filter(batch__period=period).delete()
    PayoutBatch.objects.filter(period=period).delete()
    SecondPayoutCandidate.objects.filter(settlement__period=period).delete()
    Settlement.objects.filter(period=period).delete()
    claims = Claim.objects.filter(period=period, state__in=PAID_STATES).update(state="approved", paid_by=None,
                                                                                paid_at=None)
    with connection.cursor() as cursor:  # statistics of this state, as a day of approvals would leave them
        cursor.execute(f"ANALYZE {Claim._meta.db_table}")
    return claims


def province_cashier(admin, period):
    """A cashier over the whole province who neither filed nor approved any claim (made inside the bench's
    transaction, so rolled back with it)."""
    from django.contrib.auth import get_user_model

    from gonghui.core import scope
    from gonghui.orgs import services as org_services

    users = get_user_model().objects
    cashier = users.create(username="bench_f_cashier", kind="staff")
    # a money role: asked by one security administrator of the demo, approved by the other (三员分立)
    request = org_services.role_grant(actor=users.get(username="security_admin"), user=cashier, org=period.org,
                                      role="mutual_aid_cashier")
    org_services.role_request_approve(actor=users.get(username="security_reviewer"), request=request)
    scope.forget(cashier)
    return cashier


def python_settlement(period, admin, cashier) -> dict:
    """The settlement job run in this process (the worker's own entry point), then every approved claim batched
    by the cashier."""
    from gonghui.core import jobs
    from gonghui.mutual_aid import services
    from gonghui.mutual_aid.errors import NothingToPay
    from gonghui.mutual_aid.models import Settlement

    started = time.perf_counter()
    settlement = services.settlement_start(actor=admin, period=period)
    jobs.run(settlement.job_id)
    settlement = Settlement.objects.select_related("job").get(pk=settlement.pk)
    if settlement.status != Settlement.Status.REVIEW:
        raise RuntimeError(f"the settlement job failed: {settlement.job.error_code} {settlement.job.error_message}")
    job_seconds = time.perf_counter() - started

    started = time.perf_counter()
    batches = 0
    while True:
        try:
            services.payout_batch_create(actor=cashier, org=period.org, period=period)
        except NothingToPay:
            break
        batches += 1
    return {"job_seconds": job_seconds, "batch_seconds": time.perf_counter() - started, "batches": batches,
            "recheck": settlement.totals["recheck"], "first_payouts": settlement.totals["first_payouts"],
            "second_payout_candidates": settlement.totals["second_payout"]["candidates"]}


@register("f", "mutual-aid period settlement")
def run(options: Options) -> list[Result]:
    from decimal import Decimal

    from django.db import connection, transaction

    from gonghui.mutual_aid.services.payouts import MAX_BATCH

    ensure_demo(options)
    period = pick_period()
    if period is None:
        raise RuntimeError("the demo has no closed mutual-aid period")
    plans = {version.pk: version.rules for version in period.plan_versions.all()}
    admin = user("province_admin")
    with transaction.atomic():
        say(f"  {period}: claims back to approved, payouts removed (rolled back at the end)…")
        claims = reset(period)
        sql = benefit_sql(period.pk, plans, connection.vendor, MAX_BATCH)
        sql_runs = []
        for attempt in range(3):
            say(f"  one SQL statement, run {attempt + 1}/3…")
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                count, sql_total, sql_differing, sql_batches = cursor.fetchone()
            sql_runs.append(time.perf_counter() - started)
        say(f"  the settlement job and the payout batches for {claims:,} claims…")
        python = python_settlement(period, admin, province_cashier(admin, period))
        transaction.set_rollback(True)
    python_seconds = python["job_seconds"] + python["batch_seconds"]
    sql_seconds = statistics.median(sql_runs)
    sql_total_yuan = str(Decimal(int(sql_total or 0)).scaleb(-2))
    identical = (python["recheck"]["differing"] == 0 and sql_differing == 0 and count == claims
                 and python["first_payouts"] == sql_total_yuan)
    if not identical:
        say(f"  WARNING: Python differs on {python['recheck']['differing']} claims, SQL on {sql_differing}")
    return [Result(
        name="f.settle.claims", title="f. settle a mutual-aid period: settlement job + payout batches (Python)",
        figure=claims / python_seconds, figure_label="claims/s", baseline=claims / sql_seconds,
        baseline_label="claims/s one SQL statement", higher_is_better=True,
        scale=f"{options.scale} ({claims:,} claims)",
        details={"period": period.number, "claims": claims, "python_seconds": round(python_seconds, 3),
                 "settlement_job_seconds": round(python["job_seconds"], 3),
                 "settlement_job_claims_per_s": round(claims / python["job_seconds"]),
                 "payout_batch_seconds": round(python["batch_seconds"], 3),
                 "payout_batches": python["batches"], "sql_batches": int(sql_batches or 0),
                 "sql_seconds_runs": [round(s, 3) for s in sql_runs],
                 "python_first_payouts_yuan": python["first_payouts"],
                 "sql_total_yuan": sql_total_yuan,
                 "python_claims_differing": python["recheck"]["differing"],
                 "sql_claims_differing": int(sql_differing or 0), "identical": identical,
                 "second_payout_candidates": python["second_payout_candidates"],
                 "ratio_note": "figure / baseline: below 1 means Python is slower than the single statement"},
    )]
