"""Roles and their permissions: a registry that every module adds its roles to.

A role is held at an organisation and grants its permissions over that organisation's whole subtree.
三员分立 (issue 19 §4): staff accounts are created by the system administrator (``users.manage``), roles are
granted by the security administrator (``roles.manage``, who may grant the roles of the families in
GRANT_FAMILIES, no higher than their own rank), and the auditor reads the audit log; one person holds at most one
of the three. A role that handles money (any permission registered with ``register_money_permissions``: approve,
pay, settle) takes effect only when a second person approves its grant (orgs.services.role_request_approve).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Permission:
    """A permission code, declared once with what it lets one do.

    ``sensitive``: holding it anywhere obliges a second factor at sign-in (core.auth.policy asks the registry,
    so a module with sensitive data marks its permission here and edits no core file).
    ``view``: the permission that makes an object *visible*; the scope gate answers 403 to someone who sees the
    object but lacks this permission, and 404 to everyone else. None means the permission is its own view.
    """

    code: str
    label: str
    sensitive: bool = False
    view: str | None = None


_PERMISSIONS: dict[str, Permission] = {}


def register_permission(code: str, label, *, sensitive: bool = False, view: str | None = None) -> str:
    permission = Permission(code, label, sensitive, view)
    known = _PERMISSIONS.get(code)
    if known is not None and known != permission:
        raise ValueError(f"permission {code!r} is registered twice")
    _PERMISSIONS[code] = permission
    return code


def get_permission(code: str) -> Permission | None:
    return _PERMISSIONS.get(code)


def all_permissions() -> list[Permission]:
    return sorted(_PERMISSIONS.values(), key=lambda p: p.code)


def is_sensitive(code: str) -> bool:
    permission = _PERMISSIONS.get(code)
    return bool(permission and permission.sensitive)


def view_permission(code: str) -> str:
    permission = _PERMISSIONS.get(code)
    return (permission.view if permission and permission.view else code)


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    rank: int
    permissions: frozenset[str]
    family: str = "admin"  # roles are granted only within their family
    description: str = ""
    extra: dict = field(default_factory=dict)


_ROLES: dict[str, Role] = {}


def register_role(role: Role) -> Role:
    if role.code in _ROLES and _ROLES[role.code] != role:
        raise ValueError(f"role {role.code!r} is registered twice")
    _ROLES[role.code] = role
    return role


def extend_role(code: str, permissions) -> Role:
    """Add a module's permissions to a foundation role (e.g. the organisation administrator also runs mutual aid).

    Grants read the role from this registry each time, so an extension made in an AppConfig.ready() applies."""
    from dataclasses import replace

    role = replace(_ROLES[code], permissions=_ROLES[code].permissions | frozenset(permissions))
    _ROLES[code] = role
    return role


_MONEY_PERMISSIONS: set[str] = set()


def register_money_permissions(*permissions: str) -> None:
    """Permissions that approve or pay money: a role holding one is granted only with a second person's approval."""
    _MONEY_PERMISSIONS.update(permissions)


def is_money_role(role: "Role | str") -> bool:
    role = _ROLES[role] if isinstance(role, str) else role
    return bool(role.permissions & _MONEY_PERMISSIONS)


def get_role(code: str) -> Role:
    return _ROLES[code]


def all_roles() -> list[Role]:
    return sorted(_ROLES.values(), key=lambda r: (r.family, -r.rank, r.code))


# Foundation permissions. Modules declare theirs with register_permission and add roles with register_role.
ORGS_VIEW = register_permission("orgs.view", _("See the organisation tree"))
ORGS_CHANGE = register_permission("orgs.change", _("Create and change organisations"), view=ORGS_VIEW)
MEMBERS_VIEW = register_permission("members.view", _("See members, units and transfers"))
MEMBERS_CHANGE = register_permission("members.change", _("Register and change members and units"),
                                     view=MEMBERS_VIEW)
MEMBERS_VIEW_SENSITIVE = register_permission(
    "members.view_sensitive", _("See resident ID and mobile numbers in full"), sensitive=True, view=MEMBERS_VIEW)
MEMBERS_IMPORT = register_permission("members.import", _("Import members from Excel"), view=MEMBERS_VIEW)
MEMBERS_EXPORT = register_permission("members.export", _("Export member lists"), view=MEMBERS_VIEW)
TRANSFERS_DECIDE = register_permission("transfers.decide", _("Accept or refuse membership transfers"),
                                       view=MEMBERS_VIEW)
ROLES_VIEW = register_permission("roles.view", _("See who holds which role"))
# The three administrators' permissions are sensitive: whoever holds one signs in with a second factor.
ROLES_MANAGE = register_permission("roles.manage", _("Grant and revoke roles"), sensitive=True, view=ROLES_VIEW)
USERS_MANAGE = register_permission("users.manage", _("Create staff accounts"), sensitive=True, view=ROLES_VIEW)
AUDIT_VIEW = register_permission("audit.view", _("Read the audit log"), sensitive=True)


def role_choices() -> list[tuple[str, str]]:
    return [(r.code, r.label) for r in all_roles()]


ORG_ADMIN = register_role(Role(
    "org_admin", _("Organisation administrator"), 40,
    frozenset({ORGS_VIEW, ORGS_CHANGE, MEMBERS_VIEW, MEMBERS_CHANGE, MEMBERS_VIEW_SENSITIVE, MEMBERS_IMPORT,
               MEMBERS_EXPORT, TRANSFERS_DECIDE, ROLES_VIEW}),
    description=_("Runs the organisation: members, units and transfers; sees who holds which role below."),
))
MEMBER_OFFICER = register_role(Role(
    "member_officer", _("Member officer"), 30,
    frozenset({ORGS_VIEW, MEMBERS_VIEW, MEMBERS_CHANGE, MEMBERS_IMPORT, MEMBERS_EXPORT, TRANSFERS_DECIDE}),
    description=_("Keeps members and units, decides transfers; sees personal data masked."),
))
REVIEWER = register_role(Role(
    "reviewer", _("Reviewer"), 20, frozenset({ORGS_VIEW, MEMBERS_VIEW, TRANSFERS_DECIDE}),
    description=_("Reviews and decides requests."),
))
VIEWER = register_role(Role(
    "viewer", _("Viewer"), 10, frozenset({ORGS_VIEW, MEMBERS_VIEW}),
    description=_("Reads lists and figures."),
))
SYSTEM_ADMIN = register_role(Role(
    "system_admin", _("System administrator"), 40, frozenset({ORGS_VIEW, ROLES_VIEW, USERS_MANAGE}),
    family="system", description=_("Creates staff accounts (their first role waits for the security "
                                   "administrator); grants no role."),
))
SECURITY_ADMIN = register_role(Role(
    "security_admin", _("Security administrator"), 40, frozenset({ORGS_VIEW, ROLES_VIEW, ROLES_MANAGE}),
    family="security", description=_("Grants and revokes roles; creates no account. A role that handles money "
                                     "waits for a second security administrator's approval."),
))
AUDITOR = register_role(Role(
    "auditor", _("Auditor"), 30, frozenset({ORGS_VIEW, AUDIT_VIEW}), family="security",
    description=_("Reads the audit log; cannot change business data."),
))
# Which families a holder of roles.manage in a family may grant: only the security administrator grants, and
# every family (the business roles, the auditor, the system and security administrators).
GRANT_FAMILIES = {"security": frozenset({"admin", "security", "system"})}
# The three administrators (三员): one person holds at most one of them.
ADMINISTRATOR_ROLES = frozenset({"system_admin", "security_admin", "auditor"})
