import pytest
from django.urls import reverse

from gonghui.core.models import User
from gonghui.members import services
from gonghui.members.models import Person, Transfer


@pytest.fixture
def worker_client(client, world):
    client.force_login(world.user("worker"))
    return client


@pytest.mark.django_db
def test_search_finds_grassroots_unions_by_pinyin_and_excludes_my_own(worker_client, world):
    response = worker_client.get(reverse("m:transfer_request"), {"q": "wuhua"})
    results = response.context["results"]
    assert world.wuhua_union2 in results and world.wuhua_union not in results
    assert all(org.level == "grassroots" for org in results)
    by_name = worker_client.get(reverse("m:transfer_request"), {"q": "盘龙"}).context["results"]
    assert by_name == [world.panlong_union]


@pytest.mark.django_db
def test_request_and_cancel_a_transfer_from_the_phone(worker_client, world, worker_person):
    response = worker_client.post(reverse("m:transfer_request"),
                                  {"to_org": world.panlong_union.pk, "reason": "换工作了", "q": "盘龙"})
    assert response.status_code == 302 and response.url == reverse("m:membership")
    transfer = Transfer.objects.get(person=worker_person)
    assert transfer.state == "requested" and transfer.origin == "member" and transfer.reason == "换工作了"

    page = worker_client.get(reverse("m:membership")).content.decode()
    assert f'data-testid="transfer-{transfer.pk}"' in page and 'data-state="requested"' in page
    assert worker_client.get(reverse("m:transfer_request")).context["open_transfer"] == transfer

    response = worker_client.post(reverse("m:transfer_cancel", args=[transfer.pk]))
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.state == "cancelled"


@pytest.mark.django_db
def test_transfer_form_needs_a_target(worker_client, world, worker_person):
    response = worker_client.post(reverse("m:transfer_request"), {"q": "盘龙", "reason": "x"})
    assert response.status_code == 200 and response.context["form"].errors["to_org"]
    county = worker_client.post(reverse("m:transfer_request"), {"to_org": world.wuhua.pk, "q": "x"})
    assert county.status_code == 200 and county.context["form"].errors["to_org"]
    assert not Transfer.objects.exists()


@pytest.mark.django_db
def test_worker_cannot_cancel_someone_elses_transfer(worker_client, world):
    li_na = Person.objects.get(name="李娜")
    theirs = services.transfer_request(actor=world.user("county_officer"), person=li_na,
                                       to_org=world.panlong_union, reason="r")
    response = worker_client.post(reverse("m:transfer_cancel", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == "requested"


@pytest.mark.django_db
def test_worker_without_membership_cannot_request(client, world, sms_outbox):
    user = User.objects.create_user(username="wnomember", kind="worker", password="x")
    from gonghui.members.tests.factories import make_person

    make_person(None, "孙八", user=user)
    client.force_login(user)
    response = client.post(reverse("m:transfer_request"), {"to_org": world.panlong_union.pk})
    assert response.status_code == 200
    assert 'data-testid="transfer-not-member"' in response.content.decode()
    assert not Transfer.objects.exists()
