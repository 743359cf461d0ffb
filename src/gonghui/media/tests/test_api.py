"""The newsroom API: write, steps through the kit, scope (404 outside), problems with stable codes, the public
list."""

import pytest
from tests.fixtures import sign_in

from gonghui.media.models import Article

from .factories import REVIEWS, make_article, published_article

pytestmark = pytest.mark.django_db


def api(client, world, who):
    return sign_in(client, world.user(who))


def test_write_review_and_publish_through_the_api(client, world, django_capture_on_commit_callbacks):
    api(client, world, "grassroots_officer")
    response = client.post("/api/v1/media/articles", {"org_id": world.wuhua_union.pk, "title": "接口稿件",
                                                      "body": "<p>正文<script>x</script></p>"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["state"] == "draft" and "<script>" not in data["body"]
    article_id = data["id"]
    response = client.post(f"/api/v1/media/articles/{article_id}/steps", {"transition": "pass_first"},
                           content_type="application/json")
    assert response.status_code == 409  # not in review yet
    assert client.post(f"/api/v1/media/articles/{article_id}/steps", {"transition": "submit"},
                       content_type="application/json").json()["state"] == "first_review"
    for name, who in REVIEWS:
        api(client, world, who)
        response = client.post(f"/api/v1/media/articles/{article_id}/steps", {"transition": name},
                               content_type="application/json")
        assert response.status_code == 200, response.content
    api(client, world, "grassroots_officer")
    response = client.post(f"/api/v1/media/articles/{article_id}/steps", {"transition": "publish"},
                           content_type="application/json")
    assert response.status_code in (403, 404)
    api(client, world, "county_officer")
    with django_capture_on_commit_callbacks(execute=True):
        data = client.post(f"/api/v1/media/articles/{article_id}/steps", {"transition": "publish"},
                           content_type="application/json").json()
    assert data["state"] == "published"
    history = client.get(f"/api/v1/media/articles/{article_id}/history").json()
    assert [h["transition"] for h in history][-1] == "publish"
    public = client.get(f"/api/v1/news/{world.wuhua_union.pk}").json()
    assert [row["id"] for row in public] == [article_id]


def test_scope_and_problem_codes(client, world):
    article = make_article(world)
    api(client, world, "sibling_officer")
    assert client.get(f"/api/v1/media/articles/{article.pk}").status_code == 404
    assert client.get("/api/v1/media/articles").json()["items"] == []
    api(client, world, "county_officer")
    response = client.post(f"/api/v1/media/articles/{article.pk}/steps", {"transition": "pass_first"},
                           content_type="application/json")
    assert response.status_code == 409
    client.post(f"/api/v1/media/articles/{article.pk}/steps", {"transition": "submit"},
                content_type="application/json")
    api(client, world, "grassroots_officer")
    response = client.post(f"/api/v1/media/articles/{article.pk}/steps", {"transition": "pass_first"},
                           content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "media_second_person_required"


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    api(client, world, "county_officer")
    make_article(world)
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/media/articles")
    for n in range(8):
        make_article(world, title=f"稿件{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/media/articles").json()["items"]) == 9


def test_word_check_endpoint(client, world):
    from gonghui.media import services

    services.word_add(actor=world.user("province_admin"), org=world.province, word="赌博")
    api(client, world, "grassroots_officer")
    hits = client.post("/api/v1/media/word-check", {"org_id": world.wuhua_union.pk, "text": "严禁赌博"},
                       content_type="application/json").json()
    assert hits == [{"field": "text", "start": 2, "end": 4, "word": "赌博", "severity": "prohibited"}]


def test_published_article_reads_on_the_api(client, world, django_capture_on_commit_callbacks):
    article = published_article(world, django_capture_on_commit_callbacks)
    api(client, world, "county_officer")
    data = client.get(f"/api/v1/media/articles/{article.pk}").json()
    assert {d["kind"] for d in data["deliveries"]} == {"site", "mobile", "feed", "json"}
    assert Article.objects.get(pk=article.pk).state == "published"
