"""Hardship early warning reads mutual-aid claims and legal-aid cases (a cross-app test: it builds rows of the
three apps)."""

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
    client.post(url, {"source": "large_self_paid", "reference": claim.pk, "reason": "已核实，家庭有商业保险"})
    assert WarningDismissal.objects.get().reason == "已核实，家庭有商业保险"
    assert "李娜" not in client.get(url).content.decode()
    client.logout()
    sign_in(client, world.user("sibling_officer"))
    assert 'data-testid="warning"' not in client.get(url).content.decode()


def test_a_wage_arrears_or_work_injury_case_is_a_signal_and_its_dismissal_is_kept(client, world):
    from gonghui.assistance.models import WarningDismissal
    from gonghui.members.models import Person
    from gonghui.rights.tests import factories as rf

    person = Person.objects.get(name="李娜")
    injury = rf.make_case(world, person=person, dispute_type="work_injury", claimed="80000.00")
    rf.make_case(world, person=person, dispute_type="dismissal")  # not a hardship signal
    refused = rf.make_case(world, person=person, state="refused", refusal_reason="time_barred")
    sign_in(client, world.user("county_officer"))
    url = reverse("assistance:warnings")
    page = client.get(url).content.decode()
    assert page.count('data-source="legal_case"') == 1 and "80,000.00" in page
    assert f'value="{refused.pk}"' not in page
    client.post(url, {"source": "legal_case", "reference": injury.pk, "reason": "工伤已由保险赔付"})
    assert WarningDismissal.objects.get(source="legal_case").reference == str(injury.pk)
    assert 'data-source="legal_case"' not in client.get(url).content.decode()


def test_a_signal_out_of_sight_cannot_be_dismissed(client, world):
    from gonghui.assistance import warnings
    from gonghui.core.errors import NotFound
    from gonghui.members.models import Person
    from gonghui.rights.tests import factories as rf

    case = rf.make_case(world, person=Person.objects.get(name="李娜"))
    with pytest.raises(NotFound):
        warnings.warning_dismiss(actor=world.user("sibling_officer"), source="legal_case", reference=case.pk,
                                 reason="不相干")
    with pytest.raises(NotFound):
        warnings.warning_dismiss(actor=world.user("county_officer"), source="other", reference=case.pk,
                                 reason="来源不明")
