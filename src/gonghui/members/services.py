"""Every write to persons, units, memberships and transfers. Keyword-only, transactional, scoped, audited."""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, roles, scope, sensitive, workflow
from gonghui.core.errors import InvalidTransition
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import clean_name, normalise_mobile, parse_resident_id, validate_credit_code

from .errors import (
    AlreadyMember,
    DuplicateCreditCode,
    DuplicatePerson,
    DuplicatePhone,
    InvalidTargetUnion,
    NotAMember,
    ReasonRequired,
    TransferOpen,
    TransferToSameUnion,
)
from .models import IdentityConflict, Membership, Person, Transfer, Unit
from .notifications import TRANSFER_ACCEPTED, TRANSFER_REFUSED, tell_transfer_decided
from .workflows import IDENTITY_CONFLICT_FLOW, TRANSFER_FLOW


def id_number_hash(number: str) -> str:
    return sensitive.lookup_hash(Person, "id_number", number)


def phone_hash(phone: str) -> str:
    return sensitive.lookup_hash(Person, "phone", phone)


def new_card_number(province_code: str = PROVINCE_CODE) -> str:
    return f"{province_code}{secrets.randbelow(10**14):014d}"


# --- persons --------------------------------------------------------------------------------------------

def _apply_identity(person: Person, *, id_number: str, phone: str | None) -> None:
    parsed = parse_resident_id(id_number)
    sensitive.assign(person, "id_number", parsed.number)
    person.sex = parsed.sex
    person.birth_date = parsed.birth_date
    sensitive.assign(person, "phone", normalise_mobile(phone) if phone else "")


def _save_person(person: Person, **kwargs) -> None:
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError as exc:
        text = str(exc)
        if "phone_hash" in text:
            raise DuplicatePhone() from None
        raise DuplicatePerson() from None


def person_register(*, actor, org, name: str, id_number: str, phone: str = "", category: str = "employee",
                    occupation: str = "", unit: Unit | None = None,
                    joined_on: datetime.date | None = None) -> Person:
    """Register a new person as a member of ``org`` (a grassroots union in the actor's scope). When the ID
    number belongs to a person a worker registered themself and nobody verified, the union's record wins
    (identity_take_over)."""
    scope.require(actor, roles.MEMBERS_CHANGE, org.path)
    if org.level != "grassroots":
        raise InvalidTargetUnion()
    person = Person(name=clean_name(name), category=category, occupation=occupation or "")
    person.name_pinyin, person.name_initials = pinyin_keys(person.name)
    _apply_identity(person, id_number=id_number, phone=phone)
    with transaction.atomic():
        squatted = (Person.objects.select_for_update().filter(id_number_hash=person.id_number_hash,
                                                               current_org__isnull=True,
                                                               self_registered_at__isnull=False).first())
        if squatted is not None:
            person = identity_take_over(squatted, union=person, org=org,
                                        source=IdentityConflict.Source.REGISTRATION)
        else:
            _save_person(person, force_insert=True)
        membership_start(actor=actor, person=person, org=org, unit=unit, joined_on=joined_on, _checked=True)
        audit.record("person.create", actor=actor, obj=person, acting_org_id=org.pk)
    return person


def person_update(*, actor, person: Person, name: str, phone: str = "", category: str, occupation: str = "",
                  id_number: str | None = None) -> Person:
    scope.require(actor, roles.MEMBERS_CHANGE, person.scope_path)
    changed = []
    with transaction.atomic():
        name = clean_name(name)
        if name != person.name:
            person.name = name
            person.name_pinyin, person.name_initials = pinyin_keys(person.name)
            changed += ["name", "name_pinyin", "name_initials"]
        if id_number and parse_resident_id(id_number).number != person.id_number:
            parsed = parse_resident_id(id_number)
            changed += sensitive.assign(person, "id_number", parsed.number)
            person.sex, person.birth_date = parsed.sex, parsed.birth_date
            changed += ["sex", "birth_date"]
        normalised = normalise_mobile(phone) if phone else ""
        if normalised != person.phone:
            changed += sensitive.assign(person, "phone", normalised)
        if category != person.category or (occupation or "") != person.occupation:
            person.category, person.occupation = category, occupation or ""
            changed += ["category", "occupation"]
        if changed:
            _save_person(person, update_fields=[*changed, "updated_at"])
            # Field names only: the audit log never holds the personal data itself.
            audit.record("person.update", actor=actor, obj=person, detail={"fields": sorted(set(changed))})
    return person


