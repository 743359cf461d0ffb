"""Persons: scope, masking, registration, validation problems, reveal."""

import pytest

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person
from gonghui.members.tests.factories import id_number

from .openapi_check import assert_problem


@pytest.mark.django_db
def test_county_officer_sees_only_their_county(world, as_token):
    api = as_token("county_officer")
    names = {p["name"] for p in api.get("/persons").json()["items"]}
    assert names == {"张伟", "李娜"}
    sibling_person = Person.objects.get(name="王芳")
    assert_problem(api.get(f"/persons/{sibling_person.pk}"), 404, "not_found")
    assert_problem(api.get(f"/persons/{sibling_person.pk}/memberships"), 404, "not_found")
    everyone = as_token("province_admin").get("/persons").json()["items"]
    assert {p["name"] for p in everyone} == {"张伟", "李娜", "王芳"}


@pytest.mark.django_db
def test_person_detail_is_masked(world, as_token):
    person = Person.objects.get(name="李娜")
    body = as_token("county_officer").get(f"/persons/{person.pk}").json()
    assert body["id_number_masked"] == person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    assert person.id_number not in str(body) and person.phone not in str(body)
    assert body["current_org"] == {"id": world.wuhua_union.pk, "name": world.wuhua_union.name}


@pytest.mark.django_db
def test_search_and_filters(world, as_token):
    api = as_token("province_admin")
    assert [p["name"] for p in api.get("/persons", {"q": "ln"}).json()["items"]] == ["李娜"]
    wang = Person.objects.get(name="王芳")
    assert [p["name"] for p in api.get("/persons", {"q": wang.id_number[-4:]}).json()["items"]] == ["王芳"]
    in_panlong = api.get("/persons", {"org_id": world.panlong.pk}).json()["items"]
    assert [p["name"] for p in in_panlong] == ["王芳"]
    assert api.get("/persons", {"status": "active", "category": "employee"}).json()["items"]
    assert_problem(api.get("/persons", {"category": "astronaut"}), 422, "validation_failed")


@pytest.mark.django_db
def test_register_update_and_memberships(world, as_token):
    api = as_token("grassroots_officer")
    number = id_number()
    response = api.post("/persons", {"name": "赵敏", "id_number": number, "phone": "13912345678",
                                      "category": "new_form", "occupation": "rider",
                                      "org_id": world.wuhua_union.pk})
    assert response.status_code == 201, response.content
    person_id = response.json()["id"]
    assert response.json()["phone_masked"] == "139****5678"

    changed = api.patch(f"/persons/{person_id}", {"name": "赵敏敏"}).json()
    assert changed["name"] == "赵敏敏" and changed["phone_masked"] == "139****5678"
    assert api.patch(f"/persons/{person_id}", {"phone": ""}).json()["phone_masked"] == ""

    memberships = api.get(f"/persons/{person_id}/memberships").json()["items"]
    assert len(memberships) == 1 and memberships[0]["status"] == "active"
    assert memberships[0]["org"]["id"] == world.wuhua_union.pk

    duplicate = api.post("/persons", {"name": "赵敏", "id_number": number, "org_id": world.wuhua_union.pk})
    assert_problem(duplicate, 409, "person_duplicate_id_number")


@pytest.mark.django_db
def test_validation_problems(world, as_token):
    api = as_token("grassroots_officer")
    body = assert_problem(api.post("/persons", {"name": "赵敏"}), 422, "validation_failed")
    assert {tuple(e["loc"][-1:]) for e in body["errors"]} >= {("id_number",), ("org_id",)}

    bad_id = api.post("/persons", {"name": "赵敏", "id_number": "530102199001011235",
                                   "org_id": world.wuhua_union.pk})
    assert assert_problem(bad_id, 422, "id_number_checksum")["field"] == "id_number"

    not_grassroots = api.post("/persons", {"name": "赵敏", "id_number": id_number(),
                                           "org_id": world.wuhua.pk})
    assert_problem(not_grassroots, 404, "not_found")  # the county is above the officer's grassroots union


@pytest.mark.django_db
def test_register_in_sibling_county_is_not_found(world, as_token):
    response = as_token("county_officer").post(
        "/persons", {"name": "赵敏", "id_number": id_number(), "org_id": world.panlong_union.pk})
    assert_problem(response, 404, "not_found")
    assert not Person.objects.filter(name="赵敏").exists()


@pytest.mark.django_db
def test_reveal_needs_reason_and_permission_and_is_audited(world, as_token):
    person = Person.objects.get(name="李娜")
    url = f"/persons/{person.pk}/reveal"
    officer = as_token("county_officer")  # org_admin: may see personal data whole

    assert_problem(officer.post(url, {"field": "id_number"}), 422, "validation_failed")
    body = assert_problem(officer.post(url, {"field": "id_number", "reason": " "}), 422, "validation_failed")
    assert body["errors"][0]["loc"][-1] == "reason"  # declared non-blank in the schema
    assert not AuditEvent.objects.filter(action="person.reveal").exists()

    response = officer.post(url, {"field": "id_number", "reason": "核对身份"})
    assert response.json() == {"field": "id_number", "value": person.id_number}
    event = AuditEvent.objects.get(action="person.reveal", result="success")
    assert event.actor_label == "county_officer" and event.object_id == str(person.pk)
    assert event.detail == {"field": "id_number", "reason": "核对身份"} and event.channel == "api"

    # A member officer sees personal data masked only: refused, and the refusal is audited too.
    assert_problem(as_token("grassroots_officer").post(url, {"field": "phone", "reason": "核对"}), 403,
                   "permission_denied")
    assert AuditEvent.objects.filter(action="person.reveal", result="denied").count() == 1
    stranger = as_token("sibling_officer")
    assert_problem(stranger.post(url, {"field": "phone", "reason": "核对"}), 404, "not_found")
    assert_problem(officer.post(url, {"field": "bank", "reason": "核对"}), 422, "validation_failed")


@pytest.mark.django_db
def test_unexpected_errors_do_not_leak(world, as_token, monkeypatch):
    from gonghui.members import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(selectors, "person_get", broken)
    response = as_token("county_officer").get("/persons/1")
    body = assert_problem(response, 500, "internal_error")
    assert "hunter2" not in response.content.decode() and "detail" not in body
