"""App manifests: each app says in ``<app>/manifest.py`` what it adds to the platform, and core wires it.

``MANIFEST`` is a dict with every key of ``KEYS`` (an empty list says "none", so a forgotten key is an error, not
a silent gap). A hook is a string relative to the app: ``"workflows"`` imports the module (declarations that
register themselves), ``"notifications:register"`` imports it and calls the function. Some keys also take
declarations directly: ``NavEntry`` under ``navigation``, ``AttachmentKind`` under ``attachment_kinds``, a panel
provider function under ``home_panels`` (``fn(request)``) or ``member_panels`` (``fn(request, person)``).

- ``AppConfig.ready()`` calls ``load(self)``: the hooks run in the order of ``KEYS`` (roles before the workflows
  that name their permissions, …), app by app in ``INSTALLED_APPS`` order.
- ``gonghui/urls.py`` mounts ``url_patterns()`` (``urls``: ``(prefix, module, namespace)``) and ``gonghui/api.py``
  the routers of ``api_routers()`` (``api``: ``"api.routes:router"``), so adding a module edits neither.
- ``authz`` names the authorization matrix's modules for the app (``{"routes": …, "objects": …}``, dotted paths
  under ``tests/``; None when the app's rows live in another app's module); tests/authz reads them.

Core imports no business app: everything here is found by name from the installed apps.
"""

from collections.abc import Iterator
from importlib import import_module

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path

# Registration order (the order ready() ran them in by hand before manifests).
HOOK_KEYS = ("providers", "roles", "workflows", "audit_actions", "notifications", "attachment_kinds", "indicators",
             "navigation", "home_panels", "member_panels", "demo")
KEYS = (*HOOK_KEYS, "urls", "api", "authz")
_loaded: set[str] = set()


def _project_apps() -> list[AppConfig]:
    return [config for config in apps.get_app_configs() if config.name.startswith("gonghui.")]


def manifest_of(config: AppConfig) -> dict:
    """The validated MANIFEST of an app; ImproperlyConfigured naming the app and the key when it is wrong."""
    try:
        module = import_module(f"{config.name}.manifest")
    except ModuleNotFoundError as exc:
        if exc.name != f"{config.name}.manifest":
            raise
        raise ImproperlyConfigured(f"app {config.label!r} has no manifest.py (see docs/adding-a-module.md)") from None
    return validate(config.label, getattr(module, "MANIFEST", None))


def validate(label: str, manifest) -> dict:
    if not isinstance(manifest, dict):
        raise ImproperlyConfigured(f"{label}/manifest.py must define MANIFEST = {{...}}")
    missing = [key for key in KEYS if key not in manifest]
    if missing:
        raise ImproperlyConfigured(
            f"{label}/manifest.py: MANIFEST lacks {', '.join(missing)} (say [] or None for none)")
    unknown = sorted(set(manifest) - set(KEYS))
    if unknown:
        raise ImproperlyConfigured(f"{label}/manifest.py: unknown keys {', '.join(unknown)}; known: {', '.join(KEYS)}")
    for key in (*HOOK_KEYS, "urls", "api"):
        if not isinstance(manifest[key], list | tuple):
            raise ImproperlyConfigured(f"{label}/manifest.py: {key} must be a list")
    for entry in manifest["urls"]:
        if not (isinstance(entry, tuple) and len(entry) == 3 and all(isinstance(part, str) for part in entry)):
            raise ImproperlyConfigured(f"{label}/manifest.py: urls entries are (prefix, module, namespace), "
                                       f"not {entry!r}")
    authz = manifest["authz"]
    if authz is not None and not (isinstance(authz, dict) and set(authz) == {"routes", "objects"}):
        raise ImproperlyConfigured(f"{label}/manifest.py: authz is None or {{'routes': …, 'objects': …}}")
    return manifest


def _resolve(config: AppConfig, hook: str):
    module_name, _, attribute = hook.partition(":")
    module = import_module(f"{config.name}.{module_name}")
    return getattr(module, attribute) if attribute else module


