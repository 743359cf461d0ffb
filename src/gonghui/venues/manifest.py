"""What venues adds to the platform (core.manifest reads it): the worked example of docs/adding-a-module.md."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .roles import VENUES_VIEW

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],  # importing roles registers the permissions and the role
    "workflows": ["workflows"],  # venue approval, problem reports
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [],
    "indicators": ["indicators:register"],
    "navigation": [
        NavEntry(STAFF, "venues:venue_list", _("Service venues"), VENUES_VIEW, order=50),
        NavEntry(MOBILE, "m_venues:map", _("Stations"), None, order=50),
    ],
    "home_panels": ["web.views_panels:register"],
    "member_panels": [],
    "demo": ["demo:register"],
    "urls": [
        ("staff/venues/", "gonghui.venues.web.urls", "venues"),
        ("stations/", "gonghui.venues.web.public_urls", "stations"),
        ("m/stations/", "gonghui.venues.web.mobile_urls", "m_venues"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_venues", "objects": "tests.authz.objects_venues"},
}
