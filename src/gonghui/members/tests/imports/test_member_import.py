import datetime

import openpyxl
import pytest
from django.core.files.storage import default_storage

from gonghui.core.models import AuditEvent
from gonghui.members.models import Membership, Person, Transfer

from .helpers import commit as run_commit
from .helpers import csv_bytes, good_rows, preview, xlsx_bytes

pytestmark = pytest.mark.django_db


def report_rows(job):
    with default_storage.open(job.result["report"], "rb") as handle:
        sheet = openpyxl.load_workbook(handle, read_only=True).worksheets[0]
        return [row for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_preview_then_commit_writes_persons_and_memberships(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    before = Person.objects.count()
    job = preview(officer, xlsx_bytes(good_rows(30)), org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert job.status == "succeeded", job.error_message
    assert job.result["new"] == 30 and job.result["errors"] == 0
    assert Person.objects.count() == before  # a preview writes nothing
    done = run_commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded", done.error_message
    assert Person.objects.count() == before + 30
    person = Person.objects.get(name="测试3")
    assert person.current_org == world.wuhua_union and person.name_pinyin == "ceshi3"
    membership = Membership.objects.get(person=person)
    assert membership.joined_on == datetime.date(2020, 1, 1) and membership.status == "active"
    event = AuditEvent.objects.get(action="members.import")
    assert event.detail["new"] == 30 and "测试" not in str(event.detail)


def test_one_bad_id_in_the_middle_writes_nothing(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    rows = good_rows(50)
    rows[25][2] = rows[25][2][:-1] + ("0" if rows[25][2][-1] != "0" else "1")
    job = preview(officer, xlsx_bytes(rows), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.result["errors"] == 1 and job.result["new"] == 49
    assert report_rows(job) == [(27, "身份证号", report_rows(job)[0][2])]
    assert "check digit" in report_rows(job)[0][2] or "校验" in report_rows(job)[0][2]
    with pytest.raises(Exception) as caught:
        run_commit(world.user("grassroots_officer"), job, capture=django_capture_on_commit_callbacks)
    assert getattr(caught.value, "code", "") == "import_not_ready"


def test_commit_rolls_back_everything_when_the_data_changed_since_the_preview(world,
                                                                             django_capture_on_commit_callbacks):
    """The commit checks again; an error found then leaves the database as it was."""
    officer = world.user("grassroots_officer")
    rows = good_rows(40)
    job = preview(officer, csv_bytes(rows), name="m.csv", org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert job.result["errors"] == 0
    # Meanwhile someone registers row 30's phone number for another person.
    from gonghui.members.tests.factories import make_person

    make_person(world.wuhua_union, "抢先", phone=rows[29][3])
    before = (Person.objects.count(), Membership.objects.count())
    done = run_commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "failed" and done.error_code == "import_has_errors"
    assert (Person.objects.count(), Membership.objects.count()) == before
    assert done.result["report"]


def test_duplicates_in_file_existing_member_update_and_transfer(world, django_capture_on_commit_callbacks):
    officer = world.user("county_officer")
    li_na = Person.objects.get(name="李娜")          # member of wuhua_union: an update
    wang_fang = Person.objects.get(name="王芳")      # member in Panlong: to transfer
    rows = good_rows(3)
    rows.append([4, "李娜娜", li_na.id_number, "", "", "农民工"])
    rows.append([5, "王芳", wang_fang.id_number, "", "", ""])
    rows.append([6, "重复", rows[0][2], "", "", ""])
    job = preview(officer, xlsx_bytes(rows), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.result["new"] == 3 and job.result["update"] == 1 and job.result["transfer"] == 1
    assert job.result["errors"] == 1
    errors = report_rows(job)
    assert errors[0][0] == 7 and "2" in errors[0][2]
    # Drop the duplicate and commit: the update is applied, the transfer is only listed.
    job = preview(officer, xlsx_bytes(rows[:-1]), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    done = run_commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded", done.error_message
    li_na.refresh_from_db()
    wang_fang.refresh_from_db()
    assert li_na.name == "李娜娜" and li_na.category == "migrant"
    assert wang_fang.current_org == world.panlong_union and not Transfer.objects.exists()


def test_county_officer_names_the_union_per_row_within_scope(world, django_capture_on_commit_callbacks):
    officer = world.user("county_officer")
    headers = ["姓名", "身份证号", "所属工会"]
    rows = [["甲", good_rows(1)[0][2], world.wuhua_union.name],
            ["乙", good_rows(1)[0][2], str(world.wuhua_union2.pk)],
            ["丙", good_rows(1)[0][2], world.panlong_union.name]]
    job = preview(officer, xlsx_bytes(rows, headers=headers), capture=django_capture_on_commit_callbacks)
    assert job.result["new"] == 2 and job.result["errors"] == 1
    assert report_rows(job)[0][:2] == (4, "所属工会")
    done = run_commit(officer, preview(officer, xlsx_bytes(rows[:2], headers=headers),
                                       capture=django_capture_on_commit_callbacks),
                      capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded"
    assert Person.objects.get(name="乙").current_org == world.wuhua_union2


def test_officer_cannot_import_into_a_union_outside_their_subtree(world, django_capture_on_commit_callbacks):
    from gonghui.core.errors import NotFound

    with pytest.raises(NotFound):
        preview(world.user("sibling_officer"), xlsx_bytes(good_rows(2)), org=world.wuhua_union,
                capture=django_capture_on_commit_callbacks)
    with pytest.raises(NotFound):
        preview(world.user("auditor"), xlsx_bytes(good_rows(2)), capture=django_capture_on_commit_callbacks)


def test_units_matched_or_created(world, django_capture_on_commit_callbacks):
    from gonghui.core import synthetic
    from gonghui.members.models import Unit

    officer = world.user("grassroots_officer")
    existing = Unit.objects.get(name="五华测试科技有限公司")
    import random

    new_code = synthetic.credit_code("530102", random.Random(5))
    headers = ["姓名", "身份证号", "工作单位", "统一社会信用代码"]
    rows = [["甲", good_rows(1)[0][2], "", existing.credit_code],
            ["乙", good_rows(1)[0][2], "新单位有限公司", new_code],
            ["丙", good_rows(1)[0][2], "", "91530102MA0000000X"]]
    job = preview(officer, xlsx_bytes(rows, headers=headers), org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert job.result["errors"] == 1 and report_rows(job)[0][:2] == (4, "统一社会信用代码")
    job = preview(officer, xlsx_bytes(rows[:2], headers=headers), org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert run_commit(officer, job, capture=django_capture_on_commit_callbacks).status == "succeeded"
    assert Membership.objects.get(person__name="甲").unit == existing
    assert Membership.objects.get(person__name="乙").unit.credit_code == new_code
