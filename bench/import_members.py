"""b. Member import of one generated file (all new persons, valid rows, 2 % of phones written the odd way:
"+86 139-…"), three ways, each in a child process (its peak memory is the child's ru_maxrss):

- Gonghui's importer: the preview job, then the commit job (the way the page runs them, jobs run in-process);
- the physical limit: the same rows, already validated and encrypted (done beforehand, untimed), written by a
  raw COPY into the same tables (PostgreSQL only);
- django-import-export with ``use_bulk=True`` and a minimal Person resource (no memberships), same file.

Every written row is deleted again afterwards. ``python -m bench b [--persons N]`` (default 1,000,000 CSV rows;
the .xlsx has a fifth of them, at most 200,000); ``python -m bench.import_members child …`` is the child.
"""

import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT, Options, Result, register, say

HEADERS = ["序号", "姓名", "身份证号", "手机号", "入会日期", "类别"]
REGIONS = ("530102", "530103", "530111", "530112", "530113", "530114", "530115", "530124", "530125", "530181")
CATEGORIES = ("职工",) * 6 + ("农民工",) * 3 + ("新就业形态劳动者",)
FILES_DIR = Path(os.environ.get("GONGHUI_BENCH_FILES", "/tmp/gonghui-bench-files"))


def rows(count: int, seed: int = 7):
    """Deterministic valid rows; IDs and phones unique (index -> (region, birth day, order code) and an affine
    bijection for the phone, under the 198 prefix the demo does not use)."""
    from gonghui.core import synthetic
    from gonghui.members.demo.small import FEMALE_CHARS, MALE_CHARS, SURNAMES

    rng = random.Random(seed)
    surnames = [s for s, _w in SURNAMES]
    weights = [w for _s, w in SURNAMES]
    first_birth = datetime.date(1965, 1, 1)
    for i in range(count):
        region = REGIONS[i % len(REGIONS)]
        rest = i // len(REGIONS)
        birth = first_birth + datetime.timedelta(days=(rest // 500) * 3 + 1)
        sequence = 500 + rest % 500  # 500-999: order codes the demo's small scale rarely draws
        number = synthetic.resident_id(region, birth, sequence)
        chars = MALE_CHARS if sequence % 2 else FEMALE_CHARS
        name = rng.choices(surnames, weights)[0] + "".join(rng.choice(chars) for _ in range(rng.choice((1, 2))))
        phone = f"198{(i * 48_271 + seed) % 10**8:08d}"
        if i % 50 == 7:
            phone = f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}"
        joined = birth + datetime.timedelta(days=365 * 20 + i % 3000)
        yield [i + 1, name, number, phone, joined.isoformat(), CATEGORIES[i % len(CATEGORIES)]]


def make_csv(count: int) -> Path:
    path = FILES_DIR / f"members-{count}.csv"
    if not path.exists():
        FILES_DIR.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".tmp"), "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows(rows(count))
        path.with_suffix(".tmp").rename(path)
    return path


def make_xlsx(count: int) -> Path:
    import xlsxwriter

    path = FILES_DIR / f"members-{count}.xlsx"
    if not path.exists():
        FILES_DIR.mkdir(parents=True, exist_ok=True)
        workbook = xlsxwriter.Workbook(str(path) + ".tmp", {"constant_memory": True})
        sheet = workbook.add_worksheet("会员")
        sheet.write_row(0, 0, HEADERS)
        for line, values in enumerate(rows(count), start=1):
            sheet.write_number(line, 0, values[0])
            for position, value in enumerate(values[1:], start=1):
                sheet.write_string(line, position, value)
        workbook.close()
        os.rename(str(path) + ".tmp", path)
    return path


# --- the child: one way of importing, timed ---------------------------------------------------------------

def _cpu_seconds() -> float:
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def _setup():
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    os.environ["GONGHUI_TASKS_BACKEND"] = "immediate"
    os.environ["GONGHUI_DEBUG"] = "0"  # as in production: no query log growing with every statement
    os.environ["GONGHUI_IMPORT_MAX_BYTES"] = str(2 * 1024**3)
    import django

    django.setup()


def _target():
    from django.contrib.auth import get_user_model

    from gonghui.orgs.demo import demo_grassroots_union

    return get_user_model().objects.get(username="province_admin"), demo_grassroots_union()


