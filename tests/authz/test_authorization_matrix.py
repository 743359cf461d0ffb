"""The authorization matrix: every URL and API route, every kind of actor, an object inside and one outside
their part of the tree. Out of scope → 404 and nothing changed. A route without a row fails.

Cost: the matrix's objects (objects*.py) and one signed-in session per actor are built once per module run
(once per xdist worker), in a transaction kept open around the matrix's tests and rolled back after them; each
test and each request inside it is a savepoint rolled back in turn. "Nothing changed" is read from the write
statements the request sent (harness.WriteCapture), not from a comparison of tables.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.fixtures import shared_transaction, sign_in, world_handle

from .harness import ACTORS, WriteCapture, api_operations, discover_routes, may_reach, object_modules, url_names

ROUTES = discover_routes()
OBJECT_MODULES = object_modules()
# What an actor needs to know an object exists at all (each objects*.py names its own kinds of object).
VIEW_PERMISSION = {kind: perm for module in OBJECT_MODULES for kind, perm in module.VIEW_PERMISSION.items()}


def test_every_route_is_in_the_matrix():
    discovered = set(url_names()) | {f"API {op}" for op in api_operations()}
    missing = sorted(discovered - ROUTES.keys())
    stale = sorted(ROUTES.keys() - discovered)
    assert not missing, f"routes without a row in tests/authz/routes*.py: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"


@dataclass(frozen=True)
class Matrix:
    """What the matrix's tests share: the objects (as model and primary key) and each actor's session."""

    objects: dict[str, dict[str, tuple[type, object]]]
    sessions: dict[str, str]

    def fresh_objects(self) -> dict[str, "_Fresh"]:
        return {side: _Fresh(refs) for side, refs in self.objects.items()}


class _Fresh(dict):
    """kind → object, each read again from the database the first time a test asks for it."""

    def __init__(self, refs):
        super().__init__()
        self._refs = refs

    def __missing__(self, kind):
        model, pk = self._refs[kind]
        self[kind] = obj = model._default_manager.get(pk=pk)
        return obj


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker) -> Matrix:
    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = _build_matrix()
        yield built


def _build_matrix() -> Matrix:
    world = world_handle().load()
    built = {"inside": {}, "outside": {}}
    for module in OBJECT_MODULES:
        extra = module.build_objects(world)
        for side in built:
            built[side].update(extra.get(side, {}))
    objects = {side: {kind: (type(obj), obj.pk) for kind, obj in kinds.items()} for side, kinds in built.items()}
    sessions = {}
    for actor in ACTORS:
        if actor != "anonymous":
            session = sign_in(Client(), world.user(actor)).session
            session.set_expiry(24 * 3600)  # shared by every row of the run: no idle timeout in between
            session.save()
            sessions[actor] = session.session_key
    return Matrix(objects, sessions)


def _client(matrix: Matrix, world, actor: str) -> tuple[Client, object]:
    """A new client per request (cookies a response sets never reach the next one), in the actor's session."""
    client = Client()
    if actor == "anonymous":
        return client, None
    client.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[actor]
    return client, world.user(actor)


def _url(route, obj) -> str:
    kwargs = route.kwargs(obj) if route.kwargs else {}
    if route.audience == "api" or route.path:  # route.path: a public API endpoint
        path = route.path
        for name, value in kwargs.items():
            path = path.replace("{" + name + "}", str(value))
        return path
    return reverse(route.key, kwargs=kwargs)


def _request(client, route, url, obj, world):
    data = route.data(obj, world) if callable(route.data) else route.data
    if route.method == "GET":
        return client.get(url, data)
    if route.audience == "api" or route.path:
        return client.generic(route.method, url, json.dumps(data), content_type="application/json")
    return client.generic(route.method, url, _encode(data), content_type="application/x-www-form-urlencoded")


def _encode(data: dict) -> str:
    return urlencode(data, doseq=True)


