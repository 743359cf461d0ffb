import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from tests.inert import HOSTILE, assert_csv_inert, assert_xlsx_inert

from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, User
from gonghui.members import exports
from gonghui.members.errors import ReasonRequired
from gonghui.members.models import Person, Unit
from gonghui.members.tests.factories import make_person, make_unit

from .helpers import csv_rows, data_names, xlsx_rows

ALL = exports.ExportFilters()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(user, fmt="csv", filters=ALL, **kwargs):
    export = exports.member_export(actor=user, fmt=fmt, filters=filters, **kwargs)
    response = exports.http_response(export)
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


@pytest.mark.django_db
def test_masked_by_default(world):
    rows = run(world.user("county_officer"))
    person = Person.objects.get(name="张伟")
    by_name = {row[0]: row for row in rows[2:]}
    assert by_name["张伟"][1] == person.id_number_masked
    assert by_name["张伟"][2] == person.phone_masked
    text = "\n".join(",".join(r) for r in rows)
    assert person.id_number not in text and person.phone not in text
    assert "Masked: yes" in rows[0][0]


@pytest.mark.django_db
def test_columns_carry_the_current_membership(world):
    rows = run(world.user("county_officer"))
    assert rows[1] == [str(c) for c in exports.COLUMNS]
    row = {r[0]: r for r in rows[2:]}["张伟"]
    person = Person.objects.get(name="张伟")
    membership = person.memberships.get()
    assert row[3:] == ["Male" if person.sex == "M" else "Female", "1990-05-17", "Employee", "",
                       world.wuhua_union.name, "五华测试科技有限公司", "2020-01-01", "Active",
                       "\t" + membership.card_number]


@pytest.mark.django_db
def test_unmasked_needs_the_permission_and_a_reason_and_is_audited(world):
    grassroots = world.user("grassroots_officer")  # may export, may not see numbers whole
    with pytest.raises(PermissionDenied):
        run(grassroots, unmasked=True, reason="audit of the roll")
    denied = AuditEvent.objects.get(action="members.export", actor_id=grassroots.pk)
    assert denied.result == "denied"

    county = world.user("county_officer")
    with pytest.raises(ReasonRequired):
        run(county, unmasked=True, reason=" ")
    rows = run(county, unmasked=True, reason="年度会员核对")
    person = Person.objects.get(name="张伟")
    row = {r[0]: r for r in rows[2:]}["张伟"]
    assert row[1].lstrip("\t") == person.id_number and row[2] == person.phone
    assert "Masked: no" in rows[0][0]
    event = AuditEvent.objects.filter(action="members.export", actor_id=county.pk).get()
    assert event.result == "success"
    assert event.detail == {"filters": {"q": "", "org_id": None, "category": "", "status": ""}, "format": "csv",
                            "masked": False, "reason": "年度会员核对", "rows": 2}


@pytest.mark.django_db
def test_unmasked_needs_view_sensitive_over_the_chosen_org(world):
    # The province admin holds it everywhere; an org filter narrows what must be covered.
    assert exports.may_export_unmasked(world.user("province_admin"))
    assert exports.may_export_unmasked(world.user("county_officer"), world.wuhua_union.pk)
    assert not exports.may_export_unmasked(world.user("prefecture_officer"), world.wuhua_union.pk)
    with pytest.raises(NotFound):
        exports.may_export_unmasked(world.user("county_officer"), world.panlong_union.pk)


@pytest.mark.django_db
def test_every_export_is_audited_without_personal_data(world):
    person = Person.objects.get(name="张伟")
    run(world.user("county_officer"), fmt="xlsx",
        filters=exports.ExportFilters(query=person.id_number, category="employee"))
    event = AuditEvent.objects.get(action="members.export")
    assert event.detail["format"] == "xlsx" and event.detail["masked"] is True
    assert event.detail["filters"]["category"] == "employee"
    assert person.id_number not in str(event.detail) and person.id_number[-4:] in str(event.detail)
    assert "reason" not in event.detail


