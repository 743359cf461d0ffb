"""The case from intake to closure: decisions, the clock, assignment, closure rules, rating, notifications."""

import datetime
from decimal import Decimal

import pytest
from tests.fixtures import make_user

from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEvent, Message
from gonghui.rights import errors, selectors, services
from gonghui.rights.models import Holiday, LegalCase, SlaPause
from gonghui.rights.tests import factories
from gonghui.rights.workflows import CASE_FLOW

pytestmark = pytest.mark.django_db


def _intake(world, officer, **extra):
    data = {"channel": "walk_in", "dispute_type": "wage_arrears", "summary": "工地拖欠三个月工资",
            "employer_name": "五华测试建筑有限公司", "employer_credit_code": factories.CREDIT_CODE,
            "amount_claimed": "18,600.50"}
    data.update(extra)
    return services.case_create(actor=officer, org=world.wuhua_union, person=factories.worker_person(world), **data)


def test_intake_numbers_the_case_and_starts_the_clock(world, officer):
    case = _intake(world, officer)
    assert case.reference.startswith(f"WQ{datetime.date.today().year}")
    assert case.amount_claimed == Decimal("18600.50") and case.state == "submitted"
    assert case.decision_due is not None and case.decision_due > case.submitted_on
    assert [h.transition for h in CASE_FLOW.history(case)] == ["create"]
    assert AuditEvent.objects.filter(action="rights.case_create").exists()


def test_intake_refuses_bad_credit_code_and_missing_court_details(world, officer):
    with pytest.raises(errors.CreditCodeInvalid):
        _intake(world, officer, employer_credit_code="123")
    with pytest.raises(errors.CourtDetailsMissing):
        _intake(world, officer, channel="court")


def test_holiday_moves_the_deadline(world, officer):
    monday = datetime.date(2026, 11, 30)
    plain = _intake(world, officer, submitted_on=monday)
    assert plain.decision_due == datetime.date(2026, 12, 7)
    Holiday.objects.create(date=datetime.date(2026, 12, 2), name="测试假日")
    later = _intake(world, officer, submitted_on=monday)
    assert later.decision_due == datetime.date(2026, 12, 8)


def test_waiting_for_the_worker_pauses_and_the_worker_resumes_with_papers(world, officer):
    case = _intake(world, officer)
    services.case_ask_worker(actor=officer, case=case, comment="请补充工资条")
    case.refresh_from_db()
    assert case.state == "waiting" and case.decision_due is None
    assert SlaPause.objects.filter(case=case, ended_on__isnull=True).exists()
    services.paper_add(actor=world.user("worker"), case=case, upload=factories.png_upload())
    case.refresh_from_db()
    assert case.state == "review" and case.decision_due is not None
    assert not SlaPause.objects.filter(case=case, ended_on__isnull=True).exists()


def test_refusal_needs_a_coded_reason_and_tells_the_worker(world, officer):
    case = _intake(world, officer)
    with pytest.raises(errors.RefusalReasonMissing):
        services.case_refuse(actor=officer, case=case, reason="")
    services.case_refuse(actor=officer, case=case, reason="time_barred", comment="已超过仲裁时效")
    case.refresh_from_db()
    assert case.state == "refused" and case.refusal_reason == "time_barred" and case.decided_in_time
    assert Message.objects.filter(recipient=world.user("worker"), event="rights.case_step").exists()


def test_full_path_to_closure_with_money(world, officer, lawyer):
    user, worker = lawyer
    case = _intake(world, officer)
    services.case_accept(actor=officer, case=case)
    services.case_assign(actor=officer, case=case, case_worker=worker)
    case = selectors.case_get(user, case.pk)  # the lawyer now sees it
    assert Message.objects.filter(recipient=user, event="rights.case_assigned").exists()
    services.case_start(actor=user, case=case)
    services.activity_add(actor=user, case=case, kind="call", note="联系用人单位")
    with pytest.raises(errors.RecoveredAmountMissing):
        services.case_close(actor=user, case=case, outcome="agreement")
    with pytest.raises(errors.OutcomeNotAllowed):
        services.case_close(actor=user, case=case, outcome="judgment_won", amount_recovered="1", reached_worker=True)
    with pytest.raises(errors.ClosingPaperMissing):
        services.case_close(actor=user, case=case, outcome="agreement", amount_recovered="18000", reached_worker=True)
    services.paper_add(actor=user, case=case, upload=factories.png_upload("agreement.png"), kind="rights.closing")
    services.case_close(actor=user, case=case, outcome="agreement", amount_recovered="18,000.00",
                        reached_worker=True, comment="达成调解协议")
    case.refresh_from_db()
    assert case.state == "closed" and case.amount_recovered == Decimal("18000.00") and case.reached_worker
    services.case_rate(actor=world.user("worker"), case=case, rating=5, comment="很好")
    with pytest.raises(errors.AlreadyRated):
        services.case_rate(actor=world.user("worker"), case=case, rating=4)
    services.case_reopen(actor=officer, case=case, comment="未按期付款")
    case.refresh_from_db()
    assert case.state == "in_progress"


