"""App manifests (core.manifest): every app declares what it adds in <app>/manifest.py, a wrong manifest fails
clearly, and urls.py / api.py mount what the manifests declare (so adding a module edits no central file)."""

import copy
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from gonghui.core import manifest
from gonghui.core.web import panels

SRC = Path(manifest.__file__).resolve().parents[1]
PROJECT_APPS = [c for c in apps.get_app_configs() if c.name.startswith("gonghui.")]


def test_every_app_has_a_valid_manifest():
    assert {c.label for c in PROJECT_APPS} >= {"core", "orgs", "members", "mutual_aid", "venues"}
    for config in PROJECT_APPS:
        declared = manifest.manifest_of(config)
        assert set(declared) == set(manifest.KEYS), config.label


def test_every_ready_just_calls_the_loader():
    for config in PROJECT_APPS:
        source = (SRC / config.label / "apps.py").read_text(encoding="utf-8")
        assert "manifest.load(self)" in source, config.label
        for hand_wired in ("register_nav(", "register_home_panel(", "register_demo_parts(", "autodiscover_modules"):
            assert hand_wired not in source, f"{config.label}/apps.py wires {hand_wired} by hand"


def test_urls_and_api_name_no_app():
    for central in ("urls.py", "api.py"):
        source = (SRC / central).read_text(encoding="utf-8")
        for config in PROJECT_APPS:
            if config.label != "core":
                assert f".{config.label}" not in source, f"{central} names {config.label}"


def _valid() -> dict:
    return copy.deepcopy(manifest.manifest_of(apps.get_app_config("venues")))


@pytest.mark.parametrize("key", manifest.KEYS)
def test_a_manifest_without_a_required_key_fails_clearly(key):
    broken = _valid()
    del broken[key]
    with pytest.raises(ImproperlyConfigured, match=rf"newapp/manifest.py: MANIFEST lacks {key}"):
        manifest.validate("newapp", broken)


@pytest.mark.parametrize("change, message", [
    (lambda m: m.update(navigaton=[]), "unknown keys navigaton"),
    (lambda m: m.update(roles="roles"), "roles must be a list"),
    (lambda m: m.update(urls=[("staff/new/", "gonghui.new.web.urls")]), "urls entries are"),
    (lambda m: m.update(authz={"routes": "tests.authz.routes_new"}), "authz is None or"),
])
def test_a_malformed_manifest_fails_clearly(change, message):
    broken = _valid()
    change(broken)
    with pytest.raises(ImproperlyConfigured, match=message):
        manifest.validate("newapp", broken)
    with pytest.raises(ImproperlyConfigured, match="must define MANIFEST"):
        manifest.validate("newapp", None)


def test_an_app_without_a_manifest_fails_clearly():
    class Config:
        name, label = "gonghui.no_such_app_here", "no_such_app_here"

    with pytest.raises((ImproperlyConfigured, ModuleNotFoundError)):
        manifest.manifest_of(Config())


def test_two_manifests_cannot_claim_one_url_prefix(monkeypatch):
    venues = apps.get_app_config("venues")
    original = manifest.manifest_of

    def claiming(config):
        declared = original(config)
        if config is venues:
            declared = {**declared, "urls": [*declared["urls"], ("staff/members/", "gonghui.venues.web.urls", "x")]}
        return declared

    monkeypatch.setattr(manifest, "manifest_of", claiming)
    with pytest.raises(ImproperlyConfigured, match="staff/members/"):
        manifest.url_patterns()


def test_what_the_manifests_declare_is_mounted():
    for name in ("public:home", "staff:home", "m_messages:list", "orgs:org_list", "members:person_list", "m:card",
                 "mutual_aid:index", "m_mutual_aid:cover", "venues:venue_list", "stations:map", "m_venues:map"):
        assert reverse(name)
    assert reverse("staff:file", args=[1]) == "/staff/files/1/" and reverse("m_files:file", args=[1]) == "/m/files/1/"
    from gonghui.api import api

    paths = api.get_openapi_schema()["paths"]
    for app_path in ("/api/v1/me", "/api/v1/orgs", "/api/v1/persons", "/api/v1/venues"):
        assert app_path in paths
    assert any(p.startswith("/api/v1/mutual-aid") for p in paths)


def test_the_manifests_registrations_ran():
    from gonghui.core import attachments, audit, demo, workflow
    from gonghui.core.web import nav

    assert "members.person_document" in attachments.all_kinds()
    assert {e.url_name for e in nav._entries} >= {"venues:venue_list", "m_venues:map", "mutual_aid:index"}
    assert audit.action_label("venues.create") != "venues.create"  # declared through venues' manifest
    assert {"membership_transfer"} <= set(workflow.all_workflows())
    assert demo  # demo parts: covered by tests/test_demo.py


@pytest.mark.django_db
def test_a_member_panel_shows_on_the_member_page(world, login):
    from gonghui.members.models import Person

    def cover(request, person):
        return {"title": "互助保障", "items": [{"label": "本期", "value": f"已参加 {person.pk}"}]}

    panels.register_member_panel(cover)
    try:
        person = Person.objects.get(name="李娜")
        page = login(world.user("county_officer")).get(reverse("members:person_detail", args=[person.pk]))
        assert f"已参加 {person.pk}" in page.content.decode()
    finally:
        panels._member_providers.remove(cover)
