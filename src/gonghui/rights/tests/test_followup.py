"""Court + union mediation closes the loop in the case; payment follow-up reminds, records money, reopens."""

import datetime
from decimal import Decimal

import pytest

from gonghui.core.errors import InvalidTransition
from gonghui.core.models import Message
from gonghui.rights import errors, selectors, services
from gonghui.rights.models import Instalment
from gonghui.rights.tests import factories

pytestmark = pytest.mark.django_db


def _court_case(world, officer, worker):
    case = services.case_create(actor=officer, org=world.wuhua_union, person=factories.worker_person(world),
                                channel="court", dispute_type="wage_arrears", summary="法院委托调解的欠薪纠纷",
                                employer_name="五华测试建筑有限公司", amount_claimed="30000",
                                court_name="五华区人民法院", court_case_number="(2026)云0102民初88号",
                                court_deadline=datetime.date(2027, 1, 15))
    services.case_accept(actor=officer, case=case)
    services.case_assign(actor=officer, case=case, case_worker=worker)
    return case


def test_court_referral_agreement_and_judicial_confirmation(world, officer, mediator):
    user, worker = mediator
    case = _court_case(world, officer, worker)
    mediation = selectors.mediation_of(case)
    assert mediation.state == "referred"
    services.mediation_begin(actor=user, mediation=mediation)
    with pytest.raises(errors.MediationOpen):
        services.case_close(actor=user, case=case, outcome="agreement", amount_recovered="28000",
                            reached_worker=False)
    services.mediation_agree(actor=user, mediation=mediation, points_in_dispute="欠薪数额与加班费",
                             agreement_terms="分三期支付28000元", agreed_amount="28,000.00")
    assert mediation.feedback_on == datetime.date.today() and mediation.agreed_amount == Decimal("28000.00")
    services.mediation_confirm(actor=user, mediation=mediation, confirmation_number="(2026)云0102民特12号")
    services.paper_add(actor=user, case=case, upload=factories.png_upload("ruling.png"), kind="rights.closing")
    with pytest.raises(errors.OutcomeNotAllowed):  # confirmed: the outcome is the agreement
        services.case_close(actor=user, case=case, outcome="mediation_failed")
    services.case_close(actor=user, case=case, outcome="agreement", amount_recovered="28000", reached_worker=False)
    case.refresh_from_db()
    assert case.state == "closed" and selectors.mediation_of(case).state == "confirmed"


def test_court_referral_returned_to_the_court(world, officer, mediator):
    user, worker = mediator
    case = _court_case(world, officer, worker)
    mediation = selectors.mediation_of(case)
    services.mediation_begin(actor=user, mediation=mediation)
    services.mediation_give_back(actor=user, mediation=mediation, points_in_dispute="是否存在劳动关系",
                                 return_reason="用人单位拒绝调解")
    with pytest.raises(InvalidTransition):
        services.mediation_agree(actor=user, mediation=mediation, points_in_dispute="x" * 3,
                                 agreement_terms="y" * 3, agreed_amount="1")
    services.paper_add(actor=user, case=case, upload=factories.png_upload("feedback.png"), kind="rights.closing")
    services.case_close(actor=user, case=case, outcome="mediation_failed")
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "mediation_failed"


def _closed_with_agreement(world, officer, lawyer):
    user, worker = lawyer
    case = factories.make_case(world, state="accepted")
    services.case_assign(actor=officer, case=case, case_worker=worker)
    services.paper_add(actor=user, case=case, upload=factories.png_upload(), kind="rights.closing")
    services.case_close(actor=user, case=case, outcome="agreement", amount_recovered="9000", reached_worker=False)
    return user, case


def test_schedule_reminders_payment_and_failure_reopens(world, officer, lawyer):
    user, case = _closed_with_agreement(world, officer, lawyer)
    today = datetime.date.today()
    first, second = services.schedule_set(actor=user, case=case, instalments=[
        (today + datetime.timedelta(days=2), "3000"), (today + datetime.timedelta(days=40), "6000")])
    sent = services.send_reminders(day=today)
    assert sent["instalments"] == 1
    assert services.send_reminders(day=today)["instalments"] == 0  # once
    assert Message.objects.filter(recipient=world.user("worker"), event="rights.payment_due").count() == 1
    assert Message.objects.filter(recipient=user, event="rights.payment_due_staff").count() == 1
    services.instalment_pay(actor=user, instalment=first, received_amount="3,000.00")
    with pytest.raises(InvalidTransition):  # a double submit records the money once
        services.instalment_pay(actor=user, instalment=Instalment.objects.get(pk=first.pk), received_amount="3000")
    assert services.received_total(case) == Decimal("3000.00")
    services.instalment_fail(actor=user, instalment=second, comment="用人单位未按期支付")
    case.refresh_from_db()
    assert case.state == "in_progress" and case.reached_worker is False


def test_all_paid_means_the_money_reached_the_worker(world, officer, lawyer):
    user, case = _closed_with_agreement(world, officer, lawyer)
    (only,) = services.schedule_set(actor=user, case=case, instalments=[(datetime.date.today(), "9000")])
    services.instalment_pay(actor=user, instalment=only, received_amount="9000")
    case.refresh_from_db()
    assert case.reached_worker is True


def test_schedule_needs_a_basis(world, officer, lawyer):
    user, worker = lawyer
    case = factories.make_case(world, state="accepted")
    services.case_assign(actor=officer, case=case, case_worker=worker)
    with pytest.raises(Exception) as info:
        services.schedule_set(actor=user, case=case, instalments=[(datetime.date.today(), "100")])
    assert getattr(info.value, "code", "") == "rights_schedule_no_basis"


def test_activity_reminder(world, officer, lawyer):
    user, worker = lawyer
    case = factories.make_case(world, state="accepted")
    services.case_assign(actor=officer, case=case, case_worker=worker)
    services.activity_add(actor=user, case=case, kind="hearing", note="开庭", remind_on=datetime.date.today())
    assert services.send_reminders()["activities"] == 1
    assert Message.objects.filter(recipient=user, event="rights.activity_due").count() == 1


def _text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_letters_contain_the_facts(world, officer, mediator):
    from django.utils import translation

    from gonghui.core.errors import NotFound

    user, worker = mediator
    case = _court_case(world, officer, worker)
    mediation = selectors.mediation_of(case)
    with translation.override("zh-hans"):
        data, _name = services.letter_make(user=officer, case=case, kind="assignment")
        text = _text(data)
        assert case.reference in text and "王调解员" in text and "五华测试建筑有限公司" in text
        assert "张伟" not in text  # the worker's name is masked on letters
        with pytest.raises(NotFound):
            services.letter_make(user=officer, case=case, kind="feedback")  # no feedback yet
        services.mediation_begin(actor=user, mediation=mediation)
        services.mediation_give_back(actor=user, mediation=mediation, points_in_dispute="是否存在劳动关系",
                                     return_reason="用人单位拒绝调解")
        text = _text(services.letter_make(user=user, case=case, kind="feedback")[0])
        assert "(2026)云0102民初88号" in text and "是否存在劳动关系" in text and "用人单位拒绝调解" in text
    refused = factories.make_case(world)
    services.case_refuse(actor=officer, case=refused, reason="time_barred")
    with translation.override("zh-hans"):
        data, _name = services.letter_make(user=world.user("worker"), case=refused, kind="refusal", for_worker=True)
    assert refused.reference in _text(data)
