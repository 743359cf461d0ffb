"""Staff and worker pages: who may see what (anonymous, worker, staff without and with the permission, out of
scope), lists with filters and pinyin search, exports, query counts that do not grow with rows, the member page's
skills panel, the worker's skills record, registration and check-in at the door."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.core.models import AuditEvent
from gonghui.workforce.models import Attendance, Enrolment

from .factories import (
    make_attendance,
    make_certification,
    make_competition,
    make_course,
    make_enrolment,
    make_measure,
    make_pair,
    make_session,
    world_people,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return world_people()


LISTS = ["workforce:index", "workforce:measure_list", "workforce:course_list", "workforce:certification_list",
         "workforce:pair_list", "workforce:competition_list"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("actor, expected", [("anonymous", 302), ("worker", 404), ("staff_no_role", 404),
                                             ("auditor", 404), ("grassroots_officer", 200)])
def test_who_may_open_the_lists(client, login, world, name, actor, expected):
    if actor != "anonymous":
        client = login(world.user(actor))
    response = client.get(reverse(name))
    assert response.status_code == expected, (name, actor)


def test_lists_show_only_the_subtree_and_search_by_pinyin(login, world, people):
    make_course(world.wuhua_union, "电工技能提升培训班")
    make_course(world.panlong_union, "盘龙焊工培训班")
    make_measure(world.wuhua, "五华区产改实施方案")
    make_measure(world.panlong, "盘龙区产改实施方案")
    make_certification(people["张伟"], trade="电工")
    make_certification(people["王芳"], trade="盘龙焊工")
    make_competition(world.wuhua, "五华劳动竞赛")
    make_competition(world.panlong, "盘龙劳动竞赛")
    client = login(world.user("county_officer"))
    courses = client.get(reverse("workforce:course_list")).content.decode()
    assert "电工技能提升培训班" in courses and "盘龙焊工培训班" not in courses
    assert "电工技能" in client.get(reverse("workforce:course_list"), {"q": "diangong"}).content.decode()
    assert "电工技能" in client.get(reverse("workforce:course_list"), {"q": "dgjn"}).content.decode()
    assert "电工技能" not in client.get(reverse("workforce:course_list"), {"q": "hangong"}).content.decode()
    measures = client.get(reverse("workforce:measure_list")).content.decode()
    assert "五华区产改" in measures and "盘龙区产改" not in measures
    certs = client.get(reverse("workforce:certification_list"), {"q": "zw"}).content.decode()
    assert "张伟" in certs and "盘龙焊工" not in certs
    competitions = client.get(reverse("workforce:competition_list")).content.decode()
    assert "五华劳动竞赛" in competitions and "盘龙劳动竞赛" not in competitions


def test_out_of_scope_objects_are_not_found(login, world):
    course = make_course(world.panlong_union)
    measure = make_measure(world.panlong)
    client = login(world.user("county_officer"))
    assert client.get(reverse("workforce:course_detail", args=[course.pk])).status_code == 404
    assert client.get(reverse("workforce:measure_detail", args=[measure.pk])).status_code == 404
    assert client.post(reverse("workforce:course_complete", args=[course.pk])).status_code == 404
    viewer = login(world.user("auditor"))  # no workforce role at all
    assert viewer.get(reverse("workforce:course_detail", args=[course.pk])).status_code == 404


def test_create_course_add_session_enrol_and_complete_from_the_pages(login, world, people):
    client = login(world.user("county_officer"))
    start = datetime.date.today() + datetime.timedelta(days=3)
    response = client.post(reverse("workforce:course_create"), {
        "org": world.wuhua_union.pk, "title": "养老护理员培训班", "organiser": "区培训中心", "trade": "养老护理员",
        "start_date": start, "end_date": start + datetime.timedelta(days=2), "place": "社区中心", "hours": "16",
        "funding": "8,000.00", "open_for_registration": "on"})
    assert response.status_code == 302
    course = Enrolment._meta.get_field("course").related_model.objects.get(title="养老护理员培训班")
    client.post(reverse("workforce:session_create", args=[course.pk]), {"day": start, "hours": "4"})
    session = course.sessions.get()
    client.post(reverse("workforce:course_enrol", args=[course.pk]), {"id_number": people["张伟"].id_number})
    assert Enrolment.objects.filter(course=course, person=people["张伟"]).exists()
    make_attendance(session, people["张伟"])
    client.post(reverse("workforce:course_complete", args=[course.pk]))
    assert Enrolment.objects.get(course=course, person=people["张伟"]).state == "completed"
    page = client.get(reverse("workforce:course_detail", args=[course.pk])).content.decode()
    assert "张伟" in page and "¥8,000.00" in page
    qr = client.get(reverse("workforce:session_qr", args=[session.pk])).content.decode()
    assert "<svg" in qr


def test_measure_page_steps_through_the_workflow(login, world):
    measure = make_measure(world.wuhua)
    client = login(world.user("county_officer"))
    page = client.get(reverse("workforce:measure_detail", args=[measure.pk])).content.decode()
    assert 'value="start"' in page
    client.post(reverse("workforce:measure_transition", args=[measure.pk]), {"transition": "start"})
    measure.refresh_from_db()
    assert measure.state == "implementing"
    viewer = login(world.user("grassroots_officer"))  # sees the county's measure? no: it is above them
    assert viewer.get(reverse("workforce:measure_detail", args=[measure.pk])).status_code == 404


def test_exports_are_real_workbooks_and_audited(login, world, people):
    make_course(world.wuhua_union, "电工技能提升培训班")
    make_certification(people["张伟"])
    make_measure(world.wuhua)
    client = login(world.user("county_officer"))
    for name in ("workforce:course_export", "workforce:certification_export", "workforce:measure_export"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        assert len(rows) == 2, name
    assert AuditEvent.objects.filter(action="workforce.export").count() == 3


@pytest.mark.parametrize("name, build", [
    ("workforce:course_list", lambda world, people, i: make_course(world.wuhua_union, f"培训班{i}")),
    ("workforce:certification_list", lambda world, people, i: make_certification(people["张伟"], trade=f"工种{i}")),
    ("workforce:measure_list", lambda world, people, i: make_measure(world.wuhua, f"措施{i}")),
    ("workforce:competition_list", lambda world, people, i: make_competition(world.wuhua, f"竞赛{i}")),
    ("workforce:pair_list", lambda world, people, i: make_pair(people["李娜"], people["张伟"], trade=f"工种{i}")),
])
def test_list_query_count_does_not_grow_with_rows(login, world, people, django_assert_max_num_queries, name, build):
    client = login(world.user("county_officer"))
    build(world, people, 0)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    for i in range(1, 15):
        build(world, people, i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(name)).status_code == 200


def test_course_roster_query_count_does_not_grow(login, world, people, django_assert_max_num_queries):
    from gonghui.members.tests.factories import make_person

    course = make_course(world.wuhua_union)
    session = make_session(course)
    make_enrolment(course, people["张伟"])
    client = login(world.user("county_officer"))
    url = reverse("workforce:course_detail", args=[course.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12):
        person = make_person(world.wuhua_union, f"学员{i}")
        make_enrolment(course, person)
        make_attendance(session, person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_member_page_shows_the_skills_panel_in_scope_only(login, world, people):
    make_certification(people["张伟"], trade="电工", level=4)
    course = make_course(world.wuhua_union)
    make_enrolment(course, people["张伟"], state="completed")
    make_attendance(make_session(course), people["张伟"])
    url = reverse("members:person_detail", args=[people["张伟"].pk])
    page = login(world.user("county_officer")).get(url).content.decode()
    assert "技能档案" in page or "Skills record" in page
    assert "电工" in page
    # a member officer without workforce scope over the person sees no panel (the person is not theirs)
    assert login(world.user("sibling_officer")).get(url).status_code == 404


def test_worker_skills_record_and_registration(client, login, world, people):
    make_certification(people["张伟"], trade="电工", level=3)
    done = make_course(world.wuhua_union, "已结业电工班", start=datetime.date(2025, 3, 3))
    make_enrolment(done, people["张伟"], state="completed")
    make_attendance(make_session(done), people["张伟"])
    open_course = make_course(world.wuhua, "区级焊工培训班")
    make_course(world.panlong_union, "盘龙不可见班")
    client = login(world.user("worker"))
    record = client.get(reverse("m_workforce:record")).content.decode()
    assert "已结业电工班" in record and "电工" in record
    listing = client.get(reverse("m_workforce:courses")).content.decode()
    assert "区级焊工培训班" in listing and "盘龙不可见班" not in listing
    response = client.post(reverse("m_workforce:register", args=[open_course.pk]))
    assert response.status_code == 302
    assert Enrolment.objects.filter(course=open_course, person=people["张伟"], source="self").exists()
    client.post(reverse("m_workforce:register", args=[open_course.pk]))  # twice: still one
    assert Enrolment.objects.filter(course=open_course, person=people["张伟"]).count() == 1


def test_check_in_at_the_door(client, login, world, people):
    session = make_session(make_course(world.wuhua_union))
    url = reverse("m_workforce:check_in", args=[session.checkin_token])
    assert "login" in client.get(url)["Location"]  # anonymous: sign in first, then back here
    worker = login(world.user("worker"))
    assert worker.get(url).status_code == 200
    assert Attendance.objects.count() == 0  # opening the page counts nothing
    first = worker.post(url).content.decode()
    second = worker.post(url).content.decode()
    assert 'data-testid="counted"' in first and 'data-testid="counted"' in second
    assert Attendance.objects.filter(session=session, person=people["张伟"]).count() == 1
    assert worker.get(reverse("m_workforce:check_in", args=["unknown-token"])).status_code == 404
