import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginThrottle(models.Model):
    """Failed sign-ins counted within a window per keyed hash of what they are counted on (a login name, known
    user or not, so an unknown name gets the same answer and the same lock as a real one; a name from one
    address; an address; an account's second factor: core/auth/throttle.py)."""

    key_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")

    def __str__(self):
        return f"{self.key_hash[:8]}… ({self.failures})"


def token_default_expiry():
    """A token made without an end date lives GONGHUI_API_TOKEN_MAX_DAYS."""
    return timezone.now() + datetime.timedelta(days=settings.GONGHUI_API_TOKEN_MAX_DAYS)


class ApiToken(models.Model):
    """A personal API token for integrations. Only a hash is stored; the token is shown once. Every token
    expires (at most GONGHUI_API_TOKEN_MAX_DAYS after its creation: core/auth/tokens.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=token_default_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class UsedPassword(models.Model):
    """The hashes of an account's recent passwords, so that a new one cannot repeat them
    (core.auth.passwords.PasswordHistoryValidator; GONGHUI_PASSWORD_HISTORY of them are kept)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="used_passwords",
                             verbose_name=_("user"))
    password = models.CharField(_("password hash"), max_length=128)
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("used password")
        verbose_name_plural = _("used passwords")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class UserSession(models.Model):
    """A signed-in session of an account, so its holder can see where they are signed in and end a session,
    and so staff accounts hold at most GONGHUI_STAFF_MAX_SESSIONS at once (core/auth/sessions.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions",
                             verbose_name=_("user"))
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")
        indexes = [models.Index(fields=["user", "-signed_in_at"])]

    def __str__(self):
        return f"{self.user_id} @ {self.signed_in_at:%Y-%m-%d %H:%M}"
