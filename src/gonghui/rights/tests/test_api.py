"""The rights API: list with filters and keyset pages, intake, decisions, assignment, closure with money, the
worker's own cases, RFC 7807 problems, scope."""

import pytest
from tests.fixtures import sign_in

from gonghui.rights.models import LegalCase
from gonghui.rights.tests import factories

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    import json

    return client.post(url, json.dumps(data), content_type="application/json")


def test_staff_api_path(client, world, officer, lawyer):
    user, worker = lawyer
    sign_in(client, officer)
    person = factories.worker_person(world)
    created = _post(client, "/api/v1/legal-cases", {
        "org_id": world.wuhua_union.pk, "person_id": person.pk, "channel": "walk_in", "dispute_type": "wage_arrears",
        "summary": "拖欠工资三个月", "employer_name": "某建筑公司", "amount_claimed": "15000.00"})
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["amount_claimed"] == "15000.00"
    assert _post(client, f"/api/v1/legal-cases/{case_id}/transitions/review", {}).json()["state"] == "review"
    assert _post(client, f"/api/v1/legal-cases/{case_id}/accept", {}).json()["state"] == "accepted"
    again = _post(client, f"/api/v1/legal-cases/{case_id}/accept", {})
    assert again.status_code == 409 and again["Content-Type"].startswith("application/problem+json")
    assigned = _post(client, f"/api/v1/legal-cases/{case_id}/assign", {"case_worker_id": worker.pk})
    assert assigned.json()["assignee_id"] == user.pk
    sign_in(client, user)
    assert _post(client, f"/api/v1/legal-cases/{case_id}/activities", {"kind": "call", "note": "已联系"}).status_code \
        == 201
    problem = _post(client, f"/api/v1/legal-cases/{case_id}/close", {"outcome": "agreement"})
    assert problem.status_code == 422 and problem.json()["code"] == "rights_recovered_missing"
    closed = _post(client, f"/api/v1/legal-cases/{case_id}/close", {"outcome": "withdrawn"})
    assert closed.json()["state"] == "closed"
    history = client.get(f"/api/v1/legal-cases/{case_id}/history").json()
    assert [h["transition"] for h in history][-1] == "close"


def test_list_filters_and_scope(client, world):
    inside = factories.make_case(world, dispute_type="work_injury")
    from gonghui.members.models import Person

    outside = factories.make_case(world, org=world.panlong_union, person=Person.objects.get(name="王芳"))
    sign_in(client, world.user("county_officer"))
    rows = client.get("/api/v1/legal-cases", {"dispute_type": "work_injury"}).json()["items"]
    assert [r["reference"] for r in rows] == [inside.reference]
    assert client.get(f"/api/v1/legal-cases/{outside.pk}").status_code == 404


def test_worker_api(client, world):
    sign_in(client, world.user("worker"))
    created = _post(client, "/api/v1/rights/me/cases", {"dispute_type": "overtime", "summary": "加班费未付",
                                                        "employer_name": "某快递公司", "amount_claimed": "900"})
    assert created.status_code == 201
    mine = client.get("/api/v1/rights/me/cases").json()
    assert [c["id"] for c in mine] == [created.json()["id"]]
    case = LegalCase.objects.get(pk=created.json()["id"])
    assert case.channel == "mobile"
    rate = _post(client, f"/api/v1/rights/me/cases/{case.pk}/rating", {"rating": 5})
    assert rate.status_code == 409 and rate.json()["code"] == "rights_not_closed"
