"""Public reads: nearest stations, the map box, GeoJSON, and one public station. Answered from the in-memory
index (venues.index), so they cost no database query once the index is warm."""

import datetime
import math
from dataclasses import dataclass

from . import coords, hours, index
from .errors import CoordinatesInvalid, VenueNotPublic
from .index import VenueSummary
from .models import Venue, amenity_codes, amenity_mask

MAX_RESULTS = 50
MIN_RADIUS_M = 1.0
MAX_RADIUS_M = 50_000.0
MAX_BOX_RESULTS = 2000


def _point(lat: float, lng: float) -> tuple[float, float]:
    """A finite latitude and longitude in range, or CoordinatesInvalid (the API's schema already says so)."""
    lat, lng = float(lat), float(lng)
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        raise CoordinatesInvalid(field="lat")
    return lat, lng


def _radius(radius_m: float) -> float:
    radius_m = float(radius_m)
    return min(max(radius_m, MIN_RADIUS_M), MAX_RADIUS_M) if math.isfinite(radius_m) else MAX_RADIUS_M


@dataclass
class Nearby:
    venue: VenueSummary
    distance_m: float
    open_now: bool


def _filter(kinds=None, amenities=(), open_now: bool = False, at: datetime.datetime | None = None):
    kinds = set(kinds or ())
    mask = amenity_mask(amenities)
    moment = at or hours.now()
    if not kinds and not mask and not open_now:
        return None

    def accept(point) -> bool:
        summary = point.data
        if kinds and summary.kind not in kinds:
            return False
        if mask and summary.amenity_bits & mask != mask:
            return False
        return not open_now or summary.is_open(moment)

    return accept


def nearest(lat: float, lng: float, *, n: int = 10, radius_m: float = 5_000.0, kinds=None, amenities=(),
            open_now: bool = False, system: str = coords.WGS84,
            at: datetime.datetime | None = None) -> list[Nearby]:
    """The ``n`` nearest public venues within ``radius_m`` of a point given in ``system``, nearest first. At most
    ``MAX_RESULTS`` within ``MIN_RADIUS_M``…``MAX_RADIUS_M``, whatever is asked (spatial bounds the work)."""
    lat, lng = coords.to_wgs84(*_point(lat, lng), system)
    moment = at or hours.now()
    found = index.get().nearest(lat, lng, n=max(1, min(n, MAX_RESULTS)), radius_m=_radius(radius_m),
                                accept=_filter(kinds, amenities, open_now, moment))
    return [Nearby(point.data, distance, point.data.is_open(moment)) for distance, point in found]


def in_box(south: float, west: float, north: float, east: float, *, kinds=None, amenities=(),
           open_now: bool = False, limit: int = MAX_BOX_RESULTS) -> list[VenueSummary]:
    (south, west), (north, east) = _point(south, west), _point(north, east)
    points = index.get().within_box(south, west, north, east, limit=max(0, min(limit, MAX_BOX_RESULTS)),
                                    accept=_filter(kinds, amenities, open_now))
    return [p.data for p in points]


def feature(summary: VenueSummary, *, at=None, distance_m: float | None = None) -> dict:
    """One venue as a GeoJSON Feature (RFC 7946: WGS-84, [lng, lat])."""
    moment = at or hours.now()
    properties = {"id": summary.id, "code": summary.code, "name": summary.name, "kind": summary.kind,
                  "kind_label": str(Venue.Kind(summary.kind).label), "address": summary.address,
                  "amenities": amenity_codes(summary.amenity_bits), "status": summary.status,
                  "open_now": summary.is_open(moment), "star_level": summary.star_level}
    if distance_m is not None:
        properties["distance_m"] = round(distance_m, 1)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [summary.lng, summary.lat]},
            "properties": properties}


def feature_collection(summaries, at=None) -> dict:
    moment = at or hours.now()
    return {"type": "FeatureCollection", "features": [feature(s, at=moment) for s in summaries]}


def all_public(limit: int | None = None) -> list[VenueSummary]:
    grid = index.get()
    result = [p.data for row in grid.rows.values() for p in row.points]
    result.sort(key=lambda s: s.code)
    return result[:limit] if limit else result


def public_venue(code: str) -> Venue:
    venue = (Venue.objects.select_related("org").prefetch_related("honours", "closures", "photos")
             .filter(code=str(code)).first())
    if venue is None or not venue.is_public:
        raise VenueNotPublic()
    return venue


def navigation_links(venue: Venue) -> dict:
    """Links that open the map apps at the station, each in the coordinate system the app expects."""
    from urllib.parse import quote

    gcj_lat, gcj_lng = coords.wgs84_to_gcj02(venue.lat, venue.lng)
    bd_lat, bd_lng = coords.wgs84_to_bd09(venue.lat, venue.lng)
    name = quote(venue.name)
    return {
        "amap": f"https://uri.amap.com/marker?position={gcj_lng:.6f},{gcj_lat:.6f}&name={name}&coordinate=gaode"
                f"&callnative=1",
        "amap_app": f"amapuri://route/plan/?dlat={gcj_lat:.6f}&dlon={gcj_lng:.6f}&dname={name}&dev=0&t=2",
        "baidu": f"baidumap://map/direction?destination=latlng:{bd_lat:.6f},{bd_lng:.6f}|name:{name}"
                 f"&coord_type=bd09ll&mode=walking&src=gonghui",
        "gcj02": f"{gcj_lat:.6f},{gcj_lng:.6f}",
        "bd09": f"{bd_lat:.6f},{bd_lng:.6f}",
        "wgs84": f"{venue.lat:.6f},{venue.lng:.6f}",
    }
