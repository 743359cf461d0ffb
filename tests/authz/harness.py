"""The machinery of the authorization matrix: discover every route, build a request for it, decide what each
actor must get.

The expectation is computed, not hand-written: an actor may reach an object when ``core.scope.has_perm`` says
so for the route's permission over the object's organisation path. Every other staff request must answer 404
(the object's existence is not revealed) and leave the database as it was: ``WriteCapture`` records every
statement the request sends to the database, and any INSERT, UPDATE or DELETE that is not rolled back counts
as a change, to whichever table (only sessions and audit entries are exempt: see ``ALLOWED_WRITES``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.core import scope

STAFF_ACTORS = ["grassroots_officer", "county_officer", "sibling_officer", "prefecture_officer", "province_admin",
                "auditor", "staff_no_role"]
ACTORS = ["anonymous", "worker", *STAFF_ACTORS]


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


def _matrix_modules(prefix: str) -> list:
    """The matrix's ``routes`` or ``objects`` modules that the apps' manifests name (``authz``), core's first:
    each app brings its own rows and objects, and no central list has to import them."""
    from gonghui.core import manifest

    return manifest.authz_modules(prefix)


def discover_routes() -> dict[str, Route]:
    """Every matrix row, from routes.py and routes_*.py (each has ``rows()``). A key named twice fails."""
    found: dict[str, Route] = {}
    for module in _matrix_modules("routes"):
        for row in module.rows():
            assert row.key not in found, f"{row.key} has a row in two places (the second: {module.__name__})"
            if row.audience == "api":
                row.method, row.path = row.key.split(" ")[1:3]
            found[row.key] = row
    return found


def object_modules() -> list:
    """objects.py (the platform's objects) and objects_*.py (one per business app)."""
    return _matrix_modules("objects")


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


# The writes a refused request may make, as "VERB table": every request saves its session
# (SESSION_SAVE_EVERY_REQUEST), and a refusal may be audited (the audit table is append-only: INSERT only).
# A session's own bookkeeping (its row, and when its holder was last seen: core.UserSession) is not a change.
ALLOWED_WRITES = frozenset({"INSERT django_session", "UPDATE django_session", "DELETE django_session",
                            "UPDATE core_usersession", "INSERT core_auditevent"})

_READ = re.compile(r"\s*(SELECT|EXPLAIN|SHOW|PRAGMA|SET\s)", re.IGNORECASE)
_SAVEPOINT = re.compile(r'\s*(SAVEPOINT|RELEASE\s+SAVEPOINT|ROLLBACK\s+TO\s+SAVEPOINT)\s+"?([\w]+)"?',
                        re.IGNORECASE)
_WRITE = re.compile(r'\s*(INSERT|REPLACE|UPDATE|DELETE|TRUNCATE)\s+(?:OR\s+\w+\s+)?(?:INTO\s+|FROM\s+|TABLE\s+)?'
                    r'(?:ONLY\s+)?(?:"?\w+"?\.)?"?(\w+)"?', re.IGNORECASE)  # schema."table": the table


class WriteCapture:
    """Records the tables written through Django's connection while active (``connection.execute_wrapper``).

    Writes inside a savepoint that is rolled back are dropped, so a request that tried and undid something
    (an ``atomic`` block that failed) counts as unchanged, as a before/after comparison would; anything else
    that is neither a read nor a savepoint (a CTE, DDL, a statement we cannot parse) counts as a write
    (``"? <statement>"``), so an unknown statement can never pass unnoticed.
    """

    def __init__(self):
        self._frames: list[tuple[str | None, list[str]]] = [(None, [])]

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)  # a statement that failed wrote nothing
        self.note(sql)
        return result

    def note(self, sql: str) -> None:
        if (savepoint := _SAVEPOINT.match(sql)) is not None:
            verb, name = savepoint.group(1).split()[0].upper(), savepoint.group(2)
            if verb == "SAVEPOINT":
                self._frames.append((name, []))
            elif not self._opened(name):  # opened before the capture began: it encloses all we saw
                kept = [] if verb == "ROLLBACK" else [table for _, writes in self._frames for table in writes]
                self._frames = [(None, kept)]
            elif verb == "ROLLBACK":  # back to the savepoint, which stays open
                while self._frames[-1][0] != name:
                    self._frames.pop()
                self._frames[-1][1].clear()
            else:  # RELEASE: the savepoint's writes (and its inner ones') now belong to the enclosing one
                while True:
                    frame_name, writes = self._frames.pop()
                    self._frames[-1][1].extend(writes)
                    if frame_name == name:
                        break
            return
        if _READ.match(sql):
            return
        write = _WRITE.match(sql)
        self._frames[-1][1].append(
            f"{write.group(1).upper()} {write.group(2).lower()}" if write else f"? {sql[:60]}")

    def _opened(self, name: str) -> bool:
        return any(frame_name == name for frame_name, _ in self._frames)

    @property
    def writes(self) -> set[str]:
        """Every write not rolled back, as "VERB table" ("INSERT members_person")."""
        return {write for _, writes in self._frames for write in writes}

    @property
    def changed(self) -> set[str]:
        """The writes a refused request must not make."""
        return self.writes - ALLOWED_WRITES


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
