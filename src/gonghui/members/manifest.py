"""What members adds to the platform (core.manifest reads it). Its permissions and roles are the foundation's
(core.roles)."""

from .attachments import PERSON_DOCUMENT

MANIFEST = {
    "providers": [],
    "roles": [],
    "workflows": ["workflows"],  # the membership transfer
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],  # transfer decided; the phone provider for SMS
    "attachment_kinds": [PERSON_DOCUMENT],
    "indicators": ["indicators:register"],
    "navigation": [],  # the foundation's links are in templates/staff/base.html and mobile/base.html
    "home_panels": ["web.views_panels:register"],
    "member_panels": [],
    "demo": ["demo:register"],
    "urls": [
        ("card/", "gonghui.members.web.card_urls", "card"),
        ("staff/members/", "gonghui.members.web.urls", "members"),
        ("m/", "gonghui.members.web.mobile_urls", "m"),
    ],
    "api": ["api.routes:router"],
    "authz": None,  # rows in the foundation's matrix (core's manifest)
}
