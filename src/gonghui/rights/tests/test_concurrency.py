"""Two officers deciding the same request at once, or a payment recorded twice at the same moment: one outcome,
never two (threads, real transactions)."""

import datetime

import pytest
from tests.test_concurrency import race

from gonghui.core.errors import InvalidTransition
from gonghui.core.models import User
from gonghui.rights import services
from gonghui.rights.models import Instalment, LegalCase
from gonghui.rights.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_decisions_take_one(world):
    case = factories.make_case(world, state="review")

    def accept():
        return services.case_accept(actor=User.objects.get(username="county_officer"),
                                    case=LegalCase.objects.get(pk=case.pk))

    def refuse():
        return services.case_refuse(actor=User.objects.get(username="province_admin"),
                                    case=LegalCase.objects.get(pk=case.pk), reason="not_labour")

    results = race(accept, refuse, accept)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1
    assert all(isinstance(r, InvalidTransition) for r in results if isinstance(r, Exception)), results
    case.refresh_from_db()
    assert case.state in ("accepted", "refused")


def test_a_payment_recorded_twice_at_once_counts_once(world):
    case = factories.make_case(world, state="closed", outcome="agreement", amount_recovered="5000",
                               reached_worker=False)
    instalment = Instalment.objects.create(case=case, due_on=datetime.date.today(), amount="5000.00")

    def pay():
        return services.instalment_pay(actor=User.objects.get(username="county_officer"),
                                       instalment=Instalment.objects.select_related("case").get(pk=instalment.pk),
                                       received_amount="5000")

    results = race(pay, pay, pay)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1
    assert services.received_total(case) == 5000
