"""The mutual-aid API end to end: a worker files with photos, a reviewer approves, a cashier pays; refusals as
problem documents; scope (out of reach → 404). Every answer is checked against the OpenAPI document."""

import json
from decimal import Decimal

import pytest
from tests.api.openapi_check import assert_problem, session_client

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person, Unit
from gonghui.mutual_aid.models import Claim, Period

from . import factories

pytestmark = pytest.mark.django_db


def _json(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str))


def test_worker_files_a_claim_with_photos_and_is_paid(world, period, covered, staff):
    worker = session_client(world.user("worker"))
    data = _json(factories.claim_data())
    created = worker.post("/mutual-aid/claims", json=data)
    assert created.status_code == 201, created.content
    claim = created.json()
    assert claim["state"] == "draft" and claim["bank_account_masked"].endswith("3445")
    assert "6222020200112233445" not in created.content.decode()
    assert "discharge_record" in claim["missing_documents"]
    refused = worker.post(f"/mutual-aid/claims/{claim['id']}/submit")
    assert_problem(refused, 422, "ma_missing_documents")
    for code in claim["missing_documents"]:
        response = worker.client.post(f"/api/v1/mutual-aid/claims/{claim['id']}/documents",
                                      {"doc_type": code, "file": factories.upload()})
        assert response.status_code == 201, response.content
    bad = worker.client.post(f"/api/v1/mutual-aid/claims/{claim['id']}/documents",
                             {"doc_type": "invoices", "file": factories.upload("x.png", b"GIF89a....")})
    assert_problem(bad, 422, "ma_document_invalid")
    submitted = worker.post(f"/mutual-aid/claims/{claim['id']}/submit").json()
    assert submitted["state"] == "submitted" and submitted["steps"]

    reviewer = session_client(staff["reviewer"])
    queue = reviewer.get("/mutual-aid/claims").json()["items"]
    assert [c["id"] for c in queue] == [claim["id"]] and queue[0]["age_days"] == 0
    reviewer.post(f"/mutual-aid/claims/{claim['id']}/start-review")
    approved = reviewer.post(f"/mutual-aid/claims/{claim['id']}/approve").json()
    assert approved["state"] == "approved" and Decimal(approved["approved_amount"]) == Decimal("5900.00")
    again = reviewer.post(f"/mutual-aid/claims/{claim['id']}/approve")  # a double click: the same approval
    assert again.status_code == 200 and again.json()["approved_amount"] == approved["approved_amount"]

    cashier = session_client(staff["cashier"])
    batch = cashier.post("/mutual-aid/payout-batches", json={"org_id": world.wuhua.pk, "period_id": period.pk})
    assert batch.status_code == 201 and batch.json()["count"] == 1
    batch_id = batch.json()["id"]
    export = cashier.client.get(f"/api/v1/mutual-aid/payout-batches/{batch_id}/export", {"format": "csv"})
    assert "6222020200112233445" in export.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="mutual_aid.payout_batch.export").exists()
    detail = cashier.get(f"/mutual-aid/payout-batches/{batch_id}")
    assert "6222020200112233445" not in detail.content.decode()
    marked = cashier.post(f"/mutual-aid/payout-batches/{batch_id}/mark", json={"bank_reference": "ICBC-0001"})
    assert marked.json()["status"] == "closed" and marked.json()["reconciliation"]["balanced"]

    mine = worker.get(f"/mutual-aid/claims/{claim['id']}").json()
    assert mine["state"] == "paid"
    assert [h["transition"] for h in mine["history"]][-1] == "pay"
    cover = worker.get("/mutual-aid/me/cover").json()["cover"]
    inpatient = next(b for b in cover["benefits"] if b["code"] == "inpatient")
    assert Decimal(inpatient["used"]) == Decimal("5900.00")
    assert Decimal(inpatient["remaining"]) == Decimal(inpatient["cap_per_period"]) - Decimal("5900.00")
    assert worker.get("/mutual-aid/claims").json()["items"][0]["id"] == claim["id"]


def test_refusals_are_problem_documents(world, period, covered):
    worker = session_client(world.user("worker"))
    data = _json(factories.claim_data(invoice_numbers=["DUP-1"]))
    assert worker.post("/mutual-aid/claims", json=data).status_code == 201
    assert_problem(worker.post("/mutual-aid/claims", json=data), 409, "ma_duplicate_invoice")
    outside = _json(factories.claim_data(admission_date=period.coverage_start.replace(year=2000),
                                         discharge_date=period.coverage_start.replace(year=2000)))
    assert_problem(worker.post("/mutual-aid/claims", json=outside), 422, "ma_not_covered")
    # a worker cannot file for someone else
    other = Person.objects.get(name="李娜")
    assert_problem(worker.post("/mutual-aid/claims", json={**data, "person_id": other.pk}), 404, "not_found")


