"""Authentication (token, session, CSRF) and the self-hosted docs."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from gonghui.core.auth.tokens import token_create, token_revoke

from .openapi_check import ApiClient, assert_problem


def test_openapi_document_declares_problems_and_security(db):
    spec = Client().get("/api/v1/openapi.json").json()
    assert spec["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "code"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert any(s.get("in") == "cookie" for s in schemes.values())


def test_docs_page_makes_no_outside_request(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    outside = re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not outside, "the docs page must not load anything from outside"
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not served by the app"
    assert '"validatorUrl": null' in html  # Swagger UI's online validator badge is off


@pytest.mark.django_db
def test_token_auth_and_revoked_token(world):
    token, raw = token_create(user=world.user("county_officer"), name="integration")
    api = ApiClient(token=raw)
    response = api.get("/me")
    assert response.status_code == 200
    assert response.json()["user"]["username"] == "county_officer"

    token_revoke(user=world.user("county_officer"), token_id=token.pk)
    assert_problem(api.get("/me"), 401, "invalid_token")
    assert_problem(ApiClient(token="not-a-token").get("/persons"), 401, "invalid_token")


@pytest.mark.django_db
def test_anonymous_is_401_with_problem(world):
    response = ApiClient().get("/persons")
    assert_problem(response, 401, "authentication_required")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_session_auth_needs_the_second_factor(world, as_session):
    assert as_session("county_officer").get("/me").status_code == 200
    half_signed_in = as_session("county_officer", second_factor_done=False)
    assert_problem(half_signed_in.get("/me"), 401, "sign_in_incomplete")
    # A worker signs in without a second factor.
    assert as_session("worker", second_factor_done=False).get("/me").status_code == 200


@pytest.mark.django_db
def test_session_writes_need_the_csrf_token(world, as_session):
    api = as_session("county_officer", enforce_csrf_checks=True)
    payload = {"parent_id": world.wuhua.pk, "name": "五华区新工会", "level": "grassroots",
               "kind": "grassroots"}
    assert_problem(api.post("/orgs", payload), 403, "csrf_failed")

    secret = "a" * 32
    api.client.cookies["csrftoken"] = secret
    assert api.post("/orgs", payload, headers={"X-CSRFToken": secret}).status_code == 201


@pytest.mark.django_db
def test_token_requests_need_no_csrf_token(world):
    _, raw = token_create(user=world.user("county_officer"), name="integration")
    api = ApiClient(Client(enforce_csrf_checks=True), token=raw)
    payload = {"parent_id": world.wuhua.pk, "name": "五华区新工会", "level": "grassroots",
               "kind": "grassroots"}
    assert api.post("/orgs", payload).status_code == 201


@pytest.mark.django_db
def test_unparsable_body_is_a_problem(world, as_token):
    api = as_token("county_officer")
    response = api._call("POST", "/orgs", data="{not json", content_type="application/json")
    assert_problem(response, 400, "bad_request")
