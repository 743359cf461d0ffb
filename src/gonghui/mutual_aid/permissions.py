"""Permission codes of medical mutual aid and the access gates that go beyond "permission over the object"
(separation of duties, the second approver's level)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import scope, workflow
from gonghui.core.roles import register_permission
from gonghui.core.scope import require  # noqa: F401  (the one scope gate; kept importable as P.require)

VIEW = register_permission("mutual_aid.view", _("See mutual-aid periods, enrolments, claims and reports"))
ENROL = register_permission("mutual_aid.enrol", _("Enrol members in a period"), view=VIEW)
CLAIM_FILE = register_permission("mutual_aid.claim_file", _("File claims for members"), view=VIEW)
REVIEW = register_permission("mutual_aid.review", _("Review and approve claims"), view=VIEW)
APPROVE_LARGE = register_permission("mutual_aid.approve_large", _("Give the second approval of large claims"),
                                    view=VIEW)
PAY = register_permission("mutual_aid.pay", _("Record contributions and pay claims"), view=VIEW)
SETTLE = register_permission("mutual_aid.settle", _("Settle a period"), view=VIEW)
MANAGE_PERIODS = register_permission("mutual_aid.manage_periods", _("Set up periods and benefit plans"), view=VIEW)

ALL = (VIEW, ENROL, CLAIM_FILE, REVIEW, APPROVE_LARGE, PAY, SETTLE, MANAGE_PERIODS)


def is_own_person(actor, person) -> bool:
    """Is ``actor`` the worker account of ``person`` (a Person or its id)?"""
    from gonghui.members.selectors import worker_person

    own = worker_person(actor)  # an unverified self-registered identity owns nothing yet (issue 19 §3)
    return own is not None and own.pk == getattr(person, "pk", person)


def owns_case(actor, case) -> bool:
    """The workflow kit's owner hook: the case (a claim) is the worker's own."""
    return is_own_person(actor, case.person_id)


# Approval levels now live in the workflow kit; these names stay so mutual aid's services keep working unchanged.
review_path = workflow.acting_path
is_above = workflow.levels_above


def has_view(actor, path: str) -> bool:
    return scope.has_perm(actor, VIEW, path)