def _body(response) -> str:
    """The answer as text, streamed or not (exports stream)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="ignore")
    return response.content.decode(errors="ignore")


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "login" in response.get("Location", "")


def _check(route, actor, user, response, obj, side, changed):
    where = f"{route.key} as {actor} on {side} object"
    status = response.status_code
    assert status < 500, f"{where}: server error {status}"
    if route.audience == "public":
        assert status < 400 or status == 405, f"{where}: public route answered {status}"
        return
    if actor == "anonymous":
        if route.audience == "api":
            assert status == 401, f"{where}: expected 401, got {status}"
        else:
            assert _is_login_redirect(response) or status == 404, f"{where}: expected sign-in, got {status}"
        assert not changed, f"{where}: anonymous request changed data: {sorted(changed)}"
        return
    if route.audience == "worker":
        if actor == "worker" and route.worker_status:
            assert status == route.worker_status, f"{where}: expected {route.worker_status}, got {status}"
            assert not changed, f"{where}: changed data: {sorted(changed)}"
        elif actor == "worker":
            assert status < 400 and not _is_login_redirect(response), f"{where}: worker refused ({status})"
        else:
            assert _is_login_redirect(response) or status in (403, 404), f"{where}: staff reached a worker page"
            assert not changed, f"{where}: changed data: {sorted(changed)}"
        return
    if route.owner:
        if actor == route.owner:
            assert status not in (401, 403, 404) and not _is_login_redirect(response), f"{where}: owner refused"
        else:
            assert status == 404 or (actor == "worker" and _is_login_redirect(response)), (
                f"{where}: someone else's object must be 404, got {status}")
            assert not changed, f"{where}: changed data: {sorted(changed)}"
        return
    # staff pages and the API
    if actor == "worker":
        allowed = route.perm is None and route.audience == "api"
    else:
        allowed = may_reach(user, route.perm, obj, route.path_of)
    if allowed:
        assert status not in (401, 403, 404) and not _is_login_redirect(response), (
            f"{where}: expected access, got {status} {response.get('Location', '')}")
        return
    assert not changed, f"{where}: a refused request changed data: {sorted(changed)}"
    if route.in_body:
        # A form naming an object out of reach: refused (404) or re-shown with an error, never carried out.
        assert status in (200, 400, 403, 404, 422) and not _is_login_redirect(response), f"{where}: got {status}"
        return
    if route.obj is not None:
        view_perm = VIEW_PERMISSION[route.obj]
        if not may_reach(user, view_perm, obj) or actor == "worker":
            assert status == 404 or (route.audience != "api" and _is_login_redirect(response)
                                     and actor == "worker"), f"{where}: out of scope must be 404, got {status}"
        else:
            assert status in (403, 404), f"{where}: expected 403/404, got {status}"
    else:
        # Lists and forms with no object: refused, or shown without anything out of reach (checked by marker).
        if status >= 400:
            assert status in (403, 404) or (route.audience == "api" and status == 401 and actor == "worker"), (
                f"{where}: got {status}")


def _call(client, route, url, obj, world):
    """The request, inside a savepoint rolled back after it; returns the response and the tables it changed."""
    with transaction.atomic():
        with WriteCapture() as writes:
            response = _request(client, route, url, obj, world)
        transaction.set_rollback(True)
    return response, writes.changed


def _marker_text(obj) -> str:
    """The text that would give an out-of-scope object away in a list: the apps' modules first, then objects.py."""
    for module in sorted(OBJECT_MODULES, key=lambda m: m.__name__.endswith(".objects")):
        text = module.marker_text(obj)
        if text is not None:
            return text
    raise AssertionError(f"no marker text for {obj!r}")


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ROUTES))
def test_route(key, matrix, world):
    route = ROUTES[key]
    for module in OBJECT_MODULES:
        if hasattr(module, "before_route"):
            module.before_route()
    objects = matrix.fresh_objects()
    sides = ("inside", "outside") if route.obj else (None,)
    for side in sides:
        obj = objects[side][route.obj] if side else None
        url = _url(route, obj)
        for actor in ACTORS:
            client, user = _client(matrix, world, actor)
            response, changed = _call(client, route, url, obj, world)
            _check(route, actor, user, response, obj, side, changed)
            if route.marker and actor != "anonymous" and response.status_code == 200:
                outside = objects["outside"][route.marker]
                if actor == "worker" or not may_reach(user, route.perm, outside):
                    text = _body(response)
                    assert _marker_text(outside) not in text, f"{key} as {actor}: shows an out-of-scope object"


@pytest.mark.django_db
def test_admin_is_for_superusers_only(world):
    for actor in ACTORS:
        client = Client()
        if actor != "anonymous":
            sign_in(client, world.user(actor))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and "login" in response["Location"], actor
