"""A worker applies for hardship aid on a 360 px phone; the union's steps run; the county officer approves and
files the household from its page (reading the rules' arithmetic); the worker sees the file filed."""

import datetime
import re
from decimal import Decimal

import pyotp
import pytest
from playwright.sync_api import expect
from tests.browser.plugin import ARTIFACTS, PHONE
from tests.fixtures import PASSWORD

from gonghui.assistance import services
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.tests.factories import make_standard
from gonghui.assistance.tests.helpers import to_checked
from gonghui.members.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def worker_sign_in(page, person) -> None:
    page.goto("/m/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=phone]").fill(person.phone)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/m/login/"))


def staff_sign_in(page, user) -> None:
    page.goto("/staff/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    if user.totp_secret:
        form = page.locator("form:has(input[name=code])")
        form.locator("input[name=code]").fill(pyotp.TOTP(user.totp_secret).now())
        form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/staff/(login|2fa)/"))


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def test_worker_applies_and_the_county_files_the_household(world, browser, live_server, storage):
    make_standard("530102", datetime.date.today().year, Decimal("700.00"))
    person = Person.objects.get(user=world.user("worker"))
    phone = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="zh-CN")
    page = phone.new_page()
    worker_sign_in(page, person)
    page.goto("/m/assistance/apply/")
    page.locator("input[name=county_code]").fill("530102")
    page.locator("input[name=income]").fill("6000")
    page.locator("input[name=causes][value=illness]").check()
    page.locator("input[name=m1_name]").fill("张小伟")
    page.locator("input[name=m1_id]").fill("530102201201010016")
    page.locator("form.m-form button[type=submit]").click()
    expect(page.get_by_test_id("my-file")).to_contain_text("已申请")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "assistance--applied.png"), full_page=True)

    # the grassroots union screens, visits (photos, signed authorisation), cross-checks and puts it on notice
    file = HardshipFile.objects.get(person=person)
    file = to_checked(world, file)
    services.file_step(actor=world.user("grassroots_officer"), file=file, transition="publish", notice_days=1)
    HardshipFile.objects.filter(pk=file.pk).update(notice_until=datetime.date.today())  # the notice has run

    staff = browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    staff_sign_in(staff, world.user("county_officer"))
    staff.goto(f"/staff/assistance/{file.pk}/")
    expect(staff.get_by_test_id("assessment")).to_contain_text("深度困难")
    staff.get_by_test_id("transitions").get_by_role("button", name="审批（县级）").click()
    staff.get_by_test_id("transitions").get_by_role("button", name="建档").click()
    expect(staff.get_by_test_id("state")).to_have_text("已建档")
    staff.screenshot(path=str(ARTIFACTS / "assistance--filed.png"), full_page=True)

    page.goto("/m/assistance/")
    expect(page.get_by_test_id("my-file")).to_contain_text("已建档")
    phone.close()
