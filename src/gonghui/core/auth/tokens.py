"""Personal API tokens: shown once at creation; only a SHA-256 hash is stored."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..errors import NotFound, ValidationFailed
from ..models import ApiToken, User

PREFIX_LENGTH = 8
# last_used_at is written at most this often, so a busy integration does not write on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str,
                 expires_at: datetime.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token, valid until ``expires_at`` (GONGHUI_API_TOKEN_MAX_DAYS from now when not given; later is
    refused)."""
    latest = timezone.now() + datetime.timedelta(days=settings.GONGHUI_API_TOKEN_MAX_DAYS)
    if expires_at is None:
        expires_at = latest
    elif expires_at > latest:
        raise ValidationFailed(_("A token is valid for at most %(days)s days.")
                               % {"days": settings.GONGHUI_API_TOKEN_MAX_DAYS}, code="token_lifetime_too_long",
                               field="valid_days")
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=raw[:PREFIX_LENGTH],
                                    key_hash=_hash(raw), expires_at=expires_at)
    audit.record("auth.token_create", actor=user, obj=token, detail={"prefix": token.prefix})
    return token, raw


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (someone else's token is simply not found)."""
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record("auth.token_revoke", actor=user, obj=token, detail={"prefix": token.prefix})
    return token


def tokens_of(user: User):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_authenticate(raw: str) -> User | None:
    """The active user behind a valid token, or None (unknown, revoked, expired, or user disabled)."""
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(raw.strip())).first()
    now = timezone.now()
    if (
        token is None or token.revoked_at is not None
        or token.expires_at <= now
        or not token.user.is_active
    ):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
