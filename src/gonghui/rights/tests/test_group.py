"""Collective cases: a group of workers against one employer, split and merged, locked while edited."""

from decimal import Decimal

import pytest
from tests.fixtures import make_user

from gonghui.members.models import Person
from gonghui.members.tests.factories import make_person
from gonghui.rights import errors, selectors, services
from gonghui.rights.tests import factories

pytestmark = pytest.mark.django_db


def _group(world, officer, n=3):
    case = factories.make_case(world, credit_code=factories.CREDIT_CODE, claimed="5000")
    people = [make_person(world.wuhua_union, f"工友{i}", phone=f"1391234{i:04d}") for i in range(n)]
    for person in people:
        services.member_add(actor=officer, case=case, person=person, amount_claimed="4000")
    case.refresh_from_db()
    return case, people


def test_group_adds_up_and_refuses_a_worker_twice(world, officer):
    case, people = _group(world, officer)
    assert case.collective and case.workers_involved == 4 and case.amount_claimed == Decimal("17000.00")
    with pytest.raises(errors.GroupRuleBroken):
        services.member_add(actor=officer, case=case, person=people[0])
    other = factories.make_case(world, credit_code=factories.CREDIT_CODE)
    with pytest.raises(errors.GroupRuleBroken):  # already in an open case against this employer
        services.member_add(actor=officer, case=other, person=people[1])


def test_split_and_merge(world, officer):
    case, people = _group(world, officer)
    new = services.case_split(actor=officer, case=case, person_ids=[people[0].pk, people[1].pk])
    case.refresh_from_db()
    assert new.person_id == people[0].pk and new.workers_involved == 2 and new.amount_claimed == Decimal("8000.00")
    assert case.workers_involved == 2 and case.amount_claimed == Decimal("9000.00")
    assert [h.transition for h in selectors.history(new)][-1] == "split_from"
    with pytest.raises(errors.GroupRuleBroken):  # the applicant stays
        services.case_split(actor=officer, case=case, person_ids=[case.person_id])
    services.case_merge(actor=officer, case=new, into=case)
    new.refresh_from_db()
    case.refresh_from_db()
    assert new.state == "merged" and new.merged_into_id == case.pk
    assert case.workers_involved == 4 and case.amount_claimed == Decimal("17000.00")


def test_a_case_is_locked_while_someone_edits_it(world, officer):
    case, _people = _group(world, officer, n=1)
    other = make_user("second_officer", roles=[(world.wuhua, "rights_officer")])
    with pytest.raises(errors.CaseLocked):  # the first officer's lock is live
        services.member_add(actor=other, case=case, person=Person.objects.get(name="李娜"))
    services.case_unlock(actor=officer, case=case)
    services.member_add(actor=other, case=case, person=Person.objects.get(name="李娜"))
    assert selectors.lock_of(case.__class__.objects.get(pk=case.pk)) == other
