"""Factories of the workforce module, usable by other apps' tests (rows written straight to the database)."""

import datetime
import secrets
from decimal import Decimal

from gonghui.core.pinyin import pinyin_keys

from ..models import (
    Attendance,
    Course,
    CourseSession,
    Enrolment,
    LabourCompetition,
    MentorPair,
    ReformMeasure,
    SkillCertification,
)


def _keys(title: str) -> dict:
    full, initials = pinyin_keys(title)
    return {"title_pinyin": full, "title_initials": initials}


def make_measure(org, title: str = "产业工人队伍建设改革实施方案", *, issued_on=datetime.date(2025, 3, 1),
                 state: str = "adopted") -> ReformMeasure:
    return ReformMeasure.objects.create(org=org, title=title, **_keys(title), issuing_bodies="省总工会、省人社厅",
                                        issued_on=issued_on, area="skills", state=state)


def make_course(org, title: str = "电工技能提升培训班", *, start=None, days: int = 3, trade: str = "电工",
                open_for_registration: bool = True, capacity: int | None = None,
                funding: Decimal = Decimal("5000.00")) -> Course:
    start = start or (datetime.date.today() + datetime.timedelta(days=7))
    return Course.objects.create(org=org, title=title, **_keys(title), organiser="职工技能培训中心", trade=trade,
                                 start_date=start, end_date=start + datetime.timedelta(days=days - 1),
                                 place="职工服务中心", hours=Decimal("24.0"), funding=funding, capacity=capacity,
                                 open_for_registration=open_for_registration)


def make_session(course: Course, *, day=None, hours: Decimal = Decimal("4.0")) -> CourseSession:
    return CourseSession.objects.create(course=course, day=day or course.start_date, place=course.place, hours=hours,
                                        checkin_token=secrets.token_urlsafe(18)[:24])


def make_enrolment(course: Course, person, *, state: str = "enrolled", source: str = "staff") -> Enrolment:
    return Enrolment.objects.create(course=course, person=person, state=state, source=source)


def make_attendance(session: CourseSession, person) -> Attendance:
    return Attendance.objects.create(session=session, course=session.course, person=person, day=session.day)


def make_certification(person, *, trade: str = "电工", level: int = 3, number: str | None = None,
                       certified_on=datetime.date(2025, 6, 1)) -> SkillCertification:
    return SkillCertification.objects.create(
        org_id=person.current_org_id, person=person, trade=trade, level=level, certifying_body="云南省职业技能鉴定中心",
        certified_on=certified_on, certificate_number=number or f"T{secrets.token_hex(6)}")


def make_pair(mentor, apprentice, *, trade: str = "电工") -> MentorPair:
    return MentorPair.objects.create(org_id=apprentice.current_org_id, mentor=mentor, apprentice=apprentice,
                                     trade=trade, started_on=datetime.date(2025, 3, 1))


def make_competition(org, title: str = "滇中引水工程劳动竞赛", *, level: str = "provincial_demonstration",
                     year: int = 2025) -> LabourCompetition:
    return LabourCompetition.objects.create(org=org, title=title, **_keys(title), level=level, basis="project",
                                            subject="滇中引水工程", year=year, start_date=datetime.date(year, 3, 1))


def indicator_rows(holders, persons, rng, day, **_context) -> None:
    """Rows for tests/test_indicators.py: every workforce figure gets something to count, spread over the tree
    and the years (``day(rng)`` draws a day of the test's window)."""
    from ..models import CompetitionHonour, CompetitionParticipation, LabourCompetition, SkillLevel

    members = [p for p in persons if p.current_org_id]
    levels = LabourCompetition.Level.values
    for i, org in enumerate(holders * 2):
        make_measure(org, f"指标措施{i}", issued_on=day(rng),
                     state=rng.choice(["adopted", "implementing", "implemented", "withdrawn"]))
        course = make_course(org, f"指标培训{i}", start=day(rng), funding=Decimal(rng.randrange(0, 10**7)) / 100)
        sessions = [make_session(course, day=course.start_date + datetime.timedelta(days=k)) for k in range(2)]
        for person in rng.sample(members, 3):
            make_enrolment(course, person, state=rng.choice(["enrolled", "completed", "completed"]))
            for session in sessions:
                if rng.random() < .7:
                    make_attendance(session, person)
        competition = make_competition(org, f"指标竞赛{i}", level=levels[i % len(levels)],
                                       year=rng.randrange(2019, 2026))
        CompetitionParticipation.objects.create(competition=competition, unit_name=f"单位{i}",
                                                participants=rng.randrange(1, 500))
        CompetitionHonour.objects.create(competition=competition, title="工人先锋号", recipient_kind="team",
                                         recipient_name=f"班组{i}", year=competition.year)
    from ..models import ContestEdition, ContestEntry, ContestQuota, ContestTrade

    for i, org in enumerate(holders):
        edition = ContestEdition.objects.create(org=org, number=1, year=rng.randrange(2019, 2026), title=f"大赛{i}")
        for k, state in enumerate(("published", "published", "scoring")):
            trade = ContestTrade.objects.create(edition=edition, trade=f"赛项{k}", state=state)
            quota = ContestQuota.objects.create(trade=trade, org=org, places=9)
            for n, person in enumerate(rng.sample(members, 3)):
                ContestEntry.objects.create(trade=trade, person=person, quota=quota, rank=n + 1,
                                            title=["champion", "expert", ""][n])
    for i, person in enumerate(rng.sample(members, min(len(members), 10))):
        mentor = members[(i + 1) % len(members)]
        if mentor.pk != person.pk:
            make_pair(mentor, person, trade=f"工种{i}")
        for level in SkillLevel.values[: 1 + i % 5]:
            make_certification(person, trade=f"工种{i % 3}", level=level, certified_on=day(rng))


def world_people() -> dict:
    """The test world's members by name: the worker 张伟 and 李娜 in the Wuhua test union, 王芳 in Panlong."""
    from gonghui.members.models import Person

    return {p.name: p for p in Person.objects.filter(name__in=["张伟", "李娜", "王芳"])}
