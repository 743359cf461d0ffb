"""The in-process nearest-station index: no database extension, the same on SQLite and PostgreSQL.

Venues are kept in latitude bands (rows of ``ROW_DEG``), each sorted by longitude. A query looks at a window of
half-height ``h`` around the point: the rows it covers, and in each row the longitudes (found by bisection) within
the window's half-width ``w``, chosen so that a point outside the window is at least the great-circle distance
``R·h`` away (the distance from a point to a meridian is ``asin(cos φ · sin Δλ)``). Candidates are compared by
the chord between unit vectors (monotonic in the great-circle distance, and much cheaper than haversine); when
``n`` of them lie within the window's guaranteed distance, no point outside can be nearer and the answer is exact.
Otherwise the window doubles, up to the radius, which ends the search.

Every search does bounded work whatever it is asked: coordinates must be finite (``ValueError`` otherwise); the
radius is held between ``MIN_RADIUS_M`` and half the globe, so the window can neither underflow to nothing (a
radius of 5e-324 once kept the doubling loop at 0 forever) nor grow past the globe; the window doubles at most
``MAX_RINGS`` times; a scan visits only rows that hold points; and one search examines at most
``MAX_CANDIDATES`` points (past that it answers the nearest of those examined, which no real query reaches).

Longitudes are not wrapped at ±180° (every venue is in China).
"""

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .coords import EARTH_RADIUS_M

ROW_DEG = 0.02
FIRST_WINDOW_M = 600.0
MIN_RADIUS_M = 1.0
MAX_RADIUS_M = math.pi * EARTH_RADIUS_M  # half the globe: every point
MAX_RINGS = 24  # doublings of the window: from MIN_RADIUS_M to half the globe takes 25 halvings, 600 m takes 16
MAX_CANDIDATES = 250_000  # points examined by one search, all rings together


def unit_vector(lat: float, lng: float) -> tuple[float, float, float]:
    p, lam = math.radians(lat), math.radians(lng)
    c = math.cos(p)
    return c * math.cos(lam), c * math.sin(lam), math.sin(p)


def chord_for(distance_m: float) -> float:
    """The straight-line distance through the unit sphere that matches a great-circle distance."""
    angle = min(distance_m / EARTH_RADIUS_M, math.pi)
    return 2.0 * math.sin(angle / 2.0)


def distance_for(chord: float) -> float:
    return 2.0 * math.asin(min(1.0, chord / 2.0)) * EARTH_RADIUS_M


def _finite(*values: float) -> None:
    if not all(math.isfinite(v) for v in values):
        raise ValueError("coordinates and distances must be finite numbers")


def _latitude(lat: float) -> float:
    return min(max(lat, -90.0), 90.0)


def _radius(radius_m: float) -> float:
    _finite(radius_m)
    return min(max(radius_m, MIN_RADIUS_M), MAX_RADIUS_M)


class _Budget:
    """The points one search may still examine."""

    __slots__ = ("left",)

    def __init__(self, points: int = MAX_CANDIDATES):
        self.left = points


@dataclass(slots=True)
class Point:
    """What the index knows of a venue: enough to filter and answer a map or a list without the database."""

    id: int
    lat: float
    lng: float
    data: object = None  # the caller's payload (a VenueSummary)


@dataclass
class _Row:
    lngs: list = field(default_factory=list)
    points: list = field(default_factory=list)
    vectors: list = field(default_factory=list)


