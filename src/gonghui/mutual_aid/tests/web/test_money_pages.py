"""Enrolment per unit, contributions and payments, payout batches (bank file, marked paid), settlement and
reports, through the pages."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person, Unit
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Claim, ContributionStatement, Enrolment, PayoutBatch, Period, Settlement
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolling(world):
    """A period whose enrolment is still open (deadline in twelve days)."""
    start = timezone.localdate() + datetime.timedelta(days=20)
    return factories.make_period(world, number=30, **factories.period_dates(start))


def test_a_unit_roster_with_eligibility_threshold_and_enrolment(world, client, login, enrolling):
    unit = Unit.objects.get(name="五华测试科技有限公司")
    old = Person.objects.get(name="李娜")
    Person.objects.filter(pk=old.pk).update(birth_date=datetime.date(1960, 1, 1))  # 55+: new joiners refused
    login(world.user("grassroots_officer"))
    url = reverse("mutual_aid:unit_enrol", args=[unit.pk])
    page = client.get(url, {"period": enrolling.pk})
    assert page.status_code == 200
    rows = {row["person"].name: row for row in page.context["rows"]}
    assert rows["张伟"]["eligible"] and not rows["李娜"]["eligible"]
    assert "too_old" in rows["李娜"]["reasons"]
    assert page.context["warning"]  # 0 of 2 staff enrolled
    response = client.post(url, {"period": enrolling.pk, "persons": [rows["张伟"]["person"].pk], "shares": 1})
    assert response.status_code == 302
    assert Enrolment.objects.filter(period=enrolling, person__name="张伟").exists()
    statement = ContributionStatement.objects.get(period=enrolling, unit=unit)
    assert statement.amount_due == Decimal("120.00")
    # out of scope: another county's unit
    login(world.user("sibling_officer"))
    assert client.get(url, {"period": enrolling.pk}).status_code == 404


def test_leaving_and_the_leavers_list(world, client, login, period, covered):
    enrolment = Enrolment.objects.get(person=covered["李娜"], period=period)
    login(world.user("grassroots_officer"))
    client.post(reverse("mutual_aid:enrolment_leave", args=[enrolment.pk]), {"left_on": "2026-01-15"})
    enrolment.refresh_from_db()
    assert enrolment.left_on == datetime.date(2026, 1, 15)
    listing = client.get(reverse("mutual_aid:enrolment_list"), {"leavers": "on", "period": period.pk})
    assert "李娜" in listing.content.decode() and "张伟" not in listing.content.decode()


def test_late_enrolments_are_decided_by_a_reviewer(world, client, login, period, staff):
    unit = Unit.objects.get(name="五华测试科技有限公司")
    result = services.enrolment_enrol_roster(actor=world.user("grassroots_officer"), period=period, unit=unit,
                                             late_reason="新入职员工")
    assert result.late and result.enrolled
    login(staff["reviewer"])
    page = client.get(reverse("mutual_aid:late_queue"))
    assert page.status_code == 200 and "新入职员工" in page.content.decode()
    enrolment = result.enrolled[0]
    client.post(reverse("mutual_aid:late_decide", args=[enrolment.pk]), {"decision": "approve"})
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.PENDING
    login(world.user("grassroots_officer"))  # enrols, does not decide
    assert client.post(reverse("mutual_aid:late_decide", args=[result.enrolled[1].pk]),
                       {"decision": "approve"}).status_code == 403


def test_a_payment_reconciles_the_statement(world, client, login, enrolling, staff):
    unit = Unit.objects.get(name="五华测试科技有限公司")
    services.enrolment_enrol_roster(actor=world.user("grassroots_officer"), period=enrolling, unit=unit)
    statement = ContributionStatement.objects.get(period=enrolling, unit=unit)
    login(staff["cashier"])
    url = reverse("mutual_aid:payment_record", args=[statement.pk])
    client.post(url, {"amount": "100.00", "reference": "B-1", "paid_on": "2026-01-02"})
    statement.refresh_from_db()
    assert statement.status == ContributionStatement.Status.SHORT
    listing = client.get(reverse("mutual_aid:statement_list"), {"status": "short", "period": enrolling.pk})
    assert unit.name in listing.content.decode()
    response = client.post(url, {"amount": "100.00", "reference": "B-1"})  # the same transfer twice
    assert response.status_code == 200 and response.context["form"].errors
    client.post(url, {"amount": "200.00", "reference": "B-2"})
    statement.refresh_from_db()
    assert statement.status == ContributionStatement.Status.OVER and statement.credit == Decimal("60.00")
    export = client.get(reverse("mutual_aid:statement_export"), {"period": enrolling.pk})
    assert unit.name in export.getvalue().decode("utf-8-sig")
    login(world.user("grassroots_officer"))  # sees, may not record money
    assert client.post(url, {"amount": "1.00", "reference": "B-3"}).status_code == 403
    login(world.user("sibling_officer"))
    assert client.get(reverse("mutual_aid:statement_detail", args=[statement.pk])).status_code == 404


def _approved(world, staff, claim):
    if claim.state == Claim.State.SUBMITTED:
        services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    return claim


def test_a_batch_is_created_exported_and_marked_paid(world, client, login, claims, staff):
    claim = _approved(world, staff, claims["submitted"])
    login(staff["cashier"])
    response = client.post(reverse("mutual_aid:batch_create"), {"org": world.wuhua.pk, "period": claim.period_id})
    batch = PayoutBatch.objects.get()
    assert response["Location"] == reverse("mutual_aid:batch_detail", args=[batch.pk])
    assert client.get(response["Location"]).status_code == 200
    xlsx = client.post(reverse("mutual_aid:batch_export", args=[batch.pk]), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert claim.bank_account in [cell.value for cell in sheet[2]]
    csv = client.post(reverse("mutual_aid:batch_export", args=[batch.pk]), {"format": "csv"})
    assert claim.reference in csv.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="mutual_aid.payout_batch.export").count() == 2
    client.post(reverse("mutual_aid:batch_mark", args=[batch.pk]), {"bank_reference": "ICBC-20260301"})
    claim.refresh_from_db()
    batch.refresh_from_db()
    assert claim.state == Claim.State.PAID and batch.status == PayoutBatch.Status.CLOSED
    assert client.get(reverse("mutual_aid:batch_detail", args=[batch.pk])).context["reconciliation"]["balanced"]
    login(world.user("sibling_officer"))
    assert client.get(reverse("mutual_aid:batch_detail", args=[batch.pk])).status_code == 404
    assert client.post(reverse("mutual_aid:batch_export", args=[batch.pk]), {"format": "csv"}).status_code == 404


def test_a_failed_payment_goes_back_to_approved(world, client, login, claims, staff):
    claim = _approved(world, staff, claims["submitted"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    login(staff["cashier"])
    client.post(reverse("mutual_aid:batch_mark", args=[batch.pk]),
                {"bank_reference": "R1", "failed": [claim.pk], "failure_reason": "账户已销户"})
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAYMENT_FAILED
    client.post(reverse("mutual_aid:claim_requeue", args=[claim.pk]), {"bank_account": "6217000011112222333"})
    claim.refresh_from_db()
    # back among the approved claims, the other account awaiting a reviewer (issue 19 §4)
    assert claim.state == Claim.State.APPROVED and claim.bank_account_tail == "3445"
    assert claim.bank_changes.get().bank_account_tail == "2333"


def test_settlement_runs_is_reviewed_and_closes_the_period(world, client, login, claims, staff,
                                                            django_capture_on_commit_callbacks):
    _approved(world, staff, claims["reviewing"])
    period = claims["reviewing"].period
    admin = world.user("province_admin")
    services.period_close(actor=admin, period=period)
    login(admin)
    page = client.get(reverse("mutual_aid:settlement", args=[period.pk]))
    assert page.status_code == 200 and b"settlement-start" in page.content
    with django_capture_on_commit_callbacks(execute=True):  # the job runs when the request commits
        client.post(reverse("mutual_aid:settlement_start", args=[period.pk]))
    settlement = Settlement.objects.get(period=period)
    assert settlement.status == Settlement.Status.REVIEW  # the job ran (immediate backend in tests)
    status = client.get(reverse("mutual_aid:settlement", args=[period.pk]), HTTP_HX_REQUEST="true")
    assert b"settlement-totals" in status.content and b"<h1>" not in status.content
    client.post(reverse("mutual_aid:settlement_approve", args=[period.pk]))  # the one who started it: refused
    assert Settlement.objects.get(pk=settlement.pk).status == Settlement.Status.REVIEW
    other = make_user("ma_settler", roles=[(world.province, "org_admin")])
    login(other)
    client.post(reverse("mutual_aid:settlement_approve", args=[period.pk]))
    assert Period.objects.get(pk=period.pk).status == Period.Status.SETTLED
    login(world.user("county_officer"))  # the federation's figures: not for a county
    assert client.get(reverse("mutual_aid:settlement", args=[period.pk])).status_code == 404


def test_reports_show_charts_and_export_excel(world, client, login, claims, staff):
    login(world.user("county_officer"))
    page = client.get(reverse("mutual_aid:report"))
    body = page.content.decode()
    assert page.status_code == 200 and 'id="ma-charts"' in body and "vendor/echarts/echarts.min.js" in body
    assert "王芳" not in body and "盘龙" not in body
    export = client.get(reverse("mutual_aid:report_export"), {"org": world.wuhua.pk})
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert len(book.sheetnames) >= 4
    assert client.get(reverse("mutual_aid:report"), {"org": world.panlong.pk}).status_code == 404


def test_period_setup_create_open_new_plan_version(world, client, login):
    login(world.user("province_admin"))
    response = client.post(reverse("mutual_aid:period_create"), {
        "org": world.province.pk, "number": 40, "contribution_per_share": "120.00", "max_shares": 1, "min_age": 16,
        "max_age": 55, "require_basic_insurance": "on", "continuous_cover_for_older": "on",
        "threshold_percent": 60, "small_unit_size": 10, "second_approval_above": "10000.00"})
    period = Period.objects.get(number=40)
    assert response["Location"] == reverse("mutual_aid:period_detail", args=[period.pk])
    client.post(reverse("mutual_aid:period_open", args=[period.pk]))
    assert Period.objects.get(pk=period.pk).status == Period.Status.OPEN
    form = client.get(reverse("mutual_aid:plan_version_create", args=[period.pk])).context["form"]
    data = form.initial["data"].replace('"500.00"', '"800.00"', 1)
    client.post(reverse("mutual_aid:plan_version_create", args=[period.pk]),
                {"data": data, "valid_from": str(period.coverage_start + datetime.timedelta(days=90)), "note": "调整"})
    assert period.plan_versions.count() == 2
    bad = client.post(reverse("mutual_aid:plan_version_create", args=[period.pk]),
                      {"data": "{not json", "valid_from": str(period.coverage_start)})
    assert bad.status_code == 200 and bad.context["form"].errors
