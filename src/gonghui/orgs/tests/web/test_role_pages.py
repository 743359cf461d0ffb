import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.fixtures import make_user

from gonghui.core import roles
from gonghui.core.models import AuditEvent, User
from gonghui.orgs.models import RoleAssignment, RoleRequest

LIST = reverse("orgs:role_list")
GRANT = reverse("orgs:role_grant")


@pytest.fixture
def security(world):
    """The Wuhua security administrator: the one who grants roles (三员分立)."""
    return make_user("wuhua_security", roles=[(world.wuhua, "security_admin")], totp=True)


@pytest.fixture
def system(world):
    """The Wuhua system administrator: the one who creates accounts."""
    return make_user("wuhua_system", roles=[(world.wuhua, "system_admin")], totp=True)


@pytest.mark.django_db
def test_role_list_is_scoped(world, login):
    users = {a.user.username for a in login(world.user("county_officer")).get(LIST).context["page"]}
    assert users == {"county_officer", "grassroots_officer"}
    users = {a.user.username for a in login(world.user("province_admin")).get(LIST).context["page"]}
    assert {"sibling_officer", "county_officer", "prefecture_officer"} <= users


@pytest.mark.django_db
def test_grant_a_role_in_the_subtree(world, login, security):
    client = login(security)
    response = client.post(
        GRANT, {"username": "staff_no_role", "org": world.wuhua_union.pk, "role": "viewer"}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=world.user("staff_no_role"), org=world.wuhua_union, role="viewer"
    ).exists()


@pytest.mark.django_db
def test_an_organisation_administrator_grants_no_role(world, login):
    """三员分立: roles are granted by the security administrator only (issue 19 §4)."""
    client = login(world.user("county_officer"))
    assert client.get(GRANT).status_code == 404  # roles.manage nowhere: not their page
    response = client.post(GRANT, {"username": "staff_no_role", "org": world.wuhua_union.pk, "role": "viewer"})
    assert response.status_code == 404
    assert not RoleAssignment.objects.filter(user=world.user("staff_no_role")).exists()


@pytest.mark.django_db
def test_grant_above_own_rank_is_refused(world, login, monkeypatch):
    # A role manager of rank 30 (registered for this test only) cannot make anyone an org admin (rank 40).
    manager = roles.Role(
        "test_role_manager",
        "Role manager",
        30,
        frozenset({roles.ROLES_VIEW, roles.ROLES_MANAGE, roles.ORGS_VIEW}),
        family="security",
    )
    monkeypatch.setitem(roles._ROLES, manager.code, manager)
    officer = make_user("rank30", roles=[(world.wuhua, manager.code)])
    client = login(officer)
    response = client.post(
        GRANT, {"username": "staff_no_role", "org": world.wuhua_union.pk, "role": "org_admin"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not RoleAssignment.objects.filter(user=world.user("staff_no_role")).exists()
    assert AuditEvent.objects.filter(action="role.grant", result="denied", actor_id=officer.pk).exists()
    # the same manager may grant a role of its own rank
    response = client.post(
        GRANT, {"username": "staff_no_role", "org": world.wuhua_union.pk, "role": "member_officer"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_grant_outside_the_subtree_is_refused(world, login, security):
    client = login(security)
    response = client.post(
        GRANT, {"username": "staff_no_role", "org": world.panlong_union.pk, "role": "viewer"}
    )
    assert response.status_code == 200 and response.context["form"].errors.get("org")
    assert not RoleAssignment.objects.filter(user=world.user("staff_no_role")).exists()


@pytest.mark.django_db
def test_grant_to_a_worker_is_refused(world, login, security):
    response = login(security).post(
        GRANT, {"username": "worker", "org": world.wuhua_union.pk, "role": "viewer"}
    )
    assert response.status_code == 200 and response.context["form"].errors.get("username")


@pytest.mark.django_db
def test_revoke(world, login, security):
    assignment = RoleAssignment.objects.get(user=world.user("grassroots_officer"))
    client = login(security)
    response = client.post(reverse("orgs:role_revoke", args=[assignment.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoke").exists()


@pytest.mark.django_db
def test_revoke_out_of_scope_is_not_found(world, login, security):
    assignment = RoleAssignment.objects.get(user=world.user("sibling_officer"))
    response = login(security).post(reverse("orgs:role_revoke", args=[assignment.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.django_db
def test_create_a_staff_account(world, login, system):
    response = login(system).post(
        reverse("orgs:staff_user_create"),
        {
            "username": "wuhua_clerk",
            "display_name": "五华办事员",
            "password": "Temp#Pass2026",
            "org": world.wuhua_union.pk,
            "role": "member_officer",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="wuhua_clerk")
    assert user.kind == "staff" and user.password_changed_at is None and user.check_password("Temp#Pass2026")
    # the system administrator grants nothing: the first role waits for a security administrator
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert RoleRequest.objects.get(user=user).role == "member_officer"
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"password": "short"}, "password"),
        ({"username": "sibling_officer"}, "username"),
        ({"role": "no_such_role"}, "role"),
    ],
)
def test_staff_account_errors_write_nothing(world, login, system, overrides, field):
    data = {
        "username": "wuhua_clerk",
        "display_name": "五华办事员",
        "password": "Temp#Pass2026",
        "org": world.wuhua_union.pk,
        "role": "member_officer",
        **overrides,
    }
    users = User.objects.count()
    response = login(system).post(reverse("orgs:staff_user_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field) if field else form.non_field_errors()
    assert User.objects.count() == users


@pytest.mark.django_db
def test_role_list_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    client = login(world.user("province_admin"))
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(20):
        make_user(f"extra{i}", roles=[(world.wuhua_union, "viewer")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
