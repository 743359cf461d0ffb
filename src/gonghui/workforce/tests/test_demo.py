"""The workforce demo part: the small scale lands in Wuhua with a record for the demo worker; the bulk path
(county and province scales) writes through core.demo's bulk loader and keeps "an upgrade counts once"."""

import datetime
import io

import pytest

from gonghui.core.demo import DemoContext
from gonghui.core.indicators import indicator_value
from gonghui.members.models import Person
from gonghui.workforce import selectors
from gonghui.workforce.demo import build
from gonghui.workforce.models import Attendance, Course, LabourCompetition, ReformMeasure, SkillCertification

pytestmark = pytest.mark.django_db


def test_small_demo(world):
    build.build(DemoContext(scale="small", progress=lambda _line: None))
    assert ReformMeasure.objects.count() == 16 + 12
    assert LabourCompetition.objects.filter(level="national_leading").count() == 7
    assert LabourCompetition.objects.filter(level="provincial_demonstration").count() == 25
    assert Attendance.objects.exists() and SkillCertification.objects.exists()
    record = selectors.my_skills_record(Person.objects.get(user=world.user("worker")))
    assert record["enrolments"] and record["certifications"]
    assert Course.objects.filter(open_for_registration=True, end_date__gte=datetime.date.today()).exists()
    admin = world.user("province_admin")
    first, last = datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)
    assert indicator_value("workforce.training_attendances", None, first, last, user=admin) == \
        Attendance.objects.count()
    assert indicator_value("workforce.competitions", None, first, last, user=admin) == \
        LabourCompetition.objects.count()
    from gonghui.workforce.models import ContestEdition, ContestEntry

    assert ContestEdition.objects.count() == 5
    titled = ContestEntry.objects.exclude(title="")
    assert titled.filter(title="champion").count() >= 10  # one per trade (ties may share)
    assert indicator_value("workforce.contest_titles", None, first, last, user=admin) == titled.count()


def test_bulk_path(world):
    ctx = DemoContext(scale="county", persons=30_000, progress=lambda _line: None, bar_stream=io.StringIO())
    build.build(ctx)
    attendances = Attendance.objects.count()
    assert attendances > 0
    upgrades = SkillCertification.objects.count()
    assert upgrades >= 1
    assert SkillCertification.objects.values("person", "trade", "level").distinct().count() == upgrades
    assert all(a.course_id == a.session.course_id and a.day == a.session.day
               for a in Attendance.objects.select_related("session")[:50])
