"""The hardship demo part: files with their household member and aid, figures read through the registry."""

import datetime

import pytest

from gonghui.assistance.demo import build
from gonghui.assistance.models import AidRecord, HardshipFile, HouseholdMember
from gonghui.core import indicators as I
from gonghui.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_part_builds_files_aid_and_figures(world):
    build.build_files(DemoContext(scale="small", progress=lambda *_: None))
    files = HardshipFile.objects.all()
    assert files.count() == 3  # one per member of the small world
    assert HouseholdMember.objects.filter(active=True).count() == files.exclude(state="exited").count()
    assert all(f.filed_on for f in files)
    assert AidRecord.objects.exists()
    admin = world.user("province_admin")
    start, end = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    assert I.indicator_value("assistance.aid_times", None, start, end, user=admin) == AidRecord.objects.count()
    assert I.indicator_value("assistance.aid_money", None, start, end, user=admin) > 0
