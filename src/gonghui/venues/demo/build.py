"""The builders. Small scale (``make run``, tests): a few stations in every prefecture and a dozen in central
Kunming. County and province scales: 2,911 stations across the 129 counties, each near its own county seat,
plus a service centre per county and a cultural palace per prefecture; a year of daily visit counts."""

import datetime
import json
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.core import demo
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.orgs import selectors as org_selectors

from .. import index
from ..models import (
    AMENITY_CODES,
    DailyVisitCount,
    DemandPoint,
    FundingProject,
    Venue,
    VenueClosure,
    VenueHonour,
    Visit,
    amenity_mask,
)
from .places import CENTRAL_KUNMING, county_seats, point_near

STATIONS_PROVINCE = 2_911
ROADS = ("人民路", "北京路", "青年路", "东风路", "环城路", "建设路", "滇池路", "春城路", "学府路", "金碧路", "白塔路",
         "新闻路", "广福路", "昆州路", "兴华街", "文化路", "团结路", "解放路", "民族路", "迎宾路")
HOSTS = (("", "工会户外劳动者服务站"), ("bank", "农商银行爱心驿站"), ("petrol_station", "加油站工会驿站"),
         ("community_centre", "社区工会驿站"), ("post_office", "邮政支局爱心驿站"), ("supermarket", "便利店暖心驿站"))
COMMON = ("water", "charging", "seats", "microwave", "first_aid")
TIMETABLES = (
    (0.30, True, []),
    (0.40, False, [[["07:00", "21:00"]]] * 7),
    (0.15, False, [[["08:00", "12:00"], ["14:00", "18:00"]]] * 5 + [[], []]),
    (0.15, False, [[["06:00", "10:00"], ["17:00", "01:00"]]] * 7),  # the evening shift runs past midnight
)
SPRING_FESTIVAL = (datetime.date(2026, 2, 16), datetime.date(2026, 2, 22))


def _amenities(rng: random.Random) -> int:
    chosen = [code for code in COMMON if rng.random() < 0.85]
    chosen += [code for code in AMENITY_CODES if code not in COMMON and rng.random() < 0.3]
    return amenity_mask(chosen)


def _timetable(rng: random.Random):
    roll = rng.random()
    for share, open_24h, week in TIMETABLES:
        if roll < share:
            return open_24h, week
        roll -= share
    return TIMETABLES[1][1], TIMETABLES[1][2]


def _county_orgs(province) -> dict[str, object]:
    federations = org_selectors.subtree(province).filter(kind="federation").select_related("division")
    return {org.division_id: org for org in federations if org.division_id}


def _station_counts(ctx: demo.DemoContext, seats) -> dict[str, int]:
    if not ctx.bulk:
        counts = {code: 0 for code in seats}
        for code in CENTRAL_KUNMING:
            counts[code] = 3  # a dozen in central Kunming
        prefectures = sorted({code[:4] for code in seats})
        for prefecture in prefectures:  # two in the first-listed county (the city) of every prefecture
            first = min(code for code in seats if code.startswith(prefecture))
            counts[first] = max(counts[first], 2)
        return counts
    weights = {code: (8.0 if code in CENTRAL_KUNMING else 2.0 if code.startswith("5301") else 1.0) for code in seats}
    total = sum(weights.values())
    counts = {code: max(8, int(STATIONS_PROVINCE * w / total)) for code, w in weights.items()}
    short = STATIONS_PROVINCE - sum(counts.values())
    for code in sorted(seats, key=lambda c: -weights[c])[: max(short, 0)]:
        counts[code] += 1
    return counts


