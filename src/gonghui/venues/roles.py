"""Permissions of the venues module and who holds them (imported from VenuesConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import Role, extend_role, register_permission, register_role

VENUES_VIEW = register_permission("venues.view", _("See venues, their map and statistics"))
VENUES_CHANGE = register_permission("venues.change", _("Create and change venues, closures, honours and funding"),
                                    view=VENUES_VIEW)
VENUES_APPROVE = register_permission("venues.approve", _("Approve new stations and review star levels"),
                                     view=VENUES_VIEW)
VENUES_OPERATE = register_permission("venues.operate", _("Answer problem reports and record daily counts"),
                                     view=VENUES_VIEW)
VENUES_EXPORT = register_permission("venues.export", _("Export the venue registry"), view=VENUES_VIEW)

STATION_OPERATOR = register_role(Role(
    "station_operator", _("Station operator"), 15, frozenset({VENUES_VIEW, VENUES_OPERATE}),
    description=_("Keeps a station's visits and answers its problem reports."),
))


def extend_foundation_roles() -> None:
    extend_role("org_admin", {VENUES_VIEW, VENUES_CHANGE, VENUES_APPROVE, VENUES_OPERATE, VENUES_EXPORT})
    extend_role("member_officer", {VENUES_VIEW, VENUES_CHANGE, VENUES_OPERATE, VENUES_EXPORT})
    extend_role("reviewer", {VENUES_VIEW, VENUES_APPROVE})
    extend_role("viewer", {VENUES_VIEW})
