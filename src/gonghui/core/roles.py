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

# Foundation permissions. Modules add theirs with register_role.
ORGS_VIEW = "orgs.view"
ORGS_CHANGE = "orgs.change"
MEMBERS_VIEW = "members.view"
MEMBERS_CHANGE = "members.change"
MEMBERS_VIEW_SENSITIVE = "members.view_sensitive"
MEMBERS_IMPORT = "members.import"
MEMBERS_EXPORT = "members.export"
TRANSFERS_DECIDE = "transfers.decide"
ROLES_VIEW = "roles.view"
ROLES_MANAGE = "roles.manage"
USERS_MANAGE = "users.manage"
AUDIT_VIEW = "audit.view"


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
