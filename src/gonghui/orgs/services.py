"""Every write to the organisation tree and to role assignments."""

import csv
from pathlib import Path

from django.db import IntegrityError, transaction

from gonghui.core import audit, roles, scope
from gonghui.core.errors import Conflict, NotFound, PermissionDenied
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import clean_name

from . import selectors
from .errors import InvalidParent, RoleTooHigh
from .models import Division, Organisation, RoleAssignment

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVEL_ORDER = [Organisation.Level.PROVINCE, Organisation.Level.PREFECTURE, Organisation.Level.COUNTY,
               Organisation.Level.GRASSROOTS]
PATH_SEGMENT = "{:08d}/"


def _create(*, name: str, level: str, kind: str, parent: Organisation | None, division: Division | None = None,
            address: str = "", province_code: str = PROVINCE_CODE) -> Organisation:
    name = clean_name(name)
    full, initials = pinyin_keys(name)
    org = Organisation(name=name, level=level, kind=kind, parent=parent, division=division, address=address,
                       name_pinyin=full, name_initials=initials, province_code=province_code,
                       path=f"tmp-{name}-{id(object())}", depth=(parent.depth + 1) if parent else 0)
    org.save(force_insert=True)
    org.path = (parent.path if parent else "") + PATH_SEGMENT.format(org.pk)
    org.save(update_fields=["path"])
    return org


def organisation_create(*, actor, parent: Organisation, name: str, level: str, kind: str,
                        address: str = "") -> Organisation:
    """Create an organisation below ``parent`` (which the actor must be allowed to change)."""
    if not scope.has_perm(actor, roles.ORGS_CHANGE, parent.path):
        raise NotFound()
    if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level) and level != Organisation.Level.GRASSROOTS:
        raise InvalidParent()
    with transaction.atomic():
        org = _create(name=name, level=level, kind=kind, parent=parent, address=address,
                      province_code=parent.province_code)
        audit.record("org.create", actor=actor, obj=org, detail={"parent": parent.pk})
    return org


def organisation_update(*, actor, org: Organisation, name: str, address: str = "", contact_phone: str = "",
                        is_active: bool = True) -> Organisation:
    if not scope.has_perm(actor, roles.ORGS_CHANGE, org.path):
        raise NotFound()
    with transaction.atomic():
        before = {"name": org.name, "address": org.address, "is_active": org.is_active}
        org.name = clean_name(name)
        org.name_pinyin, org.name_initials = pinyin_keys(org.name)
        org.address, org.contact_phone, org.is_active = address, contact_phone, is_active
        org.save(update_fields=["name", "name_pinyin", "name_initials", "address", "contact_phone", "is_active"])
        audit.record("org.update", actor=actor, obj=org, detail={"before": before})
    return org


def load_divisions(path: Path | None = None) -> int:
    """Load (or update) administrative divisions from the CSV data file. Idempotent."""
    path = path or DATA_DIR / "yunnan_divisions.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with transaction.atomic():
        for row in rows:  # parents come before children in the file
            Division.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "level": row["level"], "parent_id": row["parent"] or None},
            )
    return len(rows)


FEDERATION_SUFFIX = "总工会"


def load_federation_tree(path: Path | None = None) -> Organisation:
    """Create the federations of the province, its prefectures and counties from the divisions. Idempotent:
    an existing federation for a division is kept."""
    load_divisions(path)
    with transaction.atomic():
        existing = {o.division_id: o for o in Organisation.objects.filter(kind=Organisation.Kind.FEDERATION)}
        level_of = {"province": Organisation.Level.PROVINCE, "prefecture": Organisation.Level.PREFECTURE,
                    "county": Organisation.Level.COUNTY}
        created: dict[str, Organisation] = {}
        for division in Division.objects.order_by("code"):
            if division.code in existing:
                created[division.code] = existing[division.code]
                continue
            parent = created.get(division.parent_id) if division.parent_id else None
            created[division.code] = _create(
                name=division.name + FEDERATION_SUFFIX, level=level_of[division.level],
                kind=Organisation.Kind.FEDERATION, parent=parent, division=division,
                province_code=division.code[:2],
            )
        root = next(o for code, o in created.items() if code.endswith("0000"))
    return root


def create_grassroots(*, parent: Organisation, name: str, kind: str = Organisation.Kind.GRASSROOTS,
                      address: str = "") -> Organisation:
    """System-level creation (demo data, imports that already checked scope)."""
    return _create(name=name, level=Organisation.Level.GRASSROOTS, kind=kind, parent=parent, address=address,
                   province_code=parent.province_code)


# --- roles ----------------------------------------------------------------------------------------------

def role_grant(*, actor, user, org: Organisation, role: str) -> RoleAssignment:
    """Grant ``role`` at ``org``. The actor must manage roles over ``org`` and hold a role of the same family
    and at least the same rank there; nobody grants roles to themselves."""
    if not scope.has_perm(actor, roles.ROLES_VIEW, org.path):
        raise NotFound()
    if role not in {r.code for r in selectors.grantable_roles(actor, org)}:
        audit.record("role.grant", actor=actor, obj=org, result="denied", detail={"role": role, "user": user.pk})
        raise RoleTooHigh()
    if user.pk == actor.pk and not actor.is_superuser:
        raise PermissionDenied(code="role_self_grant")
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(user=user, org=org, role=role, granted_by=actor)
            audit.record("role.grant", actor=actor, obj=assignment, acting_org_id=None,
                         detail={"user": user.pk, "org": org.pk, "role": role})
    except IntegrityError:
        raise Conflict(code="role_exists") from None
    scope.forget(user)
    return assignment


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    org = assignment.org
    if not scope.has_perm(actor, roles.ROLES_VIEW, org.path):
        raise NotFound()
    if assignment.role not in {r.code for r in selectors.grantable_roles(actor, org)}:
        raise RoleTooHigh()
    with transaction.atomic():
        audit.record("role.revoke", actor=actor, obj=assignment,
                     detail={"user": assignment.user_id, "org": org.pk, "role": assignment.role})
        assignment.delete()
    scope.forget(assignment.user)


# --- staff accounts -------------------------------------------------------------------------------------

def staff_user_create(*, actor, org: Organisation, username: str, display_name: str, password: str,
                      role: str):
    """Create a staff account and grant its first role, in one transaction. The password is temporary:
    password_changed_at stays empty, so the sign-in policy asks for a new one at the first login."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _

    from gonghui.core.errors import ValidationFailed
    from gonghui.core.models import User

    if not scope.has_perm(actor, roles.ROLES_MANAGE, org.path):
        if scope.has_perm(actor, roles.ROLES_VIEW, org.path):
            raise PermissionDenied()
        raise NotFound()
    username = (username or "").strip()
    if not username:
        raise ValidationFailed(field="username")
    if User.objects.filter(username=username).exists():
        raise Conflict(_("This user name is taken."), code="username_taken", field="username")
    candidate = User(username=username, display_name=display_name.strip(), kind=User.Kind.STAFF)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), code="password_invalid", field="password") from None
    with transaction.atomic():
        candidate.set_password(password)
        candidate.password_changed_at = None
        try:
            with transaction.atomic():
                candidate.save(force_insert=True)
        except IntegrityError:
            raise Conflict(_("This user name is taken."), code="username_taken", field="username") from None
        audit.record("user.create", actor=actor, obj=candidate, acting_org_id=org.pk,
                     detail={"org": org.pk, "role": role})
        role_grant(actor=actor, user=candidate, org=org, role=role)
    return candidate
