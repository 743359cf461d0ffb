"""Coordinate systems at the edges: the database keeps WGS-84 (GPS); Chinese map apps speak GCJ-02 (Amap,
Tencent) or BD-09 (Baidu).

GCJ-02 is WGS-84 plus a published, deterministic offset (a few hundred metres) applied inside mainland China;
BD-09 is a further rotation and shift of GCJ-02. The forward transforms are closed formulas; the inverses have no
closed form, so they are solved by fixed-point iteration to well under a millimetre (the offset field is smooth:
each step shrinks the error by about a thousand times). Functions take and return (lat, lng) in degrees.
"""

import math

_A = 6378245.0  # the Krasovsky 1940 semi-major axis the GCJ-02 offset is defined with
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0
TOLERANCE_DEG = 1e-10  # about 0.01 mm
MAX_ITERATIONS = 30

WGS84 = "wgs84"
GCJ02 = "gcj02"
BD09 = "bd09"
SYSTEMS = (WGS84, GCJ02, BD09)


def outside_china(lat: float, lng: float) -> bool:
    """The rectangle the GCJ-02 offset is applied in (the usual convention: outside it the systems agree)."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 105.0, lat - 35.0
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    d_lng = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lat, d_lng


def wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    if outside_china(lat, lng):
        return lat, lng
    d_lat, d_lng = _offset(lat, lng)
    return lat + d_lat, lng + d_lng


def gcj02_to_bd09(lat: float, lng: float) -> tuple[float, float]:
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _invert(forward, lat: float, lng: float) -> tuple[float, float]:
    """The point p with forward(p) == (lat, lng): start at the target and move by the remaining error."""
    guess_lat, guess_lng = lat, lng
    for _ in range(MAX_ITERATIONS):
        got_lat, got_lng = forward(guess_lat, guess_lng)
        err_lat, err_lng = got_lat - lat, got_lng - lng
        if abs(err_lat) < TOLERANCE_DEG and abs(err_lng) < TOLERANCE_DEG:
            break
        guess_lat, guess_lng = guess_lat - err_lat, guess_lng - err_lng
    return guess_lat, guess_lng


def gcj02_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    if outside_china(lat, lng):
        return lat, lng
    return _invert(wgs84_to_gcj02, lat, lng)


def bd09_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    return _invert(gcj02_to_bd09, lat, lng)


def wgs84_to_bd09(lat: float, lng: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lat, lng))


def bd09_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    return gcj02_to_wgs84(*bd09_to_gcj02(lat, lng))


_TO_WGS = {WGS84: lambda lat, lng: (lat, lng), GCJ02: gcj02_to_wgs84, BD09: bd09_to_wgs84}
_FROM_WGS = {WGS84: lambda lat, lng: (lat, lng), GCJ02: wgs84_to_gcj02, BD09: wgs84_to_bd09}


def to_wgs84(lat: float, lng: float, system: str) -> tuple[float, float]:
    """Coordinates entered in ``system`` as stored (WGS-84)."""
    return _TO_WGS[system](float(lat), float(lng))


def from_wgs84(lat: float, lng: float, system: str) -> tuple[float, float]:
    """Stored coordinates as shown in ``system``."""
    return _FROM_WGS[system](float(lat), float(lng))


EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
