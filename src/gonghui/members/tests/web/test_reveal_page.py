import pytest
from django.urls import reverse

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person


def reveal_url(person):
    return reverse("members:person_reveal", args=[person.pk])


@pytest.mark.django_db
def test_reveal_needs_a_reason(world, login):
    person = Person.objects.get(name="张伟")
    response = login(world.user("county_officer")).post(
        reveal_url(person), {"field": "id_number", "reason": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert person.id_number not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.reveal", result="success").exists()


@pytest.mark.django_db
def test_reveal_with_reason_shows_the_number_once_and_is_audited(world, login):
    person = Person.objects.get(name="张伟")
    client = login(world.user("county_officer"))
    detail = client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
    assert reveal_url(person) in detail and person.id_number not in detail
    response = client.post(
        reveal_url(person), {"field": "id_number", "reason": "核对互助申请"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert person.id_number in response.content.decode()
    assert "no-store" in response.get("Cache-Control", "")
    event = AuditEvent.objects.get(action="person.reveal", result="success")
    assert event.object_id == str(person.pk) and event.detail["reason"] == "核对互助申请"
    assert person.id_number not in str(event.detail)


@pytest.mark.django_db
def test_reveal_without_permission_is_forbidden_and_the_button_hidden(world, login):
    person = Person.objects.get(name="张伟")
    client = login(world.user("prefecture_officer"))  # member officer: sees masked data only
    detail = client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
    assert reveal_url(person) not in detail
    response = client.post(reveal_url(person), {"field": "phone", "reason": "想看看"})
    assert response.status_code == 403
    assert person.phone not in response.content.decode()
    assert AuditEvent.objects.filter(action="person.reveal", result="denied").exists()


@pytest.mark.django_db
def test_reveal_out_of_scope_is_not_found(world, login):
    person = Person.objects.get(name="王芳")
    response = login(world.user("county_officer")).post(
        reveal_url(person), {"field": "phone", "reason": "看看"}
    )
    assert response.status_code == 404
