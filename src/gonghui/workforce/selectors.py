"""Reads of the workforce module, already narrowed to the caller's part of the tree (core.scope), and the
skills record (技能档案) of one member."""

import datetime
import re

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core import scope
from gonghui.core.indicators import indicator_value

from .models import (
    Attendance,
    CompetitionHonour,
    Course,
    CourseSession,
    Enrolment,
    LabourCompetition,
    MentorPair,
    ReformMeasure,
    SkillCertification,
)
from .roles import WORKFORCE_VIEW
from .workflows import ENROLMENT_FLOW, MEASURE_FLOW

MAX_QUERY_LENGTH = 100
_LATIN = re.compile(r"^[a-zA-Z]+$")


def _title_q(query: str) -> Q:
    """Title (contains), or its pinyin / initials as a prefix ("dian", "dg" find 电工…)."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Q()
    if _LATIN.match(query):
        lowered = query.lower()
        return Q(title_pinyin__startswith=lowered) | Q(title_initials__startswith=lowered) | Q(
            title__icontains=query)
    return Q(title__contains=query)


def _person_q(query: str, prefix: str = "person__") -> Q:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Q()
    if _LATIN.match(query):
        lowered = query.lower()
        return Q(**{f"{prefix}name_pinyin__startswith": lowered}) | Q(**{f"{prefix}name_initials__startswith": lowered})
    return Q(**{f"{prefix}name__contains": query})


# --- reform measures -----------------------------------------------------------------------------------------

def measure_list(user, *, query: str = "", state: str = "", area: str = "", year: int | None = None,
                 permission: str = WORKFORCE_VIEW) -> QuerySet[ReformMeasure]:
    qs = scope.scoped(ReformMeasure.objects.select_related("org"), user, permission)
    if (query or "").strip():
        qs = qs.filter(_title_q(query) | Q(issuing_bodies__contains=query.strip()[:MAX_QUERY_LENGTH]))
    if state:
        qs = qs.filter(state=state)
    if area:
        qs = qs.filter(area=area)
    if year:
        qs = qs.filter(issued_on__year=year)
    return qs.order_by("-issued_on", "-id")


def measure_get(user, measure_id, permission: str = WORKFORCE_VIEW) -> ReformMeasure:
    return scope.get_scoped_or_404(ReformMeasure.objects.select_related("org"), user, permission, pk=measure_id)


def measure_history(measure):
    return MEASURE_FLOW.history(measure)


# --- training ------------------------------------------------------------------------------------------------

def course_list(user, *, query: str = "", trade: str = "", year: int | None = None,
                permission: str = WORKFORCE_VIEW) -> QuerySet[Course]:
    qs = scope.scoped(Course.objects.select_related("org"), user, permission).filter(_title_q(query))
    if trade:
        qs = qs.filter(trade__contains=trade.strip()[:MAX_QUERY_LENGTH])
    if year:
        qs = qs.filter(start_date__year=year)
    return qs.annotate(enrolled=Count("enrolments", distinct=True)).order_by("-start_date", "-id")


def course_get(user, course_id, permission: str = WORKFORCE_VIEW) -> Course:
    return scope.get_scoped_or_404(Course.objects.select_related("org"), user, permission, pk=course_id)


def course_sessions(course: Course) -> list[CourseSession]:
    return list(course.sessions.annotate(present=Count("attendances")).order_by("day", "id"))


def session_get(user, session_id, permission: str = WORKFORCE_VIEW) -> CourseSession:
    return scope.get_scoped_or_404(CourseSession.objects.select_related("course", "course__org"), user, permission,
                                   pk=session_id)


def course_roster(course: Course, *, query: str = "", state: str = "") -> QuerySet[Enrolment]:
    qs = course.enrolments.select_related("person").filter(_person_q(query))
    if state:
        qs = qs.filter(state=state)
    return qs.annotate(present=Count("person__id", filter=Q(
        person__id__in=Attendance.objects.filter(course=course).values("person_id")))).order_by("person__name_pinyin",
                                                                                               "id")


def enrolment_get(user, enrolment_id, permission: str = WORKFORCE_VIEW) -> Enrolment:
    return scope.get_scoped_or_404(Enrolment.objects.select_related("course", "course__org", "person"), user,
                                   permission, pk=enrolment_id)


def enrolment_history(enrolment):
    return ENROLMENT_FLOW.history(enrolment)


def attendance_counts(course: Course) -> dict[int, int]:
    """Sessions attended, per person, on one course."""
    return dict(Attendance.objects.filter(course=course).values("person_id").annotate(n=Count("id"))
                .values_list("person_id", "n"))


def session_by_token(token: str) -> CourseSession | None:
    return CourseSession.objects.select_related("course", "course__org").filter(checkin_token=str(token)[:32]).first()


# --- skill levels, pairs -------------------------------------------------------------------------------------

def certification_list(user, *, query: str = "", level: int | None = None, trade: str = "",
                       year: int | None = None, permission: str = WORKFORCE_VIEW) -> QuerySet[SkillCertification]:
    qs = scope.scoped(SkillCertification.objects.select_related("org", "person"), user, permission).filter(
        _person_q(query))
    if level:
        qs = qs.filter(level=level)
    if trade:
        qs = qs.filter(trade__contains=trade.strip()[:MAX_QUERY_LENGTH])
    if year:
        qs = qs.filter(certified_on__year=year)
    return qs.order_by("-certified_on", "-id")


def pair_list(user, *, query: str = "", outcome: str = "") -> QuerySet[MentorPair]:
    qs = scope.scoped(MentorPair.objects.select_related("org", "mentor", "apprentice"), user, WORKFORCE_VIEW)
    if query:
        qs = qs.filter(_person_q(query, "mentor__") | _person_q(query, "apprentice__") | Q(trade__contains=query))
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("-started_on", "-id")


# --- labour competitions -------------------------------------------------------------------------------------

def competition_list(user, *, query: str = "", level: str = "", year: int | None = None) -> QuerySet:
    qs = scope.scoped(LabourCompetition.objects.select_related("org"), user, WORKFORCE_VIEW)
    if (query or "").strip():
        qs = qs.filter(_title_q(query) | Q(subject__contains=query.strip()[:MAX_QUERY_LENGTH]))
    if level:
        qs = qs.filter(level=level)
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(participations_total=Sum("participations__participants")).order_by("-year", "-id")


def competition_get(user, competition_id) -> LabourCompetition:
    return scope.get_scoped_or_404(LabourCompetition.objects.select_related("org"), user, WORKFORCE_VIEW,
                                   pk=competition_id)


# --- the skills record of one member -------------------------------------------------------------------------

def _record(person, *, courses, certifications, honours, pairs, contests) -> dict:
    enrolments = list(courses.select_related("course").order_by("-course__start_date", "-id"))
    counts = dict(Attendance.objects.filter(person=person, course__in=[e.course_id for e in enrolments])
                  .values("course_id").annotate(n=Count("id"), h=Sum("session__hours"))
                  .values_list("course_id", "n"))
    hours = Attendance.objects.filter(person=person, course__in=[e.course_id for e in enrolments]).aggregate(
        h=Sum("session__hours"))["h"] or 0
    for enrolment in enrolments:
        enrolment.present = counts.get(enrolment.course_id, 0)
        enrolment.state_label = ENROLMENT_FLOW.state_label(enrolment.state)
    levels = list(certifications.order_by("-certified_on", "-level"))
    highest: dict[str, SkillCertification] = {}
    for cert in levels:
        if cert.trade not in highest or cert.level > highest[cert.trade].level:
            highest[cert.trade] = cert
    return {"enrolments": enrolments, "attendances": sum(counts.values()), "hours": hours,
            "completed": sum(1 for e in enrolments if e.state == Enrolment.State.COMPLETED),
            "certifications": levels, "highest": sorted(highest.values(), key=lambda c: (-c.level, c.trade)),
            "honours": list(honours.select_related("competition").order_by("-year", "id")),
            "pairs": list(pairs.select_related("mentor", "apprentice").order_by("-started_on")),
            "contests": list(contests.select_related("trade", "trade__edition").order_by("-trade__edition__year"))}


def my_skills_record(person) -> dict:
    """The worker's own record: everything about them, wherever it was recorded."""
    return _record(person, courses=Enrolment.objects.filter(person=person),
                   certifications=SkillCertification.objects.filter(person=person),
                   honours=CompetitionHonour.objects.filter(person=person),
                   pairs=MentorPair.objects.filter(Q(mentor=person) | Q(apprentice=person)),
                   contests=_contest_entries().filter(person=person, rank__isnull=False))


