"""Big files are read and checked in a second process (members.imports.pipeline) while the job writes: the
outcome must be exactly the one-process outcome — counts, errors and their rows, written and encrypted data."""

import datetime

import pytest

from gonghui.core import synthetic
from gonghui.members.models import Person

from .helpers import commit as run_commit
from .helpers import csv_bytes, preview
from .test_member_import import report_rows

pytestmark = pytest.mark.django_db


def distinct_rows(count: int) -> list[list]:
    """Valid rows with distinct ID numbers and phones (the factories' IDs repeat after 1,000)."""
    born = datetime.date(1980, 1, 1)
    return [[i + 1, f"测试{i}", synthetic.resident_id("530102", born + datetime.timedelta(days=i // 900), i % 900),
             f"1980{i:07d}", "2020-01-01", "职工"] for i in range(count)]


def _file(world):
    rows = distinct_rows(12_000)  # more than two batches between the processes
    rows[10][2] = rows[10][2][:-1] + ("0" if rows[10][2][-1] != "0" else "1")  # a wrong check digit
    rows[7_000][3] = "12345"  # not a mobile number
    rows[11_000][2] = rows[5][2]  # the same person twice (found by the writer, across batches)
    return csv_bytes(rows)


def _outcome(world, settings, capture, parallel: bool) -> tuple:
    settings.GONGHUI_IMPORT_PARALLEL_BYTES = 0 if parallel else 10**12
    job = preview(world.user("grassroots_officer"), _file(world), name="big.csv", org=world.wuhua_union,
                  capture=capture)
    assert job.status == "succeeded", job.error_message
    result = {k: v for k, v in job.result.items() if k != "report"}
    return result, report_rows(job)


def test_the_second_process_finds_what_one_process_finds(world, settings, django_capture_on_commit_callbacks):
    serial = _outcome(world, settings, django_capture_on_commit_callbacks, parallel=False)
    parallel = _outcome(world, settings, django_capture_on_commit_callbacks, parallel=True)
    assert parallel == serial
    result, errors = parallel
    assert result["rows"] == 12_000 and result["errors"] == 3 and result["new"] == 11_997
    assert [row for row, _column, _reason in errors] == [12, 7002, 11002]


def test_a_commit_through_the_second_process_writes_encrypted_rows(world, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.GONGHUI_IMPORT_PARALLEL_BYTES = 0
    rows = distinct_rows(300)
    officer = world.user("grassroots_officer")
    job = preview(officer, csv_bytes(rows), name="m.csv", org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    done = run_commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded", done.error_message
    person = Person.objects.get(name="测试299")
    assert person.id_number == rows[299][2] and person.phone == rows[299][3]  # decrypts: one encryption, not two
    assert person.name_pinyin == "ceshi299"


def test_a_file_the_second_process_cannot_read_is_one_clear_error(world, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.GONGHUI_IMPORT_PARALLEL_BYTES = 0
    job = preview(world.user("grassroots_officer"), csv_bytes([], headers=["甲", "乙"]) + b"1,2\n" * 50,
                  name="m.csv", org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.error_code == "import_header_missing"
