"""Reads of the organisation tree, already scoped to the caller."""

from django.db.models import Q, QuerySet

from gonghui.core import roles, scope
from gonghui.core.pinyin import pinyin_keys

from .models import Organisation, RoleAssignment


def grants_for_user(user) -> list[scope.Grant]:
    """The grant provider that core.scope asks (registered in OrgsConfig.ready)."""
    rows = RoleAssignment.objects.filter(user_id=user.pk, org__is_active=True).values_list(
        "org_id", "org__path", "org__level", "role"
    )
    return [scope.Grant(org_id, path, level, role) for org_id, path, level, role in rows
            if role in {r.code for r in roles.all_roles()}]


def organisations_visible(user, permission: str = roles.ORGS_VIEW) -> QuerySet[Organisation]:
    return scope.scoped(Organisation.objects.all(), user, permission)


def organisation_get(user, org_id, permission: str = roles.ORGS_VIEW) -> Organisation:
    return scope.get_scoped_or_404(Organisation.objects.select_related("parent", "division"), user, permission,
                                   pk=org_id)


def organisation_search(user, query: str = "", *, level: str | None = None,
                        permission: str = roles.ORGS_VIEW) -> QuerySet[Organisation]:
    qs = organisations_visible(user, permission).filter(is_active=True)
    if level:
        qs = qs.filter(level=level)
    query = (query or "").strip()
    if query:
        lowered = query.lower()
        qs = qs.filter(Q(name__contains=query) | Q(name_pinyin__startswith=lowered)
                       | Q(name_initials__startswith=lowered) | Q(division_id=query))
    return qs


def subtree(org: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(path__startswith=org.path)


def ancestors(org: Organisation) -> list[Organisation]:
    ids = [int(part) for part in org.path.strip("/").split("/") if part]
    by_id = Organisation.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def acting_organisations(user) -> list[Organisation]:
    """Organisations where the user holds roles: the choices of the organisation switcher."""
    ids = {g.org_id for g in scope.all_grants(user)}
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def role_assignments_visible(user) -> QuerySet[RoleAssignment]:
    return scope.scoped(RoleAssignment.objects.select_related("user", "org", "granted_by"), user,
                        roles.ROLES_VIEW)


def role_assignment_get(user, assignment_id) -> RoleAssignment:
    return scope.get_scoped_or_404(RoleAssignment.objects.select_related("user", "org"), user, roles.ROLES_VIEW,
                                   pk=assignment_id)


def grantable_roles(user, org: Organisation) -> list[roles.Role]:
    """Roles ``user`` may grant at ``org``: same family as a managing role held above it, rank no higher."""
    result: dict[str, roles.Role] = {}
    superuser = user.is_superuser and user.is_active
    for candidate in roles.all_roles():
        if superuser:
            result[candidate.code] = candidate
            continue
        for grant in scope.grants(user):
            held = grant.role
            if (roles.ROLES_MANAGE in held.permissions and org.path.startswith(grant.org_path)
                    and held.family == candidate.family and candidate.rank <= held.rank):
                result[candidate.code] = candidate
    return sorted(result.values(), key=lambda r: -r.rank)


def name_keys(name: str) -> tuple[str, str]:
    return pinyin_keys(name)
