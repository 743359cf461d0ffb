"""Matrix rows of the newsroom (see harness.Route for the fields)."""

from gonghui.media import roles as M

from .harness import Route

PUBLIC, STAFF, API = "public", "staff", "api"


def pk(name):
    return lambda obj: {name: obj.pk}


def public_api(method: str, path: str, **kwargs) -> Route:
    route = Route(f"API {method} /api/v1{path}", PUBLIC, **kwargs)
    route.method, route.path = method, f"/api/v1{path}"
    return route


def live(obj):
    return {"org_id": obj.org_id, "article_id": obj.pk}


def org(obj):
    return {"org_id": obj.org_id}


def child_of(obj, world):
    return {"org_ids": [(world.wuhua_union if obj.org_id == world.wuhua.pk else world.panlong_union).pk]}


def rows() -> list:
    return [
        # public reading pages and feeds
        Route("news:index", PUBLIC),
        Route("news:channel", PUBLIC, obj="published", kwargs=org),
        Route("news:article", PUBLIC, obj="published", kwargs=live, note="counts one read"),
        Route("news:rss", PUBLIC, obj="published", kwargs=org),
        Route("news:atom", PUBLIC, obj="published", kwargs=org),
        Route("news:json_feed", PUBLIC, obj="published", kwargs=org),
        Route("news:cover", PUBLIC, obj="published", kwargs=lambda a: {"article_id": a.pk, "width": 320}),
        Route("m_news:index", PUBLIC),
        Route("m_news:article", PUBLIC, obj="published", kwargs=live),
        public_api("GET", "/news/{org_id}", obj="published", kwargs=org),
        # staff pages
        Route("media:article_list", STAFF, perm=M.MEDIA_VIEW, marker="article"),
        Route("media:article_create", STAFF, perm=M.MEDIA_EDIT),
        Route("media:article_export", STAFF, perm=M.MEDIA_VIEW, note="an .xlsx file: its rows are scoped (tests)"),
        Route("media:calendar", STAFF, perm=M.MEDIA_VIEW, marker="published"),
        Route("media:word_list", STAFF, perm=M.MEDIA_WORDS, marker="word"),
        Route("media:word_remove", STAFF, obj="word", perm=M.MEDIA_WORDS, method="POST", kwargs=pk("pk")),
        Route("media:delivery_retry", STAFF, obj="delivery", perm=M.MEDIA_PUBLISH, method="POST", kwargs=pk("pk")),
        Route("media:article_detail", STAFF, obj="article", perm=M.MEDIA_VIEW, kwargs=pk("pk")),
        Route("media:article_edit", STAFF, obj="article", perm=M.MEDIA_EDIT, kwargs=pk("pk")),
        Route("media:article_step", STAFF, obj="article", perm=M.MEDIA_EDIT, method="POST", kwargs=pk("pk"),
              data={"transition": "submit"}),
        Route("media:article_correct", STAFF, obj="published", perm=M.MEDIA_PUBLISH, kwargs=pk("pk")),
        Route("media:article_push_down", STAFF, obj="published", perm=M.MEDIA_PUBLISH, method="POST",
              kwargs=pk("pk"), note="no organisation chosen: a message, nothing written"),
        Route("media:article_pick_up", STAFF, obj="published", perm=M.MEDIA_EDIT, method="POST", kwargs=pk("pk"),
              data=lambda obj, world: {"org": obj.org_id}),
        Route("media:article_comment", STAFF, obj="article", perm=M.MEDIA_VIEW, method="POST", kwargs=pk("pk"),
              data={"text": "矩阵"}),
        Route("media:article_cover", STAFF, obj="article", perm=M.MEDIA_EDIT, method="POST", kwargs=pk("pk"),
              note="no file: a message, nothing stored"),
        Route("media:article_cover_file", STAFF, obj="published", perm=M.MEDIA_VIEW,
              kwargs=lambda a: {"pk": a.pk, "width": 320}),
        Route("media:article_diff", STAFF, obj="article", perm=M.MEDIA_VIEW, kwargs=pk("pk")),
        Route("media:article_wechat", STAFF, obj="article", perm=M.MEDIA_VIEW, kwargs=pk("pk")),
        # staff API
        Route("API GET /api/v1/media/articles", API, perm=M.MEDIA_VIEW, marker="article"),
        Route("API POST /api/v1/media/articles", API, obj="article", perm=M.MEDIA_EDIT,
              data=lambda obj, world: {"org_id": obj.org_id, "title": "矩阵新稿"}),
        Route("API GET /api/v1/media/articles/{article_id}", API, obj="article", perm=M.MEDIA_VIEW,
              kwargs=pk("article_id")),
        Route("API PUT /api/v1/media/articles/{article_id}", API, obj="article", perm=M.MEDIA_EDIT,
              kwargs=pk("article_id"), data={"title": "矩阵改稿"}),
        Route("API POST /api/v1/media/articles/{article_id}/steps", API, obj="article", perm=M.MEDIA_EDIT,
              kwargs=pk("article_id"), data={"transition": "submit"}),
        Route("API POST /api/v1/media/articles/{article_id}/correction", API, obj="published",
              perm=M.MEDIA_PUBLISH, kwargs=pk("article_id"), data={"title": "矩阵更正", "comment": "矩阵"}),
        Route("API POST /api/v1/media/articles/{article_id}/push-down", API, obj="published",
              perm=M.MEDIA_PUBLISH, kwargs=pk("article_id"), data=child_of),
        Route("API POST /api/v1/media/articles/{article_id}/pick-up", API, obj="published", perm=M.MEDIA_EDIT,
              kwargs=pk("article_id"), data=lambda obj, world: {"org_id": obj.org_id}),
        Route("API POST /api/v1/media/word-check", API, obj="article", perm=M.MEDIA_VIEW, in_body=True,
              data=lambda obj, world: {"org_id": obj.org_id, "text": "矩阵"}),
        Route("API GET /api/v1/media/articles/{obj_id}/history", API, obj="article", perm=M.MEDIA_VIEW,
              kwargs=pk("obj_id")),
    ]
