"""Permission codes of medical mutual aid and the access gates that go beyond "permission over the object"
(separation of duties, the second approver's level)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import scope
from gonghui.core.errors import NotFound, PermissionDenied

VIEW = "mutual_aid.view"
ENROL = "mutual_aid.enrol"
CLAIM_FILE = "mutual_aid.claim_file"
REVIEW = "mutual_aid.review"
APPROVE_LARGE = "mutual_aid.approve_large"
PAY = "mutual_aid.pay"
SETTLE = "mutual_aid.settle"
MANAGE_PERIODS = "mutual_aid.manage_periods"

ALL = (VIEW, ENROL, CLAIM_FILE, REVIEW, APPROVE_LARGE, PAY, SETTLE, MANAGE_PERIODS)
LABELS = {
    VIEW: _("See mutual-aid periods, enrolments, claims and reports"),
    ENROL: _("Enrol members in a period"),
    CLAIM_FILE: _("File claims for members"),
    REVIEW: _("Review and approve claims"),
    APPROVE_LARGE: _("Give the second approval of large claims"),
    PAY: _("Record contributions and pay claims"),
    SETTLE: _("Settle a period"),
    MANAGE_PERIODS: _("Set up periods and benefit plans"),
}


def require(actor, permission: str, path: str) -> None:
    """``permission`` over ``path``; out of the actor's view entirely → NotFound (existence not revealed)."""
    if scope.has_perm(actor, permission, path):
        return
    if scope.has_perm(actor, VIEW, path):
        raise PermissionDenied()
    raise NotFound()


def is_own_person(actor, person) -> bool:
    """Is ``actor`` the worker account of ``person``?"""
    from gonghui.members.selectors import worker_person

    own = worker_person(actor)  # an unverified self-registered identity owns nothing yet (issue 19 §3)
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