def _row(venue_id, code, kind, name, address, org, county, lat, lng, rng, now, status="open"):
    open_24h, week = _timetable(rng)
    host, _suffix = rng.choice(HOSTS) if kind == Venue.Kind.STATION else ("", "")
    full, initials = pinyin_keys(name)
    values = {
        "id": venue_id, "code": code, "kind": kind, "name": name, "name_pinyin": full, "name_initials": initials,
        "address": address, "org_id": org.pk, "county_code": county, "province_code": PROVINCE_CODE,
        "operation": "co_built" if host else "union_built", "partner_type": host,
        "partner_name": name[:-2] if host else "", "lat": round(lat, 7), "lng": round(lng, 7),
        "amenity_bits": _amenities(rng), "open_24h": open_24h,
        "weekly_hours": json.dumps(week), "contact_name": "", "contact_phone": f"0871-6{rng.randrange(10**6):06d}",
        "status": status, "star_level": rng.choice((0, 0, 1, 2, 3, 3, 4, 5)), "approval": "approved",
        "description": "", "created_by_id": None, "created_at": now, "updated_at": now,
    }
    return values


def build_venues(ctx: demo.DemoContext) -> None:
    rng = random.Random(ctx.seed * 31 + 5)
    seats = county_seats()
    orgs = _county_orgs(ctx.shared["province"])
    writer = demo.BulkWriter()
    table = Venue._meta.db_table
    next_id = writer.next_id(table)
    now = timezone.now()
    rows, closures = [], []
    sequence: dict[str, int] = {}

    def add(kind, name, county, lat, lng, org, status="open"):
        nonlocal next_id
        sequence[county] = sequence.get(county, 0) + 1
        road = rng.choice(ROADS)
        rows.append(_row(next_id, f"{county}{sequence[county]:04d}", kind, name,
                         f"{seats[county].name if county in seats else '昆明市'}{road}{rng.randrange(1, 400)}号",
                         org, county, lat, lng, rng, now, status))
        if kind == Venue.Kind.STATION and rng.random() < 0.2:
            closures.append((next_id, *SPRING_FESTIVAL))
        next_id += 1

    for county, count in _station_counts(ctx, seats).items():
        seat = seats[county]
        place = seat.name[:2]
        for _number in range(count):
            lat, lng = point_near(seat, rng, spread=0.6 if county in CENTRAL_KUNMING else 1.0)
            _partner, suffix = rng.choice(HOSTS)
            status = "temporarily_closed" if rng.random() < 0.03 else "open"
            add(Venue.Kind.STATION, f"{place}{rng.choice(ROADS)}{suffix}", county, lat, lng, orgs[county], status)
        if ctx.bulk or county in CENTRAL_KUNMING[:1]:
            lat, lng = point_near(seat, rng, spread=0.3)
            add(Venue.Kind.SERVICE_CENTRE, f"{seat.name}职工服务中心", county, lat, lng, orgs[county])
    for prefecture_code, org in sorted(orgs.items()):
        if org.level != "prefecture":
            continue
        city = min(code for code in seats if code.startswith(prefecture_code[:4]))
        lat, lng = point_near(seats[city], rng, spread=0.3)
        add(Venue.Kind.CULTURAL_PALACE, f"{org.division.name}工人文化宫", city, lat, lng, org)
        if not ctx.bulk:
            lat, lng = point_near(seats[city], rng, spread=0.3)
            add(Venue.Kind.SERVICE_CENTRE, f"{org.division.name}职工服务中心", city, lat, lng, org)
    columns = [f.column for f in Venue._meta.concrete_fields]
    attnames = [f.attname for f in Venue._meta.concrete_fields]
    tuples = [writer.adapt_row(tuple(r[a] for a in attnames)) for r in rows]
    for start in range(0, len(tuples), 5000):
        writer.write(table, columns, tuples[start:start + 5000])
    writer.reset_sequences(table)
    VenueClosure.objects.bulk_create([VenueClosure(venue_id=v, start_date=s, end_date=e, reason="春节")
                                      for v, s, e in closures], batch_size=2000)
    _funding_and_honours(rng, rows)
    index.invalidate()
    ctx.shared["venue_ids"] = [r["id"] for r in rows]
    ctx.progress(f"service venues: {len(rows):,} ({sum(1 for r in rows if r['kind'] == 'station'):,} stations)")


