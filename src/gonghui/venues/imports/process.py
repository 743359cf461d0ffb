"""Check every row of an import file, and write them all (or nothing) when asked.

Venues: each row names its union (exact name) or its county (the county federation's division code); only
organisations the importing officer may change (``venues.change``) are found, so a file cannot put a venue
outside their part of the tree. Rows are registered with ``services.venue_create``, as on the page (numbered,
audited, waiting for approval). Demand points: rows must lie in the chosen area; each takes its county from the
county-code column or, when empty, from the nearest county seat."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gonghui.core.errors import ApplicationError, ValidationFailed
from gonghui.core.imports import RowErrors, find_header, read_rows
from gonghui.core.imports.cells import CellError, compact, is_blank, text
from gonghui.core.imports.cells import name as name_cell
from gonghui.core.imports.headers import is_total_row
from gonghui.orgs import selectors as org_selectors

from .. import coords, hours
from ..demo.places import county_seats
from ..models import DemandPoint, Venue
from ..roles import VENUES_CHANGE
from .columns import DEMAND, VENUES, amenity_map, columns_for, kind_map, system_of

MAX_ROWS = {VENUES: 20_000, DEMAND: 200_000}
SEAT_REACH_M = 150_000  # a point farther than this from every county seat is not in the province
_SPLIT = re.compile(r"[、,，;；/\s]+")


@dataclass
class Outcome:
    rows: int = 0
    good: list = field(default_factory=list)
    errors: RowErrors = field(default_factory=RowErrors)


def number(value, *, low: float, high: float) -> float:
    try:
        result = float(compact(value, max_length=30)) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise CellError(_("Write a number.")) from None
    if not low <= result <= high:
        raise CellError(_("The number must lie between %(low)s and %(high)s.") % {"low": low, "high": high})
    return result


class OrgResolver:
    """Union names and county codes -> organisations the actor may change (cached per value)."""

    def __init__(self, actor, default_org=None):
        self.visible = org_selectors.organisations_visible(actor, VENUES_CHANGE).filter(is_active=True)
        self.default_org = default_org
        self.cache: dict = {}

    def by_name(self, name: str):
        key = ("name", name)
        if key not in self.cache:
            found = list(self.visible.filter(name=name)[:2])
            self.cache[key] = found[0] if len(found) == 1 else (None if not found else "many")
        return self.cache[key]

    def by_county(self, code: str):
        key = ("county", code)
        if key not in self.cache:
            self.cache[key] = self.visible.filter(division_id=code).exclude(level="grassroots").order_by(
                "depth").first()
        return self.cache[key]


def _venue_row(number_, get, header, errors: RowErrors, maps, resolver: OrgResolver, seen: dict):
    def fail(key, reason):
        errors.add(number_, header.get(key, ""), reason)

    row = {}
    try:
        row["name"] = name_cell(get("name"), max_length=120)
    except CellError as exc:
        return fail("name", exc.reason)
    if not row["name"]:
        return fail("name", _("The name is empty."))
    kind = text(get("kind"), max_length=40).lower()
    row["kind"] = maps["kind"].get(kind) if kind else Venue.Kind.STATION
    if row["kind"] is None:
        return fail("kind", _("Unknown kind; see the instructions sheet for the kinds."))
    union, county = text(get("union"), max_length=120), compact(get("county_code"), max_length=12)
    if union:
        org = resolver.by_name(union)
        if org == "many":
            return fail("union", _("Several unions have this name; ask the county to rename one."))
        if org is None:
            return fail("union", _("No union you may change has this name."))
    elif county:
        org = resolver.by_county(county) if re.fullmatch(r"\d{6}", county) else None
        if org is None:
            return fail("county_code", _("No county federation you may change has this code."))
    elif resolver.default_org is not None:
        org = resolver.default_org
    else:
        return fail("union", _("Give the union or the county code (or choose a union on the upload page)."))
    first = seen.setdefault((org.pk, row["name"]), number_)
    if first != number_:
        return fail("name", _("The same venue is already on row %(row)s of this file.") % {"row": first})
    if Venue.objects.filter(org=org, name=row["name"]).exists():
        return fail("name", _("This union already has a venue of this name."))
    try:
        row["system"] = system_of(get("system"))
    except CellError as exc:
        return fail("system", exc.reason)
    for key, low, high in (("lat", -90, 90), ("lng", -180, 180)):
        try:
            row[key] = number(get(key), low=low, high=high)
        except CellError as exc:
            return fail(key, exc.reason)
    wgs_lat, wgs_lng = coords.to_wgs84(row["lat"], row["lng"], row["system"])
    if coords.outside_china(wgs_lat, wgs_lng):
        return fail("lat", _("The point is outside China; are latitude and longitude swapped?"))
    amenities = []
    for part in _SPLIT.split(text(get("amenities"), max_length=400)):
        if part:
            code = maps["amenity"].get(part.lower())
            if code is None:
                return fail("amenities", _("Unknown amenity: %(name)s.") % {"name": part})
            amenities.append(code)
    row["amenities"] = sorted(set(amenities))
    spoken = compact(get("hours"), max_length=100).lower()
    row["open_24h"] = spoken in ("24小时", "24h", "全天", "全天24小时", "24/7", "00:00-24:00")
    try:
        day = [] if row["open_24h"] or not spoken else hours.parse_day_text(text(get("hours"), max_length=100))
    except ApplicationError as exc:
        return fail("hours", str(exc.message))
    row["weekly_hours"] = [day] * 7 if day else None
    row["address"] = text(get("address"), max_length=200)
    row["contact_phone"] = text(get("contact_phone"), max_length=30)
    row["org"] = org
    return row


def _nearest_county(lat: float, lng: float, seats) -> str | None:
    best = min(seats, key=lambda s: coords.haversine_m(lat, lng, s.lat, s.lng))
    return best.code if coords.haversine_m(lat, lng, best.lat, best.lng) <= SEAT_REACH_M else None


def _demand_row(number_, get, header, errors: RowErrors, prefix: str, seats):
    def fail(key, reason):
        errors.add(number_, header.get(key, ""), reason)

    row = {}
    try:
        row["label"] = text(get("label"), max_length=120)
        system = system_of(get("system"))
    except CellError as exc:
        return fail("system" if row else "label", exc.reason)
    for key, low, high in (("lat", -90, 90), ("lng", -180, 180)):
        try:
            row[key] = number(get(key), low=low, high=high)
        except CellError as exc:
            return fail(key, exc.reason)
    raw_weight = get("weight")
    try:
        weight = 1.0 if is_blank(raw_weight) else number(raw_weight, low=1, high=1_000_000)
    except CellError as exc:
        return fail("weight", exc.reason)
    if weight != int(weight):
        return fail("weight", _("Write a whole number."))
    row["weight"] = int(weight)
    row["lat"], row["lng"] = coords.to_wgs84(row["lat"], row["lng"], system)
    county = compact(get("county_code"), max_length=12)
    if county and not re.fullmatch(r"\d{6}", county):
        return fail("county_code", _("A county code has six digits."))
    county = county or _nearest_county(row["lat"], row["lng"], seats)
    if county is None:
        return fail("lat", _("The point is not near any county of the province."))
    if not county.startswith(prefix):
        return fail("county_code" if header.get("county_code") else "lat",
                    _("The point lies outside the area chosen for the import."))
    row["county_code"] = county
    return row


def check_file(ctx, *, what: str, path: str, filename: str, actor, org=None) -> Outcome:
    """Read and check every row (no write). ``org``: the default union (venues) or the area (demand points)."""
    rows = read_rows(path, filename=filename)
    header_map = find_header(rows, columns_for(what))
    header = header_map.header
    outcome = Outcome()
    if what == VENUES:
        maps, resolver, seen = {"kind": kind_map(), "amenity": amenity_map()}, OrgResolver(actor, org), {}
    else:
        from ..coverage import area_prefix

        prefix, seats = area_prefix(org), list(county_seats().values())
    for row in rows:
        values = row.values
        if all(is_blank(v) for v in values) or is_total_row(values):
            continue
        outcome.rows += 1
        if outcome.rows > MAX_ROWS[what]:
            raise ValidationFailed(_("The file has more than %(n)s rows; split it.") % {"n": MAX_ROWS[what]},
                                   code="import_too_many_rows")

        def get(key, values=values):
            return header_map.get(values, key)

        parsed = (_venue_row(row.number, get, header, outcome.errors, maps, resolver, seen) if what == VENUES
                  else _demand_row(row.number, get, header, outcome.errors, prefix, seats))
        if parsed is not None:
            outcome.good.append(parsed)
        if outcome.rows % 500 == 0:
            ctx.progress(outcome.rows, None, _("%(rows)s rows checked") % {"rows": outcome.rows})
        if outcome.errors.truncated:  # enough to report: stop reading (the count is then "at least")
            break
    if outcome.rows == 0:
        raise ValidationFailed(_("The sheet has a header row but no rows under it."), code="import_no_rows")
    return outcome


def write_rows(ctx, *, what: str, actor, good: list, org=None, replace: bool = False) -> dict:
    """Write every checked row (the caller holds the transaction: all or nothing)."""
    from .. import index, services

    if what == VENUES:
        for done, row in enumerate(good, start=1):
            row = dict(row)
            services.venue_create(actor=actor, org=row.pop("org"), **row)
            if done % 200 == 0:
                ctx.progress(done, len(good), _("%(rows)s venues registered") % {"rows": done})
        return {"created": len(good)}
    from ..coverage import area_prefix

    replaced = 0
    if replace:
        replaced, _detail = DemandPoint.objects.filter(county_code__startswith=area_prefix(org),
                                                       source=DemandPoint.Source.HOTSPOT).delete()
    DemandPoint.objects.bulk_create([DemandPoint(source=DemandPoint.Source.HOTSPOT, **row) for row in good],
                                    batch_size=2000)
    index.invalidate()
    return {"created": len(good), "replaced": replaced}
