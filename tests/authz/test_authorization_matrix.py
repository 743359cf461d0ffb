"""The authorization matrix: every URL and API route, every kind of actor, an object inside and one outside
their part of the tree. Out of scope → 404 and nothing changed. A route missing from ROUTES fails."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gonghui.core import roles
from tests.fixtures import sign_in

from .harness import ACTORS, api_operations, may_reach, snapshot, url_names
from .objects import app_modules, build_objects, marker_text
from .routes import ROUTES

# What an actor needs to know an object exists at all; without it the answer must be exactly 404.
VIEW_PERMISSION = {"person": roles.MEMBERS_VIEW, "unit": roles.MEMBERS_VIEW, "membership": roles.MEMBERS_VIEW,
                   "transfer": roles.MEMBERS_VIEW, "org": roles.ORGS_VIEW, "assignment": roles.ROLES_VIEW,
                   "role_request": roles.ROLES_VIEW, "identity_conflict": roles.MEMBERS_VIEW,
                   "attachment": roles.MEMBERS_VIEW}
for _module in app_modules():  # the business apps name their own kinds of object (through their manifests)
    VIEW_PERMISSION.update(getattr(_module, "VIEW_PERMISSION", {}))


def test_every_route_is_in_the_matrix():
    discovered = set(url_names()) | {f"API {op}" for op in api_operations()}
    missing = sorted(discovered - ROUTES.keys())
    stale = sorted(ROUTES.keys() - discovered)
    assert not missing, f"routes without a row in tests/authz/routes.py: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"


def _client(world, actor: str) -> tuple[Client, object]:
    client = Client()
    if actor == "anonymous":
        return client, None
    user = world.user(actor)
    return sign_in(client, user), user


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
        import json

        return client.generic(route.method, url, json.dumps(data), content_type="application/json")
    return client.generic(route.method, url, _encode(data), content_type="application/x-www-form-urlencoded")


def _encode(data: dict) -> str:
    from urllib.parse import urlencode

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
        assert not changed, f"{where}: anonymous request changed data"
        return
    if route.audience == "worker":
        if actor == "worker" and route.worker_status:
            assert status == route.worker_status, f"{where}: expected {route.worker_status}, got {status}"
            assert not changed, f"{where}: changed data"
        elif actor == "worker":
            assert status < 400 and not _is_login_redirect(response), f"{where}: worker refused ({status})"
        else:
            assert _is_login_redirect(response) or status in (403, 404), f"{where}: staff reached a worker page"
            assert not changed, f"{where}: changed data"
        return
    if route.owner:
        if actor == route.owner:
            assert status not in (401, 403, 404) and not _is_login_redirect(response), f"{where}: owner refused"
        else:
            assert status == 404 or (actor == "worker" and _is_login_redirect(response)), (
                f"{where}: someone else's object must be 404, got {status}")
            assert not changed, f"{where}: changed data"
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
    assert not changed, f"{where}: a refused request changed data"
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


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ROUTES))
def test_route(key, world):
    route = ROUTES[key]
    objects = build_objects(world)
    sides = ("inside", "outside") if route.obj else (None,)
    for side in sides:
        obj = objects[side][route.obj] if side else None
        url = _url(route, obj)
        for actor in ACTORS:
            client, user = _client(world, actor)
            before = snapshot()
            with transaction.atomic():
                response = _request(client, route, url, obj, world)
                changed = snapshot() != before
                transaction.set_rollback(True)
            _check(route, actor, user, response, obj, side, changed)
            if route.marker and actor != "anonymous" and response.status_code == 200:
                outside = objects["outside"][route.marker]
                if actor == "worker" or not may_reach(user, route.perm, outside):
                    text = _body(response)
                    assert marker_text(outside) not in text, f"{key} as {actor}: shows an out-of-scope object"


@pytest.mark.django_db
def test_admin_is_for_superusers_only(world):
    for actor in ACTORS:
        client, _ = _client(world, actor)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and "login" in response["Location"], actor
