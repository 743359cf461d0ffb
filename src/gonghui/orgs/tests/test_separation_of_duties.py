"""三员分立 and two people for money (issue 19 §4). The attack: a county officer created two accounts at
/staff/orgs/roles/new-user/, made them reviewer and cashier, enrolled their second factor himself, and approved
and paid a claim of his own. Each step now needs someone else."""

import pyotp
import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from tests.api.openapi_check import assert_problem, token_client
from tests.fixtures import make_user

from gonghui.core import scope
from gonghui.core.errors import Conflict, NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, User
from gonghui.core.tests.helpers import post_login
from gonghui.orgs import services
from gonghui.orgs.errors import AdministratorRolesApart, RoleTooHigh
from gonghui.orgs.models import RoleAssignment, RoleRequest

pytestmark = pytest.mark.django_db


class P:  # the mutual-aid permissions these roles carry (orgs may not import the business app)
    REVIEW = "mutual_aid.review"
    PAY = "mutual_aid.pay"

NEW_USER = reverse("orgs:staff_user_create")
ACCOUNT = {"username": "crony1", "display_name": "同伙一", "password": "Temp#Pass2026", "role": "mutual_aid_cashier"}


def test_the_county_officer_can_no_longer_create_accounts_or_grant_roles(world, login):
    officer = world.user("county_officer")
    client = login(officer)
    assert client.get(NEW_USER).status_code == 404  # no users.manage anywhere: the page is not theirs
    response = client.post(NEW_USER, {**ACCOUNT, "org": world.wuhua.pk})
    assert response.status_code == 404 and not User.objects.filter(username="crony1").exists()
    with pytest.raises(PermissionDenied):
        services.staff_user_create(actor=officer, org=world.wuhua, username="crony1", display_name="同伙一",
                                   password="Temp#Pass2026", role="mutual_aid_cashier")
    with pytest.raises(RoleTooHigh):
        services.role_grant(actor=officer, user=world.user("staff_no_role"), org=world.wuhua,
                            role="mutual_aid_reviewer")
    assert not RoleAssignment.objects.filter(user=world.user("staff_no_role")).exists()


def test_the_system_administrator_creates_the_account_but_grants_nothing(world, admins, login):
    response = login(admins["system"]).post(NEW_USER, {**ACCOUNT, "org": world.wuhua.pk})
    assert response.status_code == 302
    crony = User.objects.get(username="crony1")
    scope.forget(crony)
    assert not scope.has_perm(crony, P.PAY, world.wuhua.path)  # the cashier role only waits
    request = RoleRequest.objects.get(user=crony)
    assert (request.status, request.requested_by) == ("pending", admins["system"])
    with pytest.raises(RoleTooHigh):  # and the system administrator cannot approve it either
        services.role_request_approve(actor=admins["system"], request=request)
    services.role_request_approve(actor=admins["security"], request=request)
    scope.forget(crony)
    assert scope.has_perm(crony, P.PAY, world.wuhua.path)
    assignment = RoleAssignment.objects.get(user=crony)
    assert (assignment.granted_by, assignment.approved_by) == (admins["system"], admins["security"])


def test_a_money_role_granted_by_one_person_waits_for_a_second(world, admins):
    staff = world.user("staff_no_role")
    outcome = services.role_grant(actor=admins["security"], user=staff, org=world.wuhua, role="mutual_aid_reviewer")
    assert isinstance(outcome, RoleRequest) and outcome.status == "pending"
    scope.forget(staff)
    assert not scope.has_perm(staff, P.REVIEW, world.wuhua.path)
    with pytest.raises(PermissionDenied) as own:  # nobody approves their own request
        services.role_request_approve(actor=admins["security"], request=outcome)
    assert own.value.code == "role_request_own"
    with pytest.raises(Conflict):  # asking twice is one request
        services.role_grant(actor=admins["security"], user=staff, org=world.wuhua, role="mutual_aid_reviewer")
    with pytest.raises(NotFound):  # a security administrator of another county does not see it
        sibling = make_user("panlong_security", roles=[(world.panlong, "security_admin")])
        services.role_request_approve(actor=sibling, request=outcome)
    services.role_request_approve(actor=admins["security2"], request=outcome)
    with pytest.raises(Conflict):  # a double click approves once
        services.role_request_approve(actor=admins["security2"], request=outcome)
    scope.forget(staff)
    assert scope.has_perm(staff, P.REVIEW, world.wuhua.path)
    assert AuditEvent.objects.filter(action="role.request.approved", actor_id=admins["security2"].pk).exists()


