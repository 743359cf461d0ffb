"""The reviewer's buttons on a claim's page: each state's action, the refusals (403 in scope without the
permission, 404 out of scope), and a double-clicked approve that pays once and says so."""

from decimal import Decimal

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse

from gonghui.core.models import WorkflowLog
from gonghui.mutual_aid.models import Claim, PersonAccount
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db


def _post(client, name, claim, data=None):
    return client.post(reverse(f"mutual_aid:{name}", args=[claim.pk]), data or {})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_double_click_on_approve_pays_once_and_says_so(world, client, login, claims, staff):
    claim = claims["reviewing"]
    login(staff["reviewer"])
    first = _post(client, "claim_approve", claim)
    shown = [(m.level, str(m)) for m in get_messages(first.wsgi_request)]
    client.get(first["Location"])  # the claim's page shows (and so uses up) the message
    second = _post(client, "claim_approve", claim)  # the same form sent again
    assert first.status_code == second.status_code == 302
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED and claim.approved_by == staff["reviewer"]
    account = PersonAccount.objects.get(person=claim.person, period=claim.period, benefit_type=claim.benefit_type)
    assert account.used == claim.approved_amount and account.claims_approved == 1
    assert WorkflowLog.objects.filter(object_id=str(claim.pk), transition="approve").count() == 1
    assert shown == [(messages.SUCCESS, shown[0][1])] and str(claim.approved_amount) in shown[0][1]
    again = [(m.level, str(m)) for m in get_messages(second.wsgi_request)]
    assert len(again) == 1 and again[0][0] == messages.INFO  # "already approved: paid once"
    assert str(claim.approved_amount) in again[0][1]
    # another reviewer pressing approve now is told nothing was done
    login(world.user("county_officer"))
    third = _post(client, "claim_approve", claim)
    assert third.status_code == 302 and _messages(third)
    assert PersonAccount.objects.get(pk=account.pk).used == claim.approved_amount


def test_review_steps_from_submitted_to_approved(world, client, login, claims, staff):
    claim = claims["submitted"]
    login(staff["reviewer"])
    _post(client, "claim_start_review", claim)
    claim.refresh_from_db()
    assert claim.state == Claim.State.UNDER_REVIEW and claim.calculation
    _post(client, "claim_adjust", claim, {"amount": "1000.00", "reason": "部分费用不在报销范围"})
    claim.refresh_from_db()
    assert claim.adjustment == Decimal("1000.00")
    _post(client, "claim_approve", claim)
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED and claim.approved_amount == Decimal("1000.00")


def test_return_and_reject_need_a_reason(world, client, login, claims, staff):
    login(staff["reviewer"])
    claim = claims["reviewing"]
    response = _post(client, "claim_return", claim, {"note": ""})
    assert response.status_code == 302 and Claim.objects.get(pk=claim.pk).state == Claim.State.UNDER_REVIEW
    _post(client, "claim_return", claim, {"note": "请补充出院记录"})
    claim.refresh_from_db()
    assert claim.state == Claim.State.RETURNED and claim.return_note == "请补充出院记录"
    other = claims["submitted"]
    _post(client, "claim_reject", other, {"code": "other", "note": ""})
    assert Claim.objects.get(pk=other.pk).state == Claim.State.SUBMITTED
    _post(client, "claim_reject", other, {"code": "paid_elsewhere", "note": ""})
    other.refresh_from_db()
    assert other.state == Claim.State.REJECTED and other.rejection_code == "paid_elsewhere"


def test_the_filer_cannot_approve_their_own_claim(world, client, login, claims, staff):
    claim = claims["reviewing"]  # filed by the grassroots officer
    from tests.fixtures import make_user

    both = make_user("ma_both", roles=[(world.wuhua, "mutual_aid_reviewer"), (world.wuhua, "member_officer")])
    Claim.objects.filter(pk=claim.pk).update(filed_by=both)
    login(both)
    response = _post(client, "claim_approve", claim)
    assert response.status_code == 302 and _messages(response)
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.UNDER_REVIEW


def test_actions_refuse_without_permission_and_out_of_scope(world, client, login, claims):
    claim = claims["reviewing"]
    login(world.user("grassroots_officer"))  # sees the claim, may not review
    assert _post(client, "claim_approve", claim).status_code == 403
    assert _post(client, "claim_reject", claim, {"code": "other", "note": "x"}).status_code == 403
    login(world.user("sibling_officer"))  # another county
    for name in ("claim_approve", "claim_start_review", "claim_return", "claim_adjust", "claim_reject"):
        assert _post(client, name, claim, {"note": "x", "code": "other", "amount": "1", "reason": "x"}) \
            .status_code == 404, name
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.UNDER_REVIEW
    assert client.get(reverse("mutual_aid:claim_approve", args=[claim.pk])).status_code == 405


def test_a_large_claim_needs_the_second_approval_from_above(world, client, login, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"], self_paid=Decimal("40000.00"),
                                 total_cost=Decimal("60000.00"), insurance_paid=Decimal("20000.00"))
    login(staff["reviewer"])
    _post(client, "claim_start_review", claim)
    response = _post(client, "claim_approve", claim)
    claim.refresh_from_db()
    assert claim.state == Claim.State.AWAITING_SECOND
    assert any(str(claim.period.second_approval_above) in m for m in _messages(response))
    login(staff["senior"])
    page = client.get(reverse("mutual_aid:claim_detail", args=[claim.pk]))
    assert b'value="approve_second"' in page.content  # core/_transitions.html
    _post(client, "claim_approve_second", claim)
    again = _post(client, "claim_approve_second", claim)
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED and claim.second_approver == staff["senior"]
    assert _messages(again)


def test_the_claim_page_takes_its_steps_through_the_shared_partials(world, client, login, covered, staff):
    """core/_transitions.html posts {transition, comment} to claim_transition; core/_history.html shows the steps.
    A double click on approve approves once."""

    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    login(staff["reviewer"])
    page = client.get(reverse("mutual_aid:claim_detail", args=[claim.pk])).content.decode()
    assert 'data-testid="transitions"' in page and 'value="start_review"' in page and 'value="approve"' not in page
    assert 'data-testid="history"' in page and 'data-state="submitted"' in page
    url = reverse("mutual_aid:claim_transition", args=[claim.pk])
    client.post(url, {"transition": "start_review"})
    for _click in range(2):
        client.post(url, {"transition": "approve", "comment": "材料齐全"})
    claim.refresh_from_db()
    assert claim.state == Claim.State.APPROVED
    steps = list(WorkflowLog.objects.filter(workflow="mutual_aid_claim", object_id=str(claim.pk))
                 .values_list("transition", flat=True).order_by("id"))
    assert steps.count("approve") == 1
    assert WorkflowLog.objects.get(object_id=str(claim.pk), transition="approve").comment == "材料齐全"
    response = client.post(url, {"transition": "pay"}, follow=True)  # a batch's step: not taken here
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.APPROVED and response.status_code == 200
    login(world.user("sibling_officer"))
    assert client.post(url, {"transition": "start_review"}).status_code == 404
