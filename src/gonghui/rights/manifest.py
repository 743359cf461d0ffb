"""What rights adds to the platform (core.manifest reads it)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.attachments import AttachmentKind
from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .roles import RIGHTS_MANAGE, RIGHTS_PAPERS, RIGHTS_VIEW

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    # Papers are read only through the case (rights:paper), which also lets the assigned lawyer or mediator in;
    # core's file view serves them to holders of rights.papers (the responsible officers) alone.
    "attachment_kinds": [
        AttachmentKind("rights.paper", _("Dispute paper"), permission=RIGHTS_PAPERS, upload_permission=RIGHTS_MANAGE),
        AttachmentKind("rights.closing", _("Closing document"), permission=RIGHTS_PAPERS,
                       upload_permission=RIGHTS_MANAGE),
        AttachmentKind("rights.letter", _("Letter"), permission=RIGHTS_PAPERS, upload_permission=RIGHTS_MANAGE),
    ],
    "indicators": ["indicators:register"],
    "navigation": [
        NavEntry(STAFF, "rights:queue", _("Legal aid"), RIGHTS_VIEW, order=60),
        NavEntry(MOBILE, "m_rights:case_list", _("Legal aid"), None, order=60),
    ],
    "home_panels": [],
    "member_panels": ["web.panels:register"],
    "demo": ["demo:register"],
    "urls": [
        ("staff/rights/", "gonghui.rights.web.urls", "rights"),
        ("m/rights/", "gonghui.rights.web.mobile_urls", "m_rights"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_rights", "objects": "tests.authz.objects_rights"},
}
