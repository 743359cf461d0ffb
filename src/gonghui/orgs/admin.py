"""Django admin for the organisation tree (superusers only; see core.admin). Paths are computed by the
services, so they are read-only here."""

from django.contrib import admin

from .models import Division, Organisation, RoleAssignment


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "kind", "parent", "division", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("name", "name_pinyin", "name_initials", "division__code")
    list_select_related = ("parent", "division")
    raw_id_fields = ("parent", "division")
    readonly_fields = ("path", "depth", "name_pinyin", "name_initials", "created_at")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "org", "granted_by", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__username", "org__name")
    list_select_related = ("user", "org", "granted_by")
    raw_id_fields = ("user", "org", "granted_by")
