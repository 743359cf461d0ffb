"""Headers on every answer (core.middleware.SecurityHeadersMiddleware) and templates that run under them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

SRC = Path(__file__).resolve().parents[1] / "src" / "gonghui"
TEMPLATES = sorted(SRC.rglob("templates/**/*.html"))
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_carries_inline_script_or_style(template):
    """The policy refuses inline script and style: a template with one would break in the browser."""
    text = template.read_text(encoding="utf-8")
    assert not INLINE_HANDLER.search(text), "an on…= handler: use a data attribute (static/gonghui/page.js)"
    assert not STYLE_ATTRIBUTE.search(text), "a style= attribute: use a class in the app's stylesheet"
    for attributes in SCRIPT_TAG.findall(text):
        # a script from a file, or data for one (json_script writes type="application/json")
        assert "src=" in attributes or "application/json" in attributes, "an inline <script>: move it to a file"
    assert "javascript:" not in text


def test_the_policy_allows_nothing_from_outside_and_no_inline_script():
    policy = dict(part.split(" ", 1) for part in settings.GONGHUI_CONTENT_SECURITY_POLICY.split("; "))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in settings.GONGHUI_CONTENT_SECURITY_POLICY
    assert "http" not in settings.GONGHUI_CONTENT_SECURITY_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize("path,private", [("/", False), ("/stations/", False), ("/staff/login/", True),
                                          ("/m/login/", True), ("/api/v1/openapi.json", True)])
def test_every_answer_carries_the_policy_and_private_ones_are_never_stored(client, path, private):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == settings.GONGHUI_CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == settings.GONGHUI_PERMISSIONS_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert ("no-store" in response.get("Cache-Control", "")) is private


def test_a_signed_in_user_s_pages_are_never_stored_wherever_they_are(world, client):
    client.force_login(world.user("worker"))
    response = client.get("/stations/")
    assert response["Cache-Control"] == "no-store"


def test_a_view_s_own_cache_control_is_kept(world, client):
    client.force_login(world.user("county_officer"))
    response = client.get("/static/gonghui/page.js")  # served before the middleware: no policy needed
    assert "Content-Security-Policy" not in response
