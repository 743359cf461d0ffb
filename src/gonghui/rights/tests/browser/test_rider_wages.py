"""A rider whose unpaid wages are recovered, in a real browser: the worker asks for legal aid on a 360 px phone with
a photo of a pay slip, the county officer accepts and assigns a lawyer, the lawyer records the agreement with the
money recovered, the worker sees the money and rates the service. Screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import expect
from tests.browser.plugin import DESKTOP, PHONE, _artifact_name
from tests.browser.test_journeys import no_sideways_scrolling, staff_sign_in
from tests.fixtures import PASSWORD, make_user

from gonghui.members.models import Person
from gonghui.rights.models import LegalCase
from gonghui.rights.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": factories.png_upload(name).read()}


def _staff_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_riders_unpaid_wages_are_recovered(world, page, browser, live_server, screenshot, tmp_path, settings,
                                            request):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    person = Person.objects.get(user=world.user("worker"))
    lawyer = make_user("rights_lawyer", roles=[(world.wuhua, "rights_case_worker")], totp=True)
    worker = factories.make_case_worker(world.wuhua, lawyer, name="李律师")

    # 1. the rider asks for help on the phone
    page.goto("/m/login/?next=/m/rights/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=phone]").fill(person.phone)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("my-cases")).to_be_visible()
    page.locator("a[href$='/m/rights/apply/']").click()
    apply = page.get_by_test_id("apply-form")
    apply.locator("select[name=dispute_type]").select_option("wage_arrears")
    apply.locator("input[name=employer_name]").fill("昆明某即时配送站点")
    apply.locator("input[name=amount_claimed]").fill("8,600")
    apply.locator("textarea[name=summary]").fill("站点拖欠我两个月的配送工资")
    apply.locator("input[name=paper]").set_input_files([_png("pay-slip.png")])
    assert no_sideways_scrolling(page)
    screenshot("apply")
    page.locator("#send-request").click()
    expect(page.get_by_test_id("case").locator("[data-state]")).to_have_attribute("data-state", "submitted")
    case = LegalCase.objects.get(person=person)

    # 2. the county officer accepts and assigns the lawyer
    context, staff = _staff_page(browser, live_server)
    staff_sign_in(staff, world.user("county_officer"))
    staff.goto("/staff/rights/?state=open")
    staff.locator("tr", has_text=case.reference).locator("a").first.click()
    staff.locator("button[name=transition][value=accept]").click()
    assign = staff.get_by_test_id("assign-form")
    assign.locator("select[name=case_worker]").select_option(str(worker.pk))
    assign.locator("button[type=submit]").click()
    expect(staff.get_by_test_id("letters")).to_be_visible()  # the assignment letter
    staff.screenshot(path=str(_artifact_name(request, "officer-assigned")), full_page=True)
    context.close()

    # 3. the lawyer works the case and records the agreement with the money recovered
    context, staff = _staff_page(browser, live_server)
    staff_sign_in(staff, lawyer)
    staff.goto(f"/staff/rights/{case.pk}/")
    staff.locator("button[name=transition][value=start]").click()
    papers = staff.get_by_test_id("papers")
    papers.locator("select[name=kind]").select_option("rights.closing")
    papers.locator("input[name=file]").set_input_files([_png("agreement.png")])
    papers.locator("button[type=submit]").click()
    close = staff.get_by_test_id("close-form")
    close.locator("select[name=outcome]").select_option("agreement")
    close.locator("input[name=amount_recovered]").fill("8,600.00")
    close.locator("select[name=reached_worker]").select_option("yes")
    close.locator("button[type=submit]").click()
    expect(staff.get_by_test_id("recovered")).to_contain_text("8,600.00")
    staff.screenshot(path=str(_artifact_name(request, "lawyer-closed")), full_page=True)
    context.close()

    # 4. the rider sees the money and rates the service
    page.goto(f"/m/rights/{case.pk}/")
    expect(page.get_by_test_id("recovered")).to_contain_text("8,600.00")
    rate = page.get_by_test_id("rate-form")
    rate.locator("select[name=rating]").select_option("5")
    rate.locator("button[type=submit]").click()
    expect(page.get_by_test_id("rate-form")).to_have_count(0)
    assert no_sideways_scrolling(page)
    screenshot("rated")
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == 5 and str(case.amount_recovered) == "8600.00"
