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
    filer = world.user("worker") if person.user_id == world.user("worker").pk else staff["filer"]
    claim = factories.file_claim(filer, person)
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


# --- a cashier alone cannot redirect a payout ------------------------------------------------------------

NEW_ACCOUNT = "6217000011112222333"


def _failed(world, staff, person):
    """An approved claim whose payment failed (the state in which a cashier may ask for another account)."""
    claim = _approved(world, staff, person)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-1",
                               failures={claim.pk: "账户已销户"})
    claim.refresh_from_db()
    return claim


def _bank_file(cashier, batch) -> str:
    content, _type, _name = services.payout_batch_export(actor=cashier, batch=batch, fmt="csv")
    return content.decode("utf-8-sig")


def test_the_attack_a_cashier_requeues_to_their_own_account_and_pays_it(world, covered, staff):
    """Issue 19 §4: requeue with a new bank_account, then batch and mark paid — the payout must not go out."""
    from gonghui.mutual_aid.errors import NothingToPay

    claim = _failed(world, staff, covered["张伟"])
    old_account = claim.bank_account
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account=NEW_ACCOUNT)
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED
    assert claim.bank_account == old_account  # not applied: it awaits a reviewer
    with pytest.raises(NothingToPay):  # and no batch takes the claim meanwhile
        services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    change = claim.bank_changes.get()
    assert change.status == "pending" and change.requested_by == staff["cashier"]


def test_the_requester_cannot_approve_their_own_change(world, covered, staff):
    from gonghui.core.errors import NotFound
    from gonghui.core.errors import PermissionDenied as Denied

    claim = _failed(world, staff, covered["张伟"])
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account=NEW_ACCOUNT)
    change = claim.bank_changes.get()
    with pytest.raises(Denied):  # a cashier has no review permission
        services.bank_change_approve(actor=staff["cashier"], change=change)
    county = world.user("county_officer")  # holds every mutual-aid permission: requests, then tries to approve
    claim2 = _failed(world, staff, covered["李娜"])
    services.claim_requeue(actor=county, claim=claim2, bank_account=NEW_ACCOUNT)
    with pytest.raises(Denied) as refused:
        services.bank_change_approve(actor=county, change=claim2.bank_changes.get())
    assert refused.value.code == "ma_separation_of_duties"
    with pytest.raises(NotFound):  # the sibling county does not even see it
        services.bank_change_approve(actor=world.user("sibling_officer"), change=change)
    change.refresh_from_db()
    assert change.status == "pending"


def test_a_reviewer_approves_and_only_then_the_bank_file_carries_the_new_account(world, covered, staff):
    from gonghui.core.errors import Conflict

    claim = _failed(world, staff, covered["张伟"])
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account=NEW_ACCOUNT, bank_name="建设银行")
    change = claim.bank_changes.get()
    services.bank_change_approve(actor=staff["reviewer"], change=change)
    with pytest.raises(Conflict):  # a double click decides once
        services.bank_change_approve(actor=staff["reviewer"], change=change)
    claim.refresh_from_db()
    assert claim.bank_account == NEW_ACCOUNT and claim.bank_name == "建设银行"
    # the value and its tail move together (core.sensitive.columns): the mask shows the new account's digits
    assert claim.bank_account_tail == NEW_ACCOUNT[-4:] and claim.bank_account_masked == "********" + NEW_ACCOUNT[-4:]
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    assert NEW_ACCOUNT in _bank_file(staff["cashier"], batch)
    transitions = [log.transition for log in services.claims.CLAIM_FLOW.history(claim)]
    assert "bank_change_request" in transitions and "bank_change_approve" in transitions


def test_a_rejected_change_keeps_the_approved_account(world, covered, staff):
    from gonghui.mutual_aid.errors import ReasonRequired

    claim = _failed(world, staff, covered["张伟"])
    old_account = claim.bank_account
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account=NEW_ACCOUNT)
    change = claim.bank_changes.get()
    with pytest.raises(ReasonRequired):
        services.bank_change_reject(actor=staff["reviewer"], change=change, note=" ")
    services.bank_change_reject(actor=staff["reviewer"], change=change, note="账户户名与申请人不符")
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    text = _bank_file(staff["cashier"], batch)
    assert old_account in text and NEW_ACCOUNT not in text


def test_bad_account_numbers_are_refused_and_change_nothing(world, covered, staff):
    from gonghui.mutual_aid.errors import ClaimDataInvalid

    claim = _failed(world, staff, covered["张伟"])
    with pytest.raises(ClaimDataInvalid):
        services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account="12ab")
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAYMENT_FAILED and not claim.bank_changes.exists()


def test_the_api_replays_the_attack_and_the_review(world, covered, staff):
    claim = _failed(world, staff, covered["张伟"])
    cashier, reviewer = session_client(staff["cashier"]), session_client(staff["reviewer"])
    answer = cashier.post(f"/mutual-aid/claims/{claim.pk}/requeue", json={"bank_account": NEW_ACCOUNT})
    assert answer.status_code == 200
    body = answer.json()
    assert body["bank_account_masked"].endswith(claim.bank_account_tail)  # still the approved account
    change = body["bank_account_change"]
    assert change["status"] == "pending" and change["bank_account_masked"].endswith("2333")
    assert NEW_ACCOUNT not in answer.content.decode()
    assert_problem(cashier.post("/mutual-aid/payout-batches", json={"org_id": world.wuhua.pk,
                                                                   "period_id": claim.period_id}),
                   422, "ma_nothing_to_pay")
    queue = reviewer.get("/mutual-aid/bank-account-changes").json()["items"]
    assert [c["id"] for c in queue] == [change["id"]]
    assert_problem(cashier.post(f"/mutual-aid/bank-account-changes/{change['id']}/approve"), 403,
                   "permission_denied")
    assert_problem(session_client(world.user("sibling_officer")).post(
        f"/mutual-aid/bank-account-changes/{change['id']}/approve"), 404, "not_found")
    decided = reviewer.post(f"/mutual-aid/bank-account-changes/{change['id']}/approve", json={"note": "核对无误"})
    assert decided.status_code == 200 and decided.json()["decided_by"] == staff["reviewer"].display_name
    history = reviewer.get(f"/mutual-aid/claims/{claim.pk}").json()["history"]
    assert [h["transition"] for h in history][-2:] == ["bank_change_request", "bank_change_approve"]


def test_the_pages_show_the_change_and_let_another_reviewer_decide(world, covered, staff, client, login):
    claim = _failed(world, staff, covered["张伟"])
    login(staff["cashier"])
    client.post(reverse("mutual_aid:claim_requeue", args=[claim.pk]), {"bank_account": NEW_ACCOUNT})
    change = claim.bank_changes.get()
    page = client.get(reverse("mutual_aid:claim_detail", args=[claim.pk])).content.decode()
    assert 'data-testid="bank-change"' in page and "approve-bank-change" not in page  # not for the requester
    login(staff["reviewer"])
    assert claim.reference in client.get(reverse("mutual_aid:bank_change_list")).content.decode()
    page = client.get(reverse("mutual_aid:claim_detail", args=[claim.pk])).content.decode()
    assert "approve-bank-change" in page and NEW_ACCOUNT not in page
    client.post(reverse("mutual_aid:bank_change_approve", args=[change.pk]))
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == staff["reviewer"]
