"""The machinery of the authorization matrix: discover every route, build a request for it, decide what each
actor must get.

The expectation is computed, not hand-written: an actor may reach an object when ``core.scope.has_perm`` says
so for the route's permission over the object's organisation path. Every other staff request must answer 404
(the object's existence is not revealed) and leave the database as it was.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.core import scope

STAFF_ACTORS = ["grassroots_officer", "county_officer", "sibling_officer", "prefecture_officer", "province_admin",
                "auditor", "staff_no_role"]
ACTORS = ["anonymous", "worker", *STAFF_ACTORS]
SNAPSHOT_MODELS = ["members.Person", "members.IdentityConflict", "members.Unit", "members.Membership",
                   "members.Transfer", "orgs.Organisation", "orgs.RoleAssignment", "orgs.RoleRequest", "core.User",
                   "core.ApiToken", "core.Message", "core.SmsOptOut", "core.Attachment"]


@dataclass
class Route:
    """One row of the matrix.

    audience: "public" (anyone), "staff" (/staff/ pages), "worker" (/m/ pages), "api" (JSON API).
    obj: which object of the world the route is called with (see objects.py), or None.
    perm: the permission the route needs over that object (or anywhere when obj is None); None = any staff
          user (audience staff) or any signed-in user (api).
    """

    key: str
    audience: str
    obj: str | None = None
    perm: str | None = None
    method: str = "GET"
    data: dict | Callable = field(default_factory=dict)
    kwargs: Callable | None = None
    path: str | None = None  # API: the path template from the OpenAPI document
    marker: str | None = None  # lists: the kind of out-of-scope object whose name must not leak
    owner: str | None = None  # objects that belong to one user (API tokens): only the owner reaches them
    in_body: bool = False  # the object is named in the request body (a form), not in the URL
    path_of: Callable | None = None  # where the permission is checked when not at obj.scope_path
    worker_status: int | None = None  # worker pages called with someone else's object: the status expected
    note: str = ""


def url_names() -> list[str]:
    """Every named URL outside the API (which is walked through its OpenAPI document) and the admin."""
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in ("api", "admin"):
                    continue
                walk(pattern.url_patterns, ns if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


def api_operations() -> list[str]:
    from gonghui.api import api

    schema = api.get_openapi_schema()
    ops = []
    for path, methods in schema["paths"].items():
        for method in methods:
            if method.lower() in ("get", "post", "put", "patch", "delete"):
                ops.append(f"{method.upper()} {path}")
    return sorted(ops)


def snapshot() -> str:
    """A digest of every business row, to prove a refused request changed nothing."""
    digest = hashlib.sha256()
    for label in SNAPSHOT_MODELS + _app_snapshot_models():
        model = apps.get_model(label)
        rows = list(model.objects.order_by("pk").values())
        digest.update(json.dumps(rows, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _app_snapshot_models() -> list[str]:
    """The business apps' models, named in the object modules their manifests name (SNAPSHOT_MODELS)."""
    from .objects import app_modules

    return [label for module in app_modules() for label in getattr(module, "SNAPSHOT_MODELS", [])]


def may_reach(user, perm: str | None, obj, path_of=None) -> bool:
    """Does ``user`` hold ``perm`` over ``obj`` (anywhere when obj is None)? A transfer is reachable from both
    ends: the receiving union decides it and the old union follows it (only for reading)."""
    if user is None:
        return False
    if perm is None:
        return True
    if obj is None:
        return scope.has_perm(user, perm, None)
    if path_of is not None:
        return scope.has_perm(user, perm, path_of(obj))
    paths = [obj.scope_path]
    if hasattr(obj, "from_org") and perm in READ_PERMISSIONS:
        paths.append(obj.from_org.path)
    return any(scope.has_perm(user, perm, path) for path in paths)


READ_PERMISSIONS = {"members.view", "orgs.view"}
