"""Courses, sessions, enrolment (by staff, by the worker, at the door) and completion."""

import contextlib
import datetime
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.core import audit, money, workflow
from gonghui.core.errors import ValidationFailed

from ..errors import (
    AlreadyEnrolled,
    CheckInCodeUnknown,
    CourseFull,
    DatesInvalid,
    PersonOutsideOrganiser,
    RegistrationClosed,
    SessionOutsideCourse,
)
from ..models import Attendance, Course, CourseSession, Enrolment
from ..notifications import tell_completed, tell_enrolled
from ..roles import WORKFORCE_CHANGE
from ..workflows import ENROLMENT_FLOW
from .common import clean_text, person_under, require, title_keys


def _hours(value, field: str) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except Exception:
        hours = None
    if hours is None or hours <= 0 or hours > 10000:
        raise ValidationFailed(_("Give the hours as a positive number."), code="workforce_hours_invalid", field=field)
    return hours


def course_create(*, actor, org, title: str, organiser: str, trade: str, start_date: datetime.date,
                  end_date: datetime.date, place: str, hours, funding="0", capacity: int | None = None,
                  open_for_registration: bool = True) -> Course:
    require(actor, WORKFORCE_CHANGE, org)
    if end_date < start_date:
        raise DatesInvalid(field="end_date")
    title = clean_text(title, field="title", max_length=200)
    amount = funding if isinstance(funding, Decimal) else money.parse_amount(funding, field="funding")
    if amount < 0:
        raise ValidationFailed(_("The funding cannot be negative."), code="workforce_funding_negative",
                               field="funding")
    with transaction.atomic():
        course = Course.objects.create(
            org=org, title=title, **title_keys(title),
            organiser=clean_text(organiser, field="organiser", max_length=200),
            trade=clean_text(trade, field="trade", max_length=100), start_date=start_date, end_date=end_date,
            place=clean_text(place, field="place", max_length=200), hours=_hours(hours, "hours"),
            funding=amount, capacity=capacity or None, open_for_registration=open_for_registration)
        audit.record("workforce.course_create", actor=actor, obj=course,
                     detail={"trade": course.trade, "funding": str(amount)})
    return course


def session_create(*, actor, course: Course, day: datetime.date, hours, place: str = "") -> CourseSession:
    require(actor, WORKFORCE_CHANGE, course)
    if not course.start_date <= day <= course.end_date:
        raise SessionOutsideCourse(field="day")
    with transaction.atomic():
        session = CourseSession.objects.create(
            course=course, day=day, hours=_hours(hours, "hours"),
            place=clean_text(place or course.place, field="place", max_length=200),
            checkin_token=secrets.token_urlsafe(18)[:24])
        audit.record("workforce.session_create", actor=actor, obj=course,
                     detail={"session": session.pk, "day": day.isoformat()})
    return session


def _new_enrolment(course: Course, person, source: str, actor) -> Enrolment:
    """Insert the enrolment; a second one for the same person (two clicks) is AlreadyEnrolled. Capacity is
    checked with the course row locked, so two last-place registrations cannot both get in."""
    Course.objects.select_for_update().filter(pk=course.pk).first()
    if course.capacity and Enrolment.objects.filter(course=course).exclude(
            state=Enrolment.State.WITHDRAWN).count() >= course.capacity:
        raise CourseFull()
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(course=course, person=person, source=source)
    except IntegrityError:
        raise AlreadyEnrolled() from None
    ENROLMENT_FLOW.start(enrolment, actor=actor)
    return enrolment


def enrol(*, actor, course: Course, person) -> Enrolment:
    """Staff put a member on a course's roster."""
    require(actor, WORKFORCE_CHANGE, course)
    if not person_under(person, course.org):
        raise PersonOutsideOrganiser(field="person")
    with transaction.atomic():
        enrolment = _new_enrolment(course, person, Enrolment.Source.STAFF, actor)
        audit.record("workforce.enrol", actor=actor, obj=course, detail={"enrolment": enrolment.pk,
                                                                         "source": "staff"})
        tell_enrolled(enrolment)
    return enrolment


def worker_register(*, user, person, course: Course) -> Enrolment:
    """A worker registers for an open course of their own union or one above it."""
    if not course.open_for_registration:
        raise RegistrationClosed()
    if not person_under(person, course.org):
        raise PersonOutsideOrganiser()
    with transaction.atomic():
        enrolment = _new_enrolment(course, person, Enrolment.Source.SELF, user)
        audit.record("workforce.enrol", actor=user, obj=course, detail={"enrolment": enrolment.pk, "source": "self"})
        tell_enrolled(enrolment)
    return enrolment


def session_by_token(token: str) -> CourseSession:
    session = CourseSession.objects.select_related("course", "course__org").filter(
        checkin_token=str(token)[:32]).first()
    if session is None:
        raise CheckInCodeUnknown()
    return session


def check_in(*, user, person, token: str) -> tuple[Attendance, bool]:
    """The worker scanned a session's code at the door: one attendance (人次) per person and session, however
    often they scan (the unique constraint decides between two scans at once). A member under the organiser who
    is not on the roster yet is enrolled as a walk-in. Returns (attendance, counted now)."""
    session = session_by_token(token)
    course = session.course
    if not person_under(person, course.org):
        raise PersonOutsideOrganiser()
    with transaction.atomic():
        existing = Attendance.objects.filter(session=session, person=person).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(session=session, course=course, person=person,
                                                       day=session.day, source=Attendance.Source.SCAN)
        except IntegrityError:
            return Attendance.objects.get(session=session, person=person), False
        if not Enrolment.objects.filter(course=course, person=person).exists():
            with contextlib.suppress(AlreadyEnrolled, CourseFull):  # present all the same: the attendance counts
                _new_enrolment(course, person, Enrolment.Source.DOOR, user)
        audit.record("workforce.check_in", actor=user, obj=course,
                     detail={"session": session.pk, "day": session.day.isoformat()})
    return attendance, True


def enrolment_transition(*, actor, enrolment: Enrolment, transition: str, comment: str = "") -> Enrolment:
    with transaction.atomic():
        workflow.apply(enrolment, transition, actor=actor, flow=ENROLMENT_FLOW, comment=(comment or "")[:500])
        if transition == "complete":
            tell_completed(enrolment)
    return enrolment


def enrolments_complete(*, actor, course: Course, enrolment_ids=None, min_sessions: int = 1) -> int:
    """Mark the course completed for the enrolled members who attended at least ``min_sessions`` sessions (or
    for the ones named), all in one workflow step; returns how many."""
    require(actor, WORKFORCE_CHANGE, course)
    qs = Enrolment.objects.select_related("course", "course__org", "person").filter(
        course=course, state=Enrolment.State.ENROLLED)
    if enrolment_ids is not None:
        qs = qs.filter(pk__in=list(enrolment_ids))
    attended = set(Attendance.objects.filter(course=course).values_list("person_id", flat=True)
                   ) if min_sessions <= 1 else None
    if attended is None:
        from django.db.models import Count

        attended = set(Attendance.objects.filter(course=course).values("person_id").annotate(n=Count("id"))
                       .filter(n__gte=min_sessions).values_list("person_id", flat=True))
    chosen = [e for e in qs if e.person_id in attended]
    if not chosen:
        return 0
    with transaction.atomic():
        workflow.apply_many(chosen, "complete", actor=actor, flow=ENROLMENT_FLOW)
        for enrolment in chosen:
            tell_completed(enrolment)
    return len(chosen)
