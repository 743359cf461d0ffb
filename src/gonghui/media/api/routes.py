"""The newsroom API: articles (scoped), their steps, corrections, push-down and pick-up, the word check; and a
public list of what is live on an organisation's channels (the JSON feed is at /news/<org>/feed.json)."""

from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..models import Channel
from ..roles import MEDIA_EDIT, MEDIA_PUBLISH, MEDIA_VIEW
from ..services.words import article_words
from ..workflows import ARTICLE_FLOW
from .schemas import (
    ArticleIn,
    ArticleOut,
    ArticlePatch,
    ArticleRow,
    CategoryCode,
    CorrectIn,
    MediaStepIn,
    PickUpIn,
    PublicArticle,
    PushDownIn,
    State,
    WordCheckIn,
    WordHitOut,
)

router = Router(tags=["media"])


class ArticleFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    state: State | Literal["reviewing"] | None = None
    category: CategoryCode | None = None
    org_id: int | None = None


def article_out(article) -> dict:
    report = article_words(article)
    data = {f: getattr(article, f) for f in ("id", "title", "summary", "category", "state", "version",
                                              "author_name", "scheduled_at", "published_at", "updated_at", "body",
                                              "tags", "video_url", "origin_credit")}
    data["org"] = {"id": article.org_id, "name": article.org.name}
    data["deliveries"] = [{"channel_id": d.channel_id, "channel": d.channel.name, "kind": d.channel.kind,
                           "state": d.state, "attempts": d.attempts, "error": d.error, "reads": d.reads,
                           "version": d.version} for d in selectors.deliveries_of(article)]
    data["prohibited_words"] = report.words("prohibited")
    data["sensitive_words"] = report.words("sensitive")
    return data


@router.get("/media/articles", response=list[ArticleRow], summary="List articles")
@paginate(KeysetPagination)
def article_list(request, filters: Query[ArticleFilters]):
    """Articles of newsrooms in your part of the tree; ``q`` searches titles, summaries and text."""
    return selectors.article_list(request.auth, query=filters.q, state=filters.state or "",
                                  category=filters.category or "", org_id=filters.org_id)


@router.post("/media/articles", response={201: ArticleOut}, summary="Write an article")
def article_create(request, payload: ArticleIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=MEDIA_EDIT)
    data = payload.model_dump(exclude={"org_id"})
    article = services.article_create(actor=request.auth, org=org, **data)
    return Status(201, article_out(selectors.article_get(request.auth, article.pk)))


@router.get("/media/articles/{article_id}", response=ArticleOut, summary="One article")
def article_get(request, article_id: int):
    return article_out(selectors.article_get(request.auth, article_id))


@router.put("/media/articles/{article_id}", response=ArticleOut, summary="Change a draft (a new version)")
def article_update(request, article_id: int, payload: ArticlePatch):
    article = selectors.article_get(request.auth, article_id, permission=MEDIA_EDIT)
    data = payload.model_dump()
    data["category"] = data["category"] or ""
    services.article_update(actor=request.auth, article=article, **data)
    return article_out(selectors.article_get(request.auth, article_id))


@router.post("/media/articles/{article_id}/steps", response=ArticleOut, summary="Take a workflow step")
def article_step(request, article_id: int, payload: MediaStepIn):
    """Steps: submit, pass_first, pass_second, pass_final, return_to_draft, publish, schedule (``publish_at``),
    unschedule, withdraw, revise. The author takes no review or publishing step."""
    article = selectors.article_get(request.auth, article_id)
    services.article_transition(actor=request.auth, article=article, transition=payload.transition,
                                comment=payload.comment, publish_at=payload.publish_at)
    return article_out(selectors.article_get(request.auth, article_id))


@router.post("/media/articles/{article_id}/correction", response=ArticleOut, summary="Correct a published article")
def article_correct(request, article_id: int, payload: CorrectIn):
    article = selectors.article_get(request.auth, article_id, permission=MEDIA_PUBLISH)
    services.article_correct(actor=request.auth, article=article, **payload.model_dump())
    return article_out(selectors.article_get(request.auth, article_id))


@router.post("/media/articles/{article_id}/push-down", response=ArticleOut, summary="Push down to lower levels")
def article_push_down(request, article_id: int, payload: PushDownIn):
    article = selectors.article_get(request.auth, article_id, permission=MEDIA_PUBLISH)
    orgs = [org_selectors.organisation_get(request.auth, org_id, permission=MEDIA_PUBLISH)
            for org_id in dict.fromkeys(payload.org_ids)]
    services.article_push_down(actor=request.auth, article=article, orgs=orgs)
    return article_out(selectors.article_get(request.auth, article_id))


@router.post("/media/articles/{article_id}/pick-up", response={201: ArticleOut},
             summary="Pick up a published article into another newsroom")
def article_pick_up(request, article_id: int, payload: PickUpIn):
    source = selectors.article_get(request.auth, article_id)
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=MEDIA_EDIT)
    article = services.article_pick_up(actor=request.auth, source=source, org=org)
    return Status(201, article_out(selectors.article_get(request.auth, article.pk)))


@router.post("/media/word-check", response=list[WordHitOut], summary="Check a text against the word list")
def word_check(request, payload: WordCheckIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=MEDIA_VIEW)
    report = services.word_check(org_path=org.path, title=payload.title, summary=payload.summary,
                                 text=payload.text)
    return [h.__dict__ for h in report.hits]


add_workflow_routes(router, "media/articles", flow=ARTICLE_FLOW, fetch=selectors.article_get, steps=False,
                    tag_name="article")


class PublicQuery(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)


def _public_row(delivery) -> dict:
    article = delivery.article
    return {"id": article.pk, "title": article.title, "summary": article.summary,
            "url": reverse("news:article", args=[delivery.channel.org_id, article.pk]),
            "org": article.org.name, "published_at": article.published_at, "source": article.origin_credit}



@router.get("/news/{org_id}", response=list[PublicArticle], auth=None, summary="What is live on a newsroom")
def public_list(request, org_id: int, filters: Query[PublicQuery]):
    """The newest 50 articles live on the organisation's JSON channel (no sign-in)."""
    return [_public_row(d) for d in selectors.live(Channel.Kind.JSON, org_id=org_id, query=filters.q)[:50]]
