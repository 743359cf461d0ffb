"""What workforce adds to the platform (core.manifest reads it)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.attachments import AttachmentKind
from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .roles import WORKFORCE_CHANGE, WORKFORCE_VIEW

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],
    "workflows": ["workflows"],  # a measure's implementation, a course enrolment
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [AttachmentKind("workforce.measure_document", _("Reform measure document"),
                                        permission=WORKFORCE_VIEW, upload_permission=WORKFORCE_CHANGE)],
    "indicators": ["indicators:register"],
    "navigation": [
        NavEntry(STAFF, "workforce:index", _("Building the workforce"), WORKFORCE_VIEW, order=60),
        NavEntry(MOBILE, "m_workforce:record", _("My skills"), None, order=60),
    ],
    "home_panels": [],
    "member_panels": ["web.panels:register"],
    "demo": ["demo:register"],
    "urls": [
        ("staff/workforce/", "gonghui.workforce.web.urls", "workforce"),
        ("m/workforce/", "gonghui.workforce.web.mobile_urls", "m_workforce"),
        ("verify/workforce/", "gonghui.workforce.web.public_urls", "workforce_verify"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_workforce", "objects": "tests.authz.objects_workforce"},
}
