"""Aid: yearly limits by kind, three people for money, the fund's balance, a second approval refused."""

from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.errors import FileNotFiled, FundInsufficient, SamePerson, YearlyLimitExceeded
from gonghui.assistance.models import AidRecord, Fund
from gonghui.core.errors import InvalidTransition, NotFound
from gonghui.core.models import Message
from gonghui.members.models import Person

from .factories import make_file, make_fund

pytestmark = pytest.mark.django_db


def propose(world, file, fund, amount="1000.00", kind="living"):
    return services.aid_propose(actor=world.user("grassroots_officer"), file=file, fund=fund, kind=kind,
                                amount=amount)


def test_proposed_approved_paid_by_three_people(world):
    file = make_file(world.wuhua_union, state="filed", person=Person.objects.get(user=world.user("worker")))
    fund = make_fund(world.wuhua_union, balance=Decimal("5000.00"))
    aid = propose(world, file, fund)
    own = services.aid_propose(actor=world.user("county_officer"), file=file, fund=fund, kind="medical",
                               amount="10.00")
    with pytest.raises(SamePerson):
        services.aid_approve(actor=world.user("county_officer"), aid=own)
    services.aid_approve(actor=world.user("county_officer"), aid=aid)
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("4000.00")
    with pytest.raises(SamePerson):
        services.aid_pay(actor=world.user("county_officer"), aid=aid)
    services.aid_pay(actor=world.user("province_admin"), aid=aid)
    aid.refresh_from_db()
    assert aid.state == "paid" and aid.paid_by == world.user("province_admin")
    assert Message.objects.filter(event="assistance.aid_step").count() == 2


def test_second_approval_is_refused_and_takes_nothing(world):
    file = make_file(world.wuhua_union, state="filed")
    fund = make_fund(world.wuhua_union, balance=Decimal("5000.00"))
    aid = propose(world, file, fund)
    stale = AidRecord.objects.get(pk=aid.pk)
    services.aid_approve(actor=world.user("county_officer"), aid=aid)
    with pytest.raises(InvalidTransition):
        services.aid_approve(actor=world.user("province_admin"), aid=stale)
    assert Fund.objects.get(pk=fund.pk).balance == Decimal("4000.00")


def test_fund_must_cover_the_amount(world):
    file = make_file(world.wuhua_union, state="filed")
    fund = make_fund(world.wuhua_union, balance=Decimal("999.99"))
    aid = propose(world, file, fund)
    with pytest.raises(FundInsufficient):
        services.aid_approve(actor=world.user("county_officer"), aid=aid)
    aid.refresh_from_db()
    assert aid.state == "proposed" and Fund.objects.get(pk=fund.pk).balance == Decimal("999.99")


def test_yearly_limit_per_kind(world):
    file = make_file(world.wuhua_union, state="filed")
    fund = make_fund(world.wuhua_union, balance=Decimal("50000.00"))
    propose(world, file, fund, "5000.00")
    with pytest.raises(YearlyLimitExceeded):
        propose(world, file, fund, "1000.01")
    propose(world, file, fund, "1000.00")
    propose(world, file, fund, "1000.00", kind="medical")  # another kind has its own limit


def test_aid_only_to_filed_households_in_scope(world):
    fund = make_fund(world.wuhua_union)
    with pytest.raises(FileNotFiled):
        propose(world, make_file(world.wuhua_union, state="notice"), fund)
    outside = make_file(world.panlong_union, "盘龙户", county="530103", state="filed")
    with pytest.raises(NotFound):
        propose(world, outside, fund)
    with pytest.raises(NotFound):
        services.aid_propose(actor=world.user("worker"), file=make_file(world.wuhua_union, "钱户", state="filed"),
                             fund=fund, kind="living", amount="10")
