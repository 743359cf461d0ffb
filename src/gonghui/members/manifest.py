"""What members adds to the platform (core.manifest reads it). Its permissions and roles are the foundation's
(core.roles)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import MEMBERS_VIEW
from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .attachments import PERSON_DOCUMENT

MANIFEST = {
    "providers": [],
    "roles": [],
    "workflows": ["workflows"],  # the membership transfer
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],  # transfer decided; the phone provider for SMS
    "attachment_kinds": [PERSON_DOCUMENT],
    "indicators": ["indicators:register"],
    "navigation": [  # first in the staff header and the worker's tab bar (the business modules come at 30+)
        NavEntry(STAFF, "members:person_list", _("Members"), MEMBERS_VIEW, order=10),
        NavEntry(STAFF, "members:unit_list", _("Units"), MEMBERS_VIEW, order=11),
        NavEntry(STAFF, "members:transfer_queue", _("Transfers"), MEMBERS_VIEW, order=12),
        NavEntry(MOBILE, "m:card", _("My card"), None, order=10),
        NavEntry(MOBILE, "m:membership", _("Membership"), None, order=11),
        NavEntry(MOBILE, "m:transfer_request", _("Transfer"), None, order=12),
    ],
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
