"""f. Settle a province-scale mutual-aid period: the benefit of ≥ 300,000 claims computed by the application's own
arithmetic (``mutual_aid.calculation.compute_benefit``, every step kept, Decimal) and written back in bulk, then the
payout batches built (``settlement_math.payout_batches``) — versus the same band arithmetic done by ONE SQL
``UPDATE`` in the database, on the same rows in the same run. Both results are compared claim by claim.

The claims live in a scratch TEMP table (dropped with the connection), not in ``mutual_aid_claim``: real claims
need persons, enrolments and plan versions, which a province-scale members demo would have to build first; the
arithmetic and batching timed here are the very functions the services call. Money is kept in whole cents in the
scratch table so SQLite (which has no decimal type) and PostgreSQL compute exactly the same thing; the Python path
reads cents into Decimal and back, as Django's DecimalField would.

Synthetic data (seeded): self-paid costs log-normal (median ≈ 3,000 yuan, a long tail to 500,000), 80 % inpatient,
8 % serious illness, 8 % accident, 4 % women's diseases; 15 % of claims from new joiners (cover day 1–365); one
claim in five from a person who already used part of the period's cap; about 2,000 paying unions.
"""

import random
import statistics
import time

from . import Options, Result, register, say

CLAIMS_BY_SCALE = {"small": 300_000, "county": 300_000, "province": 1_000_000}
TABLE = "bench_ma_claim"
RESULT_TABLE = "bench_ma_result"
BATCH_SIZE = 1000  # claims per payout batch
UNIONS = 1963  # Yuxi prefecture's units in period 22
BENEFIT_WEIGHTS = (("inpatient", 80), ("serious_illness", 8), ("accident", 8), ("women", 4))
SEED = 2026


def claim_rows(count: int, plan) -> list[tuple]:
    """(id, org_id, person_id, benefit_type, self_paid_cents, used_cents, days or None), seeded."""
    rng = random.Random(SEED)
    codes = [code for code, weight in BENEFIT_WEIGHTS for _ in range(weight)]
    persons = max(1, int(count * 0.7))
    rows = []
    for claim_id in range(1, count + 1):
        code = rng.choice(codes)
        cost = min(int(rng.lognormvariate(8.0, 1.1) * 100), 50_000_000)  # data generation only: then whole cents
        cap = int(plan.benefits[code].cap_per_period * 100)
        used = rng.randrange(0, cap + 1, 100) if rng.random() < 0.2 else 0
        days = rng.randint(1, 365) if rng.random() < 0.15 else None
        rows.append((claim_id, rng.randrange(UNIONS) + 1, rng.randrange(persons) + 1, code, cost, used, days))
    return rows


def create_tables(connection, rows: list[tuple]) -> None:
    from gonghui.core.demo import BulkWriter

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TEMP TABLE {TABLE} (id BIGINT PRIMARY KEY, org_id INTEGER NOT NULL, "
                       "person_id INTEGER NOT NULL, benefit_type VARCHAR(20) NOT NULL, "
                       "self_paid_cents BIGINT NOT NULL, used_cents BIGINT NOT NULL, days INTEGER, "
                       "py_amount_cents BIGINT, py_batch INTEGER, sql_amount_cents BIGINT)")
        cursor.execute(f"DROP TABLE IF EXISTS {RESULT_TABLE}")
        cursor.execute(f"CREATE TEMP TABLE {RESULT_TABLE} (id BIGINT PRIMARY KEY, amount_cents BIGINT NOT NULL, "
                       "batch INTEGER)")
        cursor.execute("DROP TABLE IF EXISTS bench_ma_batch")
        cursor.execute("CREATE TEMP TABLE bench_ma_batch (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, "
                       "number INTEGER NOT NULL, claims INTEGER NOT NULL, total_cents BIGINT NOT NULL)")
    BulkWriter().write(TABLE, ["id", "org_id", "person_id", "benefit_type", "self_paid_cents", "used_cents", "days"],
                       rows)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")


