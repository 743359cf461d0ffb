"""Organisations, role assignments, units, role definitions and /me."""

import pytest

from gonghui.orgs.models import Organisation, RoleAssignment

from .openapi_check import assert_problem


@pytest.mark.django_db
def test_orgs_list_detail_create_update(world, as_token):
    api = as_token("county_officer")
    children = api.get("/orgs", {"parent_id": world.wuhua.pk}).json()["items"]
    assert {o["id"] for o in children} == {world.wuhua_union.pk, world.wuhua_union2.pk}
    assert [o["name"] for o in api.get("/orgs", {"q": "快递"}).json()["items"]] == ["五华区快递联合工会"]
    assert api.get(f"/orgs/{world.wuhua.pk}").json()["division_code"] == "530102"
    assert_problem(api.get(f"/orgs/{world.panlong.pk}"), 404, "not_found")

    created = api.post("/orgs", {"parent_id": world.wuhua.pk, "name": "五华区物流工会", "level": "grassroots",
                                 "kind": "grassroots"})
    assert created.status_code == 201
    org_id = created.json()["id"]
    changed = api.patch(f"/orgs/{org_id}", {"address": "昆明市五华区"}).json()
    assert changed["address"] == "昆明市五华区" and changed["name"] == "五华区物流工会"
    assert changed["is_active"]

    assert_problem(api.post("/orgs", {"parent_id": world.wuhua_union.pk, "name": "x", "level": "county",
                                      "kind": "federation"}), 422, "org_invalid_parent")
    assert_problem(as_token("sibling_officer").post("/orgs", {"parent_id": world.wuhua.pk, "name": "x",
                                                              "level": "grassroots", "kind": "grassroots"}),
                   404, "not_found")
    assert not Organisation.objects.filter(name="x").exists()


@pytest.mark.django_db
def test_role_assignments(world, as_token):
    from tests.api.openapi_check import token_client
    from tests.fixtures import make_user

    listed = as_token("county_officer").get("/role-assignments").json()["items"]
    assert {a["user"]["username"] for a in listed} == {"county_officer", "grassroots_officer"}
    security = make_user("wuhua_security", roles=[(world.wuhua, "security_admin")], totp=True)
    api = token_client(security)  # 三员分立: the security administrator grants

    staff = world.user("staff_no_role")
    granted = api.post("/role-assignments", {"user_id": staff.pk, "org_id": world.wuhua_union.pk,
                                             "role": "viewer"})
    assert granted.status_code == 201 and granted.json()["role"] == "viewer"
    assert_problem(api.post("/role-assignments", {"user_id": staff.pk, "org_id": world.wuhua_union.pk,
                                                  "role": "viewer"}), 409, "role_exists")
    assert_problem(api.post("/role-assignments", {"user_id": staff.pk, "org_id": world.wuhua.pk,
                                                  "role": "province_only_role"}), 403, "role_too_high")
    assert_problem(api.post("/role-assignments", {"user_id": staff.pk, "org_id": world.panlong.pk,
                                                  "role": "viewer"}), 404, "not_found")

    assert api.delete(f"/role-assignments/{granted.json()['id']}").status_code == 204
    assert not RoleAssignment.objects.filter(user=staff).exists()
    sibling_grant = RoleAssignment.objects.get(user=world.user("sibling_officer"))
    assert_problem(api.delete(f"/role-assignments/{sibling_grant.pk}"), 404, "not_found")


@pytest.mark.django_db
def test_units(world, as_token):
    api = as_token("grassroots_officer")
    assert [u["name"] for u in api.get("/units").json()["items"]] == ["五华测试科技有限公司"]
    created = api.post("/units", {"org_id": world.wuhua_union.pk, "name": "五华快递站", "staff_count": 12})
    assert created.status_code == 201, created.content
    unit = api.patch(f"/units/{created.json()['id']}", {"industry": "物流"}).json()
    assert unit["industry"] == "物流" and unit["staff_count"] == 12
    assert unit["org"]["id"] == world.wuhua_union.pk
    assert api.get(f"/units/{unit['id']}").json()["name"] == "五华快递站"
    assert_problem(as_token("sibling_officer").get(f"/units/{unit['id']}"), 404, "not_found")
    bad_code = api.post("/units", {"org_id": world.wuhua_union.pk, "name": "x", "credit_code": "123"})
    assert_problem(bad_code, 422, "credit_code_invalid")


@pytest.mark.django_db
def test_role_definitions(world, as_token):
    roles = {r["code"]: r for r in as_token("staff_no_role").get("/roles").json()}
    assert "members.view_sensitive" in roles["org_admin"]["permissions"]
    assert roles["auditor"]["family"] == "security"


@pytest.mark.django_db
def test_me_for_staff_and_worker(world, as_token, as_session):
    staff = as_token("county_officer").get("/me").json()
    assert staff["kind"] == "staff" and staff["person"] is None
    assert [(g["org"]["id"], g["role"]) for g in staff["grants"]] == [(world.wuhua.pk, "org_admin")]

    worker = as_session("worker", second_factor_done=False)
    me = worker.get("/me").json()
    assert me["kind"] == "worker" and me["grants"] == []
    assert me["person"]["name"] == "张伟" and "*" in me["person"]["id_number_masked"]
    assert me["membership"]["org"]["id"] == world.wuhua_union.pk
    assert me["card_number"] == me["membership"]["card_number"]
    # A worker holds no staff grant: staff lists are empty, details not found.
    assert worker.get("/persons").json()["items"] == []
    assert_problem(worker.get(f"/persons/{me['person']['id']}"), 404, "not_found")