def test_a_role_without_money_takes_effect_at_once(world, admins):
    assert isinstance(services.role_grant(actor=admins["security"], user=world.user("staff_no_role"),
                                          org=world.wuhua_union, role="member_officer"), RoleAssignment)


def test_nobody_approves_a_grant_to_themself(world, admins):
    request = services.role_grant(actor=admins["security2"], user=admins["security"], org=world.wuhua,
                                  role="mutual_aid_cashier")
    with pytest.raises(PermissionDenied):
        services.role_request_approve(actor=admins["security"], request=request)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=admins["security"], user=admins["security"], org=world.wuhua, role="viewer")


def test_the_database_refuses_a_decision_by_the_requester(world, admins):
    request = services.role_grant(actor=admins["security"], user=world.user("staff_no_role"), org=world.wuhua,
                                  role="mutual_aid_cashier")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequest.objects.filter(pk=request.pk).update(status="approved", decided_by=admins["security"])


def test_the_three_administrators_are_three_people(world, admins):
    with pytest.raises(AdministratorRolesApart):
        services.role_grant(actor=admins["security2"], user=admins["system"], org=world.wuhua,
                            role="security_admin")
    with pytest.raises(AdministratorRolesApart):
        services.role_grant(actor=admins["security2"], user=admins["security"], org=world.wuhua, role="auditor")


def test_a_rejected_request_grants_nothing(world, admins):
    staff = world.user("staff_no_role")
    request = services.role_grant(actor=admins["security"], user=staff, org=world.wuhua, role="mutual_aid_cashier")
    services.role_request_reject(actor=admins["security2"], request=request, note="不认识此人")
    assert not RoleAssignment.objects.filter(user=staff).exists()


