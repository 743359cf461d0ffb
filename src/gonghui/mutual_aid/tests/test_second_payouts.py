"""The second payout after settlement: payable once approved (one per person and period, in the database),
paid through a payout batch of second payouts by someone else than the approver, exported, marked paid or
failed (and batched again), shown to the worker."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from tests.api.openapi_check import session_client
from tests.fixtures import make_user

from gonghui.core.models import AuditEvent
from gonghui.mutual_aid import selectors, services
from gonghui.mutual_aid.errors import NothingToPay, SeparationOfDuties
from gonghui.mutual_aid.models import ContributionStatement, Payout, PayoutBatch, SecondPayout, Settlement
from gonghui.mutual_aid.services.second_payouts import second_payouts_make

from .test_settlement import _paid_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def settled(world, period, covered, staff, django_capture_on_commit_callbacks):
    """The period settled with one second payout (李娜's) payable; approved by ``approver``."""
    admin = world.user("province_admin")
    _paid_claim(world, staff, covered["李娜"], "90000.00")
    _paid_claim(world, staff, covered["张伟"], "2000.00")
    ContributionStatement.objects.filter(period=period).update(amount_paid=Decimal("200000.00"))
    services.period_close(actor=admin, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        settlement = services.settlement_start(actor=admin, period=period)
    settlement.refresh_from_db()
    assert settlement.status == Settlement.Status.REVIEW
    approver = make_user("ma_settle_approver", roles=[(world.province, "org_admin")])
    services.settlement_approve(actor=approver, settlement=settlement)
    return {"settlement": settlement, "approver": approver, "period": period}


def test_approval_makes_one_payable_second_payout_per_person(world, covered, settled):
    item = SecondPayout.objects.get()
    candidate = settled["settlement"].candidates.get()
    assert (item.person, item.amount, item.status) == (covered["李娜"], candidate.amount, "payable")
    assert isinstance(item.amount, Decimal) and item.amount > 0
    assert item.bank_account == "6222020200112233445" and item.bank_account_masked.endswith("3445")
    assert second_payouts_make(settlement=settled["settlement"], approver=settled["approver"]) == 1
    assert SecondPayout.objects.count() == 1  # idempotent
    with pytest.raises(IntegrityError), transaction.atomic():
        SecondPayout.objects.create(settlement=item.settlement, period=item.period, person=item.person, org=item.org,
                                    amount=Decimal("1.00"), approved_by=item.approved_by)


def test_batched_exported_and_paid_by_a_cashier_not_the_approver(world, covered, settled, staff):
    period, approver = settled["period"], settled["approver"]
    with pytest.raises(NothingToPay):  # the approver's own second payouts are left for someone else
        services.payout_batch_create(actor=approver, org=world.province, period=period, kind="second")
    cashier = staff["cashier"]
    batch = services.payout_batch_create(actor=cashier, org=world.wuhua, period=period, kind="second")
    item = SecondPayout.objects.get()
    assert (batch.kind, batch.count, batch.total) == ("second", 1, item.amount)
    with pytest.raises(NothingToPay):  # batching twice pays once
        services.payout_batch_create(actor=cashier, org=world.wuhua, period=period, kind="second")
    content, _type, _name = services.payout_batch_export(actor=cashier, batch=batch, fmt="csv")
    text = content.decode("utf-8-sig")
    assert "6222020200112233445" in text and str(item.amount) in text and "李娜" in text
    assert AuditEvent.objects.filter(action="mutual_aid.payout_batch.export").exists()
    with pytest.raises(SeparationOfDuties):
        services.payout_batch_mark(actor=approver, batch=batch, bank_reference="B-1")
    services.payout_batch_mark(actor=cashier, batch=batch, bank_reference="B-1")
    item.refresh_from_db()
    assert item.status == "paid" and item.paid_at is not None
    assert Payout.objects.get(second_payout=item).status == "paid"
    assert selectors.batch_reconciliation(batch)["balanced"]


def test_a_failed_second_payout_is_batched_again(world, covered, settled, staff):
    period, cashier = settled["period"], staff["cashier"]
    item = SecondPayout.objects.get()
    first = services.payout_batch_create(actor=cashier, org=world.wuhua, period=period, kind="second")
    services.payout_batch_export(actor=cashier, batch=first)
    services.payout_batch_mark(actor=cashier, batch=first, bank_reference="B-1", failures={item.pk: "户名不符"})
    item.refresh_from_db()
    assert item.status == "failed"
    second = services.payout_batch_create(actor=cashier, org=world.wuhua, period=period, kind="second")
    services.payout_batch_export(actor=cashier, batch=second)
    services.payout_batch_mark(actor=cashier, batch=second, bank_reference="B-2")
    item.refresh_from_db()
    assert item.status == "paid"
    assert list(Payout.objects.filter(second_payout=item).values_list("status", flat=True).order_by("id")) == [
        "failed", "paid"]


def test_pages_and_api_show_them(world, covered, settled, staff, login, client):
    from django.urls import reverse
    from tests.fixtures import sign_in

    cashier = staff["cashier"]
    page = login(cashier)
    response = page.post(reverse("mutual_aid:batch_create"), {"org": world.wuhua.pk, "period": settled["period"].pk,
                                                              "kind": "second"})
    batch = PayoutBatch.objects.get(kind="second")
    assert response.status_code == 302 and response["Location"].endswith(f"/{batch.pk}/")
    detail = page.get(reverse("mutual_aid:batch_detail", args=[batch.pk])).content.decode()
    assert "李娜" in detail and "6222020200112233445" not in detail
    api = session_client(cashier).client.get(f"/api/v1/mutual-aid/payout-batches/{batch.pk}").json()
    assert api["kind"] == "second" and api["payouts"][0]["second_payout_id"] == SecondPayout.objects.get().pk
    services.payout_batch_export(actor=cashier, batch=batch)
    services.payout_batch_mark(actor=cashier, batch=batch, bank_reference="B-1")
    li_worker = make_user("li_worker", kind="worker")
    covered["李娜"].user = li_worker
    covered["李娜"].save(update_fields=["user"])
    mine = session_client(li_worker).client.get("/api/v1/mutual-aid/me/cover").json()
    assert [s["status"] for s in mine["second_payouts"]] == ["paid"]
    sign_in(client, li_worker)
    cover = client.get(reverse("m_mutual_aid:cover")).content.decode()
    assert 'data-testid="second-payouts"' in cover
    assert session_client(world.user("worker")).client.get("/api/v1/mutual-aid/me/cover").json()[
        "second_payouts"] == []
