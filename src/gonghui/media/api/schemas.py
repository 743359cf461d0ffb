"""In/Out schemas of the newsroom API."""

import datetime
from typing import Literal

from ninja import Field, Schema

from ..workflows import ARTICLE_FLOW

State = Literal["draft", "first_review", "second_review", "final_review", "approved", "scheduled", "published",
                "withdrawn"]
CategoryCode = Literal["news", "notice", "policy", "model_worker"]


class MediaOrgRef(Schema):
    id: int
    name: str


class ArticleIn(Schema):
    org_id: int
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=500)
    body: str = Field("", max_length=200_000, description="HTML; sanitised on save (scripts and styles removed).")
    category: CategoryCode = "news"
    tags: str = Field("", max_length=200)
    video_url: str = Field("", max_length=200)
    author_name: str = Field("", max_length=60)
    channel_ids: list[int] | None = Field(None, max_length=50,
                                          description="Omit for the organisation's site, mobile and feeds.")


class ArticlePatch(Schema):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=500)
    body: str = Field("", max_length=200_000)
    category: CategoryCode | None = None
    tags: str = Field("", max_length=200)
    video_url: str = Field("", max_length=200)
    author_name: str = Field("", max_length=60)
    channel_ids: list[int] | None = Field(None, max_length=50)
    note: str = Field("", max_length=200)


class ArticleRow(Schema):
    id: int
    title: str
    summary: str
    category: str
    state: State
    version: int
    org: MediaOrgRef
    author_name: str
    scheduled_at: datetime.datetime | None
    published_at: datetime.datetime | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_org(obj):
        if isinstance(obj, dict):  # ArticleOut is answered from a dict (api.routes.article_out)
            return obj["org"]
        return {"id": obj.org_id, "name": obj.org.name}


class DeliveryOut(Schema):
    channel_id: int
    channel: str
    kind: str
    state: str
    attempts: int
    error: str
    reads: int
    version: int


class ArticleOut(ArticleRow):
    body: str
    tags: str
    video_url: str
    origin_credit: str
    deliveries: list[DeliveryOut]
    prohibited_words: list[str]
    sensitive_words: list[str]


class MediaStepIn(Schema):
    transition: Literal[tuple(ARTICLE_FLOW.transitions)] = Field(
        description="a step of the article's workflow; which ones are open depends on its state")
    comment: str = Field("", max_length=1000)
    publish_at: datetime.datetime | None = None


class CorrectIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=500)
    body: str = Field("", max_length=200_000)
    comment: str = Field("", max_length=500)


class PushDownIn(Schema):
    org_ids: list[int] = Field(min_length=1, max_length=200)


class PickUpIn(Schema):
    org_id: int


class WordCheckIn(Schema):
    org_id: int
    title: str = Field("", max_length=200)
    summary: str = Field("", max_length=500)
    text: str = Field("", max_length=200_000)


class WordHitOut(Schema):
    field: str
    start: int
    end: int
    word: str
    severity: str


class PublicArticle(Schema):
    id: int
    title: str
    summary: str
    url: str
    org: str
    published_at: datetime.datetime | None
    source: str
