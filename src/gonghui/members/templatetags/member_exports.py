"""``{% if request.user|may_export_members %}``: whether the member list offers the export button."""

from django import template

from gonghui.core import roles, scope

register = template.Library()


@register.filter
def may_export_members(user) -> bool:
    return scope.has_perm(user, roles.MEMBERS_EXPORT)
