"""The article's process: draft → 初审 → 复审 → 终审 → approved → published (now or scheduled) → withdrawn.

The transitions carry the permissions; the services add what the kit's gate does not know: each review step and
publishing by another person than the author and the earlier reviewers, the second review at a level above the
first, the final review by someone who may approve for every chosen channel's organisation, and no prohibited
word before anything moves forward."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow

from .models import Article
from .roles import MEDIA_APPROVE, MEDIA_EDIT, MEDIA_PUBLISH, MEDIA_REVIEW

S = Article.State
REVIEWING = (S.FIRST_REVIEW, S.SECOND_REVIEW, S.FINAL_REVIEW)

ARTICLE_FLOW = workflow.bind(Article, Workflow(
    "media_article", states=dict(S.choices), initial=S.DRAFT, audit_prefix="media.article.",
    notes={"correct": _("Corrected after publishing"), "push_down": _("Pushed down to lower levels")},
    transitions=[
        Transition("submit", (S.DRAFT,), S.FIRST_REVIEW, _("Send to first review"), MEDIA_EDIT),
        Transition("pass_first", (S.FIRST_REVIEW,), S.SECOND_REVIEW, _("Pass first review (初审)"), MEDIA_REVIEW),
        Transition("pass_second", (S.SECOND_REVIEW,), S.FINAL_REVIEW, _("Pass second review (复审)"),
                   MEDIA_REVIEW),
        Transition("pass_final", (S.FINAL_REVIEW,), S.APPROVED, _("Pass final review (终审)"), MEDIA_APPROVE),
        Transition("return_to_draft", REVIEWING, S.DRAFT, _("Return to the author"), MEDIA_REVIEW),
        Transition("publish", (S.APPROVED,), S.PUBLISHED, _("Publish now"), MEDIA_PUBLISH),
        Transition("schedule", (S.APPROVED,), S.SCHEDULED, _("Schedule"), MEDIA_PUBLISH),
        Transition("unschedule", (S.SCHEDULED,), S.APPROVED, _("Cancel the schedule"), MEDIA_PUBLISH),
        Transition("publish_scheduled", (S.SCHEDULED,), S.PUBLISHED, _("Published at the scheduled time"),
                   MEDIA_PUBLISH),
        Transition("withdraw", (S.PUBLISHED,), S.WITHDRAWN, _("Withdraw"), MEDIA_PUBLISH),
        Transition("revise", (S.WITHDRAWN,), S.DRAFT, _("Reopen as a draft"), MEDIA_EDIT),
    ],
))

# Steps a page shows with its own form (they need more than a comment).
FORM_STEPS = {"schedule"}
# Steps no person presses: the job worker takes them.
SYSTEM_STEPS = {"publish_scheduled"}
