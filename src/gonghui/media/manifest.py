"""What the newsroom adds to the platform (core.manifest reads it)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.web.nav import MOBILE, STAFF, NavEntry

from .roles import MEDIA_VIEW

MANIFEST = {
    "providers": [],
    "roles": ["roles:extend_foundation_roles"],
    "workflows": ["workflows"],
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [],
    "indicators": ["indicators:register"],
    "navigation": [
        NavEntry(STAFF, "media:article_list", _("Newsroom"), MEDIA_VIEW, order=70),
        NavEntry(MOBILE, "m_news:index", _("News"), None, order=70),
    ],
    "home_panels": ["web.panels:register"],
    "member_panels": ["web.panels:register_member_panel"],
    "demo": ["demo:register"],
    "urls": [
        ("staff/media/", "gonghui.media.web.urls", "media"),
        ("news/", "gonghui.media.web.public_urls", "news"),
        ("m/news/", "gonghui.media.web.mobile_urls", "m_news"),
    ],
    "api": ["api.routes:router"],
    "authz": {"routes": "tests.authz.routes_media", "objects": "tests.authz.objects_media"},
}
