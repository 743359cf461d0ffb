"""Panels on the staff home page and on a member's page, contributed by the business apps (core imports none of
them): declared under ``home_panels`` / ``member_panels`` in the app's manifest.

A provider is ``fn(request) -> dict | None`` returning
``{"title": str, "items": [{"label": str, "value": ..., "url": str (optional), "unit": "yuan" (optional:
shown as money, ¥1,234.50)}]}``; None hides the panel (e.g.
the user lacks the permission). Register from an AppConfig.ready().
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

PanelProvider = Callable[[object], dict | None]
_providers: list[PanelProvider] = []


def register_home_panel(provider: PanelProvider) -> PanelProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def home_panels(request) -> list[dict]:
    panels = []
    for provider in _providers:
        try:
            panel = provider(request)
        except Exception:  # one broken panel must not take the home page down
            logger.exception("home panel %s failed", getattr(provider, "__qualname__", provider))
            continue
        if panel:
            panels.append(panel)
    return panels


# --- panels on a member's page (/staff/members/<id>/): fn(request, person) -> dict | None ----------------------

MemberPanelProvider = Callable[[object, object], dict | None]
_member_providers: list[MemberPanelProvider] = []


def register_member_panel(provider: MemberPanelProvider) -> MemberPanelProvider:
    """A panel about one person on the member page (a module's cover, claims, files of the person); the provider
    reads through its own scoped selectors and returns None when the user may not see it."""
    if provider not in _member_providers:
        _member_providers.append(provider)
    return provider


def member_panels(request, person) -> list[dict]:
    panels = []
    for provider in _member_providers:
        try:
            panel = provider(request, person)
        except Exception:  # one broken panel must not take the member page down
            logger.exception("member panel %s failed", getattr(provider, "__qualname__", provider))
            continue
        if panel:
            panels.append(panel)
    return panels