def person_reveal(*, actor, person: Person, field: str, reason: str) -> str:
    """Return a sensitive field in clear, for a user with the permission who gives a reason; audited (the one
    helper core.sensitive.reveal: 404 out of sight, 403 and a denied audit row in sight without it)."""
    return sensitive.reveal(actor=actor, obj=person, field=field, reason=reason,
                            permission=roles.MEMBERS_VIEW_SENSITIVE, action="person.reveal")


# --- memberships ----------------------------------------------------------------------------------------

def membership_start(*, actor, person: Person, org, unit: Unit | None = None,
                     joined_on: datetime.date | None = None, _checked: bool = False) -> Membership:
    if not _checked:
        scope.require(actor, roles.MEMBERS_CHANGE, org.path)
    if org.level != "grassroots":
        raise InvalidTargetUnion()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                person=person, org=org, unit=unit, joined_on=joined_on or timezone.localdate(),
                card_number=new_card_number(org.province_code),
            )
            Person.objects.filter(pk=person.pk).update(current_org=org)
            person.current_org = org
            audit.record("membership.start", actor=actor, obj=membership, acting_org_id=org.pk)
    except IntegrityError:
        raise AlreadyMember() from None
    return membership


def membership_set_status(*, actor, membership: Membership, status: str, on: datetime.date | None = None):
    """Retire or lapse a membership (retirees keep membership in their last union)."""
    scope.require(actor, roles.MEMBERS_CHANGE, membership.org.path)
    with transaction.atomic():
        before = membership.status
        membership.status = status
        fields = ["status"]
        if status in (Membership.Status.LAPSED, Membership.Status.TRANSFERRED):
            # The person stays in the union's records (current_org unchanged), so the union can still find
            # and re-admit them; only the membership ends.
            membership.ended_on = on or timezone.localdate()
            fields.append("ended_on")
        membership.save(update_fields=fields)
        audit.record("membership.status", actor=actor, obj=membership, detail={"from": before, "to": status})
    return membership


def current_membership(person: Person) -> Membership | None:
    return person.memberships.filter(status__in=Membership.CURRENT).select_related("org", "unit").first()


# --- units ----------------------------------------------------------------------------------------------

def unit_create(*, actor, org, name: str, credit_code: str = "", industry: str = "", address: str = "",
                staff_count: int | None = None) -> Unit:
    scope.require(actor, roles.MEMBERS_CHANGE, org.path)
    unit = Unit(org=org, name=clean_name(name), industry=industry, address=address, staff_count=staff_count,
                credit_code=validate_credit_code(credit_code) if credit_code else None)
    unit.name_pinyin, unit.name_initials = pinyin_keys(unit.name)
    try:
        with transaction.atomic():
            unit.save(force_insert=True)
            audit.record("unit.create", actor=actor, obj=unit, acting_org_id=org.pk)
    except IntegrityError:
        raise DuplicateCreditCode(field="credit_code") from None
    return unit


def unit_update(*, actor, unit: Unit, name: str, credit_code: str = "", industry: str = "", address: str = "",
                staff_count: int | None = None, is_active: bool = True) -> Unit:
    scope.require(actor, roles.MEMBERS_CHANGE, unit.org.path)
    unit.name = clean_name(name)
    unit.name_pinyin, unit.name_initials = pinyin_keys(unit.name)
    unit.credit_code = validate_credit_code(credit_code) if credit_code else None
    unit.industry, unit.address, unit.staff_count, unit.is_active = industry, address, staff_count, is_active
    try:
        with transaction.atomic():
            unit.save(update_fields=["name", "name_pinyin", "name_initials", "credit_code", "industry", "address",
                                     "staff_count", "is_active", "updated_at"])
            audit.record("unit.update", actor=actor, obj=unit)
    except IntegrityError:
        raise DuplicateCreditCode(field="credit_code") from None
    return unit


# --- transfers ------------------------------------------------------------------------------------------

