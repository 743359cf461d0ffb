"""Staff pages (queue, household page, export, standards import) and the worker's pages."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.fixtures import sign_in

from gonghui.assistance.models import HardshipFile, MinimumLivingStandard
from gonghui.core.models import AuditEvent

from .factories import make_file, make_standard
from .helpers import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


def test_queue_filters_and_query_count(client, world, django_assert_max_num_queries):
    sign_in(client, world.user("county_officer"))
    make_file(world.wuhua_union, "陈帮扶", state="screened")
    url = reverse("assistance:file_list")
    with django_assert_max_num_queries(30) as few:
        page = client.get(url, {"state": "screened"})
    assert "陈帮扶" in page.content.decode()
    for i in range(6):
        make_file(world.wuhua_union, f"队列户{i}", state="screened")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"state": "screened"})
    assert "陈帮扶" in client.get(url, {"state": "screened", "q": "chen"}).content.decode()
    assert "陈帮扶" not in client.get(url, {"state": "applied"}).content.decode()


def test_household_page_masks_and_shows_history(client, world):
    make_standard("530102", TODAY.year)
    file = make_file(world.wuhua_union, "周帮扶", income="9876.00", causes=["illness"])
    sign_in(client, world.user("grassroots_officer"))
    body = client.get(reverse("assistance:file_detail", args=[file.pk])).content.decode()
    assert "周帮扶" in body and "9876" not in body and "****" in body and 'data-testid="history"' in body
    assert 'data-testid="assessment"' not in body  # not for this role
    client.logout()
    sign_in(client, world.user("county_officer"))
    body = client.get(reverse("assistance:file_detail", args=[file.pk])).content.decode()
    assert 'data-testid="assessment"' in body
    response = client.post(reverse("assistance:file_transition", args=[file.pk]), {"transition": "screen"})
    assert response.status_code == 302
    assert HardshipFile.objects.get(pk=file.pk).state == "screened"


def test_export_is_a_real_workbook_and_audited(client, world):
    make_file(world.wuhua_union, "吴帮扶")
    make_file(world.panlong_union, "盘龙导出户", county="530103")
    sign_in(client, world.user("county_officer"))
    response = client.get(reverse("assistance:file_export"), {"state": "applied"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["吴帮扶"]
    assert AuditEvent.objects.filter(action="assistance.file.export").exists()


def _sheet(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("dibao.xlsx", out.getvalue())


def test_standards_import_from_excel(client, world):
    sign_in(client, world.user("province_admin"))
    url = reverse("assistance:standards")
    bad = client.post(url, {"action": "import", "file": _sheet([["区县代码", "年度", "低保标准"],
                                                                 ["530102", 2026, "720.00"],
                                                                 ["53010", 2026, "700"]])})
    assert "import-errors" in bad.content.decode() and MinimumLivingStandard.objects.count() == 0
    good = client.post(url, {"action": "import", "file": _sheet([["区县代码", "年度", "低保标准"],
                                                                  ["530102", 2026, "720.00"],
                                                                  [530103, 2026, 700]])})
    assert good.status_code == 302
    assert MinimumLivingStandard.objects.get(county_code="530103", year=2026).monthly == Decimal("700.00")
    client.logout()
    sign_in(client, world.user("grassroots_officer"))
    assert client.post(url, {"action": "set", "county_code": "530102", "year": "2026",
                             "monthly": "1"}).status_code == 404  # held nowhere: nothing to see


def test_worker_applies_on_the_phone_and_sees_the_status(client, world):
    sign_in(client, world.user("worker"))
    assert client.get(reverse("m_assistance:apply")).status_code == 200
    response = client.post(reverse("m_assistance:apply"), {
        "county_code": "530102", "income": "8000", "causes": ["illness"], "housing": "rented",
        "m1_name": "张小宝", "m1_id": "530102201501010010", "m1_relation": "child"})
    assert response.status_code == 302
    file = HardshipFile.objects.get()
    assert file.members.count() == 2 and file.causes == ["illness"]
    body = client.get(reverse("m_assistance:status")).content.decode()
    assert 'data-testid="my-file"' in body


def test_officer_opens_a_file_from_the_page_and_the_aid_queue_lists_it(client, world):
    from gonghui.assistance import services
    from gonghui.members.models import Person

    from .factories import make_fund

    sign_in(client, world.user("grassroots_officer"))
    url = reverse("assistance:file_create")
    assert "李娜" in client.get(url, {"q": "ln"}).content.decode()
    person = Person.objects.get(name="李娜")
    response = client.post(url, {"person": person.pk, "county_code": "530102", "causes": ["disability"],
                                 "income": "3000", "m1_name": "李小", "m1_id": "530102201401010014",
                                 "m1_relation": "child"})
    file = HardshipFile.objects.get(person=person)
    assert response.status_code == 302 and file.members.count() == 2
    filed = make_file(world.wuhua_union, "队列帮扶", state="filed")
    services.aid_propose(actor=world.user("grassroots_officer"), file=filed, fund=make_fund(world.wuhua_union),
                         kind="living", amount="300")
    client.logout()
    sign_in(client, world.user("county_officer"))
    body = client.get(reverse("assistance:aid_queue")).content.decode()
    assert "队列帮扶" in body and 'value="approve"' in body

