"""g. The indicator registry on the demo: a province leader's figures through ``core.indicators`` (scope check,
declaration, ORM query) beside the hand-written GROUP BY a report writer would send as raw SQL, on the same rows in
the same process; the two must give the same numbers.

- members by prefecture: ``members.members`` by child of the province (a stock: memberships in force on the day,
  each person once), against COUNT(DISTINCT person) GROUP BY the prefecture's path prefix;
- payouts by year: ``mutual_aid.payout_amount`` by year over the last five years (paid claims, days in
  Asia/Shanghai), against SUM GROUP BY the local year of paid_at;
- workers served: ``venues.workers_served`` over five years (check-ins plus anonymous counts, two tables),
  against two raw SUM/COUNT statements.
"""

import datetime
from decimal import Decimal

from . import Options, Result, percentiles, register, timed
from ._data import ensure_demo, user

YEARS = 5


def _window() -> tuple[datetime.date, datetime.date]:
    from django.utils import timezone

    today = timezone.localdate()
    return datetime.date(today.year - YEARS + 1, 1, 1), today


def _raw(sql: str, params: list) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _members_by_prefecture_sql(province, day):
    length = len(province.path) + 9  # one zero-padded id and its slash
    sql = ("SELECT SUBSTR(o.path, 1, %s), COUNT(DISTINCT m.person_id) FROM members_membership m "
           "JOIN orgs_organisation o ON o.id = m.org_id WHERE o.path LIKE %s AND m.joined_on <= %s "
           "AND (m.ended_on IS NULL OR m.ended_on > %s) GROUP BY 1")
    return lambda: dict(_raw(sql, [length, province.path + "%", day, day]))


def _local_bounds(start, end):
    from django.utils import timezone

    tz = timezone.get_default_timezone()
    return (timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz),
            timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz))


def _payouts_by_year_sql(start, end):
    from django.db import connection

    year = ("EXTRACT(YEAR FROM c.paid_at AT TIME ZONE 'Asia/Shanghai')" if connection.vendor == "postgresql"
            else "strftime('%%Y', datetime(c.paid_at, '+8 hours'))")  # SQLite keeps UTC; Shanghai has no DST
    sql = (f"SELECT {year}, SUM(c.approved_amount) FROM mutual_aid_claim c WHERE c.state = 'paid' "
           f"AND c.paid_at >= %s AND c.paid_at < %s GROUP BY 1")
    low, high = _local_bounds(start, end)
    return lambda: {int(y): Decimal(str(v)).quantize(Decimal("0.01")) for y, v in _raw(sql, [low, high])}


def _workers_served_sql(start, end):
    low, high = _local_bounds(start, end)

    def run():
        checkins = _raw("SELECT COUNT(*) FROM venues_visit v JOIN venues_venue s ON s.id = v.venue_id "
                        "WHERE s.approval <> 'rejected' AND v.visited_at >= %s AND v.visited_at < %s", [low, high])
        counted = _raw("SELECT COALESCE(SUM(d.count), 0) FROM venues_dailyvisitcount d JOIN venues_venue s "
                       "ON s.id = d.venue_id WHERE s.approval <> 'rejected' AND d.day >= %s AND d.day <= %s",
                       [start, end])
        return checkins[0][0] + counted[0][0]

    return run


@register("g", "indicator registry vs raw GROUP BY")
def run(options: Options) -> list[Result]:
    from gonghui.core import indicators, scope

    ensure_demo(options)
    leader = user("province_admin")
    province = scope.org_refs_at([""])[0]
    start, end = _window()
    cases = [
        ("members_by_prefecture", "members by prefecture (stock, distinct persons)",
         lambda: indicators.indicator_series("members.members", province, start, end, by="child", user=leader),
         _members_by_prefecture_sql(province, end),
         lambda rows: {r["org_id"]: r["value"] for r in rows if r["value"]},
         lambda raw: {ref.pk: raw[ref.path] for ref in scope.org_children(province.path) if raw.get(ref.path)}),
        ("payouts_by_year", f"payouts by year over {YEARS} years (yuan)",
         lambda: indicators.indicator_series("mutual_aid.payout_amount", province, start, end, by="year",
                                             user=leader),
         _payouts_by_year_sql(start, end),
         lambda rows: {int(r["key"]): r["value"] for r in rows if r["value"]},
         lambda raw: raw),
        ("workers_served", f"workers served over {YEARS} years (two tables)",
         lambda: indicators.indicator_value("venues.workers_served", province, start, end, user=leader),
         _workers_served_sql(start, end), lambda value: value, lambda raw: raw),
    ]
    results = []
    for name, title, registry, raw_sql, shape, raw_shape in cases:
        same = shape(registry()) == raw_shape(raw_sql())
        p50, p95 = percentiles(timed(registry, options.repeat))
        b50, b95 = percentiles(timed(raw_sql, options.repeat))
        results.append(Result(
            name=f"g.indicators.{name}", title=f"g. {title}: registry vs raw SQL", figure=p50,
            figure_label="ms p50 registry", baseline=b50, baseline_label="ms p50 raw SQL",
            details={"p95_ms": p95, "baseline_p95_ms": b95, "same_figures": same, "window": [str(start), str(end)]}))
    return results
