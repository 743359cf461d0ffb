"""What orgs adds to the platform (core.manifest reads it): the organisation tree's providers for core.scope,
its pages and API, its demo part. Its permissions and roles are the foundation's (core.roles)."""

MANIFEST = {
    "providers": ["providers:register"],  # grants, organisation names, subtrees, the directory for indicators
    "roles": [],
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": [],
    "attachment_kinds": [],
    "indicators": [],
    "navigation": [],
    "home_panels": [],
    "member_panels": [],
    "demo": ["demo:register"],
    "urls": [("staff/orgs/", "gonghui.orgs.web.urls", "orgs")],
    "api": ["api.routes:router"],
    "authz": None,  # rows in the foundation's matrix (core's manifest)
}
