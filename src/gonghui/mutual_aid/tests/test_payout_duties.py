"""Separation of duties on payouts (issue 19 §4): a batch whose bank file was never exported cannot be marked
paid, and a cashier alone cannot redirect a payout to another bank account."""

import pytest
from django.urls import reverse
from tests.api.openapi_check import assert_problem, session_client

from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import BatchNotExported
from gonghui.mutual_aid.models import Claim, PayoutBatch

from . import factories

pytestmark = pytest.mark.django_db


def _approved(world, staff, person):
    claim = factories.file_claim(world.user("worker"), person)
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    return claim


# --- a batch is paid only after its bank file went out ---------------------------------------------------

def test_marking_a_batch_never_exported_is_refused(world, covered, staff):
    claim = _approved(world, staff, covered["张伟"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    with pytest.raises(BatchNotExported):
        services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-1")
    claim.refresh_from_db()
    batch.refresh_from_db()
    assert claim.state == Claim.State.IN_BATCH and batch.status == PayoutBatch.Status.OPEN
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-1")
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAID


def test_the_api_refuses_to_mark_an_unexported_batch(world, covered, staff):
    claim = _approved(world, staff, covered["张伟"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    cashier = session_client(staff["cashier"])
    response = cashier.post(f"/mutual-aid/payout-batches/{batch.pk}/mark", json={"bank_reference": "R-1"})
    assert_problem(response, 409, "ma_batch_not_exported")
    claim.refresh_from_db()
    assert claim.state == Claim.State.IN_BATCH


def test_the_page_refuses_to_mark_an_unexported_batch(world, covered, staff, client, login):
    claim = _approved(world, staff, covered["张伟"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    login(staff["cashier"])
    detail = client.get(reverse("mutual_aid:batch_detail", args=[batch.pk])).content.decode()
    assert 'data-testid="not-exported"' in detail
    response = client.post(reverse("mutual_aid:batch_mark", args=[batch.pk]), {"bank_reference": "R-1"})
    assert response.status_code == 200
    assert "导出" in response.content.decode()  # the error, in Chinese
    batch.refresh_from_db()
    assert batch.status == PayoutBatch.Status.OPEN
