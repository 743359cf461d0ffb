"""Permission codes of medical mutual aid and the access gates that go beyond "permission over the object"
(separation of duties, the second approver's level)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import scope
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
    """Is ``actor`` the worker account of ``person``?"""
    own = getattr(actor, "person", None) if getattr(actor, "is_worker", False) else None
    return own is not None and own.pk == person.pk


def review_path(actor, path: str, permission: str) -> str | None:
    """The deepest organisation path where ``actor`` holds ``permission`` over ``path`` (the level they act at)."""
    if getattr(actor, "is_superuser", False):
        return ""
    paths = [g.org_path for g in scope.grants(actor) if permission in g.permissions and path.startswith(g.org_path)]
    return max(paths, key=len) if paths else None


def is_above(actor, path: str, first_path: str, permission: str) -> bool:
    """Does ``actor`` hold ``permission`` over ``path`` at an organisation strictly above ``first_path``? At the
    top of the tree (the first approver acts for the province) another province approver will do."""
    if getattr(actor, "is_superuser", False):
        return True
    paths = [g.org_path for g in scope.grants(actor) if permission in g.permissions and path.startswith(g.org_path)]
    if first_path.count("/") <= 1:
        return bool(paths)
    return any(first_path.startswith(p) and len(p) < len(first_path) for p in paths)


def has_view(actor, path: str) -> bool:
    return scope.has_perm(actor, VIEW, path)
