"""Withdrawn files are kept 10 years, then anonymised; the figures of past years stay."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from gonghui.assistance.models import AidRecord, HardshipFile, HouseholdMember
from gonghui.assistance.services.retention import ANONYMOUS, anonymise_withdrawn

from .factories import make_file, make_fund

pytestmark = pytest.mark.django_db


def test_files_withdrawn_ten_years_ago_are_anonymised_once(world):
    old = make_file(world.wuhua_union, "旧档户", state="exited", exit_code="income_above",
                    exited_on=datetime.date(2014, 3, 1), filed_on=datetime.date(2012, 1, 1))
    recent = make_file(world.wuhua_union, "近档户", state="exited", exit_code="moved",
                       exited_on=datetime.date(2020, 3, 1))
    AidRecord.objects.create(org=old.org, file=old, fund=make_fund(world.wuhua_union), kind="living",
                             amount=Decimal("800.00"), given_on=datetime.date(2013, 1, 5), state="paid")
    assert anonymise_withdrawn(today=datetime.date(2026, 12, 4)) == 1
    old.refresh_from_db()
    assert old.person_id is None and old.name == ANONYMOUS and old.filed_on == datetime.date(2012, 1, 1)
    member = HouseholdMember.objects.get(file=old)
    assert member.name == ANONYMOUS and member.income == "" and member.id_number.startswith("ANON")
    assert AidRecord.objects.get(file=old).amount == Decimal("800.00")
    assert HardshipFile.objects.get(pk=recent.pk).name == "近档户"
    assert anonymise_withdrawn(today=datetime.date(2026, 12, 4)) == 0
    call_command("assistance_anonymise", stdout=__import__("io").StringIO())
