"""The article's process: draft → 初审 → 复审 → 终审 → approved → published (now or scheduled) → withdrawn.

The transitions carry the permissions; the services add what the kit's gate does not know: each review step and
publishing by another person than the author and the earlier reviewers, the second review at a level above the
first, the final review by someone who may approve for every chosen channel's organisation, and no prohibited
word before anything moves forward."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow

from .errors import SecondPersonRequired
from .models import Article
from .roles import MEDIA_APPROVE, MEDIA_EDIT, MEDIA_PUBLISH, MEDIA_REVIEW

S = Article.State
REVIEWING = (S.FIRST_REVIEW, S.SECOND_REVIEW, S.FINAL_REVIEW)

REVIEW_STEPS = ("pass_first", "pass_second", "pass_final")


def round_logs(article: Article) -> list:
    """The history since the article was last sent to review: the steps of the current round."""
    logs = list(ARTICLE_FLOW.history(article).order_by("at", "id"))
    start = max((i for i, log in enumerate(logs) if log.transition == "submit"), default=0)
    return logs[start:]


# Four eyes, checked by the kit's gate (Transition.distinct_from): the author never reviews, approves or publishes
# their own article, and each review step is taken by someone who took no earlier review step of this round.
def _is_author(actor, article) -> bool:
    return actor.pk == article.author_id


def _author_or_earlier_reviewer(actor, article) -> bool:
    return _is_author(actor, article) or actor.pk in {
        log.actor_id for log in round_logs(article) if log.transition in REVIEW_STEPS}


def _author_unless_the_system(actor, article) -> bool:
    return _is_author(actor, article) and not getattr(actor, "is_superuser", False)


FOUR_EYES = {"distinct_error": SecondPersonRequired}

ARTICLE_FLOW = workflow.bind(Article, Workflow(
    "media_article", states=dict(S.choices), initial=S.DRAFT, audit_prefix="media.article.",
    notes={"correct": _("Corrected after publishing"), "push_down": _("Pushed down to lower levels")},
    transitions=[
        Transition("submit", (S.DRAFT,), S.FIRST_REVIEW, _("Send to first review"), MEDIA_EDIT),
        Transition("pass_first", (S.FIRST_REVIEW,), S.SECOND_REVIEW, _("Pass first review (初审)"), MEDIA_REVIEW,
                   distinct_from=_author_or_earlier_reviewer, **FOUR_EYES),
        Transition("pass_second", (S.SECOND_REVIEW,), S.FINAL_REVIEW, _("Pass second review (复审)"),
                   MEDIA_REVIEW, distinct_from=_author_or_earlier_reviewer, **FOUR_EYES),
        Transition("pass_final", (S.FINAL_REVIEW,), S.APPROVED, _("Pass final review (终审)"), MEDIA_APPROVE,
                   distinct_from=_author_or_earlier_reviewer, **FOUR_EYES),
        Transition("return_to_draft", REVIEWING, S.DRAFT, _("Return to the author"), MEDIA_REVIEW),
        Transition("publish", (S.APPROVED,), S.PUBLISHED, _("Publish now"), MEDIA_PUBLISH, distinct_from=_is_author,
                   **FOUR_EYES),
        Transition("schedule", (S.APPROVED,), S.SCHEDULED, _("Schedule"), MEDIA_PUBLISH, distinct_from=_is_author,
                   **FOUR_EYES),
        Transition("unschedule", (S.SCHEDULED,), S.APPROVED, _("Cancel the schedule"), MEDIA_PUBLISH),
        Transition("publish_scheduled", (S.SCHEDULED,), S.PUBLISHED, _("Published at the scheduled time"),
                   MEDIA_PUBLISH, distinct_from=_author_unless_the_system, **FOUR_EYES),
        Transition("withdraw", (S.PUBLISHED,), S.WITHDRAWN, _("Withdraw"), MEDIA_PUBLISH),
        Transition("revise", (S.WITHDRAWN,), S.DRAFT, _("Reopen as a draft"), MEDIA_EDIT),
    ],
))

# Steps a page shows with its own form (they need more than a comment).
FORM_STEPS = {"schedule"}
# Steps no person presses: the job worker takes them.
SYSTEM_STEPS = {"publish_scheduled"}
