"""The main journeys in a real browser: a worker shows their member card on a phone, and a county officer
accepts a transfer arriving in their county. Screenshots go to test-artifacts/."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from gonghui.members import services
from gonghui.members.models import Membership, Person, Transfer
from tests.browser.plugin import PHONE
from tests.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def staff_sign_in(page, user) -> None:
    page.goto("/staff/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    if user.totp_secret:
        expect(page).to_have_url(re.compile(r"/staff/2fa/verify/"))
        form = page.locator("form:has(input[name=code])")
        form.locator("input[name=code]").fill(pyotp.TOTP(user.totp_secret).now())
        form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/staff/(login|2fa)/"))


@pytest.mark.parametrize("viewport", [PHONE])
def test_worker_signs_in_and_shows_the_member_card_on_a_phone(world, page, screenshot):
    person = Person.objects.get(user=world.user("worker"))
    membership = Membership.objects.get(person=person, status__in=Membership.CURRENT)

    page.goto("/m/")  # not signed in: sent to sign in first
    expect(page).to_have_url(re.compile(r"/m/login/"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=phone]").fill(person.phone)
    form.locator("input[name=password]").fill(PASSWORD)
    screenshot("sign-in")
    form.locator("button[type=submit]").click()

    card = page.get_by_test_id("member-card")
    expect(card).to_be_visible()
    expect(page.get_by_test_id("card-name")).to_have_text(person.name)
    expect(page.get_by_test_id("card-union")).to_have_text(world.wuhua_union.name)
    expect(page.get_by_test_id("card-number")).to_have_text(membership.card_number)
    assert no_sideways_scrolling(page)
    # touch targets: the card's sign-out button is at least 44 px high
    button = page.locator("form[action*='logout'] button").first
    assert button.bounding_box()["height"] >= 44
    screenshot("card")


def test_county_officer_accepts_a_transfer_into_the_county(world, page, screenshot):
    person = Person.objects.get(name="王芳")  # a member in Panlong, moving to a union in Wuhua
    transfer = services.transfer_request(actor=world.user("province_admin"), person=person,
                                         to_org=world.wuhua_union, reason="换工作")

    staff_sign_in(page, world.user("county_officer"))
    page.goto("/staff/members/transfers/")
    row = page.locator("tr", has_text=person.name)
    expect(row).to_contain_text(world.wuhua_union.name)
    expect(row).to_contain_text("换工作")
    screenshot("queue")
    row.locator("form[action*='/accept/'] button").click()

    expect(page.locator("tr", has_text=person.name)).to_have_count(0)  # gone from the queue
    screenshot("after-accept")
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.ACCEPTED
    assert transfer.decided_by == world.user("county_officer")
    person.refresh_from_db()
    assert person.current_org == world.wuhua_union
