import pytest
from django.utils import translation

from gonghui.core.models import AuditEvent
from gonghui.members.models import Person

from .helpers import csv_rows, data_names, xlsx_rows

URL = "/api/v1/persons/export"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_csv_by_default_masked_and_scoped(world, login):
    response = login(world.user("county_officer")).get(URL)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert "county_officer" in rows[0][0]
    assert data_names(rows) == {"张伟", "李娜"}
    person = Person.objects.get(name="张伟")
    assert {r[0]: r for r in rows[2:]}["张伟"][1] == person.id_number_masked


@pytest.mark.django_db
def test_xlsx_with_filters(world, login):
    response = login(world.user("province_admin")).get(URL, {"format": "xlsx", "org_id": world.panlong.pk})
    assert response.status_code == 200
    assert data_names(xlsx_rows(response)) == {"王芳"}


@pytest.mark.django_db
def test_unmasked_needs_permission_and_reason(world, login):
    response = login(world.user("prefecture_officer")).get(URL, {"unmasked": "true", "reason": "check"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    client = login(world.user("county_officer"))
    response = client.get(URL, {"unmasked": "true"})
    assert response.status_code == 422 and response.json()["code"] == "reason_required"
    response = client.get(URL, {"unmasked": "true", "reason": "核对"})
    person = Person.objects.get(name="张伟")
    assert {r[0]: r for r in csv_rows(response)[2:]}["张伟"][1].lstrip("\t") == person.id_number
    event = AuditEvent.objects.filter(action="members.export", result="success").get()
    assert event.detail["masked"] is False and event.detail["reason"] == "核对" and event.channel == "api"


@pytest.mark.django_db
def test_out_of_scope_org_and_non_exporters_get_404(world, login, client):
    assert login(world.user("county_officer")).get(URL, {"org_id": world.panlong_union.pk}).status_code == 404
    assert login(world.user("auditor")).get(URL).status_code == 404
    client.force_login(world.user("worker"))
    assert client.get(URL).status_code in (401, 404)


@pytest.mark.django_db
def test_bad_format_is_422(world, login):
    assert login(world.user("county_officer")).get(URL, {"format": "pdf"}).status_code == 422
