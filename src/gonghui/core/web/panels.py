"""Panels on the staff home page, contributed by the business apps (core imports none of them).

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