def skills_record_for(user, person) -> dict | None:
    """What the staff user sees of a member's record: only rows in their part of the tree. None without the
    permission over the member."""
    if not scope.has_perm(user, WORKFORCE_VIEW, person.scope_path):
        return None
    return _record(
        person,
        courses=scope.scoped(Enrolment.objects.filter(person=person), user, WORKFORCE_VIEW),
        certifications=scope.scoped(SkillCertification.objects.filter(person=person), user, WORKFORCE_VIEW),
        honours=scope.scoped(CompetitionHonour.objects.filter(person=person), user, WORKFORCE_VIEW),
        pairs=scope.scoped(MentorPair.objects.filter(Q(mentor=person) | Q(apprentice=person)), user,
                           WORKFORCE_VIEW),
        contests=scope.scoped(_contest_entries().filter(person=person, rank__isnull=False), user, WORKFORCE_VIEW))


def _contest_entries():
    from .models import ContestEntry

    return ContestEntry.objects.all()


def open_courses_for(person, *, today: datetime.date | None = None) -> QuerySet[Course]:
    """Courses a worker may register for: open, not over, run by their union or one above it."""
    today = today or timezone.localdate()
    path = person.scope_path or ""
    parts = [part for part in path.split("/") if part] if path != "\x00" else []
    prefixes = ["/".join(parts[:k]) + "/" for k in range(1, len(parts) + 1)]  # the union and every one above
    qs = Course.objects.select_related("org").filter(open_for_registration=True, end_date__gte=today)
    if not prefixes:
        return qs.none()
    return qs.filter(org__path__in=prefixes).order_by("start_date", "id")


