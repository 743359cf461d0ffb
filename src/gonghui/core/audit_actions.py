"""Audit actions of the shared kernel: sign-in, tokens, the organisation switcher, the audit log itself."""

from django.utils.translation import gettext_lazy as _

from .audit import AuditAction as A
from .audit import register_actions

register_actions(
    A("auth.login", _("Staff sign-in")),
    A("auth.logout", _("Sign-out")),
    A("auth.session_end", _("Session ended")),
    A("auth.password_change", _("Password changed")),
    A("auth.totp_enrol", _("Authenticator app enrolled")),
    A("auth.token_create", _("API token created")),
    A("auth.token_revoke", _("API token revoked")),
    A("auth.switch_org", _("Acting organisation switched")),
    A("audit.export", _("Audit log exported")),
    A("audit.verify", _("Audit chain verified")),
    A("audit.purge", _("Old audit events archived and purged")),
    A("crypto.rotate_field_keys", _("Field keys rotated")),
    A("imports.purge_uploads", _("Old import files deleted")),
    owner="core",
)

register_actions(
    A("attachment.add", _("File attached")),
    A("attachment.read", _("Private file read")),
    A("attachment.remove", _("Attached file removed")),
    owner="core",
)
