"""Issue 19, section 5: names of persons, units, organisations and venues refuse NUL, bidi controls (overrides,
embeddings, isolates, marks), zero-width characters, line breaks and whitespace alone — on the pages, through
the API, in import rows and in the services behind them (core.validators.clean_name). Nothing is written."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.errors import ValidationFailed
from gonghui.core.validators import NameInvalid, clean_name
from gonghui.members import services as member_services
from gonghui.members.models import Person, Unit
from gonghui.members.tests.factories import id_number
from gonghui.members.tests.imports.helpers import csv_bytes, preview
from gonghui.members.worker_accounts import worker_signup
from gonghui.orgs.models import Organisation
from gonghui.venues.imports import service as venue_imports
from gonghui.venues.models import Venue
from tests.api.openapi_check import assert_problem, token_client

pytestmark = pytest.mark.django_db

BAD = {"NUL": "张\x00三", "right-to-left override": "张\u202e三", "isolate": "张\u2066三",
       "left-to-right mark": "张\u200e三", "zero-width space": "张\u200b三", "zero-width joiner": "张\u200d三",
       "line feed": "张\n三", "carriage return": "张\r三", "line separator": "张\u2028三", "BOM": "张\ufeff三",
       "spaces only": " \u3000\u00a0 "}
# What an import cell may carry (an .xlsx cannot hold NUL; outer spaces of a cell are trimmed, so the bad
# character sits inside).
BAD_IN_FILES = {k: v for k, v in BAD.items() if k not in ("NUL", "spaces only")}


@pytest.fixture
def as_token(world):
    return lambda key: token_client(world.user(key))


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


@pytest.mark.parametrize("name", ["张三", "=HYPERLINK(1)", "阿卜杜拉·买买提", "O'Brien-Smith", " 李娜 "])
def test_ordinary_names_pass_and_are_trimmed(name):
    assert clean_name(name) == name.strip()


@pytest.mark.parametrize("label", BAD)
def test_services_refuse_bad_names(world, label):
    officer = world.user("county_officer")
    with pytest.raises(NameInvalid):
        member_services.person_register(actor=officer, org=world.wuhua_union, name=BAD[label],
                                        id_number=id_number("530102"))
    with pytest.raises(NameInvalid):
        member_services.unit_create(actor=officer, org=world.wuhua_union, name=BAD[label])
    with pytest.raises(ValidationFailed):  # NameInvalid, or name_missing for spaces alone
        worker_signup(phone="13912345678", code="000000", name=BAD[label], id_number=id_number("530102"),
                      password="Gonghui#2026x")
    assert not Person.objects.exclude(name__in=["张伟", "李娜", "王芳"]).exists()
    assert not Unit.objects.exclude(name="五华测试科技有限公司").exists()


@pytest.mark.parametrize("label", BAD)
def test_pages_refuse_bad_names(world, login, label):
    client = login(world.user("county_officer"))
    name = BAD[label]
    posts = {
        reverse("members:person_create"): {"name": name, "id_number": id_number("530102"), "category": "employee",
                                           "org": world.wuhua_union.pk},
        reverse("members:unit_create"): {"org": world.wuhua_union.pk, "name": name},
        reverse("orgs:org_create", args=[world.wuhua.pk]): {"name": name, "level": "grassroots",
                                                            "kind": "joint"},
        reverse("venues:venue_create"): {"org": world.wuhua_union.pk, "name": name, "kind": "station",
                                         "system": "wgs84", "lat": "25.03", "lng": "102.70"},
    }
    counts = (Person.objects.count(), Unit.objects.count(), Organisation.objects.count(), Venue.objects.count())
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert response.context["form"].errors.get("name"), url
    assert (Person.objects.count(), Unit.objects.count(), Organisation.objects.count(),
            Venue.objects.count()) == counts


@pytest.mark.parametrize("label", [k for k in BAD if k != "spaces only"])
def test_the_api_refuses_bad_names(world, as_token, label):
    api = as_token("county_officer")
    name = BAD[label]
    person = Person.objects.get(name="李娜")
    unit = Unit.objects.get(name="五华测试科技有限公司")
    calls = [
        api.post("/persons", {"name": name, "id_number": id_number("530102"), "org_id": world.wuhua_union.pk}),
        api.patch(f"/persons/{person.pk}", {"name": name}),
        api.post("/units", {"org_id": world.wuhua_union.pk, "name": name}),
        api.patch(f"/units/{unit.pk}", {"name": name}),
        api.post("/orgs", {"parent_id": world.wuhua.pk, "name": name, "level": "grassroots", "kind": "grassroots"}),
        api.patch(f"/orgs/{world.wuhua_union.pk}", {"name": name}),
        api.post("/venues", {"org_id": world.wuhua_union.pk, "name": name, "lat": 25.03, "lng": 102.70}),
    ]
    for response in calls:
        body = assert_problem(response, 422, "validation_failed")
        assert body["errors"][0]["loc"][-1] == "name"
    person.refresh_from_db()
    unit.refresh_from_db()
    assert (person.name, unit.name) == ("李娜", "五华测试科技有限公司")
    assert not Organisation.objects.filter(name__contains="张").exists() and not Venue.objects.exists()


def test_the_api_refuses_a_blank_name(world, as_token):
    api = as_token("county_officer")
    body = assert_problem(api.post("/units", {"org_id": world.wuhua_union.pk, "name": "   "}), 422,
                          "validation_failed")
    assert body["errors"][0]["loc"][-1] == "name"


def test_the_openapi_document_declares_the_rule(world, as_token):
    import re

    schema = json.loads(as_token("county_officer").client.get("/api/v1/openapi.json").content)
    name = schema["components"]["schemas"]["PersonIn"]["properties"]["name"]
    for label, value in BAD.items():
        declared_ok = bool(re.search(name["pattern"], value)) and not re.search(name["not"]["pattern"], value)
        assert not declared_ok, label
    assert re.search(name["pattern"], "张三") and not re.search(name["not"]["pattern"], "张三")


def test_member_import_rows_refuse_bad_names(world, django_capture_on_commit_callbacks):
    rows = [[i + 1, name, id_number("530102"), "", "2020-01-01", "职工", name]
            for i, name in enumerate(BAD_IN_FILES.values())]
    job = preview(world.user("grassroots_officer"), csv_bytes(rows, headers=["序号", "姓名", "身份证号", "手机号",
                                                                              "入会日期", "类别", "单位名称"]),
                  name="members.csv", org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.status == "succeeded", job.error_message
    assert job.result["errors"] == 2 * len(BAD_IN_FILES) and job.result["new"] == 0


def test_venue_import_rows_refuse_bad_names(world, django_capture_on_commit_callbacks):
    book = openpyxl.Workbook()
    book.active.append(["名称", "所属工会", "纬度", "经度"])
    for number, name in enumerate(BAD_IN_FILES.values()):
        book.active.append([name, "五华区测试公司工会", 25.03 + number / 100, 102.70])
    buffer = io.BytesIO()
    book.save(buffer)
    with django_capture_on_commit_callbacks(execute=True):
        job = venue_imports.import_start(actor=world.user("county_officer"), what="venues",
                                         upload=SimpleUploadedFile("venues.xlsx", buffer.getvalue()))
    job.refresh_from_db()
    assert job.status == "succeeded", job.error_message
    assert job.result["errors"] == len(BAD_IN_FILES) and job.result["new"] == 0
