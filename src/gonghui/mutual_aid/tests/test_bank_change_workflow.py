"""Changes of a payee's bank account on the workflow kit: four eyes in the kit's gate (the requester refused with
ma_separation_of_duties, audited), the change's own history beside the claim's notes, the kit's API style, the
staff page with its history, one outcome for a double submit, and the migration's history for older rows."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from tests.api.openapi_check import assert_problem, session_client

from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import BankChangeDecided, BankChangeOwnRequest, SeparationOfDuties
from gonghui.mutual_aid.models import BankAccountChange
from gonghui.mutual_aid.workflows import BANK_CHANGE_FLOW

from .test_payout_duties import NEW_ACCOUNT, _failed

pytestmark = pytest.mark.django_db


@pytest.fixture
def change(world, covered, staff):
    claim = _failed(world, staff, covered["张伟"])
    services.claim_requeue(actor=staff["cashier"], claim=claim, bank_account=NEW_ACCOUNT)
    return claim.bank_changes.get()


def _steps(change):
    return list(WorkflowLog.objects.filter(workflow="mutual_aid_bank_change", object_id=str(change.pk))
                .values_list("transition", "to_state", "actor__username"))


def test_the_change_has_its_own_history_and_the_claim_keeps_its_notes(change, staff):
    assert _steps(change) == [("create", "pending", "ma_cashier")]
    services.bank_change_approve(actor=staff["reviewer"], change=change, note="核对无误")
    assert _steps(change)[-1] == ("approve", "approved", "ma_reviewer")
    claim_notes = [log.transition for log in services.claims.CLAIM_FLOW.history(change.claim)]
    assert claim_notes[-2:] == ["bank_change_request", "bank_change_approve"]
    event = AuditEvent.objects.get(action="mutual_aid.bank_change.approve", object_id=str(change.pk))
    assert event.detail["requested_by"] == staff["cashier"].pk and event.detail["to"] == "approved"
    assert NEW_ACCOUNT not in str(event.detail) and NEW_ACCOUNT[-4:] in WorkflowLog.objects.filter(
        workflow="mutual_aid_claim", transition="bank_change_approve").get().comment


def test_the_requester_is_refused_by_the_gate_and_the_refusal_is_audited(world, covered, staff):
    county = world.user("county_officer")  # holds review and pay: asks, then tries to decide
    claim = _failed(world, staff, covered["李娜"])
    services.claim_requeue(actor=county, claim=claim, bank_account=NEW_ACCOUNT)
    own = claim.bank_changes.get()
    for attempt in (lambda: services.bank_change_approve(actor=county, change=own),
                    lambda: services.bank_change_reject(actor=county, change=own, note="自己驳回")):
        with pytest.raises(BankChangeOwnRequest) as refused:
            attempt()
        assert isinstance(refused.value, SeparationOfDuties) and refused.value.code == "ma_separation_of_duties"
    assert AuditEvent.objects.filter(object_id=str(own.pk), result="denied", actor_id=county.pk).count() == 2
    assert BankAccountChange.objects.get(pk=own.pk).status == "pending"
    assert not BANK_CHANGE_FLOW.available(own, county)


def test_a_double_submit_decides_once(change, staff, world):
    stale = BankAccountChange.objects.get(pk=change.pk)
    services.bank_change_reject(actor=staff["reviewer"], change=change, note="户名不符")
    with pytest.raises(BankChangeDecided) as late:
        services.bank_change_approve(actor=world.user("county_officer"), change=stale)
    assert late.value.code == "ma_bank_change_decided"
    change.claim.refresh_from_db()
    assert change.claim.bank_account != NEW_ACCOUNT
    assert [s[0] for s in _steps(change)] == ["create", "reject"]


def test_the_api_history_and_transitions(change, staff, world):
    base = f"/mutual-aid/bank-account-changes/{change.pk}"
    cashier = session_client(staff["cashier"])
    assert cashier.post(f"{base}/transitions/approve", json={}).status_code == 403  # no review permission
    reviewer = session_client(staff["reviewer"])
    assert_problem(reviewer.post(f"{base}/transitions/reject", json={"comment": " "}), 422, "ma_reason_required")
    assert reviewer.post(f"{base}/transitions/teleport", json={}).status_code == 422
    answer = reviewer.post(f"{base}/transitions/approve", json={"comment": "核对无误"})
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    assert_problem(reviewer.post(f"{base}/transitions/approve", json={}), 409, "ma_bank_change_decided")
    history = reviewer.get(f"{base}/history").json()
    assert [(h["transition"], h["comment"]) for h in history] == [("create", ""), ("approve", "核对无误")]
    assert session_client(world.user("sibling_officer")).get(f"{base}/history").status_code == 404


def test_the_staff_page_shows_the_history_and_the_list_filters(change, staff, world, login):
    client = login(staff["reviewer"])
    page = client.get(reverse("mutual_aid:bank_change_detail", args=[change.pk])).content.decode()
    assert 'data-testid="history"' in page and 'data-testid="approve"' in page and NEW_ACCOUNT not in page
    client = login(staff["cashier"])
    page = client.get(reverse("mutual_aid:bank_change_detail", args=[change.pk])).content.decode()
    assert 'data-testid="approve"' not in page  # the requester is not offered the step
    services.bank_change_approve(actor=staff["reviewer"], change=change)
    listing = reverse("mutual_aid:bank_change_list")
    assert change.claim.reference not in client.get(listing).content.decode()
    assert change.claim.reference in client.get(listing, {"status": "approved"}).content.decode()
    assert login(world.user("sibling_officer")).get(
        reverse("mutual_aid:bank_change_detail", args=[change.pk])).status_code == 404


def test_the_migration_writes_the_history_of_changes_decided_before_the_kit(change, staff):
    BankAccountChange.objects.filter(pk=change.pk).update(status="rejected", decided_by=staff["reviewer"],
                                                          note="户名不符")
    WorkflowLog.objects.filter(workflow="mutual_aid_bank_change").delete()
    migration = importlib.import_module("gonghui.mutual_aid.migrations.0009_bank_change_history")
    migration.forwards(django_apps, None)
    assert _steps(change) == [("create", "pending", "ma_cashier"), ("reject", "rejected", "ma_reviewer")]
    assert WorkflowLog.objects.get(object_id=str(change.pk), transition="reject").comment == "户名不符"
    migration.backwards(django_apps, None)
    assert not WorkflowLog.objects.filter(workflow="mutual_aid_bank_change").exists()
