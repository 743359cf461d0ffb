"""hw. The yearly review of a county's filed hardship households as the job runs it (decrypt each income, the
rules in Python, one review row per household), vs one SQL statement computing the same per-capita test over the
same figures kept in clear in a scratch table (the physical limit: the real incomes are encrypted at rest, so no
SQL statement can read them). Households: 5,000 at small scale (a prefecture's files), 71,000 at province."""

import datetime
import random
import time
from decimal import Decimal

from . import Options, Result, register, say

COUNTY = "539998"
SIZES = {"small": 5_000, "county": 5_000, "province": 71_000}
YEAR = 2026


def _actor():
    from gonghui.core.models import User

    user = User.objects.filter(username="bench_assistance").first()
    if user is None:
        user = User.objects.create_superuser("bench_assistance", password=None)
    return user


def _ensure_files(count: int) -> list[tuple]:
    """The bench county's filed households (written once) and their figures in clear, for the baseline."""
    from gonghui.assistance.models import HardshipFile, HouseholdMember, MinimumLivingStandard
    from gonghui.core.sensitive import columns
    from gonghui.orgs.models import Organisation
    from gonghui.orgs.services import load_federation_tree

    MinimumLivingStandard.objects.update_or_create(county_code=COUNTY, year=YEAR,
                                                   defaults={"monthly": Decimal("700.00")})
    rng = random.Random(12)
    have = HardshipFile.objects.filter(county_code=COUNTY).count()
    if have < count:
        org = Organisation.objects.filter(level="province").first() or load_federation_tree()
        say(f"  writing {count - have:,} hardship files…")
        for start in range(have, count, 2000):
            files = [HardshipFile(org=org, name=f"基准户{i}", county_code=COUNTY, state="filed",
                                  applied_on=datetime.date(2024, 1, 1), filed_on=datetime.date(2024, 2, 1),
                                  causes=["illness"], medical_costs=str(rng.randrange(0, 20000)))
                     for i in range(start, min(start + 2000, count))]
            HardshipFile.objects.bulk_create(files)
            members = []
            for f in files:
                for k in range(rng.randrange(1, 5)):
                    members.append(HouseholdMember(file=f, name="成员", relation="self" if k == 0 else "child",
                                                   income=str(rng.randrange(0, 60000)),
                                                   **columns(HouseholdMember, "id_number",
                                                             f"B{f.pk:09d}{k:02d}")))
            HouseholdMember.objects.bulk_create(members)
    rows = []
    for f in HardshipFile.objects.filter(county_code=COUNTY).prefetch_related("members").order_by("pk")[:count]:
        incomes = [Decimal(m.income or "0") for m in f.members.all()]
        rows.append((f.pk, len(incomes), sum(incomes), Decimal(f.medical_costs or "0")))
    return rows


def _sql_baseline(rows) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_assist_clear")
        cursor.execute("CREATE TABLE bench_assist_clear (file_id integer, size integer, income numeric, "
                       "costs numeric)")
        cursor.executemany("INSERT INTO bench_assist_clear VALUES (%s, %s, %s, %s)",
                           [(a, b, str(c), str(d)) for a, b, c, d in rows])
        sql = ("SELECT file_id, CASE WHEN (CASE WHEN income - costs > 0 THEN income - costs ELSE 0 END) "
               "/ size / 12 < 700 THEN 'keep' WHEN (CASE WHEN income - costs > 0 THEN income - costs ELSE 0 END) "
               "/ size / 12 < 1400 THEN 'keep' ELSE 'exit' END FROM bench_assist_clear")
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_assist_clear")
    return elapsed


@register("hw", "hardship yearly review of a county")
def run(options: Options) -> list[Result]:
    from gonghui.assistance.models import YearlyReview
    from gonghui.assistance.services.reviews import review_run

    count = SIZES.get(options.scale, 5_000)
    rows = _ensure_files(count)
    YearlyReview.objects.filter(file__county_code=COUNTY, year=YEAR).delete()
    started = time.perf_counter()
    counts = review_run(actor=_actor(), county_code=COUNTY, year=YEAR)
    job = time.perf_counter() - started
    baseline = _sql_baseline(rows)
    say(f"  review of {len(rows):,} households: {job:.2f} s; one SQL statement on clear figures {baseline:.3f} s")
    return [Result("hw.review.county", f"hw. yearly review of {len(rows):,} hardship households", job, "s",
                   baseline, "s (one SQL statement, figures in clear)", details={"households": len(rows),
                                                                                 **counts})]
