"""The browser machinery works: the public home page and the staff sign-in page open in Chromium."""

import pytest

from tests.browser.plugin import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_home_opens(page, screenshot):
    response = page.goto("/")
    assert response is not None and response.ok
    assert page.locator("body").inner_text().strip()
    assert screenshot("home").exists()


@pytest.mark.parametrize("viewport", [PHONE])
def test_staff_sign_in_page_fits_a_phone(page, screenshot):
    response = page.goto("/staff/login/")
    assert response is not None and response.ok
    assert page.locator("input[type=password]").count() == 1
    # nothing wider than the screen: no sideways scrolling at 360 px
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("staff-login-360")
