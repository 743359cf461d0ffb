"""Personal API tokens: creation shows the token once, only a hash is stored, revocation and expiry."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.core.auth import tokens
from gonghui.core.errors import NotFound, ValidationFailed
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


def test_every_token_expires_within_the_cap(world, settings):
    """Issue 19 §7: tokens without expiry."""
    settings.GONGHUI_API_TOKEN_MAX_DAYS = 30
    user = world.user("county_officer")
    token, _raw = tokens.token_create(user=user, name="no date given")
    cap = timezone.now() + datetime.timedelta(days=30)
    assert cap - datetime.timedelta(minutes=1) < token.expires_at <= cap
    with pytest.raises(ValidationFailed) as refused:
        tokens.token_create(user=user, name="too long", expires_at=cap + datetime.timedelta(days=1))
    assert refused.value.code == "token_lifetime_too_long"
    made_elsewhere = ApiToken.objects.create(user=user, name="admin", prefix="y", key_hash="y" * 64)
    assert made_elsewhere.expires_at <= timezone.now() + datetime.timedelta(days=30)  # the model's default too


def test_tokens_page_refuses_a_lifetime_beyond_the_cap(client, world, settings):
    settings.GONGHUI_API_TOKEN_MAX_DAYS = 90
    login_fully(client, world.user("county_officer"))
    for days in ("91", ""):  # beyond the cap, or "does not expire" (no longer offered)
        response = client.post(reverse("staff:api_tokens"), {"name": "Payroll", "valid_days": days})
        assert response.status_code == 200 and response.context["form"].errors.get("valid_days")
    assert not ApiToken.objects.filter(user=world.user("county_officer")).exists()


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_without_expiry_get_one(world):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    user = world.user("county_officer")
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0007_job_ip")])  # before every token had to expire
    old = timezone.now() - datetime.timedelta(days=400)
    recent = timezone.now() - datetime.timedelta(days=10)
    with connection.cursor() as cursor:
        for name, created in (("old", old), ("recent", recent)):
            cursor.execute("INSERT INTO core_apitoken (user_id, name, prefix, key_hash, created_at, expires_at) "
                           "VALUES (%s, %s, %s, %s, %s, NULL)", [user.pk, name, name, name.ljust(64, "x"), created])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    expiry = dict(ApiToken.objects.values_list("name", "expires_at"))
    now = timezone.now()
    assert now + datetime.timedelta(days=29) < expiry["old"] <= now + datetime.timedelta(days=30)  # a month's grace
    assert expiry["recent"] == recent + datetime.timedelta(days=365)
