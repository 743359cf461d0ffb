"""Enrolment: a unit's roster (or one new-form worker through a joint union) in a period, with the eligibility
check per person and its reasons, the participation threshold, late enrolment as an exception a reviewer
decides, leaving, and withdrawing a mistaken entry before the deadline."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit
from gonghui.members import selectors as member_selectors

from .. import permissions as P
from ..errors import (
    EnrolmentClosed,
    EnrolmentLocked,
    LateReasonRequired,
    NotEligible,
    PeriodNotOpen,
    SharesInvalid,
)
from ..models import Claim, Enrolment, Period
from . import contributions
from ._common import age_on, today

REASONS = {
    "too_young": gettext_lazy("Below the minimum age at the start of the period"),
    "too_old": gettext_lazy("Above the age limit for new joiners and not enrolled in the previous period"),
    "retired": gettext_lazy("Retired and not enrolled in the previous period"),
    "not_in_service": gettext_lazy("No current membership"),
    "no_basic_insurance": gettext_lazy("No basic medical insurance"),
    "already_enrolled": gettext_lazy("Already enrolled in this period"),
    "other_union": gettext_lazy("A member of another union"),
}
CURRENT = ("active", "retired")


def eligibility(period: Period, *, birth_date: datetime.date, membership_status: str | None,
                basic_insurance: bool, enrolled_before: bool) -> list[str]:
    """Reason codes why a person may not join (empty: eligible). Age is taken at the start of cover, so
    someone turning 55 during the year is still a new joiner of that year; 55 and over, and retirees, join
    only with continuous cover (enrolled in the previous period)."""
    reasons = []
    age = age_on(birth_date, period.coverage_start)
    if membership_status not in CURRENT:
        reasons.append("not_in_service")
    if age < period.min_age:
        reasons.append("too_young")
    continuous = enrolled_before or not period.continuous_cover_for_older
    if age >= period.max_age and not continuous:
        reasons.append("too_old")
    if membership_status == "retired" and not continuous:
        reasons.append("retired")
    if period.require_basic_insurance and not basic_insurance:
        reasons.append("no_basic_insurance")
    return reasons


def reason_labels(codes) -> list[str]:
    return [str(REASONS.get(code, code)) for code in codes]


@dataclass
class Refusal:
    person_id: int
    name: str
    reasons: list[str]

    @property
    def labels(self) -> list[str]:
        return reason_labels(self.reasons)


@dataclass
class EnrolmentResult:
    enrolled: list[Enrolment] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    staff: int | None = None
    participants: int = 0
    late: bool = False


def enrolled_in_previous_period(period: Period, person_ids) -> set[int]:
    previous = Period.objects.filter(org_id=period.org_id, number=period.number - 1).first()
    if previous is None:
        return set()
    return set(Enrolment.objects.filter(period=previous, person_id__in=list(person_ids),
                                        status__in=Enrolment.COUNTED).values_list("person_id", flat=True))


def _window(period: Period, on: datetime.date, late_reason: str) -> bool:
    """Is this a late enrolment? Refuses outside an open period, and late ones without a reason."""
    if period.status != Period.Status.OPEN:
        raise PeriodNotOpen()
    if on > period.coverage_end:
        raise EnrolmentClosed()
    late = on > period.enrolment_deadline
    if late and not (late_reason or "").strip():
        raise LateReasonRequired(field="late_reason")
    return late


def _check_shares(period: Period, shares: int) -> None:
    if not 1 <= shares <= period.max_shares:
        raise SharesInvalid(field="shares")


def assess(period: Period, memberships, *, without_insurance: set[int], org
           ) -> tuple[list, list[Refusal], set[int]]:
    """Who of these memberships may join ``org``'s enrolment in ``period``, without writing anything: the
    eligibility rules, the union, already enrolled. Returns (eligible memberships, refusals, the ids of persons
    enrolled in the previous period). The enrolment and the roster import (its preview too) both ask here."""
    ids = [m.person_id for m in memberships]
    before = enrolled_in_previous_period(period, ids)
    already = set(Enrolment.objects.filter(period=period, person_id__in=ids).values_list("person_id", flat=True))
    eligible, refused = [], []
    for membership in memberships:
        person = membership.person
        reasons = eligibility(period, birth_date=person.birth_date, membership_status=membership.status,
                              basic_insurance=person.pk not in without_insurance,
                              enrolled_before=person.pk in before)
        if membership.org_id != org.pk:
            reasons.append("other_union")
        if person.pk in already:
            reasons = ["already_enrolled"]
        if reasons:
            refused.append(Refusal(person.pk, person.name, reasons))
        else:
            eligible.append(membership)
    return eligible, refused, before


def enrolment_window(period: Period, *, late_reason: str = "", on: datetime.date | None = None) -> bool:
    """Is an enrolment made ``on`` (today) late? Refuses outside an open period, and late ones without a
    reason."""
    return _window(period, on or today(), late_reason)


def _enrol(actor, period: Period, memberships, *, shares: int, without_insurance: set[int], late_reason: str,
           on: datetime.date, org) -> EnrolmentResult:
    late = _window(period, on, late_reason)
    _check_shares(period, shares)
    result = EnrolmentResult(late=late)
    eligible, result.refused, before = assess(period, memberships, without_insurance=without_insurance, org=org)
    rows = [Enrolment(
        period=period, person=membership.person, org=org, unit_id=membership.unit_id,
        category=membership.person.category, shares=shares,
        basic_insurance=membership.person_id not in without_insurance, is_renewal=membership.person_id in before,
        status=Enrolment.Status.LATE_REQUESTED if late else Enrolment.Status.PENDING, late=late,
        late_reason=(late_reason or "").strip()[:300] if late else "", enrolled_on=on,
        cover_start=max(period.coverage_start, on), province_code=org.province_code, created_by=actor,
    ) for membership in eligible]
    try:
        with transaction.atomic():
            created = Enrolment.objects.bulk_create(rows)
            for unit_id in {row.unit_id for row in rows}:
                contributions.statement_refresh(period=period, org=org, unit_id=unit_id)
            if created:
                audit.record("mutual_aid.enrolment.create", actor=actor, object_type="mutual_aid.period",
                             object_id=period.pk, object_label=str(period), acting_org_id=org.pk,
                             detail={"count": len(created), "late": late, "refused": len(result.refused)})
    except IntegrityError:
        # Someone enrolled one of these people at the same moment: nothing was written; try again.
        from gonghui.core.errors import Conflict

        raise Conflict() from None
    result.enrolled = created
    return result


def threshold_warning(period: Period, *, staff: int | None, participants: int) -> str:
    """The participation threshold: all staff of a small unit, else at least ``threshold_percent`` per cent of
    them. The warning's text, or "" when it is met (or the staff is unknown)."""
    if not staff:
        return ""
    if staff <= period.small_unit_size and participants < staff:
        return _("This unit has %(staff)s staff or fewer: all of them should join "
                 "(%(participants)s enrolled).") % {"staff": period.small_unit_size, "participants": participants}
    if staff > period.small_unit_size and participants * 100 < staff * period.threshold_percent:
        return _("Only %(participants)s of %(staff)s staff are enrolled; at least %(percent)s %% "
                 "should join.") % {"participants": participants, "staff": staff,
                                    "percent": period.threshold_percent}
    return ""