def _gonghui(path: Path) -> dict:
    from django.core.files import File

    from gonghui.members import imports

    actor, org = _target()
    started = time.perf_counter()
    with open(path, "rb") as handle:
        preview = imports.import_start(actor=actor, upload=File(handle, name=path.name), org_id=org.pk)
    preview.refresh_from_db()
    previewed = time.perf_counter()
    if preview.status != "succeeded" or preview.result.get("errors"):
        raise SystemExit(f"preview failed: {preview.status} {preview.error_message} {preview.result}")
    done = imports.import_commit(actor=actor, preview=preview)
    done.refresh_from_db()
    finished = time.perf_counter()
    if done.status != "succeeded":
        raise SystemExit(f"commit failed: {done.status} {done.error_code} {done.error_message}")
    return {"rows": done.result["rows"], "preview_seconds": previewed - started,
            "commit_seconds": finished - previewed, "seconds": finished - started}


def _raw_copy(path: Path) -> dict:
    """The rows the importer writes, prepared beforehand (validation, encryption, hashes, pinyin: untimed),
    then only the COPY of persons and memberships is timed."""
    from django.db import transaction
    from django.utils import timezone

    from gonghui.core import demo
    from gonghui.members import services
    from gonghui.members.imports.rows import cached_pinyin
    from gonghui.members.models import Membership, Person

    _actor, org = _target()
    id_field, phone_field = Person._meta.get_field("id_number"), Person._meta.get_field("phone")
    writer = demo.BulkWriter()
    now = timezone.now()
    person_columns = ["id", "name", "name_pinyin", "name_initials", "id_number", "id_number_hash", "id_tail",
                      "phone", "phone_hash", "phone_tail", "sex", "birth_date", "category", "occupation",
                      "current_org_id", "created_at", "updated_at"]
    member_columns = ["person_id", "org_id", "status", "joined_on", "card_number", "created_at"]
    base = writer.next_id(Person._meta.db_table)
    persons, members = [], []
    categories = {"职工": "employee", "农民工": "migrant", "新就业形态劳动者": "new_form"}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for i, (_n, name, number, phone, joined, category) in enumerate(reader):
            phone = phone.replace("+86", "").replace("-", "").replace(" ", "")
            full, initials = cached_pinyin(name)
            person_id = base + i
            persons.append((person_id, name, full, initials, id_field.get_prep_value(number),
                            services.id_number_hash(number), number[-4:], phone_field.get_prep_value(phone),
                            services.phone_hash(phone), phone[-4:], "M" if int(number[16]) % 2 else "F",
                            datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                            categories[category], "", org.pk, now, now))
            members.append((person_id, org.pk, "active", datetime.date.fromisoformat(joined),
                            f"53{9 * 10**13 + i:014d}", now))
    with transaction.atomic():
        started = time.perf_counter()
        for start in range(0, len(persons), 20_000):
            writer.write(Person._meta.db_table, person_columns, persons[start:start + 20_000])
        for start in range(0, len(members), 20_000):
            writer.write(Membership._meta.db_table, member_columns, members[start:start + 20_000])
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"rows": len(persons), "seconds": seconds, "note": "prepared rows held in memory (untimed)"}


def _import_export(path: Path) -> dict:
    import tablib
    from import_export import fields, resources

    from gonghui.members import services
    from gonghui.members.models import Person

    _actor, org = _target()

    class PersonResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="姓名")
        id_number = fields.Field(attribute="id_number", column_name="身份证号")
        phone = fields.Field(attribute="phone", column_name="手机号")
        category = fields.Field(attribute="category", column_name="类别")

        class Meta:
            model = Person
            fields = ("name", "id_number", "phone", "category")
            import_id_fields = ()
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True

        categories = {"职工": "employee", "农民工": "migrant", "新就业形态劳动者": "new_form"}

        def before_save_instance(self, instance, row, **kwargs):
            number = instance.id_number
            phone = instance.phone.replace("+86", "").replace("-", "").replace(" ", "")
            instance.phone, instance.phone_hash, instance.phone_tail = phone, services.phone_hash(phone), phone[-4:]
            instance.id_number_hash, instance.id_tail = services.id_number_hash(number), number[-4:]
            instance.birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            instance.sex = "M" if int(number[16]) % 2 else "F"
            instance.category = self.categories.get(instance.category, "employee")
            instance.current_org_id = org.pk

    started = time.perf_counter()
    with open(path, encoding="utf-8-sig") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="csv")
    result = PersonResource().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    seconds = time.perf_counter() - started
    return {"rows": result.totals.get("new", 0), "seconds": seconds}