def transfer_request(*, actor, person: Person, to_org, to_unit: Unit | None = None, reason: str = "") -> Transfer:
    """Ask for a transfer: by the member themself (actor.person == person) or by the old union."""
    membership = current_membership(person)
    if membership is None:
        raise NotAMember()
    by_member = getattr(actor, "is_worker", False) and getattr(actor, "person", None) == person
    if not by_member:
        scope.require(actor, roles.MEMBERS_CHANGE, membership.org.path)
    if to_org.level != "grassroots" or not to_org.is_active:
        raise InvalidTargetUnion(field="to_org")
    if to_org.pk == membership.org_id:
        raise TransferToSameUnion(field="to_org")
    if to_unit is not None and to_unit.org_id != to_org.pk:
        raise InvalidTargetUnion(field="to_unit")
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                person=person, from_membership=membership, from_org=membership.org, to_org=to_org,
                to_unit=to_unit, reason=reason.strip(), requested_by=actor,
                origin=Transfer.Origin.MEMBER if by_member else Transfer.Origin.OLD_UNION,
            )
            TRANSFER_FLOW.start(transfer, actor=actor, comment=reason.strip())
            audit.record("transfer.request", actor=actor, obj=transfer,
                         detail={"from": membership.org_id, "to": to_org.pk})
    except IntegrityError:
        raise TransferOpen() from None
    return transfer


def transfer_accept(*, actor, transfer: Transfer, comment: str = "") -> Transfer:
    """The receiving union accepts: the old membership ends and a new one starts, atomically. Two accepts at
    the same moment (double click, two officers) leave exactly one: the conditional state update lets one
    through, and the one-current-membership constraint guards the rest."""
    today = timezone.localdate()
    try:
        with transaction.atomic():
            # The kit checks transfers.decide over the receiving union, moves the state and writes history and
            # the audit event; the membership change below joins the same transaction.
            workflow.apply(transfer, "accept", flow=TRANSFER_FLOW, actor=actor, comment=comment, decided_by=actor,
                           decided_at=timezone.now(), decision_comment=comment)
            ended = Membership.objects.filter(pk=transfer.from_membership_id, status__in=Membership.CURRENT).update(
                status=Membership.Status.TRANSFERRED, ended_on=today)
            if not ended:
                raise NotAMember()
            new = Membership.objects.create(
                person_id=transfer.person_id, org=transfer.to_org, unit=transfer.to_unit, joined_on=today,
                card_number=new_card_number(transfer.to_org.province_code),
            )
            Transfer.objects.filter(pk=transfer.pk).update(new_membership=new)
            transfer.new_membership = new
            Person.objects.filter(pk=transfer.person_id).update(current_org=transfer.to_org)
            tell_transfer_decided(transfer, TRANSFER_ACCEPTED, actor=actor)
    except IntegrityError:
        from gonghui.core.errors import Conflict

        raise Conflict() from None
    return transfer


def transfer_refuse(*, actor, transfer: Transfer, comment: str) -> Transfer:
    TRANSFER_FLOW.check(actor, transfer, TRANSFER_FLOW.transition("refuse"))  # 404/403 before the 422
    if not (comment or "").strip():
        raise ReasonRequired(field="comment")
    with transaction.atomic():
        workflow.apply(transfer, "refuse", flow=TRANSFER_FLOW, actor=actor, comment=comment.strip(),
                       decided_by=actor, decided_at=timezone.now(), decision_comment=comment.strip())
        tell_transfer_decided(transfer, TRANSFER_REFUSED, actor=actor)
    return transfer


def transfer_cancel(*, actor, transfer: Transfer, comment: str = "") -> Transfer:
    """Withdrawn by the member who asked, or by the old union (members.change over it): the kit's gate."""
    workflow.apply(transfer, "cancel", flow=TRANSFER_FLOW, actor=actor, comment=comment)
    return transfer


# --- identities registered by workers themselves (issue 19 §3) -----------------------------------------------

def identity_take_over(person: Person, *, union: Person, org, source: str) -> Person:
    """The union's record (``union``, unsaved: name, phone, category, occupation) meets ``person``, which a
    worker's sign-up created. If nobody verified it and its phone (proven by SMS at sign-up) is not the union's,
    the union's data replaces the sign-up's, the account is detached from the person and the conflict is listed
    for an officer of ``org``; if the phones match, the identity is verified. Inside the caller's transaction."""
    now = timezone.now()
    fields = ["name", "name_pinyin", "name_initials", "phone", "phone_hash", "phone_tail", "category",
              "occupation"]
    if person.identity_unverified and person.user_id is not None:
        if union.phone_hash and union.phone_hash == person.phone_hash:
            person.identity_verified_at = now
            fields.append("identity_verified_at")
        else:
            conflict = IdentityConflict.objects.create(
                person=person, account_id=person.user_id, org=org, source=source, claimed_name=person.name,
                claimed_phone=person.phone, claimed_phone_tail=person.phone_tail)
            IDENTITY_CONFLICT_FLOW.start(conflict, actor=None)  # found by the system, for an officer to resolve
            audit.record("person.identity_conflict", obj=person, acting_org_id=org.pk,
                         detail={"source": source, "account": person.user_id})
            person.user = None
            fields.append("user")
    for field in ("name", "name_pinyin", "name_initials", "phone", "phone_hash", "phone_tail", "category",
                  "occupation"):
        setattr(person, field, getattr(union, field))
    _save_person(person, update_fields=[*fields, "updated_at"])
    return person


