"""A claim from filing to payment, and the refusals given at once."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.errors import InvalidTransition
from gonghui.core.models import AuditEvent
from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import (
    ClaimDeadlinePassed,
    CoverNotActive,
    DuplicateInvoice,
    InWaitingPeriod,
    MissingDocuments,
    NotCovered,
    OutsideCover,
    SeparationOfDuties,
)
from gonghui.mutual_aid.models import Claim, Enrolment, Payout, PersonAccount
from gonghui.mutual_aid.workflows import CLAIM_FLOW

from . import factories

pytestmark = pytest.mark.django_db


def test_a_claim_runs_from_filing_to_paid(world, covered, staff):
    worker = world.user("worker")
    claim = factories.file_claim(worker, covered["张伟"])
    assert claim.state == Claim.State.SUBMITTED and claim.computed_amount > 0
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert claim.state == Claim.State.APPROVED
    # 12,000 self-paid: 500 deductible, 10,000 at 50 % + 1,500 at 60 % = 5,900
    assert claim.approved_amount == Decimal("5900.00")
    steps = [step["code"] for step in claim.calculation["steps"]]
    assert steps[:3] == ["self_paid", "deductible", "bands"]
    account = PersonAccount.objects.get(person=covered["张伟"], benefit_type="inpatient")
    assert account.used == Decimal("5900.00")

    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    assert batch.count == 1 and batch.total == Decimal("5900.00")
    content, _content_type, _name = services.payout_batch_export(actor=staff["cashier"], batch=batch, fmt="csv")
    assert "6222020200112233445" in content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="mutual_aid.payout_batch.export").count() == 1
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="BOC-2026-001")
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAID and claim.paid_by == staff["cashier"]
    transitions = list(CLAIM_FLOW.history(claim).values_list("transition", flat=True))
    assert transitions == ["create", "submit", "start_review", "approve", "batch", "pay"]


def test_filing_is_refused_at_once_with_a_reason(world, period, covered, staff):
    worker, officer = world.user("worker"), staff["filer"]
    li = covered["李娜"]
    with pytest.raises(NotCovered):
        services.claim_file(actor=officer, person=li, **factories.claim_data(
            admission_date=period.coverage_start - datetime.timedelta(days=3),
            discharge_date=period.coverage_start - datetime.timedelta(days=1)))
    Enrolment.objects.filter(person=li).update(status=Enrolment.Status.PENDING)
    with pytest.raises(CoverNotActive):
        services.claim_file(actor=officer, person=li, **factories.claim_data())
    Enrolment.objects.filter(person=li).update(status=Enrolment.Status.ACTIVE,
                                               cover_start=timezone.localdate() - datetime.timedelta(days=10))
    with pytest.raises(OutsideCover):
        services.claim_file(actor=officer, person=li, **factories.claim_data())
    # a new joiner admitted on day 20 of cover: within the 30-day waiting period of inpatient cover
    Enrolment.objects.filter(person=li).update(is_renewal=False,
                                               cover_start=timezone.localdate() - datetime.timedelta(days=49))
    with pytest.raises(InWaitingPeriod):
        services.claim_file(actor=officer, person=li, **factories.claim_data())
    # the same invoice at the same hospital, written differently, is refused
    first = services.claim_file(actor=worker, person=covered["张伟"],
                                **factories.claim_data(invoice_numbers=["No. 5301-0042"]))
    with pytest.raises(DuplicateInvoice):
        services.claim_file(actor=worker, person=covered["张伟"], **factories.claim_data(
            invoice_numbers=["ＮＯ.53010042"], hospital=" 昆明医科大学第一附属医院 "))
    with pytest.raises(MissingDocuments) as missing:
        services.claim_submit(actor=worker, claim=first)
    assert "discharge_record" in missing.value.extra["missing"]
    period.claim_deadline = period.coverage_start
    period.save(update_fields=["claim_deadline"])
    with pytest.raises(ClaimDeadlinePassed):
        services.claim_file(actor=worker, person=covered["张伟"], **factories.claim_data())


def test_a_rejected_claim_frees_its_invoices(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"], invoice_numbers=["A-1"])
    services.claim_reject(actor=staff["reviewer"], claim=claim, code="documents_invalid", note="发票不清")
    again = services.claim_file(actor=world.user("worker"), person=covered["张伟"],
                                **factories.claim_data(invoice_numbers=["A-1"]))
    assert again.state == Claim.State.DRAFT


def test_returned_claims_go_back_to_the_filer(world, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["李娜"])
    services.claim_return(actor=staff["reviewer"], claim=claim, note="请补充出院记录")
    assert claim.state == Claim.State.RETURNED and claim.return_note == "请补充出院记录"
    services.claim_submit(actor=staff["filer"], claim=claim)
    assert claim.state == Claim.State.SUBMITTED


def test_separation_of_duties(world, covered, staff):
    county = world.user("county_officer")  # org_admin: may file, review and pay
    claim = factories.file_claim(county, covered["李娜"])
    with pytest.raises(SeparationOfDuties):
        services.claim_start_review(actor=county, claim=claim)
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    with pytest.raises(SeparationOfDuties):
        services.claim_approve(actor=county, claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    # the county officer filed it: a batch they build leaves it out; the approver may not pay it either
    from gonghui.mutual_aid.errors import NothingToPay

    with pytest.raises(NothingToPay):
        services.payout_batch_create(actor=county, org=world.wuhua, period=claim.period)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    with pytest.raises(SeparationOfDuties):
        services.payout_batch_mark(actor=county, batch=batch, bank_reference="X")


def test_a_double_approval_pays_once(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    first = services.claim_approve(actor=staff["reviewer"], claim=Claim.objects.get(pk=claim.pk))
    second = services.claim_approve(actor=staff["reviewer"], claim=Claim.objects.get(pk=claim.pk))  # double click
    assert first.approved_amount == second.approved_amount
    other = world.user("county_officer")
    with pytest.raises(InvalidTransition):
        services.claim_approve(actor=other, claim=Claim.objects.get(pk=claim.pk))
    assert PersonAccount.objects.get(person=covered["张伟"]).used == first.approved_amount
    services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    from gonghui.mutual_aid.errors import NothingToPay

    with pytest.raises(NothingToPay):
        services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    assert Payout.objects.filter(claim=claim).count() == 1


def test_large_claims_need_a_second_approval_from_above(world, covered, staff):
    from gonghui.mutual_aid.errors import SecondApproverNotAbove

    claim = factories.file_claim(world.user("worker"), covered["张伟"], self_paid=Decimal("40000.00"),
                                 total_cost=Decimal("60000.00"), insurance_paid=Decimal("20000.00"))
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert claim.state == Claim.State.AWAITING_SECOND and claim.approved_amount > claim.period.second_approval_above
    # another county reviewer is not above the first one
    from tests.fixtures import make_user

    peer = make_user("ma_peer", roles=[(world.wuhua, "mutual_aid_reviewer")])
    with pytest.raises(SecondApproverNotAbove):
        services.claim_approve_second(actor=peer, claim=claim)
    with pytest.raises(SeparationOfDuties):
        services.claim_approve_second(actor=staff["reviewer"], claim=claim)
    services.claim_approve_second(actor=staff["senior"], claim=claim)
    assert claim.state == Claim.State.APPROVED and claim.second_approver == staff["senior"]


def test_adjustment_is_kept_with_its_reason_and_audited(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_adjust(actor=staff["reviewer"], claim=claim, amount="3000.00", reason="部分费用不在报销范围")
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert claim.approved_amount == Decimal("3000.00")
    assert claim.calculation["steps"][-2]["code"] == "adjustment"
    event = AuditEvent.objects.get(action="mutual_aid.claim.adjust")
    assert event.detail["to"] == "3000.00" and event.detail["reason"]


def test_a_failed_payment_can_be_paid_again(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="B1",
                               failures={claim.pk: "账户已销户"})
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAYMENT_FAILED
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account="6217000011112222333")
    # the other account is a reviewed change (issue 19 §4): a reviewer approves it before the next batch
    services.bank_change_approve(actor=staff["reviewer"], change=claim.bank_changes.get())
    batch2 = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch2)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch2, bank_reference="B2")
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAID and claim.bank_account_tail == "2333"
    assert list(Payout.objects.filter(claim=claim).values_list("status", flat=True).order_by("id")) == [
        "failed", "paid"]
