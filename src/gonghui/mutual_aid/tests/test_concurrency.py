"""Money under concurrency: 20 threads approving one person's claims never pass the period's cap; two
reviewers approving one claim at once give one approval; two cashiers batching at once pay each claim once.
Real threads and transactions (PostgreSQL; SQLite serialises writers, so the same code path is exercised there
too, one writer at a time)."""

import itertools
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from tests.fixtures import make_user

from gonghui.core.errors import ApplicationError
from gonghui.core.models import Message, User
from gonghui.members.models import Person
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Claim, ClaimInvoice, Payout, PersonAccount
from gonghui.mutual_aid.services.periods import plan_in_force

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 20
REPETITIONS = 5
_invoice = itertools.count(1)


def race(calls) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # the outcome under test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return results


def _claims_under_review(person, period, filer, reviewer, count: int, self_paid: Decimal) -> list[int]:
    """Claims ready for approval, written straight to the database (the race is the subject, not filing)."""
    enrolment = period.enrolments.get(person=person)
    version = plan_in_force(period, period.coverage_start)
    today = timezone.localdate()
    ids = []
    for _ in range(count):
        claim = Claim.objects.create(
            org=enrolment.org, period=period, person=person, enrolment=enrolment, benefit_type="inpatient",
            hospital="云南省第一人民医院", admission_date=today - timezone.timedelta(days=20),
            discharge_date=today - timezone.timedelta(days=10), diagnosis="骨折", total_cost=self_paid * 2,
            insurance_paid=self_paid, self_paid=self_paid, bank_account="6222020200112233445",
            bank_account_tail="3445", state=Claim.State.UNDER_REVIEW, plan_version=version, filed_by=filer,
            reviewed_by=reviewer, submitted_at=timezone.now())
        ClaimInvoice.objects.create(claim=claim, number=f"RACE{next(_invoice):08d}", hospital_key="H")
        ids.append(claim.pk)
    return ids


def _user(username):
    return User.objects.get(username=username)  # a fresh object per thread: grants are cached on it


@pytest.fixture
def race_world(world):
    period = factories.make_period(world, number=22)
    person = Person.objects.get(name="张伟")
    factories.enrol(person, period)
    make_user("race_reviewer", roles=[(world.wuhua, "mutual_aid_reviewer")])
    make_user("race_reviewer2", roles=[(world.wuhua, "mutual_aid_reviewer")])
    make_user("race_cashier", roles=[(world.wuhua, "mutual_aid_cashier")])
    make_user("race_cashier2", roles=[(world.wuhua, "mutual_aid_cashier")])
    return period, person


def test_twenty_approvals_at_once_never_pass_the_cap(world, race_world):
    period, person = race_world
    cap = plan_in_force(period, period.coverage_start).rules.benefit("inpatient").cap_per_period
    filer = world.user("grassroots_officer")
    for repetition in range(REPETITIONS):
        PersonAccount.objects.filter(person=person).delete()
        Claim.objects.filter(person=person).update(state=Claim.State.REJECTED)
        ClaimInvoice.objects.update(released=True)
        # 20 claims of 9,500 self-paid: 5,500 × 0.5 + … each well under the cap, together far above it
        ids = _claims_under_review(person, period, filer, _user("race_reviewer"), THREADS, Decimal("9500.00"))

        def approve(claim_id):
            return lambda: services.claim_approve(actor=_user("race_reviewer"), claim=Claim.objects.get(pk=claim_id))

        results = race([approve(i) for i in ids])
        unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, ApplicationError)]
        assert not unexpected, unexpected
        approved = Claim.objects.filter(pk__in=ids, state=Claim.State.APPROVED)
        total = sum((c.approved_amount for c in approved), Decimal("0"))
        account = PersonAccount.objects.get(person=person, period=period, benefit_type="inpatient")
        assert total <= cap, (repetition, total)
        assert account.used == total, (repetition, account.used, total)
        assert total == cap  # the claims ask for more than the cap: it is used up exactly
        for claim in approved:
            assert Decimal(claim.calculation["remaining_after"]) >= 0


def test_two_reviewers_approving_one_claim_give_one_approval(world, race_world):
    period, person = race_world
    filer = world.user("grassroots_officer")
    for _ in range(REPETITIONS):
        PersonAccount.objects.filter(person=person).delete()
        (claim_id,) = _claims_under_review(person, period, filer, _user("race_reviewer"), 1, Decimal("3000.00"))

        def approve(username, claim_id=claim_id):
            return lambda: services.claim_approve(actor=_user(username), claim=Claim.objects.get(pk=claim_id))

        results = race([approve("race_reviewer"), approve("race_reviewer2"), approve("race_reviewer")])
        assert sum(isinstance(r, Claim) for r in results) >= 1
        claim = Claim.objects.get(pk=claim_id)
        account = PersonAccount.objects.get(person=person, period=period, benefit_type="inpatient")
        assert claim.state == Claim.State.APPROVED and account.used == claim.approved_amount
        assert account.claims_approved == 1
        assert services.claims.CLAIM_FLOW.history(claim).filter(transition="approve").count() == 1
        # the claimant is told once, however many clicks raced (and the SMS went out once)
        told = Message.objects.filter(event="mutual_aid.claim_approved", object_id=str(claim_id))
        assert told.count() == 1 and told.get().sms_status == Message.Sms.SENT
        Claim.objects.filter(pk=claim_id).update(state=Claim.State.REJECTED)


def test_two_cashiers_batching_at_once_pay_each_claim_once(world, race_world):
    period, person = race_world
    filer = world.user("grassroots_officer")
    for _ in range(REPETITIONS):
        PersonAccount.objects.filter(person=person).delete()
        ids = _claims_under_review(person, period, filer, _user("race_reviewer"), 3, Decimal("1500.00"))
        for claim_id in ids:
            services.claim_approve(actor=_user("race_reviewer"), claim=Claim.objects.get(pk=claim_id))

        def batch(username):
            return lambda: services.payout_batch_create(actor=_user(username), org=world.wuhua, period=period)

        race([batch("race_cashier"), batch("race_cashier2")])
        for claim_id in ids:
            assert Payout.objects.filter(claim_id=claim_id).exclude(status="failed").count() == 1
            assert Claim.objects.get(pk=claim_id).state == Claim.State.IN_BATCH
