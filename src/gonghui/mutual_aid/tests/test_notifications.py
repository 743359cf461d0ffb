"""What the claimant is told, and when: one message per event (a double-clicked approval tells once), nothing
when the service rolls back, SMS after commit; the reviewers' digest of overdue claims."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core import messaging
from gonghui.core.errors import InvalidTransition
from gonghui.core.models import Message
from gonghui.core.sms import LocmemSmsBackend
from gonghui.members.models import Person
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Claim, ContributionStatement, Settlement

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.GONGHUI_SMS_BACKEND = "gonghui.core.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox = []
    return LocmemSmsBackend.outbox


def _told(claim, event):
    return Message.objects.filter(event=event, object_type="mutual_aid.claim", object_id=str(claim.pk))


def test_a_double_clicked_approval_tells_the_claimant_once(world, covered, staff, django_capture_on_commit_callbacks,
                                                           _sms_outbox):
    worker = world.user("worker")
    claim = factories.file_claim(worker, covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_approve(actor=staff["reviewer"], claim=Claim.objects.get(pk=claim.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_approve(actor=staff["reviewer"], claim=Claim.objects.get(pk=claim.pk))  # the second click
    with pytest.raises(InvalidTransition), django_capture_on_commit_callbacks(execute=True):
        services.claim_approve(actor=world.user("county_officer"), claim=Claim.objects.get(pk=claim.pk))
    message = _told(claim, "mutual_aid.claim_approved").get()
    assert message.recipient == worker and message.context["amount"] == "5900.00"
    assert message.link.endswith(f"/m/mutual-aid/claims/{claim.pk}/")
    assert len(_sms_outbox) == 1 and "5900.00" in _sms_outbox[0].text
    assert Message.objects.get(pk=message.pk).sms_status == Message.Sms.SENT


def test_a_rolled_back_approval_tells_nobody(world, covered, staff, django_capture_on_commit_callbacks, _sms_outbox):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.claim_approve(actor=staff["reviewer"], claim=claim)
        raise RuntimeError("a later step of the same transaction failed")
    assert not Message.objects.exists() and _sms_outbox == []
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.UNDER_REVIEW


def test_returned_and_rejected_claims_are_explained(world, covered, staff):
    worker = world.user("worker")
    claim = factories.file_claim(worker, covered["张伟"])
    services.claim_return(actor=staff["reviewer"], claim=claim, note="请补充出院记录，电话13812345678")
    returned = _told(claim, "mutual_aid.claim_returned").get()
    assert returned.context["note"].startswith("请补充出院记录") and "13812345678" not in str(returned.context)
    services.claim_submit(actor=worker, claim=claim)
    services.claim_reject(actor=staff["reviewer"], claim=claim, code="not_covered", note="")
    rejected = _told(claim, "mutual_aid.claim_rejected").get()
    from django.utils import translation

    with translation.override("en"):  # the reason's label in the reader's language, from the stored code
        title, body = messaging.render(rejected)
        assert body.startswith(f"Reason: {Claim.RejectionCode('not_covered').label}")
    assert claim.reference in title and "not approved" in title


def test_a_claim_filed_for_someone_without_an_account_tells_nobody(world, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["李娜"])  # 李娜 has no worker account
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert not Message.objects.exists()


def test_large_claims_tell_once_the_level_above_approved(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"], self_paid=Decimal("40000.00"),
                                 total_cost=Decimal("60000.00"), insurance_paid=Decimal("20000.00"))
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert not _told(claim, "mutual_aid.claim_approved").exists()  # only half-way
    services.claim_approve_second(actor=staff["senior"], claim=claim)
    assert _told(claim, "mutual_aid.claim_approved").count() == 1


def test_paid_claims_are_told_in_one_go(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)  # no paid mark before the bank file
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="BOC-1")
    paid = _told(claim, "mutual_aid.claim_paid").get()
    assert paid.context == {"claim": claim.reference, "amount": "5900.00"}
    assert "6222020200112233445" not in str(paid.context)


def test_a_paid_second_payout_is_told(world, period, covered, staff, django_capture_on_commit_callbacks):
    from .test_settlement import _paid_claim

    lina_user = make_user("lina_worker", kind="worker")
    Person.objects.filter(pk=covered["李娜"].pk).update(user=lina_user)
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
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=period, kind="second")
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="B-1")
    told = Message.objects.get(event="mutual_aid.second_payout_paid")
    assert told.recipient == lina_user and told.context["period"] == period.number


def test_the_reviewers_digest_counts_overdue_claims_once_a_day(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - timezone.timedelta(days=60))
    assert messaging.send_digests() >= 1
    digest = Message.objects.get(recipient=staff["reviewer"], event="mutual_aid.claims_overdue")
    assert digest.context == {"count": 1} and "overdue=1" in digest.link
    assert not Message.objects.filter(recipient=world.user("sibling_officer"),
                                      event="mutual_aid.claims_overdue").exists()  # out of their scope
    assert messaging.send_digests() == 0  # the same day again: nothing new
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    assert messaging.send_digests(today=tomorrow) >= 1


def test_the_digest_command_runs(world, covered, staff):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("notify_digest", stdout=out)
    assert "digest messages:" in out.getvalue()
