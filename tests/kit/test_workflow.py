"""The workflow kit: the transition's permission through the one gate (404 / 403 / the owner's own), history and
audit in one transaction with the move, a double apply is 409 with nothing written twice, apply_many moves all or
none, and the kit's API style (…/{id}/history, …/{id}/transitions/{name})."""

import pytest
from django.db import transaction
from django.utils import translation

from gonghui.core import audit, roles, workflow
from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied, SamePerson, ValidationFailed
from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.members import services
from gonghui.members.models import Person, Transfer
from gonghui.members.workflows import TRANSFER_FLOW
from gonghui.mutual_aid import permissions as mutual_aid_permissions
from gonghui.venues.models import Venue
from gonghui.venues.tests.factories import make_venue
from gonghui.venues.workflows import APPROVAL_FLOW
from tests.fixtures import make_user, sign_in

pytestmark = pytest.mark.django_db


def _transfer(world, name="李娜") -> Transfer:
    person = Person.objects.get(name=name)
    return services.transfer_request(actor=world.user("county_officer"), person=person, to_org=world.wuhua_union2)


def _written(transfer) -> tuple[int, int]:
    logs = WorkflowLog.objects.filter(object_type="members.transfer", object_id=str(transfer.pk)).count()
    events = AuditEvent.objects.filter(object_type="members.transfer", object_id=str(transfer.pk)).count()
    return logs, events


def test_every_transition_of_every_workflow_is_gated_and_audited_under_a_declared_action():
    for flow in workflow.all_workflows().values():
        for t in flow.transitions.values():
            assert t.permission or t.owner_may, f"{flow.name}.{t.name}"
            if t.permission:
                assert roles.get_permission(t.permission), f"{flow.name}.{t.name}: {t.permission}"
            if flow.audit_prefix:  # on the kit: its audit action must be declared
                assert audit.get_action(flow.audit_action(t)), f"{flow.name}.{t.name}"


def test_transfer_cancel_publishes_the_permission_its_gate_checks():
    cancel = TRANSFER_FLOW.transitions["cancel"]
    assert cancel.permission == roles.MEMBERS_CHANGE and cancel.scope_lookup == "from_org__path"


def test_apply_writes_state_history_and_audit_together(world):
    transfer = _transfer(world)
    before = _written(transfer)
    log = workflow.apply(transfer, "refuse", flow=TRANSFER_FLOW, actor=world.user("county_officer"),
                         comment="no", decided_by=world.user("county_officer"))
    transfer.refresh_from_db()
    assert transfer.state == "refused" and transfer.decided_by == world.user("county_officer")
    assert (log.from_state, log.to_state, log.transition) == ("requested", "refused", "refuse")
    assert _written(transfer) == (before[0] + 1, before[1] + 1)
    event = AuditEvent.objects.filter(action="transfer.refuse", object_id=str(transfer.pk)).get()
    assert event.detail == {"from": "requested", "to": "refused"}


def test_out_of_sight_is_404_and_writes_nothing(world):
    transfer = _transfer(world)
    before = _written(transfer)
    with pytest.raises(NotFound):
        workflow.apply(transfer, "accept", flow=TRANSFER_FLOW, actor=world.user("sibling_officer"))
    transfer.refresh_from_db()
    assert transfer.state == "requested" and _written(transfer) == before


def test_visible_without_the_permission_is_403_and_writes_nothing(world):
    viewer = make_user("wuhua_viewer", roles=[(world.wuhua, "viewer")])  # sees members, decides nothing
    transfer = _transfer(world)
    before = _written(transfer)
    with pytest.raises(PermissionDenied):
        workflow.apply(transfer, "accept", flow=TRANSFER_FLOW, actor=viewer)
    with pytest.raises(PermissionDenied):
        services.transfer_refuse(actor=viewer, transfer=transfer, comment="")  # the gate before the 422
    assert _written(transfer) == before


def test_the_owner_hook_lets_the_worker_withdraw_their_own_request_only(world):
    own = _transfer(world, "张伟")  # the person of the world's worker account
    other = _transfer(world, "李娜")
    worker = world.user("worker")
    with pytest.raises(NotFound):
        services.transfer_cancel(actor=worker, transfer=other)
    services.transfer_cancel(actor=worker, transfer=own)
    own.refresh_from_db()
    assert own.state == "cancelled"
    receiving = make_user("receiving_officer", roles=[(world.wuhua_union2, "member_officer")])
    with pytest.raises(NotFound):  # the receiving union does not withdraw: members.change over the old union
        services.transfer_cancel(actor=receiving, transfer=other)


