"""Period settlement as a background job: totals, second-payout candidates from the surplus, review, settled."""

from decimal import Decimal

import pytest
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core.indicators import indicator_value
from gonghui.core.models import Job
from gonghui.members.models import Person
from gonghui.mutual_aid import selectors, services
from gonghui.mutual_aid.errors import SeparationOfDuties, SettlementNotReady
from gonghui.mutual_aid.models import Claim, ContributionStatement, Period, Settlement

from . import factories

pytestmark = pytest.mark.django_db


def _paid_claim(world, staff, person, self_paid):
    claim = factories.file_claim(staff["filer"], person, self_paid=Decimal(self_paid),
                                 total_cost=Decimal(self_paid) * 2, insurance_paid=Decimal(self_paid))
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    if claim.state == "awaiting_second":
        services.claim_approve_second(actor=staff["senior"], claim=claim)
    return claim


def test_settlement_runs_as_a_job_and_closes_the_period(world, period, covered, staff,
                                                        django_capture_on_commit_callbacks):
    admin = world.user("province_admin")
    li = covered["李娜"]
    _paid_claim(world, staff, li, "90000.00")   # very large: the first payout leaves a lot self-paid
    _paid_claim(world, staff, covered["张伟"], "2000.00")
    # contributions far above the payouts: a surplus to share
    ContributionStatement.objects.filter(period=period).update(amount_paid=Decimal("200000.00"))
    with pytest.raises(SettlementNotReady):
        services.settlement_start(actor=admin, period=period)
    services.period_close(actor=admin, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        settlement = services.settlement_start(actor=admin, period=period)
    settlement.refresh_from_db()
    assert settlement.status == Settlement.Status.REVIEW, settlement.job.error_message
    assert settlement.job.status == Job.Status.SUCCEEDED and settlement.job.progress_done == 2
    totals = settlement.totals
    assert totals["claims"] == 2 and Decimal(totals["surplus"]) > 0
    assert totals["recheck"] == {"claims": 2, "differing": 0, "listed": []}
    candidates = list(settlement.candidates.all())
    assert [c.person_id for c in candidates] == [li.pk] and candidates[0].amount > 0
    with pytest.raises(SeparationOfDuties):
        services.settlement_approve(actor=admin, settlement=settlement)
    other = make_user("province_admin2", roles=[(world.province, "org_admin")])
    services.settlement_approve(actor=other, settlement=settlement)
    period.refresh_from_db()
    assert period.status == Period.Status.SETTLED
    assert selectors.settlement_for_period(period).status == Settlement.Status.APPROVED
    cover = (period.coverage_start, period.coverage_end)
    assert indicator_value("mutual_aid.periods_run", None, *cover, user=admin) == 1
    assert indicator_value("mutual_aid.periods_run", world.wuhua, *cover, user=admin) == 0  # held by the province


def test_indicators_count_paid_claims(world, period, covered, staff):
    claim = _paid_claim(world, staff, covered["张伟"], "3000.00")
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R1")
    claim.refresh_from_db()
    admin, today = world.user("province_admin"), timezone.localdate()
    assert indicator_value("mutual_aid.claims_paid", None, today, today, user=admin) == 1
    assert indicator_value("mutual_aid.payout_amount", None, today, today, user=admin) == claim.approved_amount
    assert indicator_value("mutual_aid.money_paid", None, today, today, user=admin) == claim.approved_amount
    assert indicator_value("mutual_aid.payout_amount", world.panlong, today, today, user=admin) == 0
    cover = (period.coverage_start, period.coverage_end)
    assert indicator_value("mutual_aid.enrolled_persons", None, *cover, user=admin) == 2
    yesterday = today - timezone.timedelta(days=1)
    assert indicator_value("mutual_aid.claims_paid", None, yesterday, yesterday, user=admin) == 0
    assert Person.objects.filter(name="张伟").exists()


def test_settlement_recomputes_every_amount_and_lists_what_differs(world, period, covered, staff,
                                                                    django_capture_on_commit_callbacks):
    """An amount changed outside the application (or approved against a reservation released later) is listed;
    the claims charged in approval order are recomputed in that order, so a person's capped claims agree."""
    admin = world.user("province_admin")
    li = covered["李娜"]
    amounts = [_paid_claim(world, staff, li, cost).approved_amount for cost in ("90000.00", "40000.00", "40000.00")]
    assert amounts == [Decimal("30000.00"), Decimal("23650.00"), Decimal("6350.00")]  # the cap per period binds
    third = _paid_claim(world, staff, covered["张伟"], "2000.00")
    Claim.objects.filter(pk=third.pk).update(approved_amount=third.approved_amount + 100)  # not by the app
    services.period_close(actor=admin, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        settlement = services.settlement_start(actor=admin, period=period)
    settlement.refresh_from_db()
    assert settlement.totals["recheck"] == {"claims": 4, "differing": 1, "listed": [
        {"claim": third.pk, "approved": str(third.approved_amount + 100), "recomputed": str(third.approved_amount)}]}