def _cleanup(first_person: int) -> None:
    """Raw deletes (the ORM's collector would fetch every row first); the audit trail is append-only and keeps
    its import events."""
    from django.db import connection, transaction

    from gonghui.core.models import Job
    from gonghui.members.models import Membership, Person

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Membership._meta.db_table} WHERE person_id >= %s", [first_person])
        cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE id >= %s", [first_person])
        Job.objects.filter(kind__startswith="members.import").delete()


def child(mode: str, path: Path) -> None:
    _setup()
    from gonghui.core import demo
    from gonghui.members.models import Person

    first = demo.BulkWriter().next_id(Person._meta.db_table)
    _target()
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Django loaded, nothing imported yet
    cpu = _cpu_seconds()
    try:
        figures = {"gonghui": _gonghui, "copy": _raw_copy, "import_export": _import_export}[mode](path)
        # this process and the ones it waited for: a job runs in a process of its own, with its reader (the
        # database server's CPU apart)
        figures["cpu_seconds"] = _cpu_seconds() - cpu
    finally:
        _cleanup(first)
    figures["peak_mb"] = max(resource.getrusage(who).ru_maxrss
                             for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    figures["base_mb"] = base_mb
    print(json.dumps(figures))


def _run_child(mode: str, path: Path) -> dict:
    say(f"  {mode}: {path.name} …")
    output = subprocess.run([sys.executable, "-m", "bench.import_members", "child", mode, str(path)], cwd=ROOT,
                            check=True, capture_output=True, text=True)
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    figures["rate"] = figures["rows"] / figures["seconds"]
    say(f"    {figures['rate']:,.0f} rows/s, peak {figures['peak_mb']:,.0f} MB ({figures})")
    return figures


def _available() -> str:
    from django.db import connection

    return "" if connection.vendor == "postgresql" else "the raw COPY baseline needs PostgreSQL"


@register("b", "member import (Gonghui vs raw COPY vs django-import-export)", available=_available)
def run(options: Options) -> list[Result]:
    count = options.persons or 1_000_000
    small = int(os.environ.get("GONGHUI_BENCH_IE_ROWS", min(count, 100_000)))
    csv_path, xlsx_path = make_csv(count), make_xlsx(min(count // 5, 200_000))
    ie_path = csv_path if small == count else make_csv(small)
    ours, limit = _run_child("gonghui", csv_path), _run_child("copy", csv_path)
    ours_xlsx, theirs = _run_child("gonghui", xlsx_path), _run_child("import_export", ie_path)
    results = []

    def details(figures, extra=None):
        keep = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in figures.items()}
        return {**keep, **(extra or {})}

    results.append(Result(
        name="b.import.csv_vs_copy", title=f"b. member import, CSV {count:,} rows, vs raw COPY (validated rows)",
        figure=ours["rate"], figure_label="rows/s", baseline=limit["rate"], baseline_label="rows/s raw COPY",
        higher_is_better=True, details=details(ours, {"copy": details(limit)})))
    results.append(Result(
        name="b.import.csv_vs_import_export",
        title=f"b. member import, CSV, vs django-import-export use_bulk ({small:,} rows)",
        figure=ours["rate"], figure_label="rows/s", baseline=theirs["rate"],
        baseline_label="rows/s django-import-export", higher_is_better=True,
        details=details(ours, {"import_export": details(theirs),
                               "memory_ratio": round(theirs["peak_mb"] / ours["peak_mb"], 2)})))
    results.append(Result(
        name="b.import.xlsx_vs_copy",
        title=f"b. member import, .xlsx {ours_xlsx['rows']:,} rows, vs raw COPY", figure=ours_xlsx["rate"],
        figure_label="rows/s", baseline=limit["rate"], baseline_label="rows/s raw COPY", higher_is_better=True,
        details=details(ours_xlsx)))
    results.append(Result(
        name="b.import.peak_memory", title=f"b. member import, CSV {count:,} rows, peak memory (child process)",
        figure=ours["peak_mb"], figure_label="MB", baseline=theirs["peak_mb"],
        baseline_label=f"MB django-import-export ({small:,} rows)", details={"xlsx_peak_mb": ours_xlsx["peak_mb"]}))
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        raise SystemExit("usage: python -m bench.import_members child gonghui|copy|import_export FILE")
