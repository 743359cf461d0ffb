"""Where demo venues go: each county's seat (data/county_seats.csv, converted to WGS-84) and a radius that keeps a
point nearer its own seat than any other (see data/README.md)."""

import csv
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import coords

DATA = Path(__file__).resolve().parent.parent / "data" / "county_seats.csv"
MAX_RADIUS_M = 8_000.0
CENTRAL_KUNMING = ("530102", "530103", "530111", "530112")
KUNMING_CENTRE = (25.04, 102.71)  # WGS-84, near 五华区's seat


@dataclass(frozen=True)
class Seat:
    code: str
    name: str
    lat: float  # WGS-84
    lng: float
    radius_m: float


@cache
def county_seats() -> dict[str, Seat]:
    rows = []
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lng = coords.gcj02_to_wgs84(float(row["gcj_lat"]), float(row["gcj_lng"]))
            rows.append((row["code"], row["name"], lat, lng))
    seats = {}
    for code, name, lat, lng in rows:
        nearest = min(coords.haversine_m(lat, lng, la, ln) for c, _n, la, ln in rows if c != code)
        seats[code] = Seat(code, name, lat, lng, min(0.45 * nearest, MAX_RADIUS_M))
    return seats


def point_near(seat: Seat, rng: random.Random, *, spread: float = 1.0) -> tuple[float, float]:
    """A point within the seat's radius, denser towards the seat (as stations follow the town)."""
    distance = seat.radius_m * spread * rng.random() ** 1.5
    return offset(seat.lat, seat.lng, distance, rng.uniform(0, 2 * math.pi))


def offset(lat: float, lng: float, distance_m: float, bearing: float) -> tuple[float, float]:
    d_lat = distance_m * math.cos(bearing) / 111_195.0
    d_lng = distance_m * math.sin(bearing) / (111_195.0 * math.cos(math.radians(lat)))
    return lat + d_lat, lng + d_lng
