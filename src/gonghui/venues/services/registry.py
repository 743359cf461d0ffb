"""The registry: create and change venues, their closures, honours and funding; county approval."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, money, scope, workflow
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import clean_name
from gonghui.orgs import selectors as org_selectors

from .. import coords, hours, index
from ..errors import CoordinatesInvalid, CountyUnknown
from ..models import FundingProject, Venue, VenueClosure, VenueHonour, amenity_mask
from ..roles import VENUES_APPROVE, VENUES_CHANGE
from ..workflows import APPROVAL_FLOW, STATUS_FLOW, status_step

EDITABLE = ("kind", "name", "address", "operation", "partner_type", "partner_name", "contact_name",
            "contact_phone", "status", "star_level", "description", "open_24h")


# The one scope gate (404 out of sight, 403 in sight without the permission); the venue modules import it here.
require = scope.require


def division_code_of(org) -> str:
    """The code a venue of ``org`` is numbered by: the nearest administrative division at or above it."""
    for candidate in reversed(org_selectors.ancestors(org)):
        if candidate.division_id:
            return candidate.division_id
    raise CountyUnknown()


def _checked_coordinates(lat, lng, system: str) -> tuple[float, float]:
    try:
        lat, lng = float(lat), float(lng)
    except (TypeError, ValueError):
        raise CoordinatesInvalid(field="lat") from None
    if system not in coords.SYSTEMS:
        raise ValidationFailed(_("Unknown coordinate system."), code="coordinate_system_unknown", field="system")
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise CoordinatesInvalid(field="lat")
    return coords.to_wgs84(lat, lng, system)


def _next_code(prefix: str) -> str:
    last = (Venue.objects.filter(code__startswith=prefix, code__regex=rf"^{prefix}[0-9]{{4}}$")
            .order_by("-code").values_list("code", flat=True).first())
    return f"{prefix}{(int(last[len(prefix):]) + 1) if last else 1:04d}"


def venue_create(*, actor, org, name: str, lat, lng, system: str = coords.WGS84, kind: str = Venue.Kind.STATION,
                 amenities=(), weekly_hours=None, closures=(), **fields) -> Venue:
    require(actor, VENUES_CHANGE, org.path)
    if fields.get("star_level") and not scope.has_perm(actor, VENUES_APPROVE, org.path):
        raise PermissionDenied(_("Star levels are set by the county's reviewers."), field="star_level")
    lat, lng = _checked_coordinates(lat, lng, system)
    prefix = division_code_of(org)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown venue fields: {sorted(unknown)}")
    name = clean_name(name)
    full, initials = pinyin_keys(name)
    for _attempt in range(5):  # two creations in one county at once: the unique code decides, the loser retries
        venue = Venue(org=org, name=name, name_pinyin=full, name_initials=initials, kind=kind, lat=lat,
                      lng=lng, county_code=prefix[:6], province_code=getattr(org, "province_code", PROVINCE_CODE),
                      amenity_bits=amenity_mask(amenities), weekly_hours=hours.normalise_weekly(weekly_hours),
                      created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields)
        venue.code = _next_code(prefix)
        try:
            with transaction.atomic():
                venue.save(force_insert=True)
                APPROVAL_FLOW.start(venue, actor=actor)
                for start, end in closures:
                    VenueClosure.objects.create(venue=venue, start_date=start, end_date=end)
                audit.record("venues.create", actor=actor, obj=venue, detail={"code": venue.code, "kind": kind})
        except IntegrityError:
            continue
        index.invalidate()
        return venue
    raise ValidationFailed(_("Could not number the venue; please try again."), code="venue_code_busy")


def venue_update(*, actor, venue: Venue, lat=None, lng=None, system: str = coords.WGS84, amenities=None,
                 weekly_hours=None, org=None, **fields) -> Venue:
    require(actor, VENUES_CHANGE, venue.scope_path)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown venue fields: {sorted(unknown)}")
    if "star_level" in fields and int(fields["star_level"]) != venue.star_level:
        if not scope.has_perm(actor, VENUES_APPROVE, venue.scope_path):
            raise PermissionDenied(_("Star levels are set by the county's reviewers."), field="star_level")
        if not 0 <= int(fields["star_level"]) <= 5:
            raise ValidationFailed(_("Star levels go from 0 to 5."), code="venue_star_invalid", field="star_level")
    if "name" in fields:
        fields["name"] = clean_name(fields["name"])
    status = fields.pop("status", None)
    if status is not None and status not in Venue.Status.values:
        raise ValidationFailed(_("Unknown status."), code="venue_status_invalid", field="status")
    step = status_step(venue.status, status) if status is not None else None
    changed = []
    if org is not None and org.pk != venue.org_id:
        require(actor, VENUES_CHANGE, org.path)
        venue.org = org
        changed.append("org")
    if lat is not None and lng is not None:
        venue.lat, venue.lng = _checked_coordinates(lat, lng, system)
        changed += ["lat", "lng"]
    if amenities is not None:
        venue.amenity_bits = amenity_mask(amenities)
        changed.append("amenity_bits")
    if weekly_hours is not None:
        venue.weekly_hours = hours.normalise_weekly(weekly_hours)
        changed.append("weekly_hours")
    for key, value in fields.items():
        setattr(venue, key, value)
        changed.append(key)
    if "name" in fields:
        venue.name_pinyin, venue.name_initials = pinyin_keys(venue.name)
        changed += ["name_pinyin", "name_initials"]
    with transaction.atomic():
        if changed or step is None:
            venue.save(update_fields=[*dict.fromkeys(changed), "updated_at"])
            audit.record("venues.update", actor=actor, obj=venue, detail={"fields": sorted(set(changed))})
        if step is not None:  # opened, closed: a step of STATUS_FLOW (gate, history, audit), never a plain write
            workflow.apply(venue, step, flow=STATUS_FLOW, actor=actor, updated_at=timezone.now())
    index.invalidate()
    return venue


def venue_transition(*, actor, venue: Venue, transition: str, comment: str = "") -> Venue:
    """One step of the county approval, through the workflow kit (gate, history and audit in one transaction)."""
    step = APPROVAL_FLOW.transition(transition)
    APPROVAL_FLOW.check(actor, venue, step)  # 404/403 before any complaint about the input
    if step.name == "reject" and not (comment or "").strip():
        raise ValidationFailed(_("Say what needs to change."), code="comment_required", field="comment")
    workflow.apply(venue, step.name, flow=APPROVAL_FLOW, actor=actor, comment=(comment or "").strip())
    index.invalidate()
    return venue


def venue_approve(*, actor, venue: Venue, comment: str = "") -> Venue:
    return venue_transition(actor=actor, venue=venue, transition="approve", comment=comment)


def venue_reject(*, actor, venue: Venue, comment: str) -> Venue:
    return venue_transition(actor=actor, venue=venue, transition="reject", comment=comment)


def venue_resubmit(*, actor, venue: Venue, comment: str = "") -> Venue:
    return venue_transition(actor=actor, venue=venue, transition="resubmit", comment=comment)


def closure_add(*, actor, venue: Venue, start_date: datetime.date, end_date: datetime.date,
                reason: str = "") -> VenueClosure:
    require(actor, VENUES_CHANGE, venue.scope_path)
    if end_date < start_date:
        raise ValidationFailed(_("The closure ends before it starts."), code="closure_dates", field="end_date")
    with transaction.atomic():
        closure = VenueClosure.objects.create(venue=venue, start_date=start_date, end_date=end_date, reason=reason)
        audit.record("venues.closure_add", actor=actor, obj=venue, detail={"closure": closure.pk})
    index.invalidate()
    return closure


def closure_remove(*, actor, closure: VenueClosure) -> None:
    require(actor, VENUES_CHANGE, closure.venue.scope_path)
    with transaction.atomic():
        audit.record("venues.closure_remove", actor=actor, obj=closure.venue, detail={"closure": closure.pk})
        closure.delete()
    index.invalidate()


def _check_year(year) -> None:
    if not 1949 <= int(year) <= datetime.date.today().year + 1:
        raise ValidationFailed(_("Give a year from 1949 to next year."), code="year_invalid", field="year")


def honour_add(*, actor, venue: Venue, title: str, year: int, awarded_by: str = "") -> VenueHonour:
    require(actor, VENUES_APPROVE, venue.scope_path)
    _check_year(year)
    if not (title or "").strip():
        raise ValidationFailed(_("Name the honour."), code="honour_title", field="title")
    with transaction.atomic():
        honour = VenueHonour.objects.create(venue=venue, title=title, year=year, awarded_by=awarded_by)
        audit.record("venues.honour_add", actor=actor, obj=venue, detail={"honour": honour.pk, "year": year})
    return honour


def funding_add(*, actor, venue: Venue, title: str, year: int, amount: Decimal,
                floor_area: Decimal | None = None) -> FundingProject:
    require(actor, VENUES_CHANGE, venue.scope_path)
    amount = money.parse_amount(amount, field="amount")  # strict: yuan and fen, not negative, never a float
    if floor_area is not None:
        floor_area = Decimal(floor_area)
        if floor_area < 0 or floor_area >= Decimal("1e8"):
            raise ValidationFailed(_("Give the floor area in square metres."), code="funding_area",
                                   field="floor_area")
        floor_area = floor_area.quantize(Decimal("0.01"))
    _check_year(year)
    with transaction.atomic():
        project = FundingProject.objects.create(venue=venue, title=title, year=year,
                                                amount=amount, floor_area=floor_area)
        audit.record("venues.funding_add", actor=actor, obj=venue, detail={"project": project.pk})
    return project
