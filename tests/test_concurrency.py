"""Races on a person's membership: whatever runs at the same moment, a person keeps exactly one current
membership and at most one open transfer. Real threads, real transactions (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection

from gonghui.core.errors import Conflict, InvalidTransition
from gonghui.core.models import User
from gonghui.members import services
from gonghui.members.errors import AlreadyMember, TransferOpen
from gonghui.members.models import Membership, Person, Transfer

pytestmark = pytest.mark.django_db(transaction=True)
REPETITIONS = 10


def race(*calls) -> list:
    """Run the calls in threads released together by a barrier; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # the outcome under test, kept for the assertions
            results[index] = exc
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return results


def officer() -> User:
    """A fresh user object per thread: the scope caches grants on the instance."""
    return User.objects.get(username="province_admin")


def current_memberships(person: Person) -> list[Membership]:
    return list(Membership.objects.filter(person=person, status__in=Membership.CURRENT))


def assert_one_current_membership(person: Person) -> Membership:
    current = current_memberships(person)
    assert len(current) == 1, current
    person.refresh_from_db()
    assert person.current_org_id == current[0].org_id
    return current[0]


def test_one_transfer_accepted_twice_at_once_moves_the_person_once(world):
    person = Person.objects.get(name="张伟")
    targets = [world.panlong_union, world.wuhua_union2]
    for repetition in range(REPETITIONS):
        target = targets[repetition % 2]
        transfer = services.transfer_request(actor=officer(), person=person, to_org=target, reason="换工作")

        def accept(transfer_id=transfer.pk):
            return services.transfer_accept(actor=officer(), transfer=Transfer.objects.get(pk=transfer_id))

        results = race(accept, accept)
        succeeded = [r for r in results if isinstance(r, Transfer)]
        failed = [r for r in results if isinstance(r, Exception)]
        assert len(succeeded) == 1, results
        assert len(failed) == 1 and isinstance(failed[0], InvalidTransition | Conflict), results
        assert assert_one_current_membership(person).org_id == target.pk
        transfer.refresh_from_db()
        assert transfer.state == Transfer.State.ACCEPTED and transfer.new_membership.org_id == target.pk
        # one accept step in the workflow history, not two
        assert services.TRANSFER_FLOW.history(transfer).filter(transition="accept").count() == 1


def test_accept_racing_a_direct_membership_start_leaves_one_membership(world):
    person = Person.objects.get(name="张伟")
    unions = [world.wuhua_union, world.wuhua_union2, world.panlong_union]
    for _ in range(REPETITIONS // 2):
        person.refresh_from_db()
        target, other = [u for u in unions if u.pk != person.current_org_id]
        transfer = services.transfer_request(actor=officer(), person=person, to_org=target)

        def accept(transfer_id=transfer.pk):
            return services.transfer_accept(actor=officer(), transfer=Transfer.objects.get(pk=transfer_id))

        def start(org=other):
            return services.membership_start(actor=officer(), person=Person.objects.get(pk=person.pk),
                                             org=org)

        accepted, started = race(accept, start)
        # The person is a member throughout (of the old union, then of the new one): a direct start never
        # succeeds beside the transfer, whichever runs first.
        assert isinstance(accepted, Transfer), accepted
        assert isinstance(started, AlreadyMember), started
        assert assert_one_current_membership(person).org_id == target.pk


def test_two_transfer_requests_at_once_leave_one_open(world):
    person = Person.objects.get(name="张伟")
    for _ in range(REPETITIONS // 2):

        def ask(org):
            return lambda: services.transfer_request(actor=officer(), person=Person.objects.get(pk=person.pk),
                                                     to_org=org)

        results = race(ask(world.panlong_union), ask(world.wuhua_union2))
        assert sum(isinstance(r, Transfer) for r in results) == 1, results
        assert sum(isinstance(r, TransferOpen) for r in results) == 1, results
        open_transfers = Transfer.objects.filter(person=person, state=Transfer.State.REQUESTED)
        assert open_transfers.count() == 1
        services.transfer_cancel(actor=officer(), transfer=open_transfers.get())
    assert_one_current_membership(person)