def _threshold(period: Period, result: EnrolmentResult, *, staff: int | None, participants: int) -> None:
    result.staff, result.participants = staff, participants
    warning = threshold_warning(period, staff=staff, participants=participants)
    if warning:
        result.warnings.append(warning)


def unit_staff(unit, *, roster_size: int) -> int:
    """The staff of a unit for the threshold: its recorded staff count, else its current members."""
    return unit.staff_count or roster_size


def enrolment_enrol_memberships(*, actor, period: Period, unit, memberships: list, shares: int = 1,
                                without_insurance: set[int] | frozenset = frozenset(), late_reason: str = "",
                                on: datetime.date | None = None) -> EnrolmentResult:
    """Enrol these current memberships of ``unit`` (already looked up by the caller, e.g. the roster import):
    the same checks, statements and audit as a roster picked on the page."""
    P.require(actor, P.ENROL, unit.org.path)
    return _enrol(actor, period, memberships, shares=shares, without_insurance=set(without_insurance),
                  late_reason=late_reason, on=on or today(), org=unit.org)


def enrolment_enrol_roster(*, actor, period: Period, unit, person_ids: list[int] | None = None, shares: int = 1,
                           without_insurance: set[int] | frozenset = frozenset(), late_reason: str = "",
                           on: datetime.date | None = None) -> EnrolmentResult:
    """Enrol the picked members of ``unit`` (all its current members when ``person_ids`` is None). People who
    cannot join are listed with their reasons; the rest are enrolled. Past the deadline every entry is a late
    request for a reviewer to approve."""
    P.require(actor, P.ENROL, unit.org.path)
    roster = member_selectors.membership_list(actor, unit_id=unit.pk).filter(
        status__in=CURRENT, org_id=unit.org_id).select_related("person")
    memberships = list(roster if person_ids is None else roster.filter(person_id__in=list(person_ids)))
    found = {m.person_id for m in memberships}
    missing = [pid for pid in (person_ids or []) if pid not in found]
    result = _enrol(actor, period, memberships, shares=shares, without_insurance=set(without_insurance),
                    late_reason=late_reason, on=on or today(), org=unit.org)
    for person_id in missing:
        result.refused.append(Refusal(person_id, "", ["not_in_service"]))
    participants = Enrolment.objects.filter(period=period, unit=unit, status__in=Enrolment.COUNTED).count()
    staff = unit_staff(unit, roster_size=roster.count())
    _threshold(period, result, staff=staff, participants=participants)
    return result


