"""Hardship early warning reads mutual-aid claims (a cross-app test: it builds rows of both apps)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.fixtures import sign_in

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()

def test_early_warning_lists_large_self_paid_claims_and_dismissal_is_kept(client, world):
    from gonghui.assistance.models import WarningDismissal
    from gonghui.members.models import Person
    from gonghui.mutual_aid.models import Claim
    from gonghui.mutual_aid.tests import factories as ma

    period = ma.make_period(world, number=1, status="open", **ma.period_dates(TODAY.replace(month=1, day=1)))
    person = Person.objects.get(name="李娜")
    enrolment = ma.enrol(person, period)
    claim = Claim.objects.create(org=enrolment.org, period=period, person=person, enrolment=enrolment,
                                 benefit_type="inpatient", hospital="医院", admission_date=period.coverage_start,
                                 discharge_date=period.coverage_start, diagnosis="重病", total_cost=Decimal("90000"),
                                 insurance_paid=Decimal("40000"), self_paid=Decimal("50000"), state="paid",
                                 filed_by=world.user("province_admin"))
    sign_in(client, world.user("county_officer"))
    url = reverse("assistance:warnings")
    assert "李娜" in client.get(url).content.decode()
    client.post(url, {"claim": claim.pk, "reason": "已核实，家庭有商业保险"})
    assert WarningDismissal.objects.get().reason == "已核实，家庭有商业保险"
    assert "李娜" not in client.get(url).content.decode()
    client.logout()
    sign_in(client, world.user("sibling_officer"))
    assert 'data-testid="warning"' not in client.get(url).content.decode()
