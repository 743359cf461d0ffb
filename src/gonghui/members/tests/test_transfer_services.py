import pytest

from gonghui.core.errors import InvalidTransition, NotFound
from gonghui.members import selectors, services
from gonghui.members.models import Membership, Person


@pytest.mark.django_db
def test_accepted_transfer_moves_membership_and_scope(world):
    person = Person.objects.get(name="张伟")
    transfer = services.transfer_request(actor=world.user("grassroots_officer"), person=person,
                                         to_org=world.panlong_union, reason="换工作")
    services.transfer_accept(actor=world.user("sibling_officer"), transfer=transfer)
    person.refresh_from_db()
    assert person.current_org == world.panlong_union
    assert Membership.objects.filter(person=person, status__in=Membership.CURRENT).count() == 1
    # the old union loses access at once
    with pytest.raises(NotFound):
        selectors.person_get(world.user("grassroots_officer"), person.pk)
    assert selectors.person_get(world.user("sibling_officer"), person.pk) == person


@pytest.mark.django_db
def test_second_accept_is_refused(world):
    person = Person.objects.get(name="张伟")
    transfer = services.transfer_request(actor=world.user("county_officer"), person=person,
                                         to_org=world.panlong_union)
    services.transfer_accept(actor=world.user("sibling_officer"), transfer=transfer)
    with pytest.raises(InvalidTransition):
        services.transfer_accept(actor=world.user("sibling_officer"), transfer=transfer)


@pytest.mark.django_db
def test_out_of_scope_accept_is_not_found(world):
    person = Person.objects.get(name="张伟")
    transfer = services.transfer_request(actor=world.user("county_officer"), person=person,
                                         to_org=world.panlong_union)
    with pytest.raises(NotFound):
        services.transfer_accept(actor=world.user("county_officer"), transfer=transfer)
