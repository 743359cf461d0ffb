"""The national-scale venue set for the benchmark only (200,000 venues across China): clustered around the
provincial capitals and big cities, with a thin spread between them. Written by the bulk loader."""

import json
import random

from django.utils import timezone

from gonghui.core import demo

from ..models import Venue

# (lat, lng, weight) of provincial capitals and other large cities, WGS-84, rounded.
CITIES = (
    (39.90, 116.40, 6), (31.23, 121.47, 6), (23.13, 113.26, 5), (22.54, 114.06, 5), (30.57, 104.07, 4),
    (29.56, 106.55, 4), (30.59, 114.31, 4), (34.34, 108.94, 3), (32.06, 118.80, 4), (30.27, 120.16, 4),
    (36.65, 117.12, 3), (34.75, 113.63, 3), (28.23, 112.94, 3), (26.07, 119.30, 3), (25.04, 102.71, 3),
    (26.65, 106.63, 2), (22.82, 108.37, 2), (20.04, 110.32, 1), (28.68, 115.86, 2), (31.82, 117.23, 2),
    (38.04, 114.51, 3), (37.87, 112.55, 2), (41.80, 123.43, 3), (43.82, 125.32, 2), (45.80, 126.53, 2),
    (40.84, 111.75, 1), (36.06, 103.83, 1), (36.62, 101.78, 1), (38.49, 106.23, 1), (43.83, 87.62, 1),
    (29.65, 91.12, 1), (39.13, 117.20, 4), (36.07, 120.38, 2), (24.48, 118.09, 2), (29.87, 121.54, 2),
)


def national_points(count: int, seed: int = 2026):
    rng = random.Random(seed)
    weights = [w for _a, _b, w in CITIES]
    for _ in range(count):
        if rng.random() < 0.85:
            lat, lng, _w = rng.choices(CITIES, weights=weights)[0]
            yield lat + rng.gauss(0, 0.25), lng + rng.gauss(0, 0.3)
        else:
            yield rng.uniform(21.0, 45.0), rng.uniform(98.0, 122.0)


def build_national(count: int, org_id: int, seed: int = 2026) -> int:
    """Write ``count`` approved stations numbered 990000000001… (not a real county code)."""
    writer = demo.BulkWriter()
    table = Venue._meta.db_table
    next_id = writer.next_id(table)
    now = timezone.now()
    attnames = [f.attname for f in Venue._meta.concrete_fields]
    columns = [f.column for f in Venue._meta.concrete_fields]
    hours = json.dumps([[["07:00", "21:00"]]] * 7)
    rows, written = [], 0
    for number, (lat, lng) in enumerate(national_points(count, seed), start=1):
        values = {"id": next_id, "code": f"990000{number:06d}", "kind": "station", "name": f"驿站{number}",
                  "name_pinyin": f"yizhan{number}", "name_initials": "yz", "address": "", "org_id": org_id,
                  "county_code": "990000", "province_code": "99", "operation": "union_built", "partner_type": "",
                  "partner_name": "", "lat": round(lat, 7), "lng": round(lng, 7), "amenity_bits": 0b111 | number % 64,
                  "open_24h": number % 3 == 0, "weekly_hours": hours, "contact_name": "", "contact_phone": "",
                  "status": "open", "star_level": 0, "approval": "approved", "description": "",
                  "created_by_id": None, "created_at": now, "updated_at": now}
        rows.append(writer.adapt_row(tuple(values[a] for a in attnames)))
        next_id += 1
        if len(rows) >= 20_000:
            written += writer.write(table, columns, rows)
            rows = []
    written += writer.write(table, columns, rows)
    writer.reset_sequences(table)
    return written
