"""Reads of the organisation tree, already scoped to the caller."""

from django.db.models import Count, Q, QuerySet

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
    """Roles ``user`` may grant at ``org``: of a family their managing role held above it grants
    (roles.GRANT_FAMILIES), rank no higher."""
    result: dict[str, roles.Role] = {}
    superuser = user.is_superuser and user.is_active
    for candidate in roles.all_roles():
        if superuser:
            result[candidate.code] = candidate
            continue
        for grant in scope.grants(user):
            held = grant.role
            if (roles.ROLES_MANAGE in held.permissions and org.path.startswith(grant.org_path)
                    and candidate.family in roles.GRANT_FAMILIES.get(held.family, ()) and candidate.rank <= held.rank):
                result[candidate.code] = candidate
    return sorted(result.values(), key=lambda r: -r.rank)


def name_keys(name: str) -> tuple[str, str]:
    return pinyin_keys(name)


# --- staff workbench pages ------------------------------------------------------------------------------

def _name_search_q(query: str) -> Q:
    query = (query or "").strip()
    if not query:
        return Q()
    lowered = query.lower()
    return (Q(name__contains=query) | Q(name_pinyin__startswith=lowered)
            | Q(name_initials__startswith=lowered))


def transfer_targets(query: str = "") -> QuerySet[Organisation]:
    """Active grassroots unions of the whole province, in any scope: a member may move anywhere, and the
    receiving union (not the requester) decides. Names only; nothing inside those unions is revealed."""
    return (Organisation.objects.filter(level=Organisation.Level.GRASSROOTS, is_active=True)
            .filter(_name_search_q(query)).select_related("parent").order_by("name", "id"))


def transfer_target_get(org_id) -> Organisation:
    try:
        return transfer_targets().get(pk=org_id)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        from gonghui.core.errors import NotFound

        raise NotFound() from None


def with_children_count(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return qs.annotate(children_count=Count("children", distinct=True))


def organisation_roots(user, permission: str = roles.ORGS_VIEW) -> QuerySet[Organisation]:
    """The tops of the user's part of the tree (the province for a superuser)."""
    roots = scope.paths_with(user, permission)
    if roots == [""]:
        return Organisation.objects.filter(parent__isnull=True)
    return Organisation.objects.filter(path__in=roots)


def organisation_children(user, parent: Organisation) -> QuerySet[Organisation]:
    return with_children_count(organisations_visible(user).filter(parent=parent)).order_by("level", "name")


def visible_ancestors(user, org: Organisation) -> list[Organisation]:
    """Breadcrumbs: the ancestors of ``org`` that the user may open."""
    return [o for o in ancestors(org) if o.pk != org.pk and scope.has_perm(user, roles.ORGS_VIEW, o.path)]


def organisation_choices(user, permission: str, *, query: str = "", level: str | None = None,
                         limit: int = 200) -> list[Organisation]:
    """A bounded list for a select box: federations first (tree order), then grassroots unions by name."""
    qs = organisation_search(user, query, level=level, permission=permission)
    return list(qs.order_by("depth", "path")[:limit])


def staff_user_by_username(username: str):
    from gonghui.core.models import User

    staff = User.objects.filter(kind=User.Kind.STAFF, is_active=True)
    return staff.filter(username=(username or "").strip()).first()


def grassroots_unions_below_division(division_code: str, *, kind: str | None = None) -> QuerySet[Organisation]:
    """Grassroots unions directly below the federation of a division (system use: demo data, reports)."""
    qs = Organisation.objects.filter(parent__division_id=division_code, level=Organisation.Level.GRASSROOTS)
    return qs.filter(kind=kind) if kind else qs


# --- grants awaiting a second person --------------------------------------------------------------------

def role_requests_visible(user, *, status: str = "pending") -> QuerySet:
    from .models import RoleRequest

    qs = scope.scoped(RoleRequest.objects.select_related("user", "org", "requested_by", "decided_by"), user,
                      roles.ROLES_VIEW)
    return qs.filter(status=status) if status else qs


def role_request_get(user, request_id):
    from .models import RoleRequest

    return scope.get_scoped_or_404(RoleRequest.objects.select_related("user", "org", "requested_by", "decided_by"),
                                   user, roles.ROLES_VIEW, pk=request_id)


def role_request_decidable(user, item) -> bool:
    """May ``user`` approve or reject this request now: pending, a role they may grant there, and — four eyes —
    neither the requester nor the grantee (the kit's gate, as the buttons show it)."""
    from .workflows import ROLE_REQUEST_FLOW

    return (item.status == item.Status.PENDING
            and ROLE_REQUEST_FLOW.may(user, item, ROLE_REQUEST_FLOW.transitions["approve"])
            and item.role in {r.code for r in grantable_roles(user, item.org)})


def role_request_history(item):
    from .workflows import ROLE_REQUEST_FLOW

    return ROLE_REQUEST_FLOW.history(item)
