"""Tamper evidence on payouts (issue 20): the bank's answer seals every payout and its batch; a payout or batch
altered or deleted behind the platform's back, or a seal removed, is found by `gonghui seal_verify`."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from gonghui.core import seals
from gonghui.core.models import Seal
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Payout, PayoutBatch

from .test_payout_duties import _approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_batch(world, covered, staff):
    claims = [_approved(world, staff, covered[name]) for name in ("张伟", "李娜")]
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claims[0].period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-7",
                               failures={claims[1].pk: "account closed"})
    return batch


def _problems():
    return [(p.model, p.reason) for p in seals.verify()]


def test_the_bank_s_answer_seals_every_payout_and_the_batch(paid_batch):
    payouts = list(Payout.objects.filter(batch=paid_batch))
    sealed = set(Seal.objects.values_list("model", "object_id"))
    assert {("mutual_aid.Payout", p.pk) for p in payouts} | {("mutual_aid.PayoutBatch", paid_batch.pk)} <= sealed
    assert _problems() == []
    call_command("seal_verify")


def test_an_amount_changed_in_the_database_is_found(paid_batch):
    payout = Payout.objects.filter(batch=paid_batch, status=Payout.Status.PAID).get()
    Payout.objects.filter(pk=payout.pk).update(amount=payout.amount + Decimal("1000.00"))
    assert _problems() == [("mutual_aid.Payout", "the row differs from its seal: it was altered")]
    with pytest.raises(CommandError):
        call_command("seal_verify")


def test_a_failed_payout_turned_paid_and_a_batch_total_changed_are_found(paid_batch):
    Payout.objects.filter(batch=paid_batch, status=Payout.Status.FAILED).update(status=Payout.Status.PAID)
    PayoutBatch.objects.filter(pk=paid_batch.pk).update(total=Decimal("1.00"))
    assert sorted(_problems()) == [("mutual_aid.Payout", "the row differs from its seal: it was altered"),
                                   ("mutual_aid.PayoutBatch", "the row differs from its seal: it was altered")]


def test_a_deleted_payout_is_found(paid_batch):
    payout = Payout.objects.filter(batch=paid_batch, status=Payout.Status.FAILED).get()
    with connection.constraint_checks_disabled():
        Payout.objects.filter(pk=payout.pk).delete()
    assert ("mutual_aid.Payout", "the sealed row was deleted") in _problems()


def test_seals_cannot_be_changed(paid_batch):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Seal.objects.update(digest="0" * 64)


def test_a_removed_seal_breaks_the_chain(paid_batch):
    if connection.vendor == "postgresql":
        pytest.skip("the trigger refuses the deletion this test needs to simulate tampering")
    Seal.objects.filter(pk=Seal.objects.order_by("id").first().pk).delete()
    assert any(reason.startswith("the seal chain is broken") for _model, reason in _problems())