def test_out_of_scope_claims_answer_404(world, period, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["李娜"])
    sibling = session_client(world.user("sibling_officer"))
    assert_problem(sibling.get(f"/mutual-aid/claims/{claim.pk}"), 404, "not_found")
    assert_problem(sibling.post(f"/mutual-aid/claims/{claim.pk}/start-review"), 404, "not_found")
    assert sibling.get("/mutual-aid/claims").json()["items"] == []
    other_worker = session_client(world.user("worker"))
    assert_problem(other_worker.get(f"/mutual-aid/claims/{claim.pk}"), 404, "not_found")
    document = claim.documents.first()
    reviewer = session_client(staff["reviewer"])
    listed = reviewer.get(f"/mutual-aid/claims/{claim.pk}").json()["documents"][0]
    assert listed["file_id"] == document.attachment_id and listed["url"] == f"/staff/files/{document.attachment_id}/"
    assert sibling.client.get(listed["url"]).status_code == 404
    own = reviewer.client.get(listed["url"])
    assert own.status_code == 200 and b"".join(own.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(action="attachment.read").count() == 1


def test_period_setup_enrolment_and_payment_over_the_api(world):
    admin = session_client(world.user("province_admin"))
    created = admin.post("/mutual-aid/periods", json={"org_id": world.province.pk, "number": 40})
    assert created.status_code == 201, created.content
    period = created.json()
    assert period["status"] == "draft" and period["contribution_per_share"] == "120.00"
    assert {b["code"] for b in period["benefits"]} == {"inpatient", "serious_illness", "accident", "women"}
    assert admin.post(f"/mutual-aid/periods/{period['id']}/open").json()["status"] == "open"
    county = session_client(world.user("county_officer"))
    assert_problem(county.post(f"/mutual-aid/periods/{period['id']}/close"), 404, "not_found")
    # enrol the roster of the worker's unit (period 40 lies in the future: the enrolment window has not closed)
    Period.objects.filter(pk=period["id"]).update(enrolment_opens="2026-01-01")
    unit = Unit.objects.get(name="五华测试科技有限公司")
    officer = session_client(world.user("grassroots_officer"))
    roster = officer.get(f"/mutual-aid/periods/{period['id']}/units/{unit.pk}/roster").json()
    assert {row["person"]["name"] for row in roster} == {"张伟", "李娜"}
    result = officer.post("/mutual-aid/enrolments/roster", json={"period_id": period["id"], "unit_id": unit.pk})
    assert result.status_code == 200, result.content
    assert len(result.json()["enrolled"]) == 2 and result.json()["refused"] == []
    statement = officer.get("/mutual-aid/statements", {"period_id": period["id"]}).json()["items"][0]
    assert statement["amount_due"] == "240.00"
    paid = county.post(f"/mutual-aid/statements/{statement['id']}/payments",
                       json={"amount": "240.00", "reference": "ICBC-77"})
    assert paid.status_code == 201 and paid.json()["status"] == "paid"
    enrolments = officer.get("/mutual-aid/enrolments", {"period_id": period["id"]}).json()["items"]
    assert {e["status"] for e in enrolments} == {"active"}


def test_reports_and_trends(world, period, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    from gonghui.mutual_aid import services

    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    county = session_client(world.user("county_officer"))
    report = county.get(f"/mutual-aid/reports/periods/{period.pk}").json()
    assert report["participants"]["total"] == 2
    assert report["claims"]["totals"]["approved"] == 1
    by_org = report["claims"]["by_org"]
    assert by_org and by_org[0]["org"] == world.wuhua_union.name
    trends = county.get("/mutual-aid/reports/trends").json()
    assert trends["periods"] and trends["series"][0]["code"] == "participants"
    export = county.client.get(f"/api/v1/mutual-aid/reports/periods/{period.pk}/export")
    assert export.content[:2] == b"PK"
    assert Claim.objects.count() == 1


def test_claim_history_and_transitions_in_the_kits_style(world, period, covered, staff):
    """GET /mutual-aid/claims/{id}/history and POST …/transitions/{name} (core.api.workflow), beside the named
    endpoints: the same services, one approval for a double submit, 404 out of scope."""
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    reviewer = session_client(staff["reviewer"])
    steps = reviewer.get(f"/mutual-aid/claims/{claim.pk}/history").json()
    assert [s["transition"] for s in steps] == ["create", "submit"] and steps[-1]["to_state"] == "submitted"
    started = reviewer.post(f"/mutual-aid/claims/{claim.pk}/transitions/start_review", json={"comment": ""})
    assert started.status_code == 200 and started.json()["state"] == "under_review"
    first = reviewer.post(f"/mutual-aid/claims/{claim.pk}/transitions/approve", json={"comment": "齐全"})
    assert first.status_code == 200 and first.json()["state"] == "approved"
    again = reviewer.post(f"/mutual-aid/claims/{claim.pk}/transitions/approve", json={"comment": "齐全"})
    assert again.status_code in (200, 409)  # a double submit: the same approval, never a second
    history = reviewer.get(f"/mutual-aid/claims/{claim.pk}/history").json()
    assert [s["transition"] for s in history].count("approve") == 1
    assert history[-1]["comment"] == "齐全"
    assert_problem(reviewer.post(f"/mutual-aid/claims/{claim.pk}/transitions/pay", json={}), 422,
                   "transition_unknown")  # a batch's step, never asked for here
    # the worker reads their own claim's history; another county does not find the claim
    mine = session_client(world.user("worker")).get(f"/mutual-aid/claims/{claim.pk}/history")
    assert mine.status_code == 200 and mine.json()[-1]["to_state"] == "approved"
    sibling = session_client(world.user("sibling_officer"))
    assert_problem(sibling.get(f"/mutual-aid/claims/{claim.pk}/history"), 404, "not_found")
    assert_problem(sibling.post(f"/mutual-aid/claims/{claim.pk}/transitions/return", json={"comment": "x"}), 404,
                   "not_found")
    # the named endpoints still answer
    assert reviewer.get(f"/mutual-aid/claims/{claim.pk}").json()["state"] == "approved"
