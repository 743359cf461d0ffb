import pytest
from django.urls import reverse

from gonghui.core.errors import InvalidTransition
from gonghui.members.models import Membership, Person, Transfer

QUEUE = reverse("members:transfer_queue")


def request_transfer(client, person, to_org, reason="换工作"):
    return client.post(
        reverse("members:person_transfer", args=[person.pk]), {"to_org": to_org.pk, "reason": reason}
    )


@pytest.mark.django_db
def test_transfer_target_search_reaches_unions_outside_the_scope(world, login):
    client = login(world.user("county_officer"))
    response = client.get(reverse("members:union_options"), {"purpose": "transfer", "q": "panlong"})
    assert world.panlong_union.name in response.content.decode()
    # registering, by contrast, stays inside the scope
    response = client.get(reverse("members:union_options"), {"purpose": "register", "q": "panlong"})
    assert world.panlong_union.name not in response.content.decode()


@pytest.mark.django_db
def test_accept_flow_through_the_pages(world, login, client):
    person = Person.objects.get(name="张伟")
    response = request_transfer(login(world.user("county_officer")), person, world.panlong_union)
    assert response.status_code == 302
    transfer = Transfer.objects.get(person=person)
    assert transfer.state == "requested"

    outgoing = client.get(QUEUE, {"tab": "out"})
    assert transfer in outgoing.context["page"]
    assert transfer not in client.get(QUEUE, {"tab": "in"}).context["page"]

    client = login(world.user("sibling_officer"))
    incoming = client.get(QUEUE)
    assert transfer in incoming.context["page"]
    assert reverse("members:transfer_accept", args=[transfer.pk]) in incoming.content.decode()

    response = client.post(reverse("members:transfer_accept", args=[transfer.pk]), follow=True)
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.current_org == world.panlong_union
    assert transfer in client.get(QUEUE, {"tab": "decided"}).context["page"]

    detail = client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
    assert world.wuhua_union.name in detail and "accepted" in detail  # workflow history


@pytest.mark.django_db
def test_double_accept_shows_a_friendly_message(world, login):
    person = Person.objects.get(name="张伟")
    request_transfer(login(world.user("county_officer")), person, world.panlong_union)
    transfer = Transfer.objects.get(person=person)
    client = login(world.user("sibling_officer"))
    url = reverse("members:transfer_accept", args=[transfer.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    last = list(response.context["messages"])[-1]
    assert last.level_tag == "error" and str(last.message) == str(InvalidTransition.default_message)
    assert Membership.objects.filter(person=person, status__in=Membership.CURRENT).count() == 1


@pytest.mark.django_db
def test_refuse_needs_a_comment(world, login):
    person = Person.objects.get(name="张伟")
    request_transfer(login(world.user("county_officer")), person, world.panlong_union)
    transfer = Transfer.objects.get(person=person)
    client = login(world.user("sibling_officer"))
    url = reverse("members:transfer_refuse", args=[transfer.pk])
    client.post(url, {"comment": ""})
    transfer.refresh_from_db()
    assert transfer.state == "requested"
    client.post(url, {"comment": "不属于本单位"})
    transfer.refresh_from_db()
    assert transfer.state == "refused" and transfer.decision_comment == "不属于本单位"


@pytest.mark.django_db
def test_the_old_union_cannot_accept(world, login):
    person = Person.objects.get(name="张伟")
    request_transfer(login(world.user("county_officer")), person, world.panlong_union)
    transfer = Transfer.objects.get(person=person)
    response = login(world.user("county_officer")).post(
        reverse("members:transfer_accept", args=[transfer.pk])
    )
    assert response.status_code == 404
    transfer.refresh_from_db()
    assert transfer.state == "requested"


@pytest.mark.django_db
def test_transfer_to_a_federation_is_refused(world, login):
    person = Person.objects.get(name="张伟")
    response = request_transfer(login(world.user("county_officer")), person, world.panlong)
    assert response.status_code == 200
    assert response.context["transfer_form"].errors
    assert not Transfer.objects.exists()


@pytest.mark.django_db
def test_queue_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.members import services
    from gonghui.members.tests.factories import make_person

    officer = world.user("county_officer")
    client = login(world.user("sibling_officer"))
    services.transfer_request(
        actor=officer, person=Person.objects.get(name="张伟"), to_org=world.panlong_union
    )
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for i in range(15):
        services.transfer_request(
            actor=officer, person=make_person(world.wuhua_union, f"调动{i}"), to_org=world.panlong_union
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE)
    assert len(response.context["page"]) == 16