def test_double_apply_is_409_and_writes_once(world):
    transfer = _transfer(world)
    before = _written(transfer)
    services.transfer_refuse(actor=world.user("county_officer"), transfer=transfer, comment="no")
    stale = Transfer.objects.get(pk=transfer.pk)
    stale.state = "requested"  # a second click from a page loaded before the first
    with pytest.raises(InvalidTransition):
        services.transfer_refuse(actor=world.user("county_officer"), transfer=stale, comment="no")
    assert _written(transfer) == (before[0] + 1, before[1] + 1)


def test_a_rollback_leaves_neither_state_nor_history_nor_audit(world):
    transfer = _transfer(world)
    before = _written(transfer)
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.apply(transfer, "refuse", flow=TRANSFER_FLOW, actor=world.user("county_officer"))
        raise RuntimeError("the caller's next write failed")
    assert Transfer.objects.get(pk=transfer.pk).state == "requested" and _written(transfer) == before


def test_an_undeclared_audit_action_fails_the_whole_step(world):
    broken = workflow.Workflow("kit_test_broken", states=dict(Transfer.State.choices), initial="requested",
                               audit_prefix="kit_undeclared.", transitions=[workflow.Transition(
                                   "refuse", ("requested",), "refused", "x", roles.TRANSFERS_DECIDE)])
    transfer = _transfer(world)
    before = _written(transfer)
    with pytest.raises(audit.UnregisteredAuditAction):
        workflow.apply(transfer, "refuse", flow=broken, actor=world.user("county_officer"))
    assert Transfer.objects.get(pk=transfer.pk).state == "requested" and _written(transfer) == before


def test_unknown_transition_is_a_validation_error(world):
    with pytest.raises(ValidationFailed):
        workflow.apply(_transfer(world), "teleport", flow=TRANSFER_FLOW, actor=world.user("county_officer"))


def test_apply_many_moves_all_with_a_history_row_and_audit_event_each(world):
    venues = [make_venue(world.wuhua_union, f"待审驿站{i}", approval=Venue.Approval.PENDING) for i in range(3)]
    logs = workflow.apply_many(venues, "approve", flow=APPROVAL_FLOW, actor=world.user("county_officer"))
    assert len(logs) == 3 and all(log.pk for log in logs)
    assert set(Venue.objects.filter(pk__in=[v.pk for v in venues]).values_list("approval", flat=True)) == {
        "approved"}
    assert AuditEvent.objects.filter(action="venues.approve", object_id__in=[str(v.pk) for v in venues]).count() == 3


def test_apply_many_is_all_or_none(world):
    pending = [make_venue(world.wuhua_union, f"待审驿站{i}", approval=Venue.Approval.PENDING) for i in range(2)]
    done = make_venue(world.wuhua_union, "已批驿站", approval=Venue.Approval.APPROVED)
    with pytest.raises(InvalidTransition):
        workflow.apply_many([*pending, done], "approve", flow=APPROVAL_FLOW, actor=world.user("county_officer"))
    far = make_venue(world.panlong_union, "盘龙待审", approval=Venue.Approval.PENDING, county="530103")
    with pytest.raises(NotFound):  # one case out of sight: nothing moves
        workflow.apply_many([*pending, far], "approve", flow=APPROVAL_FLOW, actor=world.user("county_officer"))
    assert set(Venue.objects.filter(pk__in=[v.pk for v in pending]).values_list("approval", flat=True)) == {
        "pending"}
    assert not WorkflowLog.objects.filter(workflow="venue_approval", transition="approve").exists()


def test_assignee_and_due_date_need_a_workflow_that_declares_them(world):
    import datetime

    with pytest.raises(ValueError):
        workflow.apply(_transfer(world), "refuse", flow=TRANSFER_FLOW, actor=world.user("county_officer"),
                       due=datetime.date(2030, 1, 1))


def test_approval_levels_replace_mutual_aids_private_helpers(world):
    assert mutual_aid_permissions.is_above is workflow.levels_above
    assert mutual_aid_permissions.review_path is workflow.acting_path
    province_admin, county = world.user("province_admin"), world.user("county_officer")
    path = world.wuhua_union.path
    assert workflow.acting_path(county, path, roles.MEMBERS_CHANGE) == world.wuhua.path
    assert workflow.levels_above(province_admin, path, world.wuhua.path, roles.MEMBERS_CHANGE)
    assert not workflow.levels_above(county, path, world.wuhua.path, roles.MEMBERS_CHANGE)


