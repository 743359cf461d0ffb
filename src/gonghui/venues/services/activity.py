"""What workers and operators do at a venue: check in, report a problem, rate a visit; anonymous daily counts
and the problem queue."""

import datetime
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, sensitive, workflow
from gonghui.core.errors import ValidationFailed
from gonghui.core.validators import normalise_mobile

from ..errors import AlreadyRated, CheckInNeedsIdentity, VisitNotYours
from ..models import (
    DailyVisitCount,
    Occupation,
    ProblemReport,
    Rating,
    StationVisitor,
    Venue,
    Visit,
    VisitCooldown,
)
from ..notifications import tell_reporter
from ..roles import VENUES_OPERATE
from ..workflows import PROBLEM_FLOW
from .registry import require

COOLDOWN = datetime.timedelta(hours=2)


@dataclass
class CheckIn:
    visit: Visit | None  # None: already counted within the last two hours
    counted: bool
    visitor: StationVisitor | None
    last_counted_at: datetime.datetime | None = None


def visitor_key_for(*, user=None, visitor: StationVisitor | None = None) -> str:
    if user is not None and getattr(user, "is_authenticated", False):
        return f"u:{user.pk}"
    if visitor is not None:
        return f"p:{visitor.phone_hash[:40]}"
    raise CheckInNeedsIdentity()


def _light_registration(phone: str, occupation: str, venue: Venue, user=None) -> StationVisitor:
    number = normalise_mobile(phone)
    if occupation not in Occupation.values:
        raise ValidationFailed(_("Choose your occupation."), code="occupation_missing", field="occupation")
    by_phone = sensitive.lookup(StationVisitor, "phone", number)
    visitor = StationVisitor.objects.filter(**by_phone).first()
    if visitor is not None:
        return visitor
    try:
        with transaction.atomic():
            return StationVisitor.objects.create(**sensitive.columns(StationVisitor, "phone", number),
                                                 occupation=occupation, first_venue=venue,
                                                 user=user if getattr(user, "is_authenticated", False) else None)
    except IntegrityError:  # the same number registered at the same moment elsewhere
        return StationVisitor.objects.get(**by_phone)


def _claim_count(venue: Venue, key: str, at: datetime.datetime) -> bool:
    """True when this scan counts: nobody counted this person here in the last two hours. Race-safe: a
    conditional UPDATE, or the INSERT that only one concurrent scan can win (unique venue+visitor)."""
    updated = VisitCooldown.objects.filter(venue=venue, visitor_key=key, counted_at__lte=at - COOLDOWN).update(
        counted_at=at)
    if updated:
        return True
    if VisitCooldown.objects.filter(venue=venue, visitor_key=key).exists():
        return False
    try:
        with transaction.atomic():
            VisitCooldown.objects.create(venue=venue, visitor_key=key, counted_at=at)
    except IntegrityError:
        return False
    return True


def visit_check_in(*, venue: Venue, user=None, phone: str = "", occupation: str = "",
                   at: datetime.datetime | None = None, source: str = Visit.Source.QR) -> CheckIn:
    """Record a visit by a signed-in worker, or by mobile number + occupation (light registration on the first
    visit). One count per person per station per two hours; a repeat scan answers ``counted=False``."""
    if not venue.is_public:
        from ..errors import VenueNotPublic

        raise VenueNotPublic()
    at = at or timezone.now()
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    with transaction.atomic():
        visitor = None
        if not signed_in:
            if not phone:
                raise CheckInNeedsIdentity(field="phone")
            visitor = _light_registration(phone, occupation, venue)
        elif phone:
            visitor = _light_registration(phone, occupation, venue, user)
        key = visitor_key_for(user=user if signed_in else None, visitor=visitor)
        if not _claim_count(venue, key, at):
            last = VisitCooldown.objects.filter(venue=venue, visitor_key=key).values_list("counted_at",
                                                                                       flat=True).first()
            return CheckIn(None, False, visitor, last)
        visit = Visit.objects.create(venue=venue, visitor_key=key, user=user if signed_in else None,
                                     visitor=visitor, occupation=(visitor.occupation if visitor else occupation)
                                     or "", source=source, visited_at=at, province_code=venue.province_code)
    return CheckIn(visit, True, visitor, at)


def daily_count_record(*, actor, venue: Venue, day: datetime.date, count: int) -> DailyVisitCount:
    """The operator's count of anonymous visits on a day (recording it again replaces it)."""
    require(actor, VENUES_OPERATE, venue.scope_path)
    if count < 0 or count > 100_000:
        raise ValidationFailed(_("Give the number of visits that day."), code="daily_count_invalid", field="count")
    if day > timezone.localdate():
        raise ValidationFailed(_("The day is in the future."), code="daily_count_future", field="day")
    with transaction.atomic():
        row, _created = DailyVisitCount.objects.update_or_create(
            venue=venue, day=day, defaults={"count": count, "recorded_by": actor,
                                            "province_code": venue.province_code})
        audit.record("venues.daily_count", actor=actor, obj=venue, detail={"day": day.isoformat(), "count": count})
    return row


def problem_report(*, venue: Venue, category: str, description: str = "", reporter=None) -> ProblemReport:
    if not venue.is_public:
        from ..errors import VenueNotPublic

        raise VenueNotPublic()
    if category not in ProblemReport.Category.values:
        raise ValidationFailed(_("Choose what the problem is."), code="problem_category", field="category")
    with transaction.atomic():
        report = ProblemReport.objects.create(
            venue=venue, category=category, description=(description or "").strip()[:1000],
            reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
            tracking_token=secrets.token_urlsafe(18)[:24])
        PROBLEM_FLOW.start(report, actor=reporter)
    return report


def problem_transition(*, actor, report: ProblemReport, transition: str, response: str = "") -> ProblemReport:
    require(actor, VENUES_OPERATE, report.scope_path)
    if transition not in PROBLEM_FLOW.transitions:
        raise ValidationFailed(_("Unknown step."), code="problem_transition_unknown")
    extra = {"response": response.strip()} if response and response.strip() else {}
    with transaction.atomic():
        # The kit: the transition's own gate, the conditional update, history and audit event in one transaction.
        workflow.apply(report, transition, flow=PROBLEM_FLOW, actor=actor, comment=response,
                       detail={"venue": report.venue_id}, updated_at=timezone.now(), **extra)
        # Answered: resolved or dismissed, or a step that carries words for the reporter.
        if transition in ("resolve", "dismiss") or extra:
            tell_reporter(report)
    return report


def rating_submit(*, visit: Visit, stars: int, comment: str = "", user=None, visit_ids=()) -> Rating:
    """Rate a visit: by its signed-in worker, or by the browser that checked in (its session holds the visit)."""
    own = (user is not None and getattr(user, "is_authenticated", False) and visit.user_id == user.pk) \
        or visit.pk in set(visit_ids)
    if not own:
        raise VisitNotYours()
    if not 1 <= int(stars) <= 5:
        raise ValidationFailed(_("Give one to five stars."), code="rating_stars", field="stars")
    try:
        with transaction.atomic():
            return Rating.objects.create(visit=visit, venue_id=visit.venue_id, stars=int(stars),
                                         comment=(comment or "").strip()[:300])
    except IntegrityError:
        raise AlreadyRated() from None
