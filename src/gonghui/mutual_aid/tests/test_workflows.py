"""Mutual aid on the workflow kit (issue 10 §0): claims, payout batches, periods, settlements and second payouts move
only through workflow.apply / apply_many — each step gated by its transition's permission, in the history and
the audit log; the migration gives every existing row a history; the pages and the API show it."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from tests.fixtures import make_user, sign_in

from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import PeriodNotOpen
from gonghui.mutual_aid.models import Claim, ContributionStatement, PayoutBatch, Period, SecondPayout, Settlement
from gonghui.mutual_aid.services import settlement as settlement_service
from gonghui.mutual_aid.workflows import (
    BATCH_FLOW,
    CLAIM_FLOW,
    PERIOD_FLOW,
    RECORDED,
    SECOND_PAYOUT_FLOW,
    SETTLEMENT_FLOW,
)

from . import factories
from .test_settlement import _paid_claim

pytestmark = pytest.mark.django_db


def _steps(flow, obj) -> list[tuple[str, str, str]]:
    return [(h.transition, h.from_state, h.to_state) for h in flow.history(obj).order_by("id")]


def _approved(world, staff, person):
    claim = factories.file_claim(staff["filer"], person)
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    return claim


# --- claims ------------------------------------------------------------------------------------------------

def test_each_claim_step_is_in_the_history_and_the_audit_under_its_declared_action(world, covered, staff):
    claim = _approved(world, staff, covered["张伟"])
    assert [t for t, _f, _to in _steps(CLAIM_FLOW, claim)] == ["create", "submit", "start_review", "approve"]
    actions = set(AuditEvent.objects.filter(object_type="mutual_aid.claim", object_id=str(claim.pk))
                  .values_list("action", flat=True))
    assert {"mutual_aid.claim.submit", "mutual_aid.claim.start_review", "mutual_aid.claim.approve"} <= actions
    event = AuditEvent.objects.get(action="mutual_aid.claim.approve", object_id=str(claim.pk))
    assert event.detail["from"] == "under_review" and event.detail["amount"] == str(claim.approved_amount)


def test_a_reviewer_without_the_second_approval_cannot_reject_a_claim_awaiting_it(world, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["张伟"], self_paid=Decimal("40000.00"),
                                 total_cost=Decimal("60000.00"), insurance_paid=Decimal("20000.00"))
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    assert claim.state == Claim.State.AWAITING_SECOND
    county_only = make_user("ma_county_only", roles=[(world.wuhua, "reviewer")])  # review, no approve_large
    logs = WorkflowLog.objects.count()
    with pytest.raises(PermissionDenied):
        services.claim_reject(actor=county_only, claim=claim, code="other", note="x")
    with pytest.raises(NotFound):  # another county: not even there
        services.claim_reject(actor=world.user("sibling_officer"), claim=claim, code="other", note="x")
    claim.refresh_from_db()
    assert claim.state == Claim.State.AWAITING_SECOND and WorkflowLog.objects.count() == logs
    services.claim_reject(actor=staff["senior"], claim=claim, code="other", note="too much")
    claim.refresh_from_db()
    assert claim.state == Claim.State.REJECTED and _steps(CLAIM_FLOW, claim)[-1][0] == "reject_second"
    assert AuditEvent.objects.filter(action="mutual_aid.claim.reject_second", object_id=str(claim.pk)).exists()


def test_submitting_twice_moves_once(world, covered):
    claim = factories.file_claim(world.user("worker"), covered["张伟"], submit=False)
    factories.add_required_documents(world.user("worker"), claim)
    services.claim_submit(actor=world.user("worker"), claim=claim)  # the worker's own claim: the owner hook
    with pytest.raises(Exception):  # noqa: B017  (not editable any more, or an invalid transition)
        services.claim_submit(actor=world.user("worker"), claim=Claim.objects.get(pk=claim.pk))
    assert [t for t, _f, _to in _steps(CLAIM_FLOW, claim)].count("submit") == 1


# --- payout batches ----------------------------------------------------------------------------------------

def test_a_batch_moves_its_claims_in_bulk_with_history_and_audit_each(world, covered, staff):
    claims = [_approved(world, staff, covered[name]) for name in ("张伟", "李娜")]
    cashier = staff["cashier"]
    batch = services.payout_batch_create(actor=cashier, org=world.wuhua, period=claims[0].period)
    for claim in claims:
        log = CLAIM_FLOW.history(claim).order_by("id").last()
        assert (log.transition, log.from_state, log.to_state, log.comment) == ("batch", "approved", "in_batch",
                                                                                str(batch))
        assert AuditEvent.objects.filter(action="mutual_aid.claim.batch", object_id=str(claim.pk)).count() == 1
    services.payout_batch_export(actor=cashier, batch=batch)
    services.payout_batch_export(actor=cashier, batch=batch)  # a second download: audited, no second step
    services.payout_batch_mark(actor=cashier, batch=batch, bank_reference="BOC-9",
                               failures={claims[1].pk: "户名不符"})
    assert _steps(BATCH_FLOW, batch) == [("create", "", "open"), ("export", "open", "exported"),
                                         ("mark", "exported", "closed")]
    assert AuditEvent.objects.filter(action="mutual_aid.payout_batch.export", object_id=str(batch.pk)).count() == 2
    paid, failed = (CLAIM_FLOW.history(c).order_by("id").last() for c in claims)
    assert (paid.transition, paid.comment) == ("pay", "BOC-9")
    assert (failed.transition, failed.to_state, failed.comment) == ("fail", "payment_failed", "户名不符")
    with pytest.raises(InvalidTransition):  # the batch is closed: marking again is no step
        from gonghui.core import workflow

        workflow.apply(PayoutBatch.objects.get(pk=batch.pk), "mark", actor=cashier)


def test_a_refused_batch_step_writes_nothing(world, covered, staff):
    claim = _approved(world, staff, covered["张伟"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    before = (WorkflowLog.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):  # sees the batch, may not pay
        services.payout_batch_export(actor=staff["reviewer"], batch=batch)
    with pytest.raises(NotFound):
        services.payout_batch_mark(actor=world.user("sibling_officer"), batch=batch, bank_reference="X")
    assert (WorkflowLog.objects.count(), AuditEvent.objects.count()) == before
    batch.refresh_from_db()
    assert batch.status == PayoutBatch.Status.OPEN


# --- periods, settlements, second payouts ------------------------------------------------------------------

def test_period_steps_are_history_and_a_second_open_is_refused_with_nothing_written(world):
    admin = world.user("province_admin")
    period = factories.make_period(world, number=23, status=Period.Status.DRAFT)
    services.period_open(actor=admin, period=period)
    logs = WorkflowLog.objects.count()
    with pytest.raises(PeriodNotOpen):
        services.period_open(actor=admin, period=Period.objects.get(pk=period.pk))
    assert WorkflowLog.objects.count() == logs
    with pytest.raises(NotFound):  # a county officer holds no manage_periods over the federation
        services.period_close(actor=world.user("county_officer"), period=period)
    services.period_close(actor=admin, period=period)
    assert [s[2] for s in _steps(PERIOD_FLOW, period)][-2:] == ["open", "closed"]
    assert AuditEvent.objects.filter(action="mutual_aid.period.close", object_id=str(period.pk)).exists()


def _settled(world, period, covered, staff, django_capture_on_commit_callbacks):
    admin = world.user("province_admin")
    _paid_claim(world, staff, covered["李娜"], "90000.00")
    _paid_claim(world, staff, covered["张伟"], "2000.00")
    ContributionStatement.objects.filter(period=period).update(amount_paid=Decimal("200000.00"))
    services.period_close(actor=admin, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        settlement = services.settlement_start(actor=admin, period=period)
    approver = make_user("ma_settle_approver", roles=[(world.province, "org_admin")])
    services.settlement_approve(actor=approver, settlement=Settlement.objects.get(pk=settlement.pk), note="ok")
    return Settlement.objects.get(pk=settlement.pk), approver


def test_settlement_period_and_second_payouts_have_their_history(world, period, covered, staff,
                                                                 django_capture_on_commit_callbacks):
    settlement, approver = _settled(world, period, covered, staff, django_capture_on_commit_callbacks)
    assert _steps(SETTLEMENT_FLOW, settlement) == [("create", "", "running"), ("compute", "running", "review"),
                                                   ("approve", "review", "approved")]
    compute = SETTLEMENT_FLOW.history(settlement).get(transition="compute")
    assert compute.actor == settlement.started_by  # the job acts for whoever started it
    period.refresh_from_db()
    assert period.status == Period.Status.SETTLED and _steps(PERIOD_FLOW, period)[-1][0] == "settle"
    assert PERIOD_FLOW.history(period).get(transition="settle").actor == approver
    item = SecondPayout.objects.get(person=covered["李娜"])
    assert _steps(SECOND_PAYOUT_FLOW, item) == [("create", "", "payable")]
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=period, kind="second")
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="SP-1")
    assert [s[0] for s in _steps(SECOND_PAYOUT_FLOW, item)] == ["create", "batch", "pay"]
    assert AuditEvent.objects.filter(action="mutual_aid.second_payout.pay", object_id=str(item.pk)).count() == 1


def test_a_failed_settlement_job_is_recorded_even_if_its_starter_lost_the_role(world, period):
    admin = make_user("ma_settler", roles=[(world.province, "org_admin")])
    services.period_close(actor=world.user("province_admin"), period=period)
    settlement = Settlement.objects.create(period=period, started_by=admin)
    SETTLEMENT_FLOW.start(settlement, actor=admin)
    from gonghui.core import scope

    apps.get_model("orgs", "RoleAssignment").objects.filter(user=admin).delete()  # withdrawn while the job ran
    scope.forget(admin)
    settlement_service.settlement_fail(settlement.pk)
    settlement.refresh_from_db()
    assert settlement.status == Settlement.Status.FAILED and _steps(SETTLEMENT_FLOW, settlement)[-1][0] == "fail"


# --- the migration: every existing row gets a history ----------------------------------------------------

def test_the_migration_gives_every_row_a_history_ending_in_its_state(world, period, covered, staff,
                                                                     django_capture_on_commit_callbacks):
    settlement, _approver = _settled(world, period, covered, staff, django_capture_on_commit_callbacks)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=period, kind="second")
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="SP-1")
    draft = factories.make_period(world, number=24, status=Period.Status.DRAFT)
    names = [f.name for f in (PERIOD_FLOW, SETTLEMENT_FLOW, BATCH_FLOW, SECOND_PAYOUT_FLOW)]
    WorkflowLog.objects.filter(workflow__in=names).delete()  # as before the kit: no history at all
    counts = {m: m.objects.count() for m in (Period, Settlement, PayoutBatch, SecondPayout, Claim)}
    migration = importlib.import_module("gonghui.mutual_aid.migrations.0005_workflow_history")
    migration.forwards(apps, None)
    assert {m: m.objects.count() for m in counts} == counts  # every row kept
    for model, flow in ((Period, PERIOD_FLOW), (Settlement, SETTLEMENT_FLOW), (PayoutBatch, BATCH_FLOW),
                        (SecondPayout, SECOND_PAYOUT_FLOW)):
        for obj in model.objects.all():
            steps = _steps(flow, obj)
            assert steps and steps[0][0] == "create", (model, obj.pk)
            assert steps[-1][2] == getattr(obj, flow.state_field), (model, obj.pk, steps)
    assert _steps(SETTLEMENT_FLOW, settlement) == [("create", "", "running"), ("compute", "running", "review"),
                                                   ("approve", "review", "approved")]
    assert _steps(PERIOD_FLOW, draft) == [("create", "", "draft")]
    assert [s[0] for s in _steps(PERIOD_FLOW, period)] == ["create", RECORDED, "settle"]
    assert [s[0] for s in _steps(BATCH_FLOW, batch)] == ["create", "export", "mark"]
    created = BATCH_FLOW.history(batch).get(transition="create")
    assert created.at == batch.created_at and created.actor_id == batch.created_by_id  # the step's own time
    migration.backwards(apps, None)
    assert not WorkflowLog.objects.filter(workflow__in=names).exists()


# --- pages and API ---------------------------------------------------------------------------------------

def test_history_on_the_staff_pages_and_in_the_api(world, client, covered, staff):
    claim = _approved(world, staff, covered["张伟"])
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    sign_in(client, staff["cashier"])
    page = client.get(reverse("mutual_aid:batch_detail", args=[batch.pk])).content.decode()
    assert 'data-testid="history"' in page and 'data-state="exported"' in page
    answer = client.get(f"/api/v1/mutual-aid/payout-batches/{batch.pk}/history").json()
    assert [step["transition"] for step in answer] == ["create", "export"]
    sign_in(client, world.user("province_admin"))
    page = client.get(reverse("mutual_aid:period_detail", args=[claim.period_id])).content.decode()
    assert 'data-testid="history"' in page
    answer = client.get(f"/api/v1/mutual-aid/periods/{claim.period_id}/history").json()
    assert answer and answer[0]["transition"] == "create"
    sign_in(client, world.user("sibling_officer"))
    assert client.get(f"/api/v1/mutual-aid/payout-batches/{batch.pk}/history").status_code == 404


def test_a_period_is_closed_through_the_transition_route_by_its_manager_only(world, client, period):
    sign_in(client, world.user("county_officer"))
    url = f"/api/v1/mutual-aid/periods/{period.pk}/transitions/close"
    assert client.post(url, {}, content_type="application/json").status_code == 404
    sign_in(client, world.user("province_admin"))
    settle = client.post(f"/api/v1/mutual-aid/periods/{period.pk}/transitions/settle", {},
                         content_type="application/json")
    assert settle.status_code == 422  # taken by the settlement's approval only
    answer = client.post(url, {"comment": "年度结束"}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "closed"
