"""The .xlsx/.csv imports: venues (scope: only unions the officer may change; coordinates converted; amenities and
hours read from Chinese text) and demand points (delivery hotspots for coverage planning). Preview, error report
naming row/column/reason, all-or-nothing commit; jobs run in-process at commit (tests' immediate backend)."""

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.models import Job
from gonghui.venues import coords
from gonghui.venues.imports import service
from gonghui.venues.models import DemandPoint, Venue

pytestmark = pytest.mark.django_db

VENUE_HEADERS = ["名称", "类型", "所属工会", "县区代码", "地址", "纬度", "经度", "坐标系", "设施", "开放时间"]


def xlsx(headers, rows, *, title="2026年驿站名册") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("venues.xlsx", buffer.getvalue())


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(actor, what, upload, **kwargs) -> Job:
        with django_capture_on_commit_callbacks(execute=True):  # the job runs when the submission commits
            job = service.import_start(actor=actor, what=what, upload=upload, **kwargs)
        job.refresh_from_db()
        return job

    return _run


def test_venue_import_preview_then_commit(world, private_storage, run, django_capture_on_commit_callbacks):
    officer = world.user("county_officer")
    gcj = coords.from_wgs84(25.0448, 102.7052, "gcj02")
    rows = [["翠湖驿站", "", "五华区测试公司工会", "", "翠湖南路1号", gcj[0], gcj[1], "GCJ-02",
             "饮用水、手机充电，微波炉", "08:00-12:00, 14:00-18:00"],
            ["大观楼服务中心", "职工服务中心", "", "530102", "", 25.03, 102.67, "", "", "24小时"]]
    preview = run(officer, "venues", xlsx(VENUE_HEADERS, rows))
    assert preview.status == Job.Status.SUCCEEDED, preview.error_message
    assert preview.result["rows"] == 2 and preview.result["new"] == 2 and preview.result["errors"] == 0
    assert not Venue.objects.exists()  # a preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        commit = service.import_commit(actor=officer, preview=preview)
    commit.refresh_from_db()
    assert commit.status == Job.Status.SUCCEEDED and commit.result["created"] == 2
    station = Venue.objects.get(name="翠湖驿站")
    assert coords.haversine_m(station.lat, station.lng, 25.0448, 102.7052) < 1
    assert set(station.amenities) == {"water", "charging", "microwave"} and station.approval == "pending"
    assert station.weekly_hours[0] == [["08:00", "12:00"], ["14:00", "18:00"]]
    centre = Venue.objects.get(name="大观楼服务中心")
    assert centre.kind == "service_centre" and centre.open_24h and centre.org.division_id == "530102"


def test_errors_name_row_column_reason_and_nothing_is_written(world, private_storage, run):
    officer = world.user("county_officer")
    rows = [["好驿站", "", "五华区测试公司工会", "", "", 25.04, 102.71, "", "", ""],
            ["盘龙驿站", "", "盘龙区测试公司工会", "", "", 25.1, 102.75, "", "", ""],  # out of scope
            ["坐标错", "", "", "530102", "", 125.0, 102.7, "", "", ""],
            ["设施错", "", "", "530102", "", 25.0, 102.7, "火星坐标系统", "饮用水、游泳池", ""]]
    preview = run(officer, "venues", xlsx(VENUE_HEADERS, rows))
    assert preview.result["errors"] == 3 and preview.result["new"] == 1
    report = openpyxl.load_workbook(default_storage.open(preview.result["report"]))
    lines = list(report.active.iter_rows(min_row=2, values_only=True))
    assert [(row, column) for row, column, _reason in lines] == [(4, "所属工会"), (5, "纬度"), (6, "坐标系")]
    assert "工会" in lines[0][2]
    with pytest.raises(service.ImportNotReady):
        service.import_commit(actor=officer, preview=preview)
    assert not Venue.objects.exists()


def test_demand_points_import_replaces_the_areas_hotspots(world, private_storage, run,
                                                         django_capture_on_commit_callbacks):
    officer = world.user("county_officer")
    DemandPoint.objects.create(county_code="530102", lat=25.04, lng=102.7, weight=5, source="hotspot")
    DemandPoint.objects.create(county_code="530102", lat=25.04, lng=102.7, weight=5, source="population")
    csv_text = "名称,纬度,经度,权重,坐标系\n南屏街取餐点,25.0385,102.7146,120,GCJ-02\n翠湖,25.045,102.705,,\n"
    upload = SimpleUploadedFile("hotspots.csv", csv_text.encode("utf-8-sig"))
    preview = run(officer, "demand", upload, org_id=world.wuhua.pk, replace=True)
    assert preview.result["errors"] == 0 and preview.result["weight"] == 121, preview.result
    with django_capture_on_commit_callbacks(execute=True):
        service.import_commit(actor=officer, preview=preview)
    hotspots = DemandPoint.objects.filter(source="hotspot")
    assert hotspots.count() == 2 and {p.county_code for p in hotspots} == {"530102"}
    assert DemandPoint.objects.filter(source="population").count() == 1
    far = SimpleUploadedFile("far.csv", "纬度,经度\n25.1,102.75\n39.9,116.4\n".encode())  # Panlong; Beijing
    refused = run(officer, "demand", far, org_id=world.wuhua.pk)
    assert refused.result["errors"] == 2


def test_import_pages_and_template(client, login, world, private_storage, django_capture_on_commit_callbacks):
    login(world.user("county_officer"))
    for what in ("venues", "demand"):
        assert client.get(reverse("venues:import_start", args=[what])).status_code == 200
        template = client.get(reverse("venues:import_template", args=[what]))
        headers = [c.value for c in openpyxl.load_workbook(io.BytesIO(template.content)).active[1]]
        assert "*纬度" in headers and "坐标系" in headers, headers
    assert client.get(reverse("venues:import_start", args=["people"])).status_code == 404
    upload = xlsx(VENUE_HEADERS, [["页面驿站", "", "", "530102", "", 25.04, 102.71, "", "", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("venues:import_start", args=["venues"]), {"file": upload})
    job_url = response["Location"]
    assert "页面驿站" not in client.get(job_url).content.decode()
    job = Job.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("venues:import_commit", args=[job.pk]))
    assert Venue.objects.filter(name="页面驿站").exists()
    login(world.user("sibling_officer"))
    assert client.get(job_url).status_code == 404
