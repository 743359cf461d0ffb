"""A courier on a 360 px phone taps "Stations near me": the three nearest stations come first, in order, and one
tap opens the station page. Geolocation is the browser context's; no map tile is fetched (no tile source set)."""

import pytest
from playwright.sync_api import expect
from tests.browser.plugin import ARTIFACTS, PHONE

from gonghui.venues.tests.factories import make_venue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HERE = {"latitude": 25.0400, "longitude": 102.7100}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="zh-CN",
                                  timezone_id="Asia/Shanghai", geolocation=HERE, permissions=["geolocation"])
    context.set_default_timeout(10_000)
    outside_requests = []
    context.on("request", lambda r: outside_requests.append(r.url)
               if not r.url.startswith(live_server.url) and not r.url.startswith("data:") else None)
    page = context.new_page()
    yield page, outside_requests
    context.close()


def test_worker_sees_the_three_nearest_stations_in_order_and_opens_one(world, phone):
    page, outside_requests = phone
    # 300 m north, 700 m east, 1.1 km south, 2.5 km west (1° of latitude ≈ 111 km)
    make_venue(world.wuhua_union, "东风西路驿站", lat=25.0400, lng=102.7100 + 0.0070 / 0.906)
    make_venue(world.wuhua_union, "翠湖北路驿站", lat=25.0400 + 0.0027, lng=102.7100)
    make_venue(world.wuhua_union, "人民中路驿站", lat=25.0400 - 0.0099, lng=102.7100)
    make_venue(world.wuhua_union, "西坝路驿站", lat=25.0400, lng=102.7100 - 0.0248)

    page.goto("/m/stations/")
    page.get_by_role("button", name="附近的驿站").click()
    rows = page.get_by_test_id("station-row")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("翠湖北路驿站")
    expect(rows.nth(1)).to_contain_text("东风西路驿站")
    expect(rows.nth(2)).to_contain_text("人民中路驿站")
    expect(rows.nth(0).get_by_test_id("station-distance")).to_have_text("300 m")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    assert rows.nth(0).bounding_box()["height"] >= 44  # a thumb-sized target
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "venues-near-me--list.png"), full_page=True)

    rows.nth(0).locator("a").click()
    expect(page.get_by_test_id("station-detail")).to_be_visible()
    expect(page.locator("h1")).to_have_text("翠湖北路驿站")
    expect(page.get_by_test_id("nav-amap")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "venues-near-me--station.png"), full_page=True)
    assert outside_requests == []