def test_the_api_style_history_and_transitions(client, world):
    venue = make_venue(world.wuhua_union, "接口待审驿站", approval=Venue.Approval.PENDING)
    sign_in(client, world.user("county_officer"))
    url = f"/api/v1/venues/{venue.pk}/transitions"
    assert client.post(f"{url}/teleport", {}, content_type="application/json").status_code == 422
    response = client.post(f"{url}/approve", {"comment": "好"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["approval"] == "approved"
    assert client.post(f"{url}/approve", {}, content_type="application/json").status_code == 409
    history = client.get(f"/api/v1/venues/{venue.pk}/history").json()
    assert [h["transition"] for h in history][-1] == "approve" and history[-1]["comment"] == "好"
    sign_in(client, world.user("sibling_officer"))
    assert client.get(f"/api/v1/venues/{venue.pk}/history").status_code == 404


def test_apply_many_writes_one_chained_audit_event_per_case_in_one_append(world, django_assert_max_num_queries):
    from gonghui.core import audit
    from gonghui.core.models import AuditEvent

    pending = [make_venue(world.wuhua_union, f"批量驿站{i}", approval=Venue.Approval.PENDING) for i in range(30)]
    before = AuditEvent.objects.count()
    # the audit trail of 30 cases is one read of the chain's end and one insert, not 30 of each
    with django_assert_max_num_queries(40):
        workflow.apply_many(pending, "approve", flow=APPROVAL_FLOW, actor=world.user("county_officer"))
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.object_id for e in events] == [str(v.pk) for v in pending]
    assert all(e.detail["bulk"] == 30 for e in events)
    assert list(audit.verify_chain()) == []


# --- four eyes: a step the person who asked may not take ------------------------------------------------------

FOUR_EYES_FLOW = workflow.Workflow(
    "kit_test_four_eyes", states=dict(Transfer.State.choices), initial="requested", audit_prefix="transfer.",
    transitions=[workflow.Transition("refuse", ("requested",), "refused", "x", roles.TRANSFERS_DECIDE,
                                     distinct_from="requested_by_id"),
                 workflow.Transition("accept", ("requested",), "accepted", "x", roles.TRANSFERS_DECIDE,
                                     distinct_from=lambda actor, obj: actor.pk == obj.requested_by_id)])


def _second_officer(world):
    return make_user("second_officer", roles=[(world.wuhua, "member_officer")])


def test_four_eyes_refuses_the_requester_with_a_stable_code_and_an_audited_denial(world):
    transfer = _transfer(world)  # asked by the county officer
    requester = world.user("county_officer")
    before = _written(transfer)
    with pytest.raises(SamePerson) as refused:
        workflow.apply(transfer, "refuse", flow=FOUR_EYES_FLOW, actor=requester)
    assert refused.value.code == "four_eyes" and refused.value.status == 403
    assert str(refused.value.message) == "此步骤须由他人办理，不能由提出申请的人本人办理。"  # zh-Hans by default
    with translation.override("en"):
        assert str(refused.value.message).startswith("Someone else must take this step")
    assert Transfer.objects.get(pk=transfer.pk).state == "requested"
    assert WorkflowLog.objects.filter(object_type="members.transfer", object_id=str(transfer.pk)).count() == before[0]
    denied = AuditEvent.objects.filter(action="transfer.refuse", object_id=str(transfer.pk)).get()
    assert denied.result == "denied" and denied.detail["reason"] == "four_eyes"
    # the buttons agree with the gate: the requester is not offered the step, the second person is
    assert not FOUR_EYES_FLOW.may(requester, transfer, FOUR_EYES_FLOW.transitions["refuse"])
    assert [t.name for t in FOUR_EYES_FLOW.available(transfer, _second_officer(world))] == ["refuse", "accept"]


def test_four_eyes_lets_another_person_through(world):
    transfer = _transfer(world)
    log = workflow.apply(transfer, "refuse", flow=FOUR_EYES_FLOW, actor=_second_officer(world), comment="否")
    assert log.actor.username == "second_officer" and Transfer.objects.get(pk=transfer.pk).state == "refused"


def test_four_eyes_keeps_out_of_sight_404_before_it_speaks(world):
    transfer = _transfer(world)
    with pytest.raises(NotFound):
        workflow.apply(transfer, "refuse", flow=FOUR_EYES_FLOW, actor=world.user("sibling_officer"))


def test_four_eyes_callable_and_a_module_error(world):
    class OwnRequest(PermissionDenied):
        code = "kit_test_own"

    flow = workflow.Workflow("kit_test_four_eyes_error", states=dict(Transfer.State.choices), initial="requested",
                             audit_prefix="transfer.", transitions=[workflow.Transition(
                                 "refuse", ("requested",), "refused", "x", roles.TRANSFERS_DECIDE,
                                 distinct_from=("decided_by_id", "requested_by_id"), distinct_error=OwnRequest)])
    transfer = _transfer(world)
    with pytest.raises(OwnRequest):
        workflow.apply(transfer, "refuse", flow=flow, actor=world.user("county_officer"))
    with pytest.raises(SamePerson):
        workflow.apply(transfer, "accept", flow=FOUR_EYES_FLOW, actor=world.user("county_officer"))


def test_four_eyes_in_bulk_refuses_all_when_one_case_is_the_actors_own(world):
    second = _second_officer(world)
    theirs = _transfer(world)  # asked by the county officer
    own = services.transfer_request(actor=second, person=Person.objects.get(name="张伟"), to_org=world.wuhua_union2)
    with pytest.raises(SamePerson):
        workflow.apply_many([theirs, own], "refuse", flow=FOUR_EYES_FLOW, actor=second)
    assert set(Transfer.objects.filter(pk__in=[theirs.pk, own.pk]).values_list("state", flat=True)) == {"requested"}
    assert not WorkflowLog.objects.filter(workflow="kit_test_four_eyes").exists()
    logs = workflow.apply_many([theirs], "refuse", flow=FOUR_EYES_FLOW, actor=second)
    assert [log.to_state for log in logs] == ["refused"]


def test_four_eyes_double_submit_gives_one_outcome(world):
    transfer = _transfer(world)
    second, third = _second_officer(world), make_user("third_officer", roles=[(world.wuhua, "member_officer")])
    workflow.apply(transfer, "refuse", flow=FOUR_EYES_FLOW, actor=second)
    stale = Transfer.objects.get(pk=transfer.pk)
    stale.state = "requested"  # the other approver's page, loaded before the first decision
    with pytest.raises(InvalidTransition):
        workflow.apply(stale, "accept", flow=FOUR_EYES_FLOW, actor=third)
    assert Transfer.objects.get(pk=transfer.pk).state == "refused"
    assert WorkflowLog.objects.filter(workflow="kit_test_four_eyes", object_id=str(transfer.pk)).count() == 1


def test_audit_org_records_the_step_for_the_cases_organisation(world):
    flow = workflow.Workflow("kit_test_audit_org", states=dict(Transfer.State.choices), initial="requested",
                             audit_prefix="transfer.", audit_org="to_org_id", transitions=[workflow.Transition(
                                 "refuse", ("requested",), "refused", "x", roles.TRANSFERS_DECIDE)])
    transfer = _transfer(world)
    workflow.apply(transfer, "refuse", flow=flow, actor=world.user("county_officer"))
    event = AuditEvent.objects.get(action="transfer.refuse", object_id=str(transfer.pk))
    assert event.acting_org_id == transfer.to_org_id


def test_a_transition_may_keep_an_audit_code_the_log_already_holds(world):
    flow = workflow.Workflow("kit_test_audit_code", states=dict(Transfer.State.choices), initial="requested",
                             audit_prefix="kit_undeclared.", transitions=[workflow.Transition(
                                 "refuse", ("requested",), "refused", "x", roles.TRANSFERS_DECIDE,
                                 audit_action="transfer.refuse")])
    transfer = _transfer(world)
    workflow.apply(transfer, "refuse", flow=flow, actor=world.user("county_officer"))
    assert AuditEvent.objects.filter(action="transfer.refuse", object_id=str(transfer.pk)).exists()


def test_the_definition_api_says_which_steps_need_four_eyes(client, world):
    sign_in(client, world.user("county_officer"))
    steps = {t["name"]: t for t in client.get("/api/v1/workflows/role_request").json()["transitions"]}
    assert steps["approve"]["four_eyes"] and steps["reject"]["four_eyes"]
    transfer = {t["name"]: t for t in client.get("/api/v1/workflows/membership_transfer").json()["transitions"]}
    assert not transfer["accept"]["four_eyes"]