def drop_tables(connection) -> None:
    with connection.cursor() as cursor:
        for table in (TABLE, RESULT_TABLE, "bench_ma_batch"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _cents(value, multiplier: int) -> int:
    return int(value * multiplier)


def benefit_sql(plan, vendor: str) -> str:
    """One UPDATE computing every claim's benefit from the plan's numbers, in whole cents and integers only:
    bands in basis points, the new joiner's factor in basis points, caps scaled to match, half-up rounding by
    adding half and dividing (all values are non-negative)."""
    greatest, least = ("GREATEST", "LEAST") if vendor == "postgresql" else ("MAX", "MIN")
    scale = 10**8  # ratio (10^4) × factor (10^4)
    cases = []
    for code, rule in plan.benefits.items():
        eligible = f"{greatest}(self_paid_cents - {_cents(rule.deductible, 100)}, 0)"
        terms, lower = [], 0
        for band in rule.bands:
            upper = eligible if band.upto is None else f"{least}({eligible}, {_cents(band.upto, 100)})"
            terms.append(f"{greatest}({upper} - {lower}, 0) * {_cents(band.ratio, 10_000)}")
            lower = _cents(band.upto, 100) if band.upto is not None else lower
        factor = (f"CASE WHEN days IS NULL THEN 10000 WHEN days <= {rule.waiting_days} THEN 0 "
                  f"WHEN days <= {rule.reduced_days} THEN {_cents(rule.reduced_factor, 10_000)} ELSE 10000 END")
        raw = f"({' + '.join(terms)}) * ({factor})"
        capped = (f"{least}({raw}, {_cents(rule.cap_per_claim, 100) * scale}, "
                  f"{greatest}({_cents(rule.cap_per_period, 100)} - used_cents, 0) * {scale})")
        cases.append(f"WHEN '{code}' THEN ({capped} + {scale // 2}) / {scale}")
    return f"UPDATE {TABLE} SET sql_amount_cents = CASE benefit_type {' '.join(cases)} END"


def python_settlement(connection, plan) -> dict:
    """Read the claims, compute each benefit with compute_benefit, build the payout batches, write amounts and
    batch numbers back in bulk and the batches as rows. Returns the seconds of each part."""
    from decimal import Decimal

    from gonghui.core.demo import BulkWriter
    from gonghui.mutual_aid.calculation import compute_benefit
    from gonghui.mutual_aid.settlement_math import payout_batches

    seconds = {}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, org_id, benefit_type, self_paid_cents, used_cents, days FROM {TABLE} "
                       "ORDER BY id")
        rows = [(claim_id, org, code, Decimal(cost).scaleb(-2), Decimal(used).scaleb(-2), days)
                for claim_id, org, code, cost, used, days in cursor.fetchall()]
    seconds["read"] = time.perf_counter() - started

    started = time.perf_counter()
    rules = plan.benefits
    amounts = [(claim_id, org, compute_benefit(rules[code], self_paid=cost, used_in_period=used,
                                               days_covered_at_admission=days).amount)
               for claim_id, org, code, cost, used, days in rows]
    seconds["compute"] = time.perf_counter() - started

    started = time.perf_counter()
    batches = payout_batches(amounts, max_claims=BATCH_SIZE)
    batch_of = {}
    for batch_id, batch in enumerate(batches, start=1):
        for claim_id in batch.claim_ids:
            batch_of[claim_id] = batch_id
    seconds["batches"] = time.perf_counter() - started

    started = time.perf_counter()
    writer = BulkWriter()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {RESULT_TABLE}")
        cursor.execute("DELETE FROM bench_ma_batch")
    writer.write(RESULT_TABLE, ["id", "amount_cents", "batch"],
                 [(claim_id, int(amount * 100), batch_of.get(claim_id)) for claim_id, _org, amount in amounts])
    writer.write("bench_ma_batch", ["id", "org_id", "number", "claims", "total_cents"],
                 [(i, b.group, b.number, b.count, int(b.total * 100)) for i, b in enumerate(batches, start=1)])
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET py_amount_cents = r.amount_cents, py_batch = r.batch "
                       f"FROM {RESULT_TABLE} r WHERE r.id = {TABLE}.id")
    seconds["write"] = time.perf_counter() - started
    seconds["batches_made"] = len(batches)
    return seconds


