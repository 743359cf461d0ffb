"""What mutual aid adds to the platform (core.manifest reads it)."""

from .attachments import CLAIM_DOCUMENT

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],  # importing roles registers the module's permissions and roles
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [CLAIM_DOCUMENT],  # a claim's documents (core.Attachment)
    "indicators": ["indicators:register"],
    "navigation": ["web.nav:register"],
    "home_panels": ["web.panels:register"],
    "member_panels": [],
    "demo": ["demo:register"],
    "urls": [
        ("staff/mutual-aid/", "gonghui.mutual_aid.web.urls", "mutual_aid"),
        ("m/mutual-aid/", "gonghui.mutual_aid.web.mobile_urls", "m_mutual_aid"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_mutual_aid", "objects": "tests.authz.objects_mutual_aid"},
}
