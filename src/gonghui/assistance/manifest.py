"""What the hardship-worker module adds to the platform (core.manifest reads it)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.attachments import AttachmentKind
from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .roles import CHANGE, VIEW

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [
        AttachmentKind("assistance.visit_photo", _("Home-visit photo"), permission=VIEW, upload_permission=CHANGE),
        AttachmentKind("assistance.authorisation", _("Signed authorisation to check family finances"),
                       permission=VIEW, upload_permission=CHANGE),
        AttachmentKind("assistance.exit_evidence", _("Evidence for leaving hardship"), permission=VIEW,
                       upload_permission=CHANGE),
    ],
    "indicators": ["indicators:register"],
    "navigation": [
        NavEntry(STAFF, "assistance:file_list", _("Hardship workers"), VIEW, order=40),
        NavEntry(MOBILE, "m_assistance:status", _("Hardship aid"), None, order=40),
    ],
    "home_panels": [],
    "member_panels": ["web.panels:register"],
    "demo": ["demo:register"],
    "urls": [
        ("staff/assistance/", "gonghui.assistance.web.urls", "assistance"),
        ("m/assistance/", "gonghui.assistance.web.mobile_urls", "m_assistance"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_assistance", "objects": "tests.authz.objects_assistance"},
}
