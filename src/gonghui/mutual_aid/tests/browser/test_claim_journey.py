"""A claim from the phone to the bank, in a real browser: a worker on a 360 px screen files a claim with photos
of its documents, a county reviewer approves it, a cashier batches it and marks the batch paid, and the worker
sees "paid". Screenshots go to test-artifacts/."""

import datetime

import pytest
from playwright.sync_api import expect
from tests.browser.plugin import DESKTOP, PHONE, _artifact_name
from tests.browser.test_journeys import no_sideways_scrolling, staff_sign_in
from tests.fixtures import PASSWORD, make_user

from gonghui.members.models import Person
from gonghui.mutual_aid.models import Claim
from gonghui.mutual_aid.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": factories.PNG}


def _staff_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_claim_from_the_phone_to_paid(world, page, browser, live_server, screenshot, tmp_path, settings,
                                        request):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    period = factories.make_period(world, number=22)
    person = Person.objects.get(user=world.user("worker"))
    factories.enrol(person, period)
    reviewer = make_user("ma_reviewer", roles=[(world.wuhua, "mutual_aid_reviewer")], totp=True)
    cashier = make_user("ma_cashier", roles=[(world.wuhua, "mutual_aid_cashier")], totp=True)
    today = datetime.date.today()

    # 1. the worker, on a phone
    page.goto("/m/login/?next=/m/mutual-aid/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=phone]").fill(person.phone)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("benefits")).to_be_visible()
    assert no_sideways_scrolling(page)
    screenshot("my-cover")
    page.locator("#file-claim").click()
    page.locator("a[data-benefit=inpatient]").click()
    claim_form = page.get_by_test_id("claim-form")
    claim_form.locator("input[name=hospital]").fill("昆明医科大学第一附属医院")
    claim_form.locator("input[name=admission_date]").fill((today - datetime.timedelta(days=30)).isoformat())
    claim_form.locator("input[name=discharge_date]").fill((today - datetime.timedelta(days=20)).isoformat())
    claim_form.locator("input[name=diagnosis]").fill("肺炎")
    claim_form.locator("input[name=total_cost]").fill("30000.00")
    claim_form.locator("input[name=insurance_paid]").fill("18000.00")
    claim_form.locator("input[name=self_paid]").fill("12000.00")
    claim_form.locator("input[name=invoice_numbers]").fill("INV-2026-0001 INV-2026-0002")
    claim_form.locator("input[name=bank_name]").fill("中国工商银行")
    claim_form.locator("input[name=bank_account]").fill("6222020200112233445")
    inputs = claim_form.locator("input[type=file]")
    documents = inputs.count()
    assert documents >= 4
    for index in range(documents):
        field = inputs.nth(index)
        assert field.get_attribute("accept") == "image/*,application/pdf"
        assert field.get_attribute("capture") is not None
        field.set_input_files([_photo(f"page-{index}-1.png"), _photo(f"page-{index}-2.png")])
    assert no_sideways_scrolling(page)
    screenshot("claim-form")
    page.locator("#send-claim").click()
    expect(page.get_by_test_id("claim-state")).to_have_attribute("data-state", "submitted")
    expect(page.get_by_test_id("arithmetic")).to_be_visible()
    assert no_sideways_scrolling(page)
    screenshot("claim-submitted")
    claim = Claim.objects.get(person=person)
    assert claim.documents.count() == 2 * documents

    # 2. the county reviewer approves
    context, staff = _staff_page(browser, live_server)
    staff_sign_in(staff, reviewer)
    staff.goto("/staff/mutual-aid/claims/")
    staff.locator("tr", has_text=claim.reference).locator("a").first.click()
    staff.locator("[data-testid=transitions] button[value=start_review]").click()  # core/_transitions.html
    expect(staff.locator("[data-testid=transitions] button[value=approve]")).to_be_visible()
    staff.locator("[data-testid=transitions] button[value=approve]").click()
    expect(staff.get_by_test_id("claim-state")).to_have_attribute("data-state", "approved")
    staff.screenshot(path=str(_artifact_name(request, "reviewer-approved")), full_page=True)
    context.close()

    # 3. a cashier batches the claim and marks the batch paid
    context, staff = _staff_page(browser, live_server)
    staff_sign_in(staff, cashier)
    staff.goto(f"/staff/mutual-aid/payouts/?period={period.pk}")
    create = staff.locator("form[action$='/payouts/new/']")
    create.locator("select[name=org]").select_option(str(world.wuhua.pk))
    create.locator("select[name=period]").select_option(str(period.pk))
    staff.locator("#create-batch").click()
    expect(staff.get_by_test_id("mark-form")).to_be_visible()
    with staff.expect_download() as download:
        staff.locator("#export").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    staff.locator("input[name=bank_reference]").fill("ICBC-20260301-001")
    staff.locator("#mark-paid").click()
    expect(staff.get_by_test_id("mark-form")).to_have_count(0)  # the batch is closed
    staff.screenshot(path=str(_artifact_name(request, "cashier-batch-paid")), full_page=True)
    context.close()
    claim.refresh_from_db()
    assert claim.state == Claim.State.PAID

    # 4. the worker sees "paid"
    page.goto(f"/m/mutual-aid/claims/{claim.pk}/")
    expect(page.get_by_test_id("claim-state")).to_have_attribute("data-state", "paid")
    expect(page.locator("[data-testid=history] li").last).to_have_attribute("data-state", "paid")
    assert no_sideways_scrolling(page)
    screenshot("claim-paid")
