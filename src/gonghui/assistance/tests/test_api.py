"""The hardship API: the path through the JSON endpoints, masked sensitive values, scope, the worker's own."""

import json
from decimal import Decimal

import pytest
from tests.fixtures import sign_in

from gonghui.assistance.models import HardshipFile
from gonghui.members.models import Person

from .factories import make_file, make_fund, make_standard
from .helpers import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]
API = "/api/v1/assistance"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_officer_opens_a_file_and_sees_only_masked_values(client, world):
    make_standard("530102", TODAY.year)
    sign_in(client, world.user("grassroots_officer"))
    person = Person.objects.get(name="李娜")
    response = post(client, f"{API}/files", {
        "org_id": world.wuhua_union.pk, "person_id": person.pk, "county_code": "530102", "causes": ["illness"],
        "medical_costs": "5000", "members": [{"name": "李小娜", "relation": "child",
                                             "id_number": "530102201301010011", "income": "0",
                                             "health": "哮喘"}]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["medical_costs_masked"] == "****" and "5000" not in response.content.decode()
    child = body["members"][1]
    assert child["health_masked"] == "****" and "哮喘" not in response.content.decode()
    assert child["id_number_masked"].startswith("5301") and "530102201301010011" not in response.content.decode()
    # the arithmetic is for the sensitive permission only
    assert client.get(f"{API}/files/{body['id']}/assessment").status_code == 403
    # a step with the workflow kit; history the same way as every case
    assert post(client, f"{API}/files/{body['id']}/transitions/screen", {"comment": "初审"}).status_code == 200
    history = client.get(f"{API}/files/{body['id']}/history").json()
    assert [h["transition"] for h in history] == ["create", "screen"]
    # the same person twice: a problem document with the module's code
    again = post(client, f"{API}/files", {"org_id": world.wuhua_union.pk, "person_id": person.pk,
                                          "county_code": "530102"})
    assert again.status_code == 409 and again.json()["code"] == "hardship_person_in_another_file"


def test_county_reads_the_arithmetic(client, world):
    make_standard("530102", TODAY.year, Decimal("700.00"))
    file = make_file(world.wuhua_union, income="6000.00", causes=["illness"])
    sign_in(client, world.user("county_officer"))
    body = client.get(f"{API}/files/{file.pk}/assessment").json()
    assert body["per_capita_monthly"] == "500.00" and body["category"] == "deep"
    assert any("÷" in line for line in body["lines"])


def test_scope_and_list_filters(client, world):
    inside = make_file(world.wuhua_union, "刘帮扶")
    make_file(world.panlong_union, "盘龙帮扶户", county="530103")
    sign_in(client, world.user("grassroots_officer"))
    names = [f["name"] for f in client.get(f"{API}/files").json()["items"]]
    assert names == ["刘帮扶"]
    assert [f["id"] for f in client.get(f"{API}/files", {"q": "liu"}).json()["items"]] == [inside.pk]
    assert [f["id"] for f in client.get(f"{API}/files", {"q": "lbf"}).json()["items"]] == [inside.pk]
    assert client.get(f"{API}/files", {"q": "wang"}).json()["items"] == []
    outside = HardshipFile.objects.get(name="盘龙帮扶户")
    assert client.get(f"{API}/files/{outside.pk}").status_code == 404


def test_list_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    sign_in(client, world.user("county_officer"))
    make_file(world.wuhua_union, "一户")
    with django_assert_max_num_queries(12) as few:
        client.get(f"{API}/files")
    for i in range(8):
        make_file(world.wuhua_union, f"多户{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{API}/files").json()["items"]) == 9


def test_worker_applies_and_sees_own_file(client, world):
    sign_in(client, world.user("worker"))
    response = post(client, f"{API}/me/files", {"county_code": "530102", "causes": ["unemployment"]})
    assert response.status_code == 201, response.content
    mine = client.get(f"{API}/me/files").json()
    assert [f["state"] for f in mine] == ["applied"]
    # not the staff API
    assert client.get(f"{API}/files/{mine[0]['id']}").status_code in (401, 403, 404)


def test_aid_through_the_api(client, world):
    file = make_file(world.wuhua_union, state="filed")
    fund = make_fund(world.wuhua_union, balance=Decimal("3000.00"))
    sign_in(client, world.user("grassroots_officer"))
    aid = post(client, f"{API}/files/{file.pk}/aid", {"fund_id": fund.pk, "kind": "living", "amount": "800.00"})
    assert aid.status_code == 201, aid.content
    client.logout()
    sign_in(client, world.user("county_officer"))
    done = post(client, f"{API}/aid/{aid.json()['id']}/transitions/approve", {"comment": ""})
    assert done.status_code == 200 and done.json()["state"] == "approved"
    funds = client.get(f"{API}/funds").json()
    assert funds[0]["balance"] == "2200.00"


def test_yearly_review_through_the_api(client, world):
    from gonghui.core import jobs

    make_standard("530102", TODAY.year)
    make_file(world.wuhua_union, "接口复核", state="filed", income="99000.00")
    sign_in(client, world.user("county_officer"))
    launched = post(client, f"{API}/reviews", {"county_code": "530102", "year": TODAY.year})
    assert launched.status_code == 202
    jobs.run(launched.json()["job_id"])
    rows = client.get(f"{API}/reviews", {"county": "530102", "year": TODAY.year}).json()["items"]
    assert [r["result"] for r in rows] == ["exit"]
    decided = post(client, f"{API}/reviews/{rows[0]['id']}/decide", {"result": "keep", "comment": "一次性收入"})
    assert decided.json()["manual"] is True
    # the county does not spot-check its own review
    assert post(client, f"{API}/reviews/{rows[0]['id']}/spot-check", {"result": "核实"}).status_code == 409
