"""Org scope: the one mechanism that decides which part of the organisation tree a user reaches.

A grant is a role held at an organisation; it reaches that organisation's subtree, expressed as a materialised
path prefix. The orgs app supplies the grants (register_grant_provider, called from its AppConfig.ready), so
core stays free of business imports. Every list, count, search, export and detail lookup goes through
``scoped``/``get_scoped_or_404``; out-of-scope objects are simply not found.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from .errors import NotFound, PermissionDenied
from .roles import get_role, view_permission


@dataclass(frozen=True)
class Grant:
    org_id: int
    org_path: str
    org_level: str
    role_code: str

    @property
    def role(self):
        return get_role(self.role_code)

    @property
    def permissions(self) -> frozenset[str]:
        return self.role.permissions


_provider: Callable[[object], list[Grant]] | None = None
_CACHE_ATTR = "_gonghui_grants"
ACTING_ORG_ATTR = "gonghui_acting_org_id"


def register_grant_provider(provider: Callable[[object], list[Grant]]) -> None:
    global _provider
    _provider = provider


def all_grants(user) -> list[Grant]:
    """Every grant the user holds, ignoring the organisation switcher."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(_provider(user)) if _provider else []
        setattr(user, _CACHE_ATTR, cached)
    return cached


def grants(user) -> list[Grant]:
    """The grants in force: narrowed to one organisation when the user picked one in the switcher."""
    held = all_grants(user)
    acting = getattr(user, ACTING_ORG_ATTR, None)
    if acting:
        narrowed = [g for g in held if g.org_id == acting]
        if narrowed:
            return narrowed
    return held


def forget(user) -> None:
    """Drop cached grants (after a role change within the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _minimal(paths: Iterable[str]) -> list[str]:
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def paths_with(user, permission: str) -> list[str]:
    """The subtree roots (as path prefixes) where the user holds ``permission``."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return [""]
    return _minimal(g.org_path for g in grants(user) if permission in g.permissions)


def has_perm(user, permission: str, path: str | None = None) -> bool:
    """Does the user hold ``permission`` anywhere (path None) or over the object at ``path``?"""
    roots = paths_with(user, permission)
    if path is None:
        return bool(roots)
    return any(path.startswith(root) for root in roots)


def path_of(obj) -> str | None:
    """The organisation path an object is scoped by: a path string as is, else the object's ``scope_path``."""
    if obj is None or isinstance(obj, str):
        return obj
    return obj.scope_path


def require(user, permission: str, obj=None) -> None:
    """The one scope gate: ``permission`` over ``obj`` (a model instance with ``scope_path``, or a path).

    Without it: PermissionDenied (403) if the user can see the object (holds the permission's registered view
    permission over it), else NotFound (404) so that an object out of sight does not reveal it exists. With
    ``obj`` None the permission is asked anywhere, and lacking it is 404 (there is nothing to see)."""
    path = path_of(obj)
    if has_perm(user, permission, path):
        return
    view = view_permission(permission)
    if path is not None and view != permission and has_perm(user, view, path):
        raise PermissionDenied()
    raise NotFound()


def scope_q(user, permission: str, path_lookup: str) -> Q:
    roots = paths_with(user, permission)
    if not roots:
        return Q(pk__in=[])
    if roots == [""]:
        return Q()
    return reduce(or_, (Q(**{f"{path_lookup}__startswith": root}) for root in roots))


def scoped(queryset: QuerySet, user, permission: str, path_lookup: str | None = None) -> QuerySet:
    """Narrow a queryset to what the user reaches with ``permission``.

    ``path_lookup`` defaults to the model's ``scope_path_lookup`` attribute (e.g. "org__path")."""
    lookup = path_lookup or queryset.model.scope_path_lookup
    return queryset.filter(scope_q(user, permission, lookup))


def get_scoped_or_404(queryset: QuerySet, user, permission: str, **lookup):
    try:
        return scoped(queryset, user, permission).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# --- organisation directory: names and subtrees, supplied by the orgs app (core imports no business app) ----
_org_label_provider: Callable[[Iterable[int]], dict[int, str]] | None = None
_subtree_ids_provider: Callable[[Iterable[str]], Iterable[int]] | None = None


def register_org_label_provider(provider: Callable[[Iterable[int]], dict[int, str]]) -> None:
    global _org_label_provider
    _org_label_provider = provider


def register_subtree_ids_provider(provider: Callable[[Iterable[str]], Iterable[int]]) -> None:
    global _subtree_ids_provider
    _subtree_ids_provider = provider


def org_labels(org_ids: Iterable[int]) -> dict[int, str]:
    """Names of organisations by id (empty when no provider is registered: callers fall back to the id)."""
    ids = list(org_ids)
    return dict(_org_label_provider(ids)) if _org_label_provider and ids else {}


def org_ids_under(paths: Iterable[str]) -> Iterable[int]:
    """Ids of every organisation in the subtrees rooted at ``paths`` (may be a lazy queryset: use it in an
    ``__in`` filter)."""
    paths = list(paths)
    return _subtree_ids_provider(paths) if _subtree_ids_provider and paths else []


# --- organisation references for the indicator registry: id, path, name (supplied by the orgs app) ----------
@dataclass(frozen=True)
class OrgRef:
    pk: int
    path: str
    name: str
    level: str


@dataclass(frozen=True)
class OrgDirectory:
    get: Callable[[int], "OrgRef | None"]            # one organisation by id, or None
    children: Callable[[str], list[OrgRef]]          # the direct children of the organisation at a path
    at_paths: Callable[[Iterable[str]], list[OrgRef]]  # the organisations at these paths ("" = the roots)


_org_directory: OrgDirectory | None = None


def register_org_directory(directory: OrgDirectory) -> None:
    global _org_directory
    _org_directory = directory


def org_ref(org_id: int) -> OrgRef | None:
    return _org_directory.get(org_id) if _org_directory else None


def org_children(path: str) -> list[OrgRef]:
    return list(_org_directory.children(path)) if _org_directory else []


def org_refs_at(paths: Iterable[str]) -> list[OrgRef]:
    paths = list(paths)
    return list(_org_directory.at_paths(paths)) if _org_directory and paths else []