def _register(key: str, value) -> None:
    """Declarations given directly in a manifest, by key."""
    if key == "navigation":
        from .web.nav import NavEntry, register_nav

        if isinstance(value, NavEntry):
            register_nav(value)
            return
    if key == "attachment_kinds":
        from .attachments import AttachmentKind, register_attachment_kind

        if isinstance(value, AttachmentKind):
            register_attachment_kind(value)
            return
    if key in ("home_panels", "member_panels") and callable(value):
        from .web import panels

        (panels.register_home_panel if key == "home_panels" else panels.register_member_panel)(value)
        return
    raise ImproperlyConfigured(f"manifest {key}: cannot register {value!r}")


def load(config: AppConfig) -> dict:
    """Run an app's registrations (from its AppConfig.ready()); once per app."""
    manifest = manifest_of(config)
    if config.label in _loaded:
        return manifest
    for key in HOOK_KEYS:
        for entry in manifest[key]:
            if isinstance(entry, str):
                target = _resolve(config, entry)
                if ":" in entry:
                    target()
            else:
                _register(key, entry)
    _loaded.add(config.label)
    return manifest


def manifests() -> Iterator[tuple[AppConfig, dict]]:
    for config in _project_apps():
        yield config, manifest_of(config)


def url_patterns() -> list:
    """Every app's URL includes. Longer prefixes first, so "m/stations/" is tried before the worker pages at
    "m/" whatever the order of INSTALLED_APPS."""
    entries = [entry for _config, manifest in manifests() for entry in manifest["urls"]]
    prefixes = [prefix for prefix, _module, _namespace in entries]
    duplicated = sorted({prefix for prefix in prefixes if prefixes.count(prefix) > 1})
    if duplicated:
        raise ImproperlyConfigured(f"URL prefixes declared by two manifests: {duplicated}")
    entries.sort(key=lambda entry: -len(entry[0]))
    return [path(prefix, include((module, namespace))) for prefix, module, namespace in entries]


def api_routers() -> list:
    return [_resolve(config, hook) for config, manifest in manifests() for hook in manifest["api"]]


def authz_modules(part: str) -> list:
    """The authorization matrix's modules (``part``: "routes" or "objects") named by the manifests."""
    return [import_module(manifest["authz"][part]) for _config, manifest in manifests() if manifest["authz"]]


# --- core's own manifest (the loader above reads it like any app's) ------------------------------------------

def _core_navigation() -> list:
    from django.utils.translation import gettext_lazy as _

    from .roles import AUDIT_VIEW
    from .web.nav import STAFF, NavEntry

    # Home first; the audit log and the API tokens after every module (orders 900+).
    return [NavEntry(STAFF, "staff:home", _("Home"), None, order=0),
            NavEntry(STAFF, "staff:audit_list", _("Audit log"), AUDIT_VIEW, order=900),
            NavEntry(STAFF, "staff:api_tokens", _("API tokens"), None, order=910)]


MANIFEST = {
    "providers": ["lookups"],  # field__charcontains
    "roles": ["roles"],  # the foundation's permissions and roles (members' and orgs' too)
    "workflows": [],
    "audit_actions": ["audit_actions"],
    "notifications": ["notifications:register"],
    "attachment_kinds": [],
    "indicators": [],
    "navigation": _core_navigation(),
    "home_panels": [],
    "member_panels": [],
    "demo": [],
    "urls": [
        ("", "gonghui.core.web.public_urls", "public"),
        ("staff/", "gonghui.core.web.urls", "staff"),
        ("m/messages/", "gonghui.core.web.mobile_message_urls", "m_messages"),
        ("m/files/", "gonghui.core.web.mobile_file_urls", "m_files"),
    ],
    "api": ["api.routes:router"],
    # The foundation's matrix (core, orgs and members rows and objects).
    "authz": {"routes": "tests.authz.routes", "objects": "tests.authz.objects"},
}
