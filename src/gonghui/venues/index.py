"""The public venues held in memory for nearest and map queries (spatial.GridIndex), rebuilt when they change.

Every write to a venue calls ``invalidate()``, which puts a new version token in the cache (shared by all web
processes when the cache is Redis) at once and again when the transaction commits. A query compares the token
with the one its index was built for and rebuilds on a mismatch; an index older than ``MAX_AGE_SECONDS`` is
rebuilt anyway, so a process with a private (local-memory) cache is never staler than that. Building the index
of 200,000 venues takes about a second; of a province's 3,000, a few milliseconds.
"""

import threading
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from .hours import Schedule
from .models import Venue, VenueClosure
from .spatial import GridIndex, Point

VERSION_KEY = "venues:index:version"
MAX_AGE_SECONDS = 300


@dataclass(slots=True)
class VenueSummary:
    """What a list, a map marker and a filter need, without the database."""

    id: int
    code: str
    name: str
    kind: str
    address: str
    lat: float
    lng: float
    amenity_bits: int
    status: str
    star_level: int
    county_code: str
    schedule: Schedule

    def is_open(self, at) -> bool:
        return self.status == Venue.Status.OPEN and self.schedule.is_open(at)


_lock = threading.Lock()
_state: dict = {"index": None, "version": None, "built_at": 0.0}


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate() -> None:
    """Venues changed: rebuild the indexes (now, and once more when the writing transaction commits)."""
    _bump()
    _state["version"] = None
    transaction.on_commit(_bump)


def forget() -> None:
    """Drop this process's index and move the version on, without touching the database (tests)."""
    _bump()
    _state.update(index=None, version=None, built_at=0.0)


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def public_venues():
    return Venue.objects.filter(approval=Venue.Approval.APPROVED).exclude(status=Venue.Status.CLOSED)


def build() -> GridIndex:
    closures: dict[int, list] = {}
    for venue_id, start, end in (VenueClosure.objects.filter(venue__in=public_venues())
                                 .values_list("venue_id", "start_date", "end_date")):
        closures.setdefault(venue_id, []).append((start, end))
    rows = public_venues().values_list("id", "code", "name", "kind", "address", "lat", "lng", "amenity_bits",
                                       "status", "star_level", "county_code", "open_24h", "weekly_hours")
    schedules: dict = {}  # demo and real data share a handful of timetables: compile each once

    def schedule_of(venue_id, open_24h, weekly):
        key = (open_24h, repr(weekly))
        if venue_id in closures:
            return Schedule.build(open_24h=open_24h, weekly_hours=weekly, closures=closures[venue_id])
        if key not in schedules:
            schedules[key] = Schedule.build(open_24h=open_24h, weekly_hours=weekly)
        return schedules[key]

    points = []
    for (pk, code, name, kind, address, lat, lng, bits, status, stars, county, open_24h,
         weekly) in rows.iterator(chunk_size=5000):
        summary = VenueSummary(pk, code, name, kind, address, lat, lng, bits, status, stars, county,
                               schedule_of(pk, open_24h, weekly))
        points.append(Point(pk, lat, lng, summary))
    return GridIndex(points)


def get() -> GridIndex:
    version = _current_version()
    index = _state["index"]
    if index is not None and _state["version"] == version and time.monotonic() - _state["built_at"] < MAX_AGE_SECONDS:
        return index
    with _lock:
        if _state["index"] is not None and _state["version"] == version \
                and time.monotonic() - _state["built_at"] < MAX_AGE_SECONDS:
            return _state["index"]
        index = build()
        _state.update(index=index, version=version, built_at=time.monotonic())
        return index
