import pytest
from django.urls import reverse

from gonghui.core.models import AuditEvent
from gonghui.members import selectors
from gonghui.members.models import Membership, Person
from gonghui.members.web import card_views


@pytest.mark.django_db
def test_card_page_shows_the_card_and_an_inline_qr_code(client, world, worker_person):
    client.force_login(world.user("worker"))
    response = client.get(reverse("m:card"))
    assert response.status_code == 200
    page = response.content.decode()
    membership = selectors.current_membership(worker_person)
    assert 'data-testid="member-card"' in page
    assert worker_person.name in page and membership.card_number in page and world.wuhua_union.name in page
    assert "<svg" in page and 'class="qr-code"' in page
    # The token is signed with the time in seconds: read it back rather than sign again a second later.
    verify_url = response.context["verify_url"]
    token = verify_url.rstrip("/").rsplit("/", 1)[1]
    assert verify_url == "http://testserver" + reverse("card:verify", args=[token])
    assert selectors.card_lookup(token) == membership
    assert worker_person.id_number not in page and worker_person.phone not in page


@pytest.mark.django_db
def test_card_page_without_membership_explains_how_to_join(client, world, worker_person):
    Membership.objects.filter(person=worker_person).update(status="lapsed", ended_on="2025-01-01")
    client.force_login(world.user("worker"))
    page = client.get(reverse("m:card")).content.decode()
    assert 'data-testid="no-membership"' in page and "<svg" not in page


@pytest.mark.django_db
def test_verify_a_valid_card_shows_the_masked_name_and_union(client, world, worker_person):
    membership = selectors.current_membership(worker_person)
    response = client.get(reverse("card:verify", args=[selectors.card_token(membership)]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-result="valid"' in page
    assert worker_person.name_masked in page and world.wuhua_union.name in page
    assert worker_person.name not in page
    event = AuditEvent.objects.get(action="card.verify")
    assert event.result == "success" and event.object_id == str(membership.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "eyJjIjoiNTMwMDAwMDAwMDAwMDAwMCJ9:1abc:xyz"])
def test_verify_an_invalid_token_says_not_valid(client, world, token):
    response = client.get(reverse("card:verify", args=[token]))
    assert response.status_code == 200
    assert 'data-result="invalid"' in response.content.decode()
    assert AuditEvent.objects.get(action="card.verify").result == "failure"


@pytest.mark.django_db
def test_verify_a_tampered_token_says_not_valid(client, world, worker_person):
    token = selectors.card_token(selectors.current_membership(worker_person))
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    page = client.get(reverse("card:verify", args=[tampered])).content.decode()
    assert 'data-result="invalid"' in page and worker_person.name_masked not in page


@pytest.mark.django_db
def test_verify_a_card_that_ended_says_not_valid(client, world, worker_person):
    membership = selectors.current_membership(worker_person)
    token = selectors.card_token(membership)
    Membership.objects.filter(pk=membership.pk).update(status="transferred", ended_on="2025-01-01")
    page = client.get(reverse("card:verify", args=[token])).content.decode()
    assert 'data-result="invalid"' in page and world.wuhua_union.name not in page


@pytest.mark.django_db
def test_verify_is_rate_limited_per_address(client, world, monkeypatch):
    monkeypatch.setattr(card_views, "VERIFY_LIMIT_PER_MINUTE", 2)
    for _ in range(2):
        assert client.get(reverse("card:verify", args=["x"])).status_code == 200
    assert client.get(reverse("card:verify", args=["x"])).status_code == 429
    other = client.get(reverse("card:verify", args=["x"]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.django_db
def test_worker_pages_show_only_the_workers_own_person(client, world, worker_person):
    client.force_login(world.user("worker"))
    others = Person.objects.exclude(pk=worker_person.pk)
    for name in ("m:card", "m:membership", "m:transfer_request"):
        page = client.get(reverse(name)).content.decode()
        for other in others:
            assert other.name not in page
