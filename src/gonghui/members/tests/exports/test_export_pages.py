import pytest
from django.urls import reverse
from django.utils import translation

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person

from .helpers import csv_rows, data_names, xlsx_rows

EXPORT = reverse("members:person_export")
LIST = reverse("members:person_list")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_the_member_list_offers_the_export_with_its_filters(world, login):
    body = login(world.user("county_officer")).get(LIST).content.decode()
    assert f'formaction="{EXPORT}"' in body


@pytest.mark.django_db
def test_no_export_button_without_the_permission(world, login):
    body = login(world.user("auditor")).get(LIST).content.decode()
    assert EXPORT not in body


@pytest.mark.django_db
def test_form_keeps_the_filters_and_offers_clear_numbers_only_when_allowed(world, login):
    client = login(world.user("county_officer"))
    response = client.get(EXPORT, {"org": world.wuhua_union.pk, "category": "employee", "q": "zw"})
    body = response.content.decode()
    assert response.status_code == 200
    assert world.wuhua_union.name in body and 'name="unmasked"' in body and 'name="reason"' in body
    assert f'value="{world.wuhua_union.pk}"' in body and 'value="zw"' in body
    body = login(world.user("grassroots_officer")).get(EXPORT).content.decode()
    assert 'name="unmasked"' not in body


@pytest.mark.django_db
def test_download_csv_masked_with_filters(world, login):
    client = login(world.user("county_officer"))
    response = client.post(EXPORT, {"format": "csv", "q": "zw"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="members-')
    rows = csv_rows(response)
    assert data_names(rows) == {"张伟"}
    assert rows[2][1] == Person.objects.get(name="张伟").id_number_masked
    assert AuditEvent.objects.filter(action="members.export", detail__rows=1).exists()


@pytest.mark.django_db
def test_download_xlsx(world, login):
    response = login(world.user("sibling_officer")).post(EXPORT, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert data_names(xlsx_rows(response)) == {"王芳"}


@pytest.mark.django_db
def test_clear_numbers_need_a_reason(world, login):
    client = login(world.user("county_officer"))
    response = client.post(EXPORT, {"format": "csv", "unmasked": "on", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert not AuditEvent.objects.filter(action="members.export").exists()
    response = client.post(EXPORT, {"format": "csv", "unmasked": "on", "reason": "核对"})
    person = Person.objects.get(name="张伟")
    assert {r[0]: r for r in csv_rows(response)[2:]}["张伟"][1].lstrip("\t") == person.id_number


@pytest.mark.django_db
def test_a_forged_clear_export_goes_out_masked(world, login):
    client = login(world.user("grassroots_officer"))
    response = client.post(EXPORT, {"format": "csv", "unmasked": "on", "reason": "forged"})
    # The field is not on this user's form: the export goes out masked.
    person = Person.objects.get(name="张伟")
    assert {r[0]: r for r in csv_rows(response)[2:]}["张伟"][1] == person.id_number_masked


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_out_of_scope_org_is_not_found(world, login, method):
    client = login(world.user("county_officer"))
    response = getattr(client, method)(EXPORT, {"org": world.panlong_union.pk, "format": "csv"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="members.export").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["worker", "auditor", "staff_no_role"])
def test_who_may_not_export_gets_404(world, login, client, actor):
    user = world.user(actor)
    if actor == "worker":
        client.force_login(user)
    else:
        client = login(user)
    assert client.get(EXPORT).status_code == 404
    assert client.post(EXPORT, {"format": "csv"}).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "login" in response["Location"]
