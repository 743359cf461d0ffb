"""From a draft to a published page on a phone: the grassroots editor writes in the browser's editor (Trix, served
by the app) and sends the article to review; the three reviews and publishing are taken by their people; a
reader on a 360 px phone finds it on /m/news/ and opens it. Every page runs under the Content-Security-Policy
(the plugin fails the test on a violation)."""

import pytest
from playwright.sync_api import expect
from tests.browser.plugin import ARTIFACTS, PHONE
from tests.browser.test_journeys import no_sideways_scrolling, staff_sign_in

from gonghui.media.models import Article
from gonghui.media.tests.factories import REVIEWS, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_to_a_published_page_on_a_phone(world, page, browser, live_server, screenshot):
    staff_sign_in(page, world.user("grassroots_officer"))
    page.goto("/staff/media/new/")
    form = page.get_by_test_id("article-form")
    form.locator("input[name=title]").fill("五华区为户外劳动者送清凉")
    editor = page.get_by_test_id("editor")
    editor.click()
    page.keyboard.type("高温天气里，工会为环卫工人送去防暑物品。")
    form.locator("button[type=submit]").last.click()
    expect(page.get_by_test_id("article-state")).to_have_text("草稿")
    article = Article.objects.get(title="五华区为户外劳动者送清凉")
    assert "送去防暑物品" in article.body_text
    page.get_by_test_id("transitions").get_by_role("button", name="送初审").click()
    expect(page.get_by_test_id("article-state")).to_have_text("初审")
    screenshot("newsroom-in-review")

    article.refresh_from_db()
    for name, who in REVIEWS:
        step(world, article, name, who)
    step(world, article, "publish", "county_officer")  # the job runs at once (the tests' immediate backend)

    phone = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="zh-CN",
                                timezone_id="Asia/Shanghai")
    reader = phone.new_page()
    violations = []
    reader.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    reader.goto(f"/m/news/?org={world.wuhua_union.pk}")
    link = reader.get_by_test_id("news-list").get_by_role("link", name="五华区为户外劳动者送清凉")
    expect(link).to_be_visible()
    link.click()
    expect(reader.get_by_test_id("news-article")).to_contain_text("送去防暑物品")
    assert no_sideways_scrolling(reader)
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "media-newsroom--phone-article.png"), full_page=True)
    phone.close()
    assert violations == []