def second_payout_seconds(connection, plan) -> tuple[float, int]:
    """Per-person totals of the period and the second payout out of a surplus, from the Python results."""
    from decimal import Decimal

    from gonghui.mutual_aid.settlement_math import period_surplus, person_totals, second_payouts

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT person_id, self_paid_cents, py_amount_cents FROM {TABLE}")
        rows = cursor.fetchall()
    started = time.perf_counter()
    totals = person_totals((person, Decimal(cost).scaleb(-2), Decimal(paid).scaleb(-2)) for person, cost, paid in rows)
    paid = sum((t[2] for t in totals), Decimal(0))
    contributions = (paid / Decimal("0.85")).quantize(Decimal("0.01"))  # first payouts: 85 % of contributions
    result = second_payouts(totals, plan.second_payout, surplus=period_surplus(
        contributions=contributions, first_payouts=paid, reserve=(contributions * Decimal("0.05")).quantize(
            Decimal("0.01"))))
    return time.perf_counter() - started, len(result.amounts)


def compare(connection) -> dict:
    from decimal import Decimal

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), SUM(py_amount_cents), SUM(sql_amount_cents), "
                       f"SUM(CASE WHEN py_amount_cents = sql_amount_cents THEN 0 ELSE 1 END) FROM {TABLE}")
        count, python_total, sql_total, differing = (int(value or 0) for value in cursor.fetchone())
    return {"claims": count, "python_total_yuan": str(Decimal(python_total).scaleb(-2)),
            "sql_total_yuan": str(Decimal(sql_total).scaleb(-2)),
            "claims_differing": differing, "identical": differing == 0 and python_total == sql_total}


def describe_sample(plan, samples: int = 2000) -> float:
    """µs per claim to turn a calculation into the JSON the application stores with the claim (to_data)."""
    import json
    from decimal import Decimal

    from gonghui.mutual_aid.calculation import compute_benefit

    rule = plan.benefits["inpatient"]
    calcs = [compute_benefit(rule, self_paid=Decimal(1000 + 37 * i), used_in_period=Decimal(0),
                             days_covered_at_admission=None) for i in range(samples)]
    started = time.perf_counter()
    for calc in calcs:
        json.dumps(calc.to_data())
    return (time.perf_counter() - started) / samples * 1e6


@register("f", "mutual-aid period settlement")
def run(options: Options) -> list[Result]:
    from django.db import connection, transaction

    from gonghui.mutual_aid.plans import default_plan

    plan = default_plan()
    count = options.persons or CLAIMS_BY_SCALE[options.scale]  # --persons N: N claims
    runs = max(1, min(options.repeat, 3))
    say(f"  generating {count:,} synthetic claims…")
    rows = claim_rows(count, plan)
    sql = benefit_sql(plan, connection.vendor)
    python_runs, sql_runs, parts = [], [], []
    with transaction.atomic():
        create_tables(connection, rows)
        del rows
        try:
            for attempt in range(runs):
                say(f"  run {attempt + 1}/{runs}: Python…")
                started = time.perf_counter()
                parts.append(python_settlement(connection, plan))
                python_runs.append(time.perf_counter() - started)
                say(f"  run {attempt + 1}/{runs}: one SQL UPDATE…")
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(sql)
                sql_runs.append(time.perf_counter() - started)
            checked = compare(connection)
            second_seconds, second_persons = second_payout_seconds(connection, plan)
        finally:
            drop_tables(connection)
    if not checked["identical"]:
        say(f"  WARNING: Python and SQL disagree: {checked}")
    python_seconds, sql_seconds = statistics.median(python_runs), statistics.median(sql_runs)
    part = {key: statistics.median(p[key] for p in parts) for key in parts[0]}
    return [Result(
        name="f.settle.claims", title="f. settle a mutual-aid period: benefits + payout batches (Python)",
        figure=count / python_seconds, figure_label="claims/s", baseline=count / sql_seconds,
        baseline_label="claims/s one SQL UPDATE", higher_is_better=True, scale=f"{options.scale} ({count:,} claims)",
        details={"claims": count, "runs": runs, "python_seconds": python_seconds, "sql_seconds": sql_seconds,
                 "python_seconds_by_part": {k: round(v, 3) for k, v in part.items() if k != "batches_made"},
                 "compute_only_claims_per_s": count / part["compute"], "payout_batches": int(part["batches_made"]),
                 "second_payout_seconds": second_seconds, "second_payout_persons": second_persons,
                 "to_data_json_us_per_claim": describe_sample(plan), **checked,
                 "ratio_note": "figure / baseline: below 1 means Python is slower than the single UPDATE"},
    )]
