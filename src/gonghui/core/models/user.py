from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedTextField


class User(AbstractUser):
    """A person who signs in: union staff at /staff/ or a worker at /m/ (kind)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Union staff")
        WORKER = "worker", _("Worker")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    totp_secret = EncryptedTextField(_("TOTP secret"), purpose="user.totp_secret", blank=True, default="")
    totp_confirmed_at = models.DateTimeField(_("second factor confirmed at"), null=True, blank=True)
    # The TOTP time step last accepted: a code is refused unless its step is newer (no replay).
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        db_table = "core_user"

    def __str__(self):
        return self.display_name or self.username

    @property
    def is_worker(self) -> bool:
        return self.kind == self.Kind.WORKER
