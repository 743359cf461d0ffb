"""Transfers through the API: request, decide, history, conflicts."""

import pytest

from gonghui.members.models import Person

from .openapi_check import assert_problem


def _request(api, world, name="张伟", **extra):
    person = Person.objects.get(name=name)
    return api.post("/transfers", {"person_id": person.pk, "to_org_id": world.panlong_union.pk,
                                   "reason": "换工作", **extra})


@pytest.mark.django_db
def test_request_accept_and_double_accept_conflict(world, as_token):
    response = _request(as_token("grassroots_officer"), world)
    assert response.status_code == 201, response.content
    transfer = response.json()
    assert transfer["state"] == "requested" and transfer["origin"] == "old_union"
    assert [s["transition"] for s in transfer["history"]] == ["create"]
    assert [t["name"] for t in transfer["available_transitions"]] == ["accept", "refuse", "cancel"]

    receiving = as_token("sibling_officer")
    incoming = receiving.get("/transfers", {"direction": "in", "state": "requested"}).json()["items"]
    assert [t["id"] for t in incoming] == [transfer["id"]]

    accepted = receiving.post(f"/transfers/{transfer['id']}/accept", {"comment": "欢迎"}).json()
    assert accepted["state"] == "accepted" and accepted["new_membership_id"]
    assert [(s["from_state"], s["to_state"]) for s in accepted["history"]] == [("", "requested"),
                                                                                ("requested", "accepted")]
    assert accepted["history"][-1]["actor"] == "sibling_officer"

    again = receiving.post(f"/transfers/{transfer['id']}/accept", {})
    assert_problem(again, 409, "invalid_transition")

    detail = receiving.get(f"/transfers/{transfer['id']}").json()
    assert detail["available_transitions"] == []


@pytest.mark.django_db
def test_decisions_are_scoped(world, as_token):
    transfer = _request(as_token("county_officer"), world).json()
    # The old union cannot accept on behalf of the receiving one; a stranger does not even see it.
    old_union = as_token("county_officer")
    assert_problem(old_union.post(f"/transfers/{transfer['id']}/accept", {}), 404, "not_found")
    assert_problem(as_token("auditor").get(f"/transfers/{transfer['id']}"), 404, "not_found")


@pytest.mark.django_db
def test_refuse_needs_a_comment_and_cancel(world, as_token):
    transfer = _request(as_token("county_officer"), world).json()
    receiving = as_token("sibling_officer")
    for blank in ({}, {"comment": "  "}):  # the schema declares the comment required and non-blank
        body = assert_problem(receiving.post(f"/transfers/{transfer['id']}/refuse", blank), 422, "validation_failed")
        assert body["errors"][0]["loc"][-1] == "comment"
    refused = receiving.post(f"/transfers/{transfer['id']}/refuse", {"comment": "名额已满"}).json()
    assert refused["state"] == "refused" and refused["decision_comment"] == "名额已满"

    second = _request(as_token("county_officer"), world).json()
    assert_problem(_request(as_token("county_officer"), world), 409, "transfer_already_open")
    cancelled = as_token("county_officer").post(f"/transfers/{second['id']}/cancel", {}).json()
    assert cancelled["state"] == "cancelled"


@pytest.mark.django_db
def test_worker_asks_for_their_own_transfer(world, as_session):
    worker = as_session("worker")
    response = _request(worker, world)
    assert response.status_code == 201 and response.json()["origin"] == "member"
    assert [t["id"] for t in worker.get("/transfers").json()["items"]] == [response.json()["id"]]
    assert_problem(_request(worker, world, name="李娜"), 404, "not_found")


@pytest.mark.django_db
def test_invalid_target_is_a_problem(world, as_token):
    assert_problem(as_token("county_officer").post(
        "/transfers", {"person_id": Person.objects.get(name="张伟").pk, "to_org_id": world.panlong.pk}),
        404, "not_found")
    assert_problem(_request(as_token("county_officer"), world, to_unit_id=999999), 404, "not_found")


@pytest.mark.django_db
def test_workflow_definition(world, as_token):
    api = as_token("county_officer")
    flow = api.get("/workflows/membership_transfer").json()
    assert flow["initial"] == "requested"
    targets = {t["name"]: t["target"] for t in flow["transitions"]}
    assert targets == {"accept": "accepted", "refuse": "refused", "cancel": "cancelled"}
    assert_problem(api.get("/workflows/nope"), 404, "not_found")
