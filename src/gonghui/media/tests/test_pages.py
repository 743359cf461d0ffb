"""Staff newsroom pages (permissions, the editor, steps, the word highlights, query counts) and the public and
mobile reading pages with their feeds (parsed as RSS 2.0, Atom and JSON Feed)."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from tests.fixtures import make_user

from gonghui.media import services
from gonghui.media.models import Article, Delivery

from .factories import make_article, published_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("who, status", [(None, 302), ("worker", 404), ("staff_no_role", 404),
                                         ("grassroots_officer", 200)])
def test_newsroom_list_permissions(client, login, world, who, status):
    if who:
        login(world.user(who))
    response = client.get("/staff/media/")
    assert response.status_code == status


def test_editor_page_serves_the_editor_from_the_app(client, login, world):
    login(world.user("grassroots_officer"))
    page = client.get("/staff/media/new/").content.decode()
    assert "/static/vendor/trix/trix.umd.min.js" in page and "<trix-editor" in page
    assert "cdn" not in page.lower() and "https://" not in page.split("<body", 1)[1][:20000].replace(
        "https://example", "")


def test_write_submit_and_see_highlights(client, login, world):
    services.word_add(actor=world.user("province_admin"), org=world.province, word="赌博")
    login(world.user("grassroots_officer"))
    response = client.post("/staff/media/new/", {"org": world.wuhua_union.pk, "title": "页面稿件",
                                                 "body": "<p>严禁赌博</p><script>x</script>",
                                                 "category": "news"})
    article = Article.objects.get(title="页面稿件")
    assert response.status_code == 302 and "<script>" not in article.body
    page = client.get(f"/staff/media/{article.pk}/").content.decode()
    assert '<mark class="word-hit">赌博</mark>' in page and 'data-testid="word-hits"' in page
    client.post(f"/staff/media/{article.pk}/step/", {"transition": "submit"})
    assert Article.objects.get(pk=article.pk).state == "draft"  # refused: a prohibited word
    client.post(f"/staff/media/{article.pk}/edit/", {"title": "页面稿件", "body": "<p>遵纪守法</p>",
                                                     "category": "news", "note": "删去禁词"})
    client.post(f"/staff/media/{article.pk}/step/", {"transition": "submit", "comment": "请审"})
    assert Article.objects.get(pk=article.pk).state == "first_review"
    compare = client.get(f"/staff/media/{article.pk}/compare/?a=1&b=2").content.decode()
    assert "<del>严禁赌博</del>" in compare and "<ins>遵纪守法</ins>" in compare


def test_out_of_scope_article_is_404(client, login, world):
    article = make_article(world)
    login(world.user("sibling_officer"))
    assert client.get(f"/staff/media/{article.pk}/").status_code == 404
    assert client.post(f"/staff/media/{article.pk}/step/", {"transition": "submit"}).status_code == 404
    assert Article.objects.get(pk=article.pk).state == "draft"


def test_list_query_count_does_not_grow(client, login, world, django_assert_max_num_queries):
    login(world.user("county_officer"))
    make_article(world)
    with django_assert_max_num_queries(30) as few:
        client.get("/staff/media/")
    for n in range(10):
        make_article(world, title=f"稿件{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/staff/media/?q=稿件").status_code == 200


def test_cover_is_resized_to_widths(client, login, world):
    from PIL import Image

    article = make_article(world)
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "cover.png"
    login(world.user("grassroots_officer"))
    client.post(f"/staff/media/{article.pk}/cover/", {"cover": buffer})
    article.refresh_from_db()
    assert sorted(article.cover) == ["1080", "320", "640"]
    response = client.get(f"/staff/media/{article.pk}/cover/300/")
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (320, 180)
    fake = io.BytesIO(b"<svg onload=alert(1)>")
    fake.name = "cover.png"
    client.post(f"/staff/media/{article.pk}/cover/", {"cover": fake})
    article.refresh_from_db()
    assert sorted(article.cover) == ["1080", "320", "640"]  # the old one kept


def test_public_pages_count_reads_per_channel(client, world, django_capture_on_commit_callbacks):
    article = published_article(world, django_capture_on_commit_callbacks)
    org = world.wuhua_union.pk
    index = client.get("/news/").content.decode()
    assert article.title in index
    assert article.title in client.get(f"/news/{org}/").content.decode()
    def listed(url):
        return client.get(url).content.decode().split('data-testid="news-list"', 1)[1].split("</ul>", 1)[0]

    assert article.title in listed(f"/news/{org}/?q=送清凉")
    assert article.title not in listed(f"/news/{org}/?q=没有这个词")
    client.get(f"/news/{org}/{article.pk}/")
    client.get(f"/news/{org}/{article.pk}/?via=feed")
    mobile = client.get(f"/m/news/{org}/{article.pk}/")
    assert mobile.status_code == 200 and b"<script" not in mobile.content.split(b"<body", 1)[1]
    reads = dict(Delivery.objects.filter(article=article).values_list("channel__kind", "reads"))
    assert reads == {"site": 1, "feed": 1, "mobile": 1, "json": 0}
    m_index = client.get(f"/m/news/?org={org}").content.decode()
    assert article.title in m_index
    draft = make_article(world, title="未发布稿件")
    assert client.get(f"/news/{org}/{draft.pk}/").status_code == 404


def test_mobile_list_is_small_and_lazy(client, world, django_capture_on_commit_callbacks):
    for _n in range(3):
        published_article(world, django_capture_on_commit_callbacks)
    page = client.get("/m/news/").content
    assert len(page) < 30_000
    text = page.decode()
    assert 'loading="lazy"' in client.get(f"/news/{world.wuhua_union.pk}/").content.decode() or "<img" not in text


def test_feeds_parse(client, world, django_capture_on_commit_callbacks):
    article = published_article(world, django_capture_on_commit_callbacks)
    org = world.wuhua_union.pk
    rss = client.get(f"/news/{org}/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [article.title]
    assert items[0].findtext("link").endswith(f"/news/{org}/{article.pk}/?via=feed")
    assert items[0].findtext("pubDate")
    atom = ET.fromstring(client.get(f"/news/{org}/atom/").content)
    entries = atom.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [article.title]
    assert entries[0].findtext(f"{ATOM}id") and entries[0].findtext(f"{ATOM}updated")
    feed = json.loads(client.get(f"/news/{org}/feed.json").content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["items"][0]["id"] == f"gonghui-article-{article.pk}" and feed["items"][0]["content_html"]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_transition(actor=world.user("county_officer"), article=article, transition="withdraw")
    assert ET.fromstring(client.get(f"/news/{org}/rss/").content).find("channel").findall("item") == []
    assert client.get(f"/news/{org}/{article.pk}/").status_code == 404


def test_wechat_export_is_inline_styled(client, login, world, django_capture_on_commit_callbacks):
    article = published_article(world, django_capture_on_commit_callbacks)
    login(world.user("county_officer"))
    page = client.get(f"/staff/media/{article.pk}/wechat/").content.decode()
    assert '<p style="margin:0 0 1em;' in page and "<style" not in page and "class=" not in page.split(
        'data-testid="wechat-preview"', 1)[1].split("</div>", 1)[0]


def test_calendar_and_word_list(client, login, world):
    login(world.user("county_officer"))
    assert client.get("/staff/media/calendar/").status_code == 200
    client.post("/staff/media/words/", {"org": world.wuhua.pk, "word": "迷信", "severity": "prohibited"})
    assert "迷信" in client.get("/staff/media/words/").content.decode()
    reviewer = make_user("media_words_none", roles=[(world.wuhua, "reviewer")])
    login(reviewer)
    assert client.get("/staff/media/words/").status_code == 404


def test_home_panel_flags_overdue_posts_and_schedule_from_the_page(client, login, world):
    import datetime

    from django.utils import timezone

    from .factories import approved_article

    article = approved_article(world)
    login(world.user("county_officer"))
    soon = timezone.localtime() + datetime.timedelta(hours=2)
    client.post(f"/staff/media/{article.pk}/step/", {"transition": "schedule",
                                                     "publish_at": soon.strftime("%Y-%m-%dT%H:%M")})
    article.refresh_from_db()
    assert article.state == "scheduled" and abs((article.scheduled_at - soon).total_seconds()) < 60
    Article.objects.filter(pk=article.pk).update(scheduled_at=timezone.now() - datetime.timedelta(hours=1))
    assert 'data-testid="overdue"' in client.get("/staff/media/").content.decode()
    home = client.get("/staff/").content.decode()
    assert "超时未上线的定时稿件" in home or "Scheduled posts past their time, not live" in home
    calendar = client.get(f"/staff/media/calendar/?from={timezone.localdate() - datetime.timedelta(days=1)}")
    assert article.title in calendar.content.decode()


def test_member_page_shows_articles_written(client, login, world):
    from gonghui.members.models import Person

    person = Person.objects.get(user=world.user("worker"))
    make_article(world, author="grassroots_officer")
    login(world.user("county_officer"))
    response = client.get(f"/staff/members/{person.pk}/")
    assert response.status_code == 200  # the worker wrote nothing: no panel, and no error


def test_search_by_pinyin(client, login, world):
    make_article(world, title="五华区开展送清凉活动")
    login(world.user("county_officer"))
    for query in ("songqingliang", "whq", "送清凉"):
        assert "五华区开展送清凉活动" in client.get("/staff/media/", {"q": query}).content.decode(), query
    assert "五华区开展送清凉活动" not in client.get("/staff/media/", {"q": "xyz"}).content.decode()


def test_export_is_a_real_workbook_of_the_scoped_list(client, login, world):
    import openpyxl

    from gonghui.core.models import AuditEvent

    make_article(world, title="五华导出稿件")
    make_article(world, org=world.panlong_union, author="sibling_officer", title="盘龙导出稿件")
    login(world.user("county_officer"))
    response = client.get("/staff/media/export/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    titles = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert titles == ["五华导出稿件"]
    assert AuditEvent.objects.filter(action="media.export").exists()
