"""A worker on a 360 px phone: signs in, registers for a course, checks in at the door by the session's QR code
(counted once), sees the training in their skills record; after the union's contest is published, opens their
certificate and the public check its QR code leads to. Screenshots go to test-artifacts/."""

import datetime
import re

import pytest
from playwright.sync_api import expect
from tests.browser.plugin import PHONE
from tests.fixtures import PASSWORD

from gonghui.members.models import Person
from gonghui.workforce import services
from gonghui.workforce.models import Attendance, ContestEntry

from ..factories import make_course, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE])
def test_worker_from_registration_to_a_verified_certificate(world, page, screenshot):
    person = Person.objects.get(user=world.user("worker"))
    start = datetime.date.today() + datetime.timedelta(days=1)
    course = make_course(world.wuhua, "五华区电工技能提升培训班", start=start)
    session = make_session(course)

    page.goto("/m/workforce/courses/")
    expect(page).to_have_url(re.compile(r"/m/login/"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=phone]").fill(person.phone)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.goto("/m/workforce/courses/")
    courses = page.get_by_test_id("courses")
    expect(courses).to_contain_text("五华区电工技能提升培训班")
    courses.get_by_role("button").first.click()
    expect(page.get_by_test_id("courses")).to_contain_text("已报名")
    screenshot("registered")

    check_in = f"/m/workforce/check-in/{session.checkin_token}/"  # what the QR code at the door opens
    page.goto(check_in)
    page.get_by_test_id("check-in").get_by_role("button").click()
    expect(page.get_by_test_id("counted")).to_be_visible()
    page.goto(check_in)  # a second scan
    page.get_by_test_id("check-in").get_by_role("button").click()
    expect(page.get_by_test_id("counted")).to_be_visible()
    assert Attendance.objects.filter(session=session, person=person).count() == 1
    screenshot("checked-in")

    page.goto("/m/workforce/")
    expect(page.get_by_test_id("trainings")).to_contain_text("五华区电工技能提升培训班")

    admin = world.user("province_admin")
    edition = services.edition_create(actor=admin, org=world.kunming, number=5, year=2026,
                                      title="第五届昆明市职工技能大赛")
    trade = services.trade_add(actor=admin, edition=edition, trade="电工", promotion_level=4)
    services.quota_set(actor=admin, trade=trade, org=world.wuhua, places=2)
    entry = services.entry_register(actor=admin, trade=trade, person=person)
    services.trade_close(actor=admin, trade=trade)
    services.score_enter(actor=admin, entry=entry, part="theory", score=88)
    services.score_enter(actor=admin, entry=entry, part="practice", score=93)
    services.trade_publish(actor=admin, trade=trade)

    page.goto("/m/workforce/certificates/")
    expect(page.get_by_test_id("certificates")).to_contain_text("技术状元")
    screenshot("certificates")
    with page.expect_download() as download:
        page.get_by_test_id("certificates").get_by_role("link").first.click()
    assert download.value.suggested_filename.endswith(".pdf")

    token = ContestEntry.objects.get(pk=entry.pk).certificate_token
    page.goto(f"/verify/workforce/{token}/")
    check = page.get_by_test_id("certificate")
    expect(check).to_contain_text("技术状元")
    expect(check).not_to_contain_text(person.name)  # the name is masked
    screenshot("verified")