def my_enrolment_course_ids(person) -> set[int]:
    return set(Enrolment.objects.filter(person=person).values_list("course_id", flat=True))


def open_course_get(person, course_id) -> Course | None:
    return open_courses_for(person).filter(pk=course_id).first()


# --- figures -------------------------------------------------------------------------------------------------

def figures(user, start: datetime.date, end: datetime.date, org=None) -> list[dict]:
    """The module's figures for the window through the indicator registry (indicators.py)."""
    from .indicators import FIGURES

    return [{"code": code, "label": label, "value": indicator_value(code, org, start, end, user=user)}
            for code, label in FIGURES]


def person_by_id_number(user, number: str, permission: str = WORKFORCE_VIEW):
    """The member with this resident ID number, if the user sees them (members' own scope); else NotFound."""
    from gonghui.core.errors import NotFound
    from gonghui.members import selectors as member_selectors
    from gonghui.members import services as member_services

    cleaned = "".join(str(number or "").split()).upper()
    if not cleaned:
        raise NotFound()
    person = member_selectors.persons_visible(user).filter(
        id_number_hash=member_services.id_number_hash(cleaned)).first()
    if person is None or not scope.has_perm(user, permission, person.scope_path):
        raise NotFound()
    return person


# --- skills contests -----------------------------------------------------------------------------------------

def edition_list(user, *, year: int | None = None) -> QuerySet:
    from .models import ContestEdition

    qs = scope.scoped(ContestEdition.objects.select_related("org"), user, WORKFORCE_VIEW)
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(trade_count=Count("trades", distinct=True)).order_by("-year", "-number", "-id")


def edition_get(user, edition_id, permission: str = WORKFORCE_VIEW):
    from .models import ContestEdition

    return scope.get_scoped_or_404(ContestEdition.objects.select_related("org"), user, permission, pk=edition_id)


def contest_trade_get(user, trade_id, permission: str = WORKFORCE_VIEW):
    from .models import ContestTrade

    return scope.get_scoped_or_404(ContestTrade.objects.select_related("edition", "edition__org"), user, permission,
                                   pk=trade_id)


def contest_trade_history(trade):
    from .workflows import CONTEST_FLOW

    return CONTEST_FLOW.history(trade)


def contest_entries(trade) -> list:
    """The entries of a trade in ranking order, each with its judges' scores (``sheet``: part → [scores])."""
    from .models import ContestEntry, JudgeScore

    entries = list(ContestEntry.objects.select_related("person", "quota__org").filter(trade=trade)
                   .order_by(models_nulls_last("rank"), "id"))
    sheets: dict[int, dict[str, list]] = {e.pk: {"theory": [], "practice": []} for e in entries}
    for score in JudgeScore.objects.select_related("judge").filter(entry__trade=trade).order_by("judge_id"):
        sheets[score.entry_id][score.part].append(score)
    for entry in entries:
        entry.sheet = sheets[entry.pk]
    return entries


def models_nulls_last(field: str):
    from django.db.models import F

    return F(field).asc(nulls_last=True)


def contest_entry_get(user, entry_id, permission: str = WORKFORCE_VIEW):
    from .models import ContestEntry

    return scope.get_scoped_or_404(ContestEntry.objects.select_related("trade", "trade__edition",
                                                                       "trade__edition__org", "person"),
                                   user, permission, pk=entry_id)


def judge_score_get(user, score_id, permission: str = WORKFORCE_VIEW):
    from .models import JudgeScore

    return scope.get_scoped_or_404(JudgeScore.objects.select_related("entry", "entry__trade"), user, permission,
                                   pk=score_id)


def corrections_of(trade) -> list:
    from .models import ScoreCorrection

    return list(ScoreCorrection.objects.select_related("score", "score__entry__person", "score__judge",
                                                       "requested_by").filter(score__entry__trade=trade))


def correction_get(user, correction_id, permission: str = WORKFORCE_VIEW):
    from .models import ScoreCorrection

    return scope.get_scoped_or_404(ScoreCorrection.objects.select_related("score", "score__entry__trade"), user,
                                   permission, pk=correction_id)


def my_certificates(person) -> list:
    from .models import ContestEntry

    return list(ContestEntry.objects.select_related("trade", "trade__edition").filter(
        person=person).exclude(title="").order_by("-trade__edition__year"))


def my_certificate_get(person, entry_id):
    from .models import ContestEntry

    return ContestEntry.objects.select_related("trade", "trade__edition", "trade__edition__org", "person").filter(
        person=person, pk=entry_id).exclude(title="").first()


def certificate_by_token(token: str):
    from .models import ContestEntry

    return ContestEntry.objects.select_related("trade", "trade__edition", "trade__edition__org", "person").filter(
        certificate_token=str(token)[:32]).exclude(title="").first()