def _funding_and_honours(rng: random.Random, rows) -> None:
    """Subsidy projects for the bigger venues and some stations; "most beautiful station" honours for a few."""
    funding, honours = [], []
    for row in rows:
        big = row["kind"] != Venue.Kind.STATION
        if big or rng.random() < 0.15:
            amount = Decimal(rng.randrange(500_000, 30_000_000) if big else rng.randrange(20_000, 150_000)) / 100
            area = Decimal(rng.randrange(800, 6000) if big else rng.randrange(15, 60))
            funding.append(FundingProject(venue_id=row["id"], title="阵地建设补助" if big else "驿站建设补助",
                                          year=rng.randrange(2016, 2026), amount=amount.quantize(Decimal("0.01")),
                                          floor_area=area))
        if not big and row["star_level"] >= 4 and rng.random() < 0.3:
            honours.append(VenueHonour(venue_id=row["id"], title="最美工会户外劳动者服务站点",
                                       year=rng.randrange(2019, 2026), awarded_by="云南省总工会"))
    FundingProject.objects.bulk_create(funding, batch_size=2000)
    VenueHonour.objects.bulk_create(honours, batch_size=2000)


def build_visits(ctx: demo.DemoContext) -> None:
    """A year of anonymous daily counts per venue, and some QR check-ins by occupation."""
    rng = random.Random(ctx.seed * 37 + 11)
    venue_ids = ctx.shared.get("venue_ids") or list(Venue.objects.values_list("id", flat=True))
    writer = demo.BulkWriter()
    today = timezone.localdate()
    # A year of daily counts (about a million rows at the bulk scales). A run with an explicit number of persons
    # (the tests' small demos) writes the last 30 days only, to stay quick.
    span = 365 if ctx.persons is None or not ctx.bulk else 30
    days = [today - datetime.timedelta(days=d) for d in range(span, 0, -1)]
    table = DailyVisitCount._meta.db_table
    columns = ["venue_id", "day", "count", "recorded_by_id", "province_code"]
    batch, total = [], 0
    for venue_id in venue_ids:
        base = rng.randint(5, 40)
        for day in days:
            if rng.random() < 0.9:
                count = max(0, int(rng.gauss(base, base / 3)))
                batch.append(writer.adapt_row((venue_id, day, count, None, PROVINCE_CODE)))
        if len(batch) >= 20_000:
            total += writer.write(table, columns, batch)
            batch = []
    total += writer.write(table, columns, batch)
    occupations = ("sanitation", "courier", "rider", "driver", "construction", "municipal")
    visits = []
    for venue_id in venue_ids:
        for number in range(rng.randint(3, 12)):
            at = timezone.now() - datetime.timedelta(days=rng.randrange(365), minutes=rng.randrange(1440))
            visits.append(Visit(venue_id=venue_id, visitor_key=f"demo:{venue_id}:{number}", source="qr",
                                occupation=rng.choice(occupations), visited_at=at))
    Visit.objects.bulk_create(visits, batch_size=5000)
    ctx.progress(f"venue visits: {total:,} daily counts, {len(visits):,} check-ins")


def build_demand_points(ctx: demo.DemoContext) -> None:
    """Population points for coverage planning: dense in the towns, most in central Kunming."""
    rng = random.Random(ctx.seed * 41 + 3)
    points = []
    for code, seat in county_seats().items():
        if not ctx.bulk and not code.startswith("5301"):
            continue
        count = 300 if code in CENTRAL_KUNMING else 40
        for _ in range(count):
            lat, lng = point_near(seat, rng, spread=0.8)
            points.append(DemandPoint(county_code=code, lat=lat, lng=lng, weight=rng.randint(1, 20)))
    DemandPoint.objects.bulk_create(points, batch_size=5000)
    ctx.progress(f"coverage demand points: {len(points):,}")
