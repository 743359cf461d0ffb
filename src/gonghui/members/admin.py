"""Django admin for persons, units, memberships and transfers (superusers only; see core.admin).

Resident ID and mobile numbers are never shown or edited here: they are encrypted, with hashes that the
services keep in step, so the admin shows them masked."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Membership, Person, Transfer, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("org", "unit")
    fields = ("org", "unit", "status", "joined_on", "ended_on", "card_number")
    readonly_fields = ("card_number",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "id_masked", "phone_masked", "category", "current_org")
    list_filter = ("category",)
    search_fields = ("name", "name_pinyin", "name_initials", "id_tail", "phone_tail")
    list_select_related = ("current_org",)
    raw_id_fields = ("current_org", "user")
    exclude = ("id_number", "phone", "id_number_hash", "phone_hash")
    readonly_fields = ("id_masked", "phone_masked", "id_tail", "phone_tail", "sex", "birth_date",
                       "name_pinyin", "name_initials", "created_at", "updated_at")
    inlines = [MembershipInline]

    @admin.display(description=_("resident ID number"))
    def id_masked(self, obj):
        return obj.id_number_masked

    @admin.display(description=_("mobile number"))
    def phone_masked(self, obj):
        return obj.phone_masked


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "org", "industry", "staff_count", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "name_pinyin", "name_initials", "credit_code")
    list_select_related = ("org",)
    raw_id_fields = ("org",)
    readonly_fields = ("name_pinyin", "name_initials", "created_at", "updated_at")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "org", "unit", "status", "joined_on", "ended_on", "card_number")
    list_filter = ("status",)
    search_fields = ("person__name", "card_number")
    list_select_related = ("person", "org", "unit")
    raw_id_fields = ("person", "org", "unit")


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    """Read-only: a transfer changes state through its workflow (members.services), which keeps history."""

    list_display = ("person", "from_org", "to_org", "state", "origin", "requested_at", "decided_at")
    list_filter = ("state", "origin")
    search_fields = ("person__name",)
    list_select_related = ("person", "from_org", "to_org")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
