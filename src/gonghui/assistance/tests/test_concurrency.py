"""Under concurrent entry and concurrent approvals (threads, real transactions): one person in one active file,
and the fund never below zero. Meaningful on PostgreSQL (row locks, the partial unique index under concurrent
inserts); SQLite serialises writers, where the same tests pass trivially."""

from decimal import Decimal

import pytest
from tests.test_concurrency import race

from gonghui.assistance import services
from gonghui.assistance.errors import FundInsufficient, PersonInAnotherFile
from gonghui.assistance.models import AidRecord, Fund, HouseholdMember
from gonghui.core.models import User
from gonghui.members.models import Person

from .factories import make_file, make_fund

pytestmark = pytest.mark.django_db(transaction=True)


def _user(name):
    return User.objects.get(username=name)  # a fresh instance per thread: grants are cached on it


def test_the_same_person_entered_twice_at_once_gets_one_file(world):
    person = Person.objects.get(user__username="worker")
    other = Person.objects.get(name="李娜")
    child = {"name": "同一孩子", "relation": "child", "id_number": "530102201201010016"}

    def enter(head):
        return lambda: services.file_open(actor=_user("grassroots_officer"), org=world.wuhua_union,
                                          person=Person.objects.get(pk=head.pk), county_code="530102",
                                          members=[child])

    for _round in range(3):
        results = race(enter(person), enter(other))
        made = [r for r in results if not isinstance(r, Exception)]
        assert len(made) == 1, results
        assert all(isinstance(r, PersonInAnotherFile) for r in results if isinstance(r, Exception)), results
        assert HouseholdMember.objects.filter(name="同一孩子", active=True).count() == 1
        HouseholdMember.objects.filter(file=made[0]).update(active=False)


def test_concurrent_approvals_never_overdraw_the_fund(world):
    fund = make_fund(world.wuhua_union, balance=Decimal("2500.00"))
    aids = []
    for i in range(4):
        file = make_file(world.wuhua_union, f"并发户{i}", state="filed")
        aids.append(services.aid_propose(actor=_user("grassroots_officer"), file=file, fund=fund, kind="living",
                                         amount="1000.00"))

    def approve(aid):
        return lambda: services.aid_approve(actor=_user("county_officer"), aid=AidRecord.objects.get(pk=aid.pk))

    results = race(*(approve(a) for a in aids))
    approved = [r for r in results if not isinstance(r, Exception)]
    assert len(approved) == 2, results
    assert all(isinstance(r, FundInsufficient) for r in results if isinstance(r, Exception)), results
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("500.00")
    assert AidRecord.objects.filter(state="approved").count() == 2


def test_double_approval_of_one_record_takes_the_money_once(world):
    fund = make_fund(world.wuhua_union, balance=Decimal("5000.00"))
    aid = services.aid_propose(actor=_user("grassroots_officer"), file=make_file(world.wuhua_union, state="filed"),
                               fund=fund, kind="living", amount="1000.00")

    def approve():
        return services.aid_approve(actor=_user("county_officer"), aid=AidRecord.objects.get(pk=aid.pk))

    results = race(approve, approve, approve)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1, results
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("4000.00")