def test_the_pages_queue_and_approve(world, admins, login):
    client = login(admins["security"])
    client.post(reverse("orgs:role_grant"), {"username": "staff_no_role", "org": world.wuhua.pk,
                                             "role": "mutual_aid_cashier"})
    request = RoleRequest.objects.get(user=world.user("staff_no_role"))
    page = client.get(reverse("orgs:role_request_list")).content.decode()
    assert "staff_no_role" in page and f"approve-{request.pk}" not in page  # not for the requester
    client.post(reverse("orgs:role_request_approve", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "pending"
    client = login(admins["security2"])
    assert f"approve-{request.pk}" in client.get(reverse("orgs:role_request_list")).content.decode()
    client.post(reverse("orgs:role_request_approve", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "approved"
    login(world.user("sibling_officer"))
    assert client.post(reverse("orgs:role_request_reject", args=[request.pk])).status_code == 404


def test_the_api_answers_202_and_queues_the_grant(world, admins):
    staff = world.user("staff_no_role")
    api = token_client(admins["security"])
    asked = api.post("/role-assignments", {"user_id": staff.pk, "org_id": world.wuhua.pk,
                                           "role": "mutual_aid_cashier"})
    assert asked.status_code == 202 and asked.json()["status"] == "pending"
    request_id = asked.json()["id"]
    assert [r["id"] for r in api.get("/role-requests").json()["items"]] == [request_id]
    assert_problem(api.post(f"/role-requests/{request_id}/approve"), 403, "role_request_own")
    assert_problem(token_client(world.user("sibling_officer")).post(f"/role-requests/{request_id}/approve"),
                   404, "not_found")
    approved = token_client(admins["security2"]).post(f"/role-requests/{request_id}/approve")
    assert approved.status_code == 200 and approved.json()["decided_by"]["username"] == "kunming_security"
    assert RoleAssignment.objects.filter(user=staff, role="mutual_aid_cashier").exists()


def test_the_api_creates_accounts_for_the_system_administrator_only(world, admins):
    body = {"org_id": world.wuhua.pk, "username": "crony2", "display_name": "同伙二", "password": "Temp#Pass2026",
            "role": "mutual_aid_reviewer"}
    assert_problem(token_client(world.user("county_officer")).post("/staff-users", body), 403, "permission_denied")
    created = token_client(admins["system"]).post("/staff-users", body)
    assert created.status_code == 201 and created.json()["role_request_id"]
    assert not RoleAssignment.objects.filter(user__username="crony2").exists()


def test_a_new_account_enrols_its_own_second_factor_and_changes_its_password_first(world, admins, client):
    """The holder of a new account, whatever its role, owes both steps before any page."""
    services.staff_user_create(actor=admins["system"], org=world.wuhua_union, username="clerk",
                               display_name="办事员", password="Temp#Pass2026", role="viewer")
    clerk = User.objects.get(username="clerk")
    assert clerk.totp_secret == "" and clerk.totp_confirmed_at is None  # nobody enrolled it for them
    response = post_login(client, "clerk", "Temp#Pass2026")
    assert response["Location"] == reverse("staff:totp_setup")
    assert client.get(reverse("staff:home"))["Location"] == reverse("staff:totp_setup")
    client.get(reverse("staff:totp_setup"))
    clerk.refresh_from_db()
    client.post(reverse("staff:totp_setup"), {"code": pyotp.TOTP(clerk.totp_secret).now()})
    assert client.get(reverse("staff:home"))["Location"] == reverse("staff:password_change")


# --- none of the three administrators can do another's work (issue 20) ------------------------------------

DUTIES = ("create_account", "grant_role", "read_audit", "change_member")
CAN = {"system": {"create_account"}, "security": {"grant_role"}, "auditor": {"read_audit"}}


def _try(duty, client, world) -> bool:
    """Whether the duty went through for the signed-in client (a page that refuses answers 403 or 404 and
    writes nothing)."""
    Person = apps.get_model("members", "Person")  # orgs may not import members (layers): read it by name

    if duty == "create_account":
        client.post(NEW_USER, {**ACCOUNT, "role": "member_officer", "org": world.wuhua.pk})
        return User.objects.filter(username="crony1").exists()
    if duty == "grant_role":
        client.post(reverse("orgs:role_grant"), {"username": "staff_no_role", "org": world.wuhua_union.pk,
                                                  "role": "member_officer"})
        return RoleAssignment.objects.filter(user=world.user("staff_no_role")).exists()
    if duty == "read_audit":
        return client.get(reverse("staff:audit_list")).status_code == 200
    person = Person.objects.get(name="李娜")
    client.post(reverse("members:person_edit", args=[person.pk]), {"name": "改名", "category": person.category})
    return Person.objects.filter(pk=person.pk, name="改名").exists()


@pytest.mark.parametrize("duty", DUTIES)
@pytest.mark.parametrize("who", ["system", "security", "auditor"])
def test_none_of_the_three_administrators_can_do_another_s_work(world, admins, login, who, duty):
    holder = {"auditor": make_user("wuhua_auditor", roles=[(world.wuhua, "auditor")], totp=True)}.get(who) \
        or admins[who]
    assert _try(duty, login(holder), world) is (duty in CAN[who])


def test_the_duty_probes_work_for_whom_they_should(world, login):
    """Control for the test above: the member change goes through for a member officer of the union."""
    assert _try("change_member", login(world.user("county_officer")), world)
