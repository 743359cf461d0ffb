"""Identity conflicts on the workflow kit: found by a registration or an import (the history starts, no actor),
resolved through the kit's gate (members.change over the union; 404 out of sight), the audit rows keep their codes
and are recorded for the union, one outcome for two officers, the kit's API style, the staff page with its
history, and the migration's history for conflicts resolved before the kit."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from tests.api.openapi_check import assert_problem, token_client
from tests.fixtures import make_user

from gonghui.core.errors import Conflict, NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.members import services
from gonghui.members.models import IdentityConflict

from .test_identity_squatting import REAL_ID, UNION_PHONE, import_member, sign_up

pytestmark = pytest.mark.django_db


def _register(world):
    return services.person_register(actor=world.user("grassroots_officer"), org=world.wuhua_union, name="真会员",
                                     id_number=REAL_ID, phone=UNION_PHONE)


@pytest.fixture
def conflict(world, sms_outbox):
    sign_up(sms_outbox)
    _register(world)
    return IdentityConflict.objects.get()


def _steps(conflict):
    return list(WorkflowLog.objects.filter(workflow="identity_conflict", object_id=str(conflict.pk))
                .values_list("transition", "to_state", "actor__username"))


def test_a_registration_starts_the_history_and_a_detach_ends_it(conflict, world):
    assert _steps(conflict) == [("create", "pending", None)]
    services.identity_conflict_detach(actor=world.user("grassroots_officer"), conflict=conflict, note="非本人")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_by, conflict.note) == ("detached", world.user("grassroots_officer"),
                                                                     "非本人")
    assert _steps(conflict)[-1] == ("detach", "detached", "grassroots_officer")
    event = AuditEvent.objects.get(action="person.identity_conflict.detached")
    assert event.acting_org_id == world.wuhua_union.pk  # recorded for the union: its auditors read it
    assert event.detail["person"] == conflict.person_id and event.detail["account"] == conflict.account_id


def test_an_import_starts_the_history_in_bulk(world, sms_outbox, django_capture_on_commit_callbacks):
    sign_up(sms_outbox)
    import_member(world, django_capture_on_commit_callbacks)
    assert _steps(IdentityConflict.objects.get()) == [("create", "pending", None)]


def test_the_gate_out_of_sight_in_sight_without_change_and_two_officers(conflict, world):
    with pytest.raises(NotFound):
        services.identity_conflict_confirm(actor=world.user("sibling_officer"), conflict=conflict)
    viewer = make_user("wuhua_viewer", roles=[(world.wuhua, "viewer")])
    with pytest.raises(PermissionDenied):
        services.identity_conflict_detach(actor=viewer, conflict=conflict)
    stale = IdentityConflict.objects.get(pk=conflict.pk)
    services.identity_conflict_confirm(actor=world.user("grassroots_officer"), conflict=conflict)
    with pytest.raises(Conflict) as late:  # the second officer's page was loaded before the first click
        services.identity_conflict_detach(actor=world.user("county_officer"), conflict=stale)
    assert late.value.code == "identity_conflict_resolved"
    assert conflict.account.is_active and IdentityConflict.objects.get(pk=conflict.pk).status == "confirmed"
    assert [s[0] for s in _steps(conflict)] == ["create", "confirm"]


def test_the_api_history_and_transitions(conflict, world):
    api = token_client(world.user("grassroots_officer"))
    base = f"/identity-conflicts/{conflict.pk}"
    assert api.post(f"{base}/transitions/teleport", {}).status_code == 422
    answer = api.post(f"{base}/transitions/confirm", {"comment": "已核身份证"})
    assert answer.status_code == 200 and answer.json()["status"] == "confirmed"
    assert_problem(api.post(f"{base}/transitions/detach", {}), 409, "identity_conflict_resolved")
    history = api.get(f"{base}/history").json()
    assert [(h["transition"], h["comment"]) for h in history] == [("create", ""), ("confirm", "已核身份证")]
    assert token_client(world.user("sibling_officer")).get(f"{base}/history").status_code == 404


def test_the_staff_page_shows_the_history_and_the_queue_filters(conflict, world, login):
    client = login(world.user("grassroots_officer"))
    page = client.get(reverse("members:identity_conflict_detail", args=[conflict.pk])).content.decode()
    assert 'data-testid="history"' in page and 'data-testid="confirm"' in page
    services.identity_conflict_detach(actor=world.user("grassroots_officer"), conflict=conflict)
    listing = reverse("members:identity_conflict_list")
    assert f"confirm-{conflict.pk}" not in client.get(listing).content.decode()
    assert "真会员" in client.get(listing, {"status": "detached"}).content.decode()
    assert login(world.user("sibling_officer")).get(
        reverse("members:identity_conflict_detail", args=[conflict.pk])).status_code == 404


def test_the_migration_writes_the_history_of_conflicts_resolved_before_the_kit(conflict, world):
    IdentityConflict.objects.filter(pk=conflict.pk).update(status="confirmed", note="旧",
                                                           resolved_by=world.user("grassroots_officer"))
    WorkflowLog.objects.filter(workflow="identity_conflict").delete()
    migration = importlib.import_module("gonghui.members.migrations.0007_identity_conflict_history")
    migration.forwards(django_apps, None)
    assert _steps(conflict) == [("create", "pending", None), ("confirm", "confirmed", "grassroots_officer")]
    migration.backwards(django_apps, None)
    assert not WorkflowLog.objects.filter(workflow="identity_conflict").exists()


@pytest.mark.django_db(transaction=True)
def test_two_officers_resolving_at_once_resolve_once(world, sms_outbox):
    """Real threads and commits (PostgreSQL; SQLite serialises the writers): one confirms while another detaches."""
    from tests.test_concurrency import race

    from gonghui.core.models import User

    squatter = sign_up(sms_outbox)
    _register(world)
    conflict_id = IdentityConflict.objects.get().pk
    steps = (services.identity_conflict_confirm, services.identity_conflict_detach)
    officers = ("grassroots_officer", "county_officer")
    results = race(*[lambda step=step, name=name: step(actor=User.objects.get(username=name),
                                                       conflict=IdentityConflict.objects.get(pk=conflict_id))
                     for step, name in zip(steps, officers, strict=True)])
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert sum(isinstance(r, IdentityConflict) for r in results) == 1
    conflict = IdentityConflict.objects.get(pk=conflict_id)
    assert WorkflowLog.objects.filter(workflow="identity_conflict", object_id=str(conflict_id)).count() == 2
    squatter.refresh_from_db()
    # the outcome is whole: confirmed with the account attached and active, or detached with it closed
    assert (conflict.status, squatter.is_active) in (("confirmed", True), ("detached", False))
