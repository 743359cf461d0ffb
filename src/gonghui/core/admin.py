"""Django admin: a repair tool for superusers only (the daily work happens in /staff/). The audit log and the
workflow history are read-only here as everywhere."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, AuditEvent, LoginThrottle, User, WorkflowLog

_site_permission = admin.site.has_permission


def _superuser_only(request) -> bool:
    # Wraps (never replaces) whatever guard is installed, e.g. core.auth.admin_guard's sign-in steps.
    return _site_permission(request) and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = _("Gonghui repair console")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class GonghuiUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "kind", "is_active", "is_superuser", "last_login")
    list_filter = ("kind", "is_active", "is_superuser")
    search_fields = ("username", "display_name")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Profile"), {"fields": ("display_name", "kind", "email")}),
        (_("Security"), {"fields": ("is_active", "is_staff", "is_superuser", "password_changed_at",
                                    "totp_confirmed_at", "last_login", "date_joined")}),
    )
    readonly_fields = ("password_changed_at", "totp_confirmed_at", "last_login", "date_joined")
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("username", "display_name", "kind", "password1", "password2")}),)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_id", "result", "ip", "channel")
    list_filter = ("result", "channel")
    search_fields = ("action", "actor_label", "object_id", "object_label")
    date_hierarchy = "at"


@admin.register(WorkflowLog)
class WorkflowLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "workflow", "object_type", "object_id", "transition", "from_state", "to_state",
                    "actor")
    list_filter = ("workflow",)
    search_fields = ("object_id",)
    list_select_related = ("actor",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    exclude = ("key_hash",)


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Deleting a row lifts a lock after an administrator checked the person's identity."""

    list_display = ("key_hash", "failures", "locked_until", "last_failure_at")
    readonly_fields = ("key_hash", "failures", "last_failure_at")
