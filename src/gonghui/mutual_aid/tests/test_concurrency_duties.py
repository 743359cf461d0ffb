"""The second person's decisions under concurrency (issue 19 §4): two reviewers approving one bank account change
at once, and two security administrators approving one grant of a money role at once, decide once. Real threads
and transactions (meant for PostgreSQL; SQLite serialises the writers)."""

import pytest
from tests.fixtures import make_user

from gonghui.core.errors import Conflict
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import BankAccountChange, Claim
from gonghui.orgs import services as org_services

from . import factories
from .test_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_reviewers_approving_one_bank_change_decide_once(world):
    from gonghui.members.models import Person

    period = factories.make_period(world, number=22)
    person = Person.objects.get(name="张伟")
    factories.enrol(person, period)
    reviewers = [make_user(f"bank_reviewer{i}", roles=[(world.wuhua, "mutual_aid_reviewer")]) for i in range(2)]
    cashier = make_user("bank_cashier", roles=[(world.wuhua, "mutual_aid_cashier")])
    claim = factories.file_claim(world.user("worker"), person)
    services.claim_start_review(actor=reviewers[0], claim=claim)
    services.claim_approve(actor=reviewers[0], claim=claim)
    batch = services.payout_batch_create(actor=cashier, org=world.wuhua, period=period)
    services.payout_batch_export(actor=cashier, batch=batch)
    services.payout_batch_mark(actor=cashier, batch=batch, bank_reference="R", failures={claim.pk: "销户"})
    claim.refresh_from_db()
    services.claim_requeue(actor=cashier, claim=claim, bank_account="6217000011112222333")
    change = BankAccountChange.objects.get()
    results = race([lambda r=r: services.bank_change_approve(actor=r, change=BankAccountChange.objects.get(
        pk=change.pk)) for r in reviewers])
    assert sum(isinstance(r, BankAccountChange) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert Claim.objects.get(pk=claim.pk).bank_account_tail == "2333"


def test_two_approvals_of_one_grant_at_once_grant_once(world):
    asker = make_user("race_security", roles=[(world.province, "security_admin")])
    approvers = [make_user(f"race_security{i}", roles=[(world.province, "security_admin")]) for i in range(2)]
    request = org_services.role_grant(actor=asker, user=world.user("staff_no_role"), org=world.wuhua,
                                      role="mutual_aid_cashier")
    results = race([lambda a=a: org_services.role_request_approve(actor=a, request=request) for a in approvers])
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert sum(not isinstance(r, Exception) for r in results) == 1
    from gonghui.core import scope

    assert len([g for g in scope.all_grants(world.user("staff_no_role")) if g.role.code == "mutual_aid_cashier"]) == 1
