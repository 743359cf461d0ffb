"""Permissions of the venues module and who holds them (imported from VenuesConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import Role, extend_role, register_role

VENUES_VIEW = "venues.view"          # the registry, map, statistics of one's part of the tree
VENUES_CHANGE = "venues.change"      # create and edit venues, closures, honours, funding
VENUES_APPROVE = "venues.approve"    # county approval of new stations, star-level reviews
VENUES_OPERATE = "venues.operate"    # the operator's work: problem queue, anonymous daily counts
VENUES_EXPORT = "venues.export"      # the .xlsx export of the registry

STATION_OPERATOR = register_role(Role(
    "station_operator", _("Station operator"), 15, frozenset({VENUES_VIEW, VENUES_OPERATE}),
    description=_("Keeps a station's visits and answers its problem reports."),
))


def extend_foundation_roles() -> None:
    extend_role("org_admin", {VENUES_VIEW, VENUES_CHANGE, VENUES_APPROVE, VENUES_OPERATE, VENUES_EXPORT})
    extend_role("member_officer", {VENUES_VIEW, VENUES_CHANGE, VENUES_OPERATE, VENUES_EXPORT})
    extend_role("reviewer", {VENUES_VIEW, VENUES_APPROVE})
    extend_role("viewer", {VENUES_VIEW})
