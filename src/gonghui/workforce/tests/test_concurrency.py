"""Double submits at the same moment (threads, real transactions): a scan at the door counts one attendance,
the last place of a course goes to one worker, a level is recorded once, a course is completed once."""

import datetime

import pytest
from tests.test_concurrency import race

from gonghui.core.errors import ApplicationError
from gonghui.core.models import User
from gonghui.members.models import Person
from gonghui.workforce import services
from gonghui.workforce.models import Attendance, Enrolment, SkillCertification, SkillLevel

from .factories import make_attendance, make_course, make_enrolment, make_session

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_scans_count_one_attendance(world):
    session = make_session(make_course(world.wuhua_union))

    def scan():
        user = User.objects.get(username="worker")
        return services.check_in(user=user, person=Person.objects.get(user=user), token=session.checkin_token)

    results = race(scan, scan, scan)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for _attendance, counted in results if counted) == 1
    assert Attendance.objects.filter(session=session).count() == 1
    assert Enrolment.objects.filter(course=session.course).count() == 1
    _a_level_recorded_twice_at_once_counts_once()


def test_the_last_place_goes_to_one_worker_and_a_course_completes_once(world):
    course = make_course(world.wuhua_union, capacity=1)
    other = make_course(world.wuhua_union, "另一个班")  # the worker's double click on a course with room

    def register(person_name):
        def call():
            user = User.objects.get(username="worker")
            person = Person.objects.get(name=person_name)
            return services.worker_register(user=user, person=person, course=course)
        return call

    results = race(register("张伟"), register("李娜"))
    assert sum(1 for r in results if isinstance(r, Enrolment)) == 1
    assert all(isinstance(r, Enrolment | ApplicationError) for r in results), results
    assert Enrolment.objects.filter(course=course).count() == 1

    def twice():
        user = User.objects.get(username="worker")
        return services.worker_register(user=user, person=Person.objects.get(user=user), course=other)

    results = race(twice, twice)
    assert sum(1 for r in results if isinstance(r, Enrolment)) == 1
    assert Enrolment.objects.filter(course=other).count() == 1
    _completing_a_course_twice_at_once_completes_it_once(world)
    _publishing_and_deciding_twice_at_once(world)


def _a_level_recorded_twice_at_once_counts_once():
    person = Person.objects.get(name="张伟")

    def record(number):
        def call():
            return services.certification_record(
                actor=User.objects.get(username="county_officer"), person=Person.objects.get(pk=person.pk),
                trade="电工", level=SkillLevel.SENIOR, certifying_body="省鉴定中心",
                certified_on=datetime.date(2025, 6, 1), certificate_number=number)
        return call

    results = race(record("C-1"), record("C-2"))
    assert sum(1 for r in results if isinstance(r, SkillCertification)) == 1
    assert [r.code for r in results if isinstance(r, ApplicationError)] == ["workforce_level_already_recorded"]
    assert SkillCertification.objects.filter(person=person).count() == 1


def _completing_a_course_twice_at_once_completes_it_once(world):
    course = make_course(world.wuhua_union)
    session = make_session(course)
    person = Person.objects.get(name="张伟")
    make_enrolment(course, person)
    make_attendance(session, person)

    def complete():
        return services.enrolments_complete(actor=User.objects.get(username="county_officer"),
                                            course=course.__class__.objects.get(pk=course.pk))

    results = race(complete, complete)
    done = [r for r in results if r == 1]
    assert len(done) == 1, results
    assert all(r == 0 or isinstance(r, ApplicationError) for r in results if r != 1), results
    assert Enrolment.objects.get(course=course).state == "completed"


def _publishing_and_deciding_twice_at_once(world):
    """Two clicks on "publish" rank and promote once; two people approving one correction change the score once."""
    from gonghui.workforce.models import ContestTrade, ScoreCorrection

    admin = User.objects.get(username="province_admin")
    edition = services.edition_create(actor=admin, org=world.kunming, number=9, year=2025, title="并发大赛")
    trade = services.trade_add(actor=admin, edition=edition, trade="电工", promotion_level=5)
    services.quota_set(actor=admin, trade=trade, org=world.wuhua, places=3)
    person = Person.objects.get(name="张伟")
    entry = services.entry_register(actor=admin, trade=trade, person=person)
    services.trade_close(actor=admin, trade=trade)
    services.score_enter(actor=admin, entry=entry, part="theory", score=80)
    score = services.score_enter(actor=admin, entry=entry, part="practice", score=80)

    def publish():
        return services.trade_publish(actor=User.objects.get(username="province_admin"),
                                      trade=ContestTrade.objects.get(pk=trade.pk))

    results = race(publish, publish)
    assert sum(1 for r in results if isinstance(r, ContestTrade)) == 1, results
    assert SkillCertification.objects.filter(person=person, level=5).count() == 1
    correction = services.correction_request(actor=admin, score=score, new_score=90, reason="复核")

    def approve(username):
        def call():
            return services.correction_decide(actor=User.objects.get(username=username),
                                              correction=ScoreCorrection.objects.get(pk=correction.pk), approve=True)
        return call

    results = race(approve("prefecture_officer"), approve("prefecture_officer"))
    assert sum(1 for r in results if isinstance(r, ScoreCorrection)) == 1, results
    assert ScoreCorrection.objects.get(pk=correction.pk).state == "approved"
