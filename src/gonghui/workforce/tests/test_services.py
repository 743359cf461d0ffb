"""Reform measures, courses, enrolment, check-in, completion, skill levels and pairs: the services' rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from gonghui.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEvent, Message, WorkflowLog
from gonghui.workforce import services
from gonghui.workforce.errors import (
    AlreadyEnrolled,
    CertificateNumberTaken,
    CheckInCodeUnknown,
    CourseFull,
    LevelAlreadyRecorded,
    MentorIsApprentice,
    PairExists,
    PersonOutsideOrganiser,
    RegistrationClosed,
)
from gonghui.workforce.models import Attendance, Enrolment, SkillCertification

from .factories import (
    make_attendance,
    make_certification,
    make_course,
    make_enrolment,
    make_session,
    world_people,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return world_people()


def test_measure_is_recorded_and_moves_through_its_workflow(world):
    officer = world.user("county_officer")
    measure = services.measure_create(actor=officer, org=world.wuhua, title="五华区技术工人待遇提升办法",
                                      issuing_bodies="区总工会、区人社局", issued_on=datetime.date(2025, 4, 1),
                                      area="pay")
    assert measure.state == "adopted" and measure.title_initials.startswith("wh")
    services.measure_transition(actor=officer, measure=measure, transition="start", comment="开始")
    services.measure_transition(actor=officer, measure=measure, transition="complete")
    measure.refresh_from_db()
    assert measure.state == "implemented"
    steps = list(WorkflowLog.objects.filter(object_id=str(measure.pk), workflow="workforce_measure")
                 .order_by("pk").values_list("transition", flat=True))
    assert steps == ["create", "start", "complete"]
    assert AuditEvent.objects.filter(action="workforce.measure_complete").exists()
    with pytest.raises(InvalidTransition):  # the second click of the same step
        services.measure_transition(actor=officer, measure=measure, transition="withdraw")


def test_measure_out_of_scope_is_not_found_and_in_sight_without_permission_is_refused(world):
    with pytest.raises(NotFound):
        services.measure_create(actor=world.user("sibling_officer"), org=world.wuhua, title="x", issuing_bodies="y",
                                issued_on=datetime.date(2025, 1, 1), area="pay")
    with pytest.raises((PermissionDenied, NotFound)):
        services.measure_create(actor=world.user("auditor"), org=world.wuhua, title="x", issuing_bodies="y",
                                issued_on=datetime.date(2025, 1, 1), area="pay")


def test_course_rules(world):
    officer = world.user("county_officer")
    common = {"actor": officer, "org": world.wuhua_union, "title": "焊工培训", "organiser": "区培训中心",
              "trade": "焊工", "place": "培训楼", "hours": "24"}
    with pytest.raises(ValidationFailed):
        services.course_create(**common, start_date=datetime.date(2025, 5, 3), end_date=datetime.date(2025, 5, 1))
    with pytest.raises(ValidationFailed):
        services.course_create(**common, start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 5, 3),
                               funding="-1")
    course = services.course_create(**common, start_date=datetime.date(2025, 5, 1),
                                    end_date=datetime.date(2025, 5, 3), funding="12,345.60")
    assert course.funding == Decimal("12345.60") and course.hours == Decimal("24.0")
    with pytest.raises(ValidationFailed):
        services.session_create(actor=officer, course=course, day=datetime.date(2025, 5, 9), hours="4")
    session = services.session_create(actor=officer, course=course, day=datetime.date(2025, 5, 2), hours="4")
    assert session.place == "培训楼" and len(session.checkin_token) >= 16


def test_staff_enrol_tells_the_worker_and_refuses_twice(world, people):
    course = make_course(world.wuhua_union)
    enrolment = services.enrol(actor=world.user("county_officer"), course=course, person=people["张伟"])
    assert enrolment.state == "enrolled"
    message = Message.objects.get(event="workforce.enrolment_accepted")
    assert message.recipient == world.user("worker")
    with pytest.raises(AlreadyEnrolled):
        services.enrol(actor=world.user("county_officer"), course=course, person=people["张伟"])
    with pytest.raises(PersonOutsideOrganiser):
        services.enrol(actor=world.user("province_admin"), course=course, person=people["王芳"])


def test_worker_registration_respects_openness_and_places(world, people):
    worker = world.user("worker")
    closed = make_course(world.wuhua_union, open_for_registration=False)
    with pytest.raises(RegistrationClosed):
        services.worker_register(user=worker, person=people["张伟"], course=closed)
    full = make_course(world.wuhua, "满员班", capacity=1)
    make_enrolment(full, people["李娜"])
    with pytest.raises(CourseFull):
        services.worker_register(user=worker, person=people["张伟"], course=full)
    above = make_course(world.kunming, "市级培训班")  # a course of a union above the worker's own
    enrolment = services.worker_register(user=worker, person=people["张伟"], course=above)
    assert enrolment.source == "self"
    elsewhere = make_course(world.panlong_union, "盘龙培训班")
    with pytest.raises(PersonOutsideOrganiser):
        services.worker_register(user=worker, person=people["张伟"], course=elsewhere)


def test_check_in_counts_once_and_enrols_a_walk_in(world, people):
    session = make_session(make_course(world.wuhua_union))
    worker = world.user("worker")
    attendance, counted = services.check_in(user=worker, person=people["张伟"], token=session.checkin_token)
    assert counted and attendance.source == "scan" and attendance.day == session.day
    again, counted = services.check_in(user=worker, person=people["张伟"], token=session.checkin_token)
    assert not counted and again.pk == attendance.pk
    assert Attendance.objects.filter(session=session).count() == 1
    assert Enrolment.objects.get(course=session.course, person=people["张伟"]).source == "door"
    with pytest.raises(CheckInCodeUnknown):
        services.check_in(user=worker, person=people["张伟"], token="nope")
    outside = make_session(make_course(world.panlong_union))
    with pytest.raises(PersonOutsideOrganiser):
        services.check_in(user=worker, person=people["张伟"], token=outside.checkin_token)


def test_attendance_counts_once_per_session_in_the_database(world, people):
    session = make_session(make_course(world.wuhua_union))
    make_attendance(session, people["李娜"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_attendance(session, people["李娜"])


def test_completion_of_those_who_attended(world, people):
    officer = world.user("county_officer")
    course = make_course(world.wuhua_union)
    session = make_session(course)
    present = make_enrolment(course, people["张伟"])
    absent = make_enrolment(course, people["李娜"])
    make_attendance(session, people["张伟"])
    assert services.enrolments_complete(actor=officer, course=course) == 1
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.state, absent.state) == ("completed", "enrolled")
    assert Message.objects.filter(event="workforce.course_completed", recipient=world.user("worker")).count() == 1
    assert services.enrolments_complete(actor=officer, course=course) == 0  # done already: nothing twice
    with pytest.raises(NotFound):
        services.enrolments_complete(actor=world.user("sibling_officer"), course=course)


def test_worker_may_withdraw_their_own_enrolment_only(world, people):
    course = make_course(world.wuhua_union)
    mine = make_enrolment(course, people["张伟"])
    other = make_enrolment(course, people["李娜"])
    services.enrolment_transition(actor=world.user("worker"), enrolment=mine, transition="withdraw")
    assert Enrolment.objects.get(pk=mine.pk).state == "withdrawn"
    with pytest.raises(NotFound):
        services.enrolment_transition(actor=world.user("worker"), enrolment=other, transition="withdraw")


def test_an_upgrade_counts_once(world, people):
    officer = world.user("county_officer")
    args = {"actor": officer, "person": people["张伟"], "trade": "电工", "level": 3, "certifying_body": "省鉴定中心",
            "certified_on": datetime.date(2025, 6, 1)}
    cert = services.certification_record(**args, certificate_number="A-1")
    assert cert.org_id == people["张伟"].current_org_id and cert.recorded_by == officer
    assert Message.objects.filter(event="workforce.certification_recorded").count() == 1
    with pytest.raises(LevelAlreadyRecorded):
        services.certification_record(**args, certificate_number="A-2")
    with pytest.raises(CertificateNumberTaken):
        services.certification_record(**{**args, "level": 4}, certificate_number="A-1")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too, whoever writes
        SkillCertification.objects.create(org_id=cert.org_id, person=cert.person, trade="电工", level=3,
                                          certifying_body="别的中心", certified_on=cert.certified_on,
                                          certificate_number="Z-9")
    with pytest.raises(NotFound):
        services.certification_record(**{**args, "actor": world.user("sibling_officer"), "level": 5},
                                      certificate_number="A-3")


def test_mentor_pairs(world, people):
    officer = world.user("county_officer")
    pair = services.mentor_pair_create(actor=officer, mentor=people["李娜"], apprentice=people["张伟"], trade="钳工",
                                       started_on=datetime.date(2025, 2, 1))
    assert pair.outcome == "ongoing"
    with pytest.raises(MentorIsApprentice):
        services.mentor_pair_create(actor=officer, mentor=people["张伟"], apprentice=people["张伟"], trade="钳工",
                                    started_on=datetime.date(2025, 2, 1))
    with pytest.raises(PairExists):
        services.mentor_pair_create(actor=officer, mentor=people["李娜"], apprentice=people["张伟"], trade="钳工",
                                    started_on=datetime.date(2025, 2, 1))


def test_competition_participations_and_honours(world):
    officer = world.user("county_officer")
    competition = services.competition_create(actor=officer, org=world.wuhua, title="滇中引水劳动竞赛",
                                              level="county", basis="project", subject="滇中引水工程",
                                              start_date=datetime.date(2025, 3, 1))
    services.participation_add(actor=officer, competition=competition, unit_name="一标段", team_name="隧洞班",
                               participants=120)
    with pytest.raises(Conflict) as refused:
        services.participation_add(actor=officer, competition=competition, unit_name="一标段", team_name="隧洞班",
                                   participants=3)
    assert refused.value.code == "workforce_participation_exists"
    honour = services.honour_add(actor=officer, competition=competition, title="工人先锋号", recipient_kind="team",
                                 recipient_name="隧洞班")
    assert honour.year == 2025 and competition.year == 2025


def test_certification_factory_respects_the_scope_of_the_person(world, people):
    cert = make_certification(people["王芳"])
    assert cert.scope_path == world.panlong_union.path
