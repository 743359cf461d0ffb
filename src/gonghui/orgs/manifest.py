"""What orgs adds to the platform (core.manifest reads it): the organisation tree's providers for core.scope,
its pages and API, its demo part. Its permissions and roles are the foundation's (core.roles)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import ORGS_VIEW, ROLES_VIEW
from gonghui.core.web.nav import STAFF, NavEntry

MANIFEST = {
    "providers": ["providers:register"],  # grants, organisation names, subtrees, the directory for indicators
    "roles": [],
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": [],
    "attachment_kinds": [],
    "indicators": [],
    "navigation": [NavEntry(STAFF, "orgs:org_list", _("Organisations"), ORGS_VIEW, order=20),
                   NavEntry(STAFF, "orgs:role_list", _("Roles"), ROLES_VIEW, order=21)],
    "home_panels": [],
    "member_panels": [],
    "demo": ["demo:register"],
    "urls": [("staff/orgs/", "gonghui.orgs.web.urls", "orgs")],
    "api": ["api.routes:router"],
    "authz": None,  # rows in the foundation's matrix (core's manifest)
}
