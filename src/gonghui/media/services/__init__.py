"""Every write of the newsroom (pages, API, tasks and the demo call these)."""

from .articles import (
    article_correct,
    article_create,
    article_pick_up,
    article_push_down,
    article_transition,
    article_update,
    comment_add,
    cover_upload,
)
from .channels import channels_for
from .delivery import delivery_run, record_read
from .export import articles_export
from .schedule import flag_overdue, publish_due
from .words import word_add, word_check, word_remove

__all__ = [
    "article_correct",
    "article_create",
    "article_pick_up",
    "article_push_down",
    "article_transition",
    "article_update",
    "articles_export",
    "channels_for",
    "comment_add",
    "cover_upload",
    "delivery_run",
    "flag_overdue",
    "publish_due",
    "record_read",
    "word_add",
    "word_check",
    "word_remove",
]
