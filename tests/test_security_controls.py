"""MLPS level-3 controls that are settings or cross-cutting behaviour rather than one module's feature
(docs/security.md names each test)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gonghui.core.errors import PermissionDenied
from gonghui.core.models import AuditEvent
from gonghui.members import services as member_services
from gonghui.members.models import Person
from gonghui.orgs import services as org_services
from tests.fixtures import sign_in

TEMPLATES = Path(settings.BASE_DIR) / "templates"
OUTSIDE_URL = re.compile(r"""(src|href|action)=["'](https?:)?//""", re.IGNORECASE)


def test_idle_timeout_is_thirty_minutes_and_sliding():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.django_db
def test_session_expires_after_idle_time(world, settings):
    client = sign_in(Client(), world.user("county_officer"))
    assert client.get(reverse("staff:home")).status_code == 200
    session = client.session
    session.set_expiry(-1)  # as if the 30 idle minutes had passed
    session.save()
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_production_refuses_development_secrets():
    env = {**os.environ, "GONGHUI_ENV": "production", "PYTHONPATH": "src"}
    for name in ("GONGHUI_SECRET_KEY", "GONGHUI_FIELD_KEYS", "GONGHUI_HASH_KEY"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", "import gonghui.settings"], env=env, capture_output=True,
                            text=True, cwd=settings.PROJECT_DIR, check=False)
    assert result.returncode != 0 and "must be set in production" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_every_page(world):
    client = sign_in(Client(), world.user("county_officer"))
    for url in (reverse("staff:login"), reverse("staff:home"), reverse("m:login"), "/api/v1/me"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url


@pytest.mark.django_db
def test_pages_refuse_a_post_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.user("county_officer"))
    person = Person.objects.get(name="李娜")
    response = client.post(reverse("members:person_reveal", args=[person.pk]),
                           {"field": "id_number", "reason": "csrf check"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="person.reveal").exists()


@pytest.mark.django_db
def test_nobody_grants_themselves_a_role(world):
    officer = world.user("county_officer")
    with pytest.raises(PermissionDenied):
        org_services.role_grant(actor=officer, user=officer, org=world.wuhua_union, role="viewer")


@pytest.mark.django_db
def test_audit_row_and_change_commit_or_roll_back_together(world):
    person = Person.objects.get(name="李娜")
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        member_services.person_update(actor=world.user("county_officer"), person=person, name="李娜娜",
                                      phone=person.phone, category=person.category)
        raise RuntimeError("the surrounding work fails after the change")
    person.refresh_from_db()
    assert person.name == "李娜" and AuditEvent.objects.count() == before
    member_services.person_update(actor=world.user("county_officer"), person=person, name="李娜娜",
                                  phone=person.phone, category=person.category)
    assert AuditEvent.objects.filter(action="person.update", object_id=str(person.pk)).count() == 1


def test_no_template_loads_anything_from_outside():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE_URL.search(line):
                offenders.append(f"{template.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert not offenders, offenders


@pytest.mark.django_db
def test_a_session_is_signed_out_after_its_absolute_lifetime_however_active(world, settings):
    """Issue 19 §7: sessions without an absolute lifetime."""
    from gonghui.core.middleware import SESSION_SIGNED_IN_AT

    settings.GONGHUI_SESSION_MAX_AGE_SECONDS = 8 * 3600
    user = world.user("county_officer")
    client = sign_in(Client(), user)
    assert client.get(reverse("staff:home")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    session = client.session
    session[SESSION_SIGNED_IN_AT] -= 8 * 3600 + 1  # signed in more than 8 hours ago, active all along
    session.save()
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/api/v1/me").status_code == 401
    assert AuditEvent.objects.filter(action="auth.logout", actor_id=user.pk,
                                     detail__reason="session_max_age").exists()
    again = sign_in(Client(), user)  # signing in again starts a new lifetime
    assert again.get(reverse("staff:home")).status_code == 200


@pytest.mark.django_db
def test_a_signed_in_session_that_does_not_know_its_age_is_signed_out(world):
    from gonghui.core.middleware import SESSION_SIGNED_IN_AT

    client = Client()
    client.force_login(world.user("worker"))
    assert client.get(reverse("m:card")).status_code == 200
    session = client.session
    del session[SESSION_SIGNED_IN_AT]  # a session made before the rule
    session.save()
    assert client.get(reverse("m:card")).status_code == 302