class GridIndex:
    def __init__(self, points: Iterable[Point], row_deg: float = ROW_DEG):
        self.row_deg = row_deg
        rows: dict[int, list[Point]] = {}
        count = 0
        for point in points:
            rows.setdefault(self._row(point.lat), []).append(point)
            count += 1
        self.rows: dict[int, _Row] = {}
        for key, members in rows.items():
            members.sort(key=lambda p: p.lng)
            self.rows[key] = _Row([p.lng for p in members], members, [unit_vector(p.lat, p.lng) for p in members])
        self.keys = sorted(self.rows)  # the rows that hold points, so a scan never walks empty ones
        self.size = count

    def _row(self, lat: float) -> int:
        return math.floor(lat / self.row_deg)

    def _rows_between(self, south: float, north: float) -> list[_Row]:
        keys = self.keys
        first, last = bisect_left(keys, self._row(south)), bisect_right(keys, self._row(north))
        return [self.rows[key] for key in keys[first:last]]

    def _scan(self, lat: float, lng: float, h_deg: float, query, limit_chord2: float, accept,
              budget: _Budget) -> list:
        """Every accepted point in the window, as (chord², point), within ``limit_chord2``; stops when the
        budget of examined points is spent."""
        sin_w = 1.0 if h_deg >= 90.0 else math.sin(math.radians(h_deg)) / max(math.cos(math.radians(lat)), 1e-12)
        w_deg = 180.0 if sin_w >= 1.0 else math.degrees(math.asin(sin_w))
        qx, qy, qz = query
        found = []
        for row in self._rows_between(lat - h_deg, lat + h_deg):
            lo = bisect_left(row.lngs, lng - w_deg)
            hi = min(bisect_right(row.lngs, lng + w_deg), lo + max(budget.left, 0))
            budget.left -= hi - lo
            vectors, points = row.vectors, row.points
            for i in range(lo, hi):
                x, y, z = vectors[i]
                d2 = (x - qx) ** 2 + (y - qy) ** 2 + (z - qz) ** 2
                if d2 <= limit_chord2 and (accept is None or accept(points[i])):
                    found.append((d2, points[i]))
            if budget.left <= 0:
                break
        return found

    def nearest(self, lat: float, lng: float, *, n: int = 10, radius_m: float = 5_000.0,
                accept: Callable[[Point], bool] | None = None) -> list[tuple[float, Point]]:
        """The ``n`` nearest accepted points within ``radius_m``, nearest first, as (metres, point)."""
        _finite(lat, lng)
        radius_m = _radius(radius_m)
        if n <= 0 or not self.rows:
            return []
        lat = _latitude(lat)
        query = unit_vector(lat, lng)
        limit = chord_for(radius_m) ** 2
        radius_deg = math.degrees(radius_m / EARTH_RADIUS_M)
        h_deg = math.degrees(min(FIRST_WINDOW_M, radius_m) / EARTH_RADIUS_M)
        budget = _Budget()
        found: list = []
        for _ring in range(MAX_RINGS):
            found = self._scan(lat, lng, h_deg, query, limit, accept, budget)
            found.sort(key=lambda pair: pair[0])
            guaranteed_m = math.radians(h_deg) * EARTH_RADIUS_M  # nothing outside the window is nearer
            complete = h_deg >= radius_deg or budget.left <= 0
            if complete or (len(found) >= n and distance_for(math.sqrt(found[n - 1][0])) <= guaranteed_m):
                break
            h_deg = min(h_deg * 2.0, radius_deg)
        return [(distance_for(math.sqrt(d2)), point) for d2, point in found[:n]]

    def within(self, lat: float, lng: float, radius_m: float, accept=None) -> list[tuple[float, Point]]:
        """Every accepted point within ``radius_m``, as (metres, point), in no particular order."""
        _finite(lat, lng)
        lat, radius_m = _latitude(lat), _radius(radius_m)
        found = self._scan(lat, lng, math.degrees(radius_m / EARTH_RADIUS_M), unit_vector(lat, lng),
                           chord_for(radius_m) ** 2, accept, _Budget())
        return [(distance_for(math.sqrt(d2)), point) for d2, point in found]

    def within_box(self, south: float, west: float, north: float, east: float, *, limit: int = 2000,
                   accept: Callable[[Point], bool] | None = None) -> list[Point]:
        _finite(south, west, north, east)
        south, north = _latitude(south), _latitude(north)
        result = []
        budget = _Budget()
        for row in self._rows_between(south, north):
            if budget.left <= 0:
                break
            lo = bisect_left(row.lngs, west)
            hi = min(bisect_right(row.lngs, east), lo + budget.left)
            budget.left -= max(hi - lo, 0)
            for i in range(lo, hi):
                point = row.points[i]
                if south <= point.lat <= north and (accept is None or accept(point)):
                    result.append(point)
                    if len(result) >= limit:
                        return result
        return result