@pytest.mark.django_db
def test_scope_a_sibling_countys_person_is_never_exported(world):
    assert data_names(run(world.user("county_officer"))) == {"张伟", "李娜"}
    assert data_names(run(world.user("sibling_officer"))) == {"王芳"}
    assert data_names(run(world.user("province_admin"))) == {"张伟", "李娜", "王芳"}
    for user in ("auditor", "staff_no_role", "worker"):
        with pytest.raises(NotFound):
            run(world.user(user))
    with pytest.raises(NotFound):
        run(world.user("county_officer"), filters=exports.ExportFilters(org_id=world.panlong_union.pk))


@pytest.mark.django_db
def test_list_filters_apply(world):
    make_person(world.wuhua_union2, "赵快递", category="new_form")
    admin = world.user("province_admin")
    assert data_names(run(admin, filters=exports.ExportFilters(category="new_form"))) == {"赵快递"}
    assert data_names(run(admin, filters=exports.ExportFilters(org_id=world.wuhua.pk))) == {"张伟", "李娜", "赵快递"}
    assert data_names(run(admin, filters=exports.ExportFilters(query="zw"))) == {"张伟"}
    assert data_names(run(admin, filters=exports.ExportFilters(status="active"))) == {"张伟", "李娜", "王芳",
                                                                                      "赵快递"}


@pytest.mark.django_db
def test_the_exporter_line_names_who_and_when(world):
    rows = run(world.user("county_officer"))
    line = rows[0][0]
    assert "county_officer" in line and world.wuhua.name in line
    assert "Asia/Shanghai" in line
    assert datetime.date.today().strftime("%Y-%m-%d")[:4] in line


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(world):
    def count_queries():
        user = User.objects.get(username="province_admin")  # fresh: no grants cached from the last run
        with CaptureQueriesContext(connection) as queries:
            rows = run(user)
        return len(queries), len(rows)

    count_queries()  # the very first audit event of the log also reads where the chain starts (core.audit)
    few, few_rows = count_queries()
    unit = make_unit(world.wuhua_union2)
    for n in range(30):
        make_person(world.wuhua_union2, f"测试{n}", unit=unit)
    many, many_rows = count_queries()
    assert many_rows == few_rows + 30
    assert many == few


@pytest.mark.django_db
def test_xlsx_opens_with_openpyxl_and_has_the_rows(world):
    rows = xlsx_rows(exports.http_response(exports.member_export(
        actor=world.user("county_officer"), fmt="xlsx", filters=ALL)))
    assert "county_officer" in rows[0][0]
    assert rows[1] == [str(c) for c in exports.COLUMNS]
    by_name = {r[0]: r for r in rows[2:]}
    assert set(by_name) == {"张伟", "李娜"}
    person = Person.objects.get(name="张伟")
    assert by_name["张伟"][1] == person.id_number_masked
    assert by_name["张伟"][4] == datetime.datetime(1990, 5, 17)


@pytest.mark.django_db
def test_large_xlsx_continues_on_a_second_sheet(world, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_ROWS_PER_SHEET", 2)
    make_person(world.wuhua_union2, "第三人")
    response = exports.http_response(exports.member_export(actor=world.user("county_officer"), fmt="xlsx",
                                                           filters=ALL))
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert len(book.worksheets) == 2
    assert [len(list(sheet.iter_rows())) for sheet in book.worksheets] == [4, 3]


@pytest.mark.django_db
def test_cells_are_never_formulas(world):
    """Issue 19, section 5: persons, units and unions named like formulas come out inert in both formats."""
    unit = make_unit(world.wuhua_union2, "单位")
    Unit.objects.filter(pk=unit.pk).update(name=HOSTILE[1])
    type(world.wuhua_union2).objects.filter(pk=world.wuhua_union2.pk).update(name=HOSTILE[2])
    for name in HOSTILE:
        person = make_person(world.wuhua_union2, "张三", unit=unit)
        Person.objects.filter(pk=person.pk).update(name=name)  # as older rows may hold them
    for fmt, check in (("csv", assert_csv_inert), ("xlsx", assert_xlsx_inert)):
        export = exports.member_export(actor=world.user("county_officer"), fmt=fmt, filters=ALL)
        check(b"".join(exports.http_response(export).streaming_content), *HOSTILE)


@pytest.mark.django_db
def test_unknown_format_is_refused(world):
    with pytest.raises(exports.ExportFormatInvalid):
        exports.member_export(actor=world.user("county_officer"), fmt="pdf", filters=ALL)