def _resolve(actor, conflict: IdentityConflict, transition: str, note: str) -> IdentityConflict:
    """The kit's step (IDENTITY_CONFLICT_FLOW: members.change over the union, the conditional move from pending,
    history and the audit row recorded for the union), inside the caller's transaction. A conflict another officer
    resolved meanwhile is 409."""
    note = (note or "").strip()[:300]
    try:
        workflow.apply(conflict, transition, flow=IDENTITY_CONFLICT_FLOW, actor=actor, comment=note,
                       detail={"conflict": conflict.pk, "person": conflict.person_id, "account": conflict.account_id},
                       resolved_by=actor, resolved_at=timezone.now(), note=note)
    except InvalidTransition:
        from gonghui.core.errors import Conflict

        raise Conflict(_("This conflict was already resolved."), code="identity_conflict_resolved") from None
    return conflict


def identity_conflict_confirm(*, actor, conflict: IdentityConflict, note: str = "") -> IdentityConflict:
    """The officer checked (in person, with the ID card) that the self-registered account is this person's: the
    account is attached again and the identity verified. The union's phone stays, unless the union had none."""
    with transaction.atomic():
        _resolve(actor, conflict, "confirm", note)
        person = Person.objects.select_for_update().get(pk=conflict.person_id)
        if person.user_id is not None and person.user_id != conflict.account_id:
            from gonghui.core.errors import Conflict

            raise Conflict(_("Another account is already this person's."), code="identity_account_taken")
        person.user_id, person.identity_verified_at = conflict.account_id, timezone.now()
        fields = ["user", "identity_verified_at"]
        if not person.phone and conflict.claimed_phone and not Person.objects.filter(
                phone_hash=phone_hash(conflict.claimed_phone)).exists():
            fields += sensitive.assign(person, "phone", conflict.claimed_phone)
        _save_person(person, update_fields=[*fields, "updated_at"])
    return conflict


def identity_conflict_detach(*, actor, conflict: IdentityConflict, note: str = "") -> IdentityConflict:
    """The account is not this person's: it stays detached and is closed (it cannot sign in again)."""
    from gonghui.core.models import User

    with transaction.atomic():
        _resolve(actor, conflict, "detach", note)
        User.objects.filter(pk=conflict.account_id, kind=User.Kind.WORKER).update(is_active=False)
    return conflict


def identity_conflict_transition(*, actor, conflict: IdentityConflict, transition: str, comment: str = ""
                                 ) -> IdentityConflict:
    """A step by name (the API's ``POST /identity-conflicts/{id}/transitions/{name}``)."""
    step = IDENTITY_CONFLICT_FLOW.transition(transition)
    service = identity_conflict_confirm if step.name == "confirm" else identity_conflict_detach
    return service(actor=actor, conflict=conflict, note=comment)


def identity_conflicts_record(conflicts: list[tuple[int, int, int]], *, source: str) -> None:
    """List conflicts an import found ((person id, account id, union id)), with what the sign-up had said, before
    the import writes the union's record over it."""
    claimed = {p.pk: p for p in Person.objects.filter(pk__in=[c[0] for c in conflicts]).only(
        "id", "name", "phone", "phone_tail")}
    found = IdentityConflict.objects.bulk_create([IdentityConflict(
        person_id=person_id, account_id=account_id, org_id=org_id, source=source,
        claimed_name=claimed[person_id].name, claimed_phone=claimed[person_id].phone,
        claimed_phone_tail=claimed[person_id].phone_tail) for person_id, account_id, org_id in conflicts])
    IDENTITY_CONFLICT_FLOW.start_many(found, actor=None)
    for person_id, account_id, org_id in conflicts:
        audit.record("person.identity_conflict", object_type="members.person", object_id=str(person_id),
                     acting_org_id=org_id, detail={"source": source, "account": account_id})
