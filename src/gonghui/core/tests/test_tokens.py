"""Personal API tokens: creation shows the token once, only a hash is stored, revocation and expiry."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.core.auth import tokens
from gonghui.core.errors import NotFound
from gonghui.core.models import ApiToken, AuditEvent

from .helpers import login_fully

pytestmark = pytest.mark.django_db


def test_create_stores_only_a_hash(world):
    user = world.user("county_officer")
    token, raw = tokens.token_create(user=user, name="HR system")
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest() and token.prefix == raw[:8]
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    assert AuditEvent.objects.filter(action="auth.token_create", actor_id=user.pk).exists()


def test_authenticate(world):
    user = world.user("county_officer")
    token, raw = tokens.token_create(user=user, name="ok")
    assert tokens.token_authenticate(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert tokens.token_authenticate(raw + "x") is None
    assert tokens.token_authenticate("") is None


def test_revoked_expired_and_inactive_are_refused(world):
    user = world.user("county_officer")
    revoked, raw_revoked = tokens.token_create(user=user, name="revoked")
    tokens.token_revoke(user=user, token_id=revoked.pk)
    _expired, raw_expired = tokens.token_create(user=user, name="old",
                                                expires_at=timezone.now() - datetime.timedelta(seconds=1))
    _live, raw_live = tokens.token_create(user=user, name="live",
                                          expires_at=timezone.now() + datetime.timedelta(days=1))
    assert tokens.token_authenticate(raw_revoked) is None
    assert tokens.token_authenticate(raw_expired) is None
    assert tokens.token_authenticate(raw_live) == user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert tokens.token_authenticate(raw_live) is None


def test_cannot_revoke_someone_elses_token(world):
    token, _raw = tokens.token_create(user=world.user("county_officer"), name="mine")
    with pytest.raises(NotFound):
        tokens.token_revoke(user=world.user("sibling_officer"), token_id=token.pk)


def test_tokens_page(client, world):
    user = world.user("county_officer")
    login_fully(client, user)
    response = client.post(reverse("staff:api_tokens"), {"name": "Payroll", "valid_days": 30})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw and raw.encode() in response.content
    token = ApiToken.objects.get(user=user)
    assert token.expires_at is not None
    listing = client.get(reverse("staff:api_tokens"))
    assert b"Payroll" in listing.content and raw.encode() not in listing.content
    other = ApiToken.objects.create(user=world.user("sibling_officer"), name="x", prefix="x",
                                    key_hash="x" * 64)
    assert client.post(reverse("staff:api_token_revoke", args=[other.pk])).status_code == 404
    assert client.post(reverse("staff:api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_worker_cannot_open_staff_pages(client, world):
    client.force_login(world.user("worker"))
    assert client.get(reverse("staff:api_tokens")).status_code == 404
    assert client.get(reverse("staff:home")).status_code == 404
