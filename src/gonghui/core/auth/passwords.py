"""Password rules for staff: at least 8 characters from at least 3 of 4 classes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> int:
    return sum((
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ))


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("Your password must mix at least %(n)d of: lower-case letters, upper-case letters, digits "
                 "and symbols.") % {"n": self.min_classes}



class PasswordHistoryValidator:
    """A new password may not repeat any of the account's last ``keep`` passwords, the current one included
    (等保: 口令不得重复使用). The outgoing hash (never a password) is kept in ``core.UsedPassword`` when a new one
    is saved (``remember_outgoing_password``, however the password was set); the oldest beyond ``keep - 1`` go.
    """

    def __init__(self, keep: int | None = None):
        from django.conf import settings

        self.keep = keep if keep is not None else settings.GONGHUI_PASSWORD_HISTORY

    def validate(self, password, user=None):
        if user is None or user.pk is None or self.keep < 1:
            return
        from django.contrib.auth.hashers import check_password

        from ..models import UsedPassword

        recent = [user.password] if user.password and user.has_usable_password() else []
        recent += list(UsedPassword.objects.filter(user=user).order_by("-created_at", "-pk")
                       .values_list("password", flat=True)[: self.keep - 1])
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self):
        return _("Your password must differ from your last %(n)d passwords.") % {"n": self.keep}


def remember_outgoing_password(sender, instance, **kwargs) -> None:
    """pre_save of the user model: a new password is about to replace the stored one; keep the old hash."""
    from django.conf import settings
    from django.contrib.auth.hashers import is_password_usable

    from ..models import UsedPassword

    if instance.pk is None or getattr(instance, "_password", None) is None or settings.GONGHUI_PASSWORD_HISTORY < 2:
        return
    old = type(instance).objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if not old or not is_password_usable(old) or old == instance.password:
        return
    UsedPassword.objects.create(user_id=instance.pk, password=old)
    stale = (UsedPassword.objects.filter(user_id=instance.pk).order_by("-created_at", "-pk")
             .values_list("pk", flat=True)[settings.GONGHUI_PASSWORD_HISTORY - 1:])
    UsedPassword.objects.filter(pk__in=list(stale)).delete()
