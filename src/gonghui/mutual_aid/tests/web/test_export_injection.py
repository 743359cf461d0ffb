"""Issue 19, section 5: names that start like a formula come out inert in every mutual-aid export — the
contributions and claims CSV, the bank file (CSV and .xlsx) and the period report (page and API). The names are
written straight to the rows, as older data (from before the name rule) may hold them."""

import pytest
from django.urls import reverse
from tests.api.openapi_check import session_client
from tests.inert import HOSTILE, assert_csv_inert, assert_xlsx_inert, csv_cells

from gonghui.members.models import Person, Unit
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Enrolment, PayoutBatch
from gonghui.mutual_aid.services.contributions import statement_refresh
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db

PERSON, UNIT, UNION = HOSTILE[1], HOSTILE[2], HOSTILE[0]


@pytest.fixture
def hostile(world, covered):
    """张伟 and his unit and union renamed to formulas."""
    Person.objects.filter(pk=covered["张伟"].pk).update(name=PERSON)
    Unit.objects.filter(name="五华测试科技有限公司").update(name=UNIT)
    type(world.wuhua_union).objects.filter(pk=world.wuhua_union.pk).update(name=UNION)
    return Person.objects.get(pk=covered["张伟"].pk)


def _approved_claim(world, staff, person):
    claim = factories.file_claim(world.user("worker"), person)
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    return claim


def test_contributions_csv_is_inert(world, client, login, period, hostile):
    unit = Unit.objects.get(name=UNIT)
    Enrolment.objects.filter(person=hostile, period=period).update(unit=unit)
    statement_refresh(period=period, org=world.wuhua_union, unit_id=unit.pk)
    login(world.user("county_officer"))
    response = client.get(reverse("mutual_aid:statement_export"), {"period": period.pk})
    assert response.status_code == 200
    assert_csv_inert(response.getvalue(), UNIT, UNION)


def test_claims_csv_is_inert(world, client, login, staff, hostile):
    factories.file_claim(world.user("worker"), hostile)
    login(world.user("county_officer"))
    response = client.get(reverse("mutual_aid:claim_export"))
    assert response.status_code == 200
    assert_csv_inert(response.getvalue(), PERSON, UNION)


def test_bank_file_is_inert_and_keeps_the_banks_layout(world, client, login, staff, hostile):
    claim = _approved_claim(world, staff, hostile)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    login(staff["cashier"])
    csv_file = client.post(reverse("mutual_aid:batch_export", args=[batch.pk]), {"format": "csv"})
    rows = assert_csv_inert(csv_file.content, PERSON, UNION)
    # The bank's layout is unchanged: the header, the account number behind a ', the amount as a plain decimal.
    assert csv_file.content.startswith("\ufeff".encode()) and len(rows) == 2 and len(rows[0]) == 7
    assert rows[1][3] == "'6222020200112233445" and rows[1][4] == str(claim.approved_amount)
    xlsx = client.post(reverse("mutual_aid:batch_export", args=[batch.pk]), {"format": "xlsx"})
    cells = assert_xlsx_inert(xlsx.content, PERSON, UNION)
    assert cells[1][3] == "6222020200112233445" and cells[1][4] == str(claim.approved_amount)
    assert PayoutBatch.objects.get(pk=batch.pk).status == PayoutBatch.Status.EXPORTED


def test_period_report_is_inert_on_the_page_and_through_the_api(world, client, login, period, staff, hostile):
    _approved_claim(world, staff, hostile)
    login(world.user("county_officer"))
    page = client.get(reverse("mutual_aid:report_export"), {"org": world.wuhua.pk, "period": period.pk})
    assert page.status_code == 200
    assert_xlsx_inert(page.content, UNION)
    api = session_client(world.user("county_officer")).client.get(
        f"/api/v1/mutual-aid/reports/periods/{period.pk}/export", {"org_id": world.wuhua.pk})
    assert api.status_code == 200
    assert_xlsx_inert(api.content, UNION)


def test_a_plain_name_is_left_as_it_is(world, client, login, covered):
    factories.file_claim(world.user("worker"), covered["张伟"])
    login(world.user("county_officer"))
    rows = csv_cells(client.get(reverse("mutual_aid:claim_export")).getvalue())
    assert rows[1][1] == "张伟"
