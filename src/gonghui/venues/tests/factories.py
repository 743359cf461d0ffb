"""Venues for tests (usable by other apps' tests): approved, open, numbered in the organisation's county."""

import itertools

from gonghui.venues import index
from gonghui.venues.models import Venue, amenity_mask

_sequence = itertools.count(1)


def make_venue(org, name: str = "", *, lat: float = 25.04, lng: float = 102.71, county: str = "530102",
               kind: str = Venue.Kind.STATION, approval: str = Venue.Approval.APPROVED,
               status: str = Venue.Status.OPEN, amenities=("water", "charging"), open_24h: bool = True,
               weekly_hours=None, **fields) -> Venue:
    number = next(_sequence)
    venue = Venue.objects.create(
        org=org, code=f"{county}{number:04d}", name=name or f"测试驿站{number}", kind=kind, lat=lat, lng=lng,
        county_code=county, approval=approval, status=status, amenity_bits=amenity_mask(amenities),
        open_24h=open_24h, weekly_hours=weekly_hours or [], **fields)
    index.invalidate()
    return venue
