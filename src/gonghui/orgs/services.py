"""Every write to the organisation tree and to role assignments."""

import csv
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, roles, scope, workflow
from gonghui.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import clean_name

from . import selectors
from .errors import AdministratorRolesApart, InvalidParent, RoleRequestDecided, RoleTooHigh
from .models import Division, Organisation, RoleAssignment, RoleRequest
from .workflows import ROLE_REQUEST_FLOW

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

def _check_grantable(actor, user, org: Organisation, role: str) -> None:
    """Who may grant ``role`` to ``user`` at ``org``: someone managing roles over ``org`` with a role whose family
    grants it (roles.GRANT_FAMILIES), no higher in rank; never to themself; and the three administrators stay
    three people."""
    if not scope.has_perm(actor, roles.ROLES_VIEW, org.path):
        raise NotFound()
    if role not in {r.code for r in selectors.grantable_roles(actor, org)}:
        audit.record("role.grant", actor=actor, obj=org, result="denied", detail={"role": role, "user": user.pk})
        raise RoleTooHigh()
    if user.pk == actor.pk:
        raise PermissionDenied(code="role_self_grant")
    if role in roles.ADMINISTRATOR_ROLES:
        held = set(RoleAssignment.objects.filter(user=user, role__in=roles.ADMINISTRATOR_ROLES)
                   .values_list("role", flat=True)) - {role}
        if held:
            raise AdministratorRolesApart()


def role_grant(*, actor, user, org: Organisation, role: str) -> RoleAssignment | RoleRequest:
    """Grant ``role`` at ``org`` (see _check_grantable). A role that handles money is not granted here: the
    answer is a RoleRequest that takes effect when a second person approves it (role_request_approve)."""
    _check_grantable(actor, user, org, role)
    if roles.is_money_role(role):
        return _request(actor=actor, user=user, org=org, role=role)
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(user=user, org=org, role=role, granted_by=actor)
            audit.record("role.grant", actor=actor, obj=assignment, acting_org_id=None,
                         detail={"user": user.pk, "org": org.pk, "role": role})
    except IntegrityError:
        raise Conflict(code="role_exists") from None
    scope.forget(user)
    return assignment


def _request(*, actor, user, org: Organisation, role: str) -> RoleRequest:
    if RoleAssignment.objects.filter(user=user, org=org, role=role).exists():
        raise Conflict(code="role_exists")
    try:
        with transaction.atomic():
            request = RoleRequest.objects.create(user=user, org=org, role=role, requested_by=actor)
            ROLE_REQUEST_FLOW.start(request, actor=actor)
            audit.record("role.request", actor=actor, obj=request, acting_org_id=None,
                         detail={"user": user.pk, "org": org.pk, "role": role})
    except IntegrityError:
        raise Conflict(_("This grant already awaits approval."), code="role_request_exists") from None
    return request


def _decide(*, actor, request: RoleRequest, transition: str, note: str = "") -> RoleRequest:
    """Approve or reject through the kit (ROLE_REQUEST_FLOW): the gate (roles.manage over the organisation, four
    eyes), the conditional move, history and audit; an approval creates the assignment in the same transaction."""
    org = request.org
    if not scope.has_perm(actor, roles.ROLES_VIEW, org.path):
        raise NotFound()
    if request.role not in {r.code for r in selectors.grantable_roles(actor, org)}:
        raise RoleTooHigh()
    flow = ROLE_REQUEST_FLOW
    flow.check(actor, request, flow.transition(transition))  # the requester or grantee: 403 before anything else
    approve = transition == "approve"
    if (approve and request.role in roles.ADMINISTRATOR_ROLES
            and RoleAssignment.objects.filter(user=request.user, role__in=roles.ADMINISTRATOR_ROLES)
            .exclude(role=request.role).exists()):
        raise AdministratorRolesApart()
    note = (note or "").strip()[:300]
    with transaction.atomic():
        try:
            # Conditional: two approvers at once, or a double click, decide once.
            workflow.apply(request, transition, flow=flow, actor=actor, comment=note,
                           detail={"user": request.user_id, "org": org.pk, "role": request.role,
                                   "requested_by": request.requested_by_id},
                           decided_by=actor, decided_at=timezone.now(), note=note)
        except InvalidTransition:
            raise RoleRequestDecided() from None
        if approve:
            try:
                with transaction.atomic():
                    RoleAssignment.objects.create(user=request.user, org=org, role=request.role,
                                                  granted_by=request.requested_by, approved_by=actor)
            except IntegrityError:
                raise Conflict(code="role_exists") from None
    scope.forget(request.user)
    return request


def role_request_transition(*, actor, request: RoleRequest, transition: str, comment: str = "") -> RoleRequest:
    """A step by name (the API's ``POST /role-requests/{id}/transitions/{name}``): approve, or reject with a note."""
    ROLE_REQUEST_FLOW.transition(transition)  # an unknown step is 422
    return _decide(actor=actor, request=request, transition=transition, note=comment)


def role_request_approve(*, actor, request: RoleRequest) -> RoleRequest:
    """The second person: someone else who may grant the role there (not the requester, not the grantee)."""
    return _decide(actor=actor, request=request, transition="approve")


def role_request_reject(*, actor, request: RoleRequest, note: str = "") -> RoleRequest:
    return _decide(actor=actor, request=request, transition="reject", note=note)


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
                      role: str = "") -> tuple:
    """The system administrator creates a staff account at ``org`` (三员分立: they grant no role). The password
    is temporary: password_changed_at stays empty, so at the first sign-in the holder enrols their own second
    factor and chooses a password. The first role, if given, is a RoleRequest that a security administrator
    approves. Answers (user, request or None)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from gonghui.core.errors import ValidationFailed
    from gonghui.core.models import User

    if not scope.has_perm(actor, roles.USERS_MANAGE, org.path):
        if scope.has_perm(actor, roles.ORGS_VIEW, org.path):
            raise PermissionDenied()
        raise NotFound()
    if role and role not in {r.code for r in roles.all_roles()}:
        raise ValidationFailed(field="role")
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
        request = _request(actor=actor, user=candidate, org=org, role=role) if role else None
    return candidate, request
