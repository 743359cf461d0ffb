"""Validate API responses against the OpenAPI document the API itself publishes.

The document is fetched once from /api/v1/openapi.json; each response is checked against the schema its
operation declares for that status and content type ($refs resolve into the document's components)."""

import re
from functools import cache

from django.test import Client
from jsonschema import Draft202012Validator

from gonghui.core.auth.tokens import token_create
from tests.fixtures import sign_in

OPENAPI_URL = "/api/v1/openapi.json"


@cache
def _spec() -> dict:
    response = Client().get(OPENAPI_URL)
    assert response.status_code == 200, response.content
    return response.json()


@cache
def _path_patterns() -> list[tuple[re.Pattern, str]]:
    patterns = []
    for template in _spec()["paths"]:
        regex = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
        patterns.append((re.compile(regex), template))
    return patterns


def operation_for(method: str, path: str) -> dict:
    for pattern, template in _path_patterns():
        if pattern.match(path):
            operations = _spec()["paths"][template]
            assert method.lower() in operations, f"{method} {template} is not in the OpenAPI document"
            return operations[method.lower()]
    raise AssertionError(f"{path} is not in the OpenAPI document")


def assert_matches_schema(response, method: str, path: str) -> None:
    operation = operation_for(method, path.split("?", 1)[0])
    status = str(response.status_code)
    declared = operation["responses"].get(status)
    assert declared is not None, f"{method} {path} answered {status}, not declared in the OpenAPI document"
    if response.status_code == 204:
        assert not response.content
        return
    content_type = response["Content-Type"].split(";")[0].strip()
    content = declared.get("content", {})
    assert content_type in content, f"{method} {path} {status}: {content_type} not declared ({list(content)})"
    schema = {**content[content_type]["schema"], "components": _spec()["components"]}
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=str)
    assert not errors, f"{method} {path} {status}: {errors[0]}"


class ApiClient:
    """A test client for /api/v1/ whose every response is checked against the OpenAPI document."""

    prefix = "/api/v1"

    def __init__(self, client: Client | None = None, token: str | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _call(self, method: str, path: str, **kwargs):
        url = self.prefix + path
        headers = {**self.headers, **kwargs.pop("headers", {})}
        response = getattr(self.client, method.lower())(url, headers=headers, **kwargs)
        assert_matches_schema(response, method, url)
        return response

    def get(self, path: str, params: dict | None = None, **kwargs):
        return self._call("GET", path, data=params or {}, **kwargs)

    def post(self, path: str, json: dict | None = None, **kwargs):
        body = json if json is not None else {}
        return self._call("POST", path, data=body, content_type="application/json", **kwargs)

    def patch(self, path: str, json: dict, **kwargs):
        return self._call("PATCH", path, data=json, content_type="application/json", **kwargs)

    def delete(self, path: str, **kwargs):
        return self._call("DELETE", path, **kwargs)


def token_client(user) -> ApiClient:
    _, raw = token_create(user=user, name="test")
    return ApiClient(token=raw)


def session_client(user, *, second_factor_done: bool = True, **client_kwargs) -> ApiClient:
    client = Client(**client_kwargs)
    if second_factor_done:
        sign_in(client, user)
    else:
        client.force_login(user)
    return ApiClient(client)


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["type"] == f"urn:gonghui:error:{code}" and body["title"]
    return body