def enrolment_enrol_person(*, actor, period: Period, person, shares: int = 1, basic_insurance: bool = True,
                           late_reason: str = "", on: datetime.date | None = None) -> Enrolment:
    """Enrol one member through their own union (new-form workers join through their joint union); refused
    with the reasons when not eligible."""
    membership = member_selectors.current_membership(person)
    if membership is None:
        raise NotEligible(_("This person cannot be enrolled: %(reasons)s.")
                          % {"reasons": "; ".join(reason_labels(["not_in_service"]))},
                          extra={"reasons": ["not_in_service"]})
    P.require(actor, P.ENROL, membership.org.path)
    result = _enrol(actor, period, [membership], shares=shares,
                    without_insurance=set() if basic_insurance else {person.pk}, late_reason=late_reason,
                    on=on or today(), org=membership.org)
    if result.refused:
        codes = result.refused[0].reasons
        raise NotEligible(_("This person cannot be enrolled: %(reasons)s.")
                          % {"reasons": "; ".join(reason_labels(codes))}, extra={"reasons": codes})
    return result.enrolled[0]


def enrolment_decide_late(*, actor, enrolment: Enrolment, approve: bool, comment: str = "") -> Enrolment:
    """A reviewer approves (cover from today, on the unit's statement) or refuses a late enrolment."""
    P.require(actor, P.REVIEW, enrolment.scope_path)
    if enrolment.created_by_id == actor.pk:
        from ..errors import SeparationOfDuties

        raise SeparationOfDuties()
    now = timezone.now()
    target = Enrolment.Status.PENDING if approve else Enrolment.Status.REFUSED
    with transaction.atomic():
        updates = {"status": target, "late_decided_by": actor, "late_decided_at": now}
        if approve:
            updates["cover_start"] = max(enrolment.period.coverage_start, timezone.localdate())
        if not Enrolment.objects.filter(pk=enrolment.pk, status=Enrolment.Status.LATE_REQUESTED).update(**updates):
            from gonghui.core.errors import InvalidTransition

            raise InvalidTransition()
        for name, value in updates.items():
            setattr(enrolment, name, value)
        if approve:
            contributions.statement_refresh(period=enrolment.period, org=enrolment.org, unit_id=enrolment.unit_id)
        audit.record("mutual_aid.enrolment.late_decide", actor=actor, obj=enrolment,
                     detail={"approved": approve, "comment": comment[:300]})
    return enrolment


def enrolment_leave(*, actor, enrolment: Enrolment, left_on: datetime.date | None = None) -> Enrolment:
    """The member left the unit: recorded, and the cover runs to the end of the paid period."""
    P.require(actor, P.ENROL, enrolment.scope_path)
    left_on = left_on or today()
    with transaction.atomic():
        enrolment.left_on = left_on
        enrolment.save(update_fields=["left_on"])
        audit.record("mutual_aid.enrolment.leave", actor=actor, obj=enrolment, detail={"left_on": str(left_on)})
    return enrolment


def enrolment_withdraw(*, actor, enrolment: Enrolment) -> None:
    """Remove an entry made by mistake: only before the deadline and while no claim refers to it."""
    P.require(actor, P.ENROL, enrolment.scope_path)
    if today() > enrolment.period.enrolment_deadline and enrolment.status != Enrolment.Status.LATE_REQUESTED:
        raise EnrolmentLocked()
    if Claim.objects.filter(enrolment=enrolment).exists():
        raise EnrolmentLocked(_("Claims refer to this enrolment: it cannot be withdrawn."))
    with transaction.atomic():
        audit.record("mutual_aid.enrolment.withdraw", actor=actor, obj=enrolment)
        enrolment.delete()
        contributions.statement_refresh(period=enrolment.period, org=enrolment.org, unit_id=enrolment.unit_id)
