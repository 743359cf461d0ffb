"""Role requests on the workflow kit: four eyes in the kit's gate (the requester and the grantee refused, with
the codes clients know), one history for pages and API, one outcome for two approvers, and the migration's
history for requests decided before the kit."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from tests.api.openapi_check import assert_problem, token_client
from tests.fixtures import make_user

from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.orgs import services
from gonghui.orgs.errors import RoleRequestDecided, RoleRequestOwn
from gonghui.orgs.models import RoleAssignment, RoleRequest
from gonghui.orgs.workflows import ROLE_REQUEST_FLOW

pytestmark = pytest.mark.django_db


def _ask(world, admins) -> RoleRequest:
    return services.role_grant(actor=admins["security"], user=world.user("staff_no_role"), org=world.wuhua,
                               role="mutual_aid_cashier")


def _steps(request):
    return list(WorkflowLog.objects.filter(workflow="role_request", object_id=str(request.pk))
                .values_list("transition", "from_state", "to_state", "actor__username"))


def test_the_request_and_its_decision_are_one_history(world, admins):
    request = _ask(world, admins)
    assert _steps(request) == [("create", "", "pending", "wuhua_security")]
    services.role_request_reject(actor=admins["security2"], request=request, note="不认识此人")
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.note) == ("rejected", admins["security2"], "不认识此人")
    assert _steps(request)[-1] == ("reject", "pending", "rejected", "kunming_security")
    event = AuditEvent.objects.get(action="role.request.rejected", object_id=str(request.pk))
    assert event.detail["requested_by"] == admins["security"].pk and event.detail["from"] == "pending"


def test_the_requester_and_the_grantee_are_refused_by_the_gate_and_the_refusal_is_audited(world, admins):
    request = _ask(world, admins)
    with pytest.raises(RoleRequestOwn) as refused:
        services.role_request_approve(actor=admins["security"], request=request)
    assert refused.value.code == "role_request_own" and refused.value.status == 403
    denied = AuditEvent.objects.get(action="role.request.approved", result="denied")
    assert denied.actor_id == admins["security"].pk and denied.detail["reason"] == "four_eyes"
    grantee_asks = services.role_grant(actor=admins["security2"], user=admins["security3"], org=world.wuhua,
                                       role="mutual_aid_cashier")
    with pytest.raises(RoleRequestOwn):  # the grantee decides nothing about their own grant
        services.role_request_reject(actor=admins["security3"], request=grantee_asks, note="不要")
    assert RoleRequest.objects.get(pk=grantee_asks.pk).status == "pending"
    assert not ROLE_REQUEST_FLOW.available(request, admins["security"])
    assert [t.name for t in ROLE_REQUEST_FLOW.available(request, admins["security2"])] == ["approve", "reject"]


def test_two_approvers_decide_once(world, admins):
    request = _ask(world, admins)
    stale = RoleRequest.objects.get(pk=request.pk)  # the page the second approver loaded before the first click
    services.role_request_approve(actor=admins["security2"], request=request)
    with pytest.raises(RoleRequestDecided) as late:
        services.role_request_reject(actor=admins["security3"], request=stale, note="晚了")
    assert late.value.code == "role_request_decided" and late.value.status == 409
    assert RoleRequest.objects.get(pk=request.pk).status == "approved"
    assert RoleAssignment.objects.filter(user=world.user("staff_no_role"), role="mutual_aid_cashier").count() == 1
    assert [s[0] for s in _steps(request)] == ["create", "approve"]


def test_the_api_history_and_transitions(world, admins):
    request = _ask(world, admins)
    own = token_client(admins["security"])
    assert_problem(own.post(f"/role-requests/{request.pk}/transitions/approve", {}), 403, "role_request_own")
    assert own.post(f"/role-requests/{request.pk}/transitions/teleport", {}).status_code == 422
    api = token_client(admins["security2"])
    answer = api.post(f"/role-requests/{request.pk}/transitions/reject", {"comment": "材料不全"})
    assert answer.status_code == 200 and answer.json()["status"] == "rejected"
    assert api.post(f"/role-requests/{request.pk}/transitions/approve", {}).status_code == 409
    history = api.get(f"/role-requests/{request.pk}/history").json()
    assert [(h["transition"], h["comment"]) for h in history] == [("create", ""), ("reject", "材料不全")]
    assert token_client(world.user("sibling_officer")).get(
        f"/role-requests/{request.pk}/history").status_code == 404


def test_the_detail_page_shows_the_history_and_the_queue_filters_by_status(world, admins, login):
    request = _ask(world, admins)
    services.role_request_approve(actor=admins["security2"], request=request)
    client = login(admins["security"])
    page = client.get(reverse("orgs:role_request_detail", args=[request.pk])).content.decode()
    assert 'data-testid="history"' in page and "kunming_security" in page and 'data-testid="approve"' not in page
    assert "staff_no_role" not in client.get(reverse("orgs:role_request_list")).content.decode()
    assert "staff_no_role" in client.get(reverse("orgs:role_request_list"), {"status": "approved"}).content.decode()
    assert "staff_no_role" in client.get(reverse("orgs:role_request_list"), {"status": "all"}).content.decode()
    assert login(world.user("sibling_officer")).get(
        reverse("orgs:role_request_detail", args=[request.pk])).status_code == 404


def test_the_queue_query_count_does_not_grow_with_rows(world, admins, login, django_assert_max_num_queries):
    client = login(admins["security2"])
    for i in range(6):
        services.role_grant(actor=admins["security"], user=make_user(f"queue_{i}"), org=world.wuhua,
                            role="mutual_aid_cashier")
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("orgs:role_request_list"))
    for i in range(6, 14):
        services.role_grant(actor=admins["security"], user=make_user(f"queue_{i}"), org=world.wuhua,
                            role="mutual_aid_cashier")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("orgs:role_request_list"))


def test_the_migration_writes_the_history_of_requests_decided_before_the_kit(world, admins):
    staff = world.user("staff_no_role")
    old = [RoleRequest.objects.create(user=staff, org=org, role="mutual_aid_cashier", requested_by=admins["security"],
                                      status=status, decided_by=admins["security2"] if status != "pending" else None,
                                      note=note)
           for org, status, note in ((world.wuhua, "approved", ""), (world.kunming, "rejected", "否"),
                                     (world.province, "pending", ""))]
    WorkflowLog.objects.filter(workflow="role_request").delete()
    migration = importlib.import_module("gonghui.orgs.migrations.0004_role_request_history")
    migration.forwards(django_apps, None)
    assert _steps(old[0]) == [("create", "", "pending", "wuhua_security"),
                              ("approve", "pending", "approved", "kunming_security")]
    assert _steps(old[1])[-1] == ("reject", "pending", "rejected", "kunming_security")
    assert WorkflowLog.objects.get(object_id=str(old[1].pk), transition="reject").comment == "否"
    assert _steps(old[2]) == [("create", "", "pending", "wuhua_security")]
    assert WorkflowLog.objects.get(object_id=str(old[0].pk), transition="create").at == old[0].requested_at
    migration.backwards(django_apps, None)
    assert not WorkflowLog.objects.filter(workflow="role_request").exists()