def test_only_the_assigned_lawyer_works_the_case(world, officer, lawyer):
    user, worker = lawyer
    other = make_user("other_lawyer", roles=[(world.wuhua, "rights_case_worker")])
    case = factories.make_case(world, state="accepted")
    services.case_assign(actor=officer, case=case, case_worker=worker)
    with pytest.raises(NotFound):
        selectors.case_get(other, case.pk)
    with pytest.raises(NotFound):
        services.case_start(actor=other, case=case)
    with pytest.raises(NotFound):
        services.case_assign(actor=world.user("sibling_officer"), case=case, case_worker=worker)
    with pytest.raises((NotFound, PermissionDenied)):  # no rights.view: the gate answers as out of sight
        services.case_accept(actor=user, case=case)


def test_mediator_cannot_close_litigation(world, officer, mediator):
    user, worker = mediator
    case = factories.make_case(world, state="accepted", case_type="litigation")
    services.case_assign(actor=officer, case=case, case_worker=worker)
    with pytest.raises(errors.RoleCannotClose):
        services.case_close(actor=user, case=case, outcome="withdrawn")


def test_caseload_limit(world, officer):
    user = make_user("busy_lawyer", roles=[(world.wuhua, "rights_case_worker")])
    worker = factories.make_case_worker(world.wuhua, user, max_open=1)
    services.case_assign(actor=officer, case=factories.make_case(world, state="accepted"), case_worker=worker)
    with pytest.raises(errors.CaseWorkerUnavailable):
        services.case_assign(actor=officer, case=factories.make_case(world, state="accepted"), case_worker=worker)


def test_double_accept_moves_once(world, officer):
    case = _intake(world, officer)
    stale = LegalCase.objects.get(pk=case.pk)
    services.case_accept(actor=officer, case=case)
    with pytest.raises(InvalidTransition):
        services.case_accept(actor=officer, case=stale)
    assert CASE_FLOW.history(case).filter(transition="accept").count() == 1


def test_worker_files_their_own_case(world):
    worker_user = world.user("worker")
    person = factories.worker_person(world)
    case = services.case_create(actor=worker_user, org=person.current_org, person=person, channel="phone",
                                dispute_type="overtime", summary="加班费没有发放", employer_name="某快递公司",
                                for_worker=True, papers=[factories.png_upload()])
    assert case.channel == "mobile" and case.org_id == world.wuhua_union.pk
    assert len(selectors.my_papers(case, worker_user)) == 1
    with pytest.raises(ValidationFailed):
        services.case_create(actor=worker_user, org=person.current_org, person=person, channel="mobile",
                             dispute_type="overtime", summary="短", employer_name="某公司", for_worker=True)
    from gonghui.members.models import Person

    with pytest.raises(ValidationFailed):  # someone else's name
        services.case_create(actor=worker_user, org=person.current_org, person=Person.objects.get(name="李娜"),
                             channel="mobile", dispute_type="overtime", summary="加班费没有发放",
                             employer_name="某公司", for_worker=True)


def test_employers_view_counts_across_the_province(world, officer):
    factories.make_case(world, credit_code=factories.CREDIT_CODE)
    from gonghui.members.models import Person

    other = Person.objects.get(name="王芳")
    factories.make_case(world, org=world.panlong_union, person=other, credit_code=factories.CREDIT_CODE)
    rows = list(selectors.employers(officer))
    assert rows[0]["employer_credit_code"] == factories.CREDIT_CODE and rows[0]["cases"] == 2
    assert rows[0]["orgs"] == 2


def test_hardship_signals_offer_wage_arrears_and_injuries(world, officer):
    wage = factories.make_case(world, dispute_type="wage_arrears")
    injury = factories.make_case(world, dispute_type="work_injury")
    factories.make_case(world, dispute_type="overtime")
    factories.make_case(world, dispute_type="wage_arrears", state="refused", refusal_reason="not_labour")
    assert set(selectors.hardship_signals(officer).values_list("pk", flat=True)) == {wage.pk, injury.pk}
    assert not selectors.hardship_signals(world.user("sibling_officer")).exists()
