"""Staff home (with contributed panels) and the organisation switcher."""

import pytest
from django.urls import reverse
from tests.fixtures import make_user

from gonghui.core import scope
from gonghui.core.middleware import SESSION_ACTING_ORG
from gonghui.core.web import panels

from .helpers import login_fully

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_org_user(world):
    return make_user("two_hats", roles=[(world.wuhua, "viewer"), (world.panlong, "reviewer")], totp=True)


def test_home_lists_organisations_and_panels(client, world, monkeypatch):
    monkeypatch.setattr(panels, "_providers", [])
    panels.register_home_panel(lambda request: {"title": "Probe panel",
                                                "items": [{"label": "A", "value": 3}]})
    panels.register_home_panel(lambda request: None)
    panels.register_home_panel(lambda request: 1 / 0)  # a broken panel is skipped
    login_fully(client, world.user("county_officer"))
    response = client.get(reverse("staff:home"))
    assert response.status_code == 200
    assert world.wuhua.name.encode() in response.content
    assert b"Probe panel" in response.content and len(response.context["panels"]) == 1


def test_home_without_panels_or_roles(client, world, monkeypatch):
    monkeypatch.setattr(panels, "_providers", [])
    user = world.user("staff_no_role")
    user.password_changed_at = user.date_joined
    user.save(update_fields=["password_changed_at"])
    login_fully(client, user)
    assert client.get(reverse("staff:home")).status_code == 200


def test_switcher_shown_only_with_several_organisations(client, world, two_org_user):
    login_fully(client, world.user("county_officer"))
    assert b'name="org_id"' not in client.get(reverse("staff:home")).content
    login_fully(client, two_org_user)
    content = client.get(reverse("staff:home")).content
    assert b'name="org_id"' in content and world.panlong.name.encode() in content


def test_switch_narrows_the_scope(client, world, two_org_user):
    login_fully(client, two_org_user)
    response = client.post(reverse("staff:switch_org"), {"org_id": world.panlong.pk, "next": "/staff/audit/"})
    assert response.status_code == 302 and response["Location"] == "/staff/audit/"
    assert client.session[SESSION_ACTING_ORG] == world.panlong.pk
    two_org_user.gonghui_acting_org_id = world.panlong.pk
    assert [g.org_id for g in scope.grants(two_org_user)] == [world.panlong.pk]
    client.post(reverse("staff:switch_org"), {"org_id": ""})
    assert SESSION_ACTING_ORG not in client.session


def test_switch_to_a_foreign_organisation_is_refused(client, world, two_org_user):
    login_fully(client, two_org_user)
    assert client.post(reverse("staff:switch_org"), {"org_id": world.kunming.pk}).status_code == 404
    assert client.post(reverse("staff:switch_org"), {"org_id": "abc"}).status_code == 404
    assert SESSION_ACTING_ORG not in client.session


def test_switch_redirect_refuses_outside_urls(client, world, two_org_user):
    login_fully(client, two_org_user)
    response = client.post(reverse("staff:switch_org"), {"org_id": world.wuhua.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("staff:home")


def test_public_home(client):
    response = client.get(reverse("public:home"))
    assert response.status_code == 200 and reverse("staff:login").encode() in response.content
