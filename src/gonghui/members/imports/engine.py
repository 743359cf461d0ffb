"""Classify checked rows against the database (new / update / to transfer / error) and, when committing, write
them in batches. The caller holds the one transaction that makes a commit all or nothing."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import masking, roles
from gonghui.core.imports import RowErrors
from gonghui.orgs import selectors as org_selectors

from .. import services
from ..models import Membership, Person, Unit
from .rows import MemberRow, cached_pinyin

BATCH = 2000


@dataclass
class Counts:
    rows: int = 0
    new: int = 0
    update: int = 0
    unchanged: int = 0
    transfer: int = 0
    units_created: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Plan:
    """What one batch would do."""

    new_persons: list = field(default_factory=list)
    new_memberships: list = field(default_factory=list)   # (row, person_id or None) for persons created here
    person_updates: list = field(default_factory=list)    # (person_id, {field: value})
    membership_units: list = field(default_factory=list)  # (membership_id, unit_id)


class UnionResolver:
    """The union of each row: the one chosen on the form, or the "union" cell (name or number) for a county
    officer's file. Only grassroots unions where the actor may import; anything else is a row error."""

    def __init__(self, actor, default_org):
        self.actor = actor
        self.default_org = default_org
        self.cache: dict[str, object] = {}
        self.allowed = org_selectors.organisations_visible(actor, roles.MEMBERS_IMPORT).filter(
            level="grassroots", is_active=True)

    def resolve(self, written: str):
        if not written:
            return self.default_org
        if written not in self.cache:
            lookup = {"pk": int(written)} if written.isdigit() else {"name": written}
            self.cache[written] = self.allowed.filter(**lookup).first()
        return self.cache[written]


class UnitResolver:
    """Units by credit code (any union: a code belongs to one unit) or by name within the union; a unit named
    in the file that does not exist yet is created (when writing) once."""

    def __init__(self, *, write: bool):
        self.write = write
        self.by_code: dict[str, tuple[int | None, int]] = {}
        self.by_name: dict[tuple[int, str], int | None] = {}
        self.created = 0

    def resolve(self, row: MemberRow, org, errors: RowErrors, header: dict) -> tuple[bool, int | None]:
        if row.unit_code:
            if row.unit_code not in self.by_code:
                found = Unit.objects.filter(credit_code=row.unit_code).values_list("pk", "org_id").first()
                self.by_code[row.unit_code] = found or (None, 0)
            unit_id, unit_org = self.by_code[row.unit_code]
            if unit_id is not None:
                if unit_org != org.pk:
                    errors.add(row.number, header.get("unit_code", ""),
                               _("This credit code belongs to a unit of another union."))
                    return False, None
                return True, unit_id
            if not row.unit_name:
                errors.add(row.number, header.get("unit_code", ""),
                           _("No unit has this credit code; give the unit's name too to create it."))
                return False, None
            unit_id = self._create(org, row.unit_name, row.unit_code)
            self.by_code[row.unit_code] = (unit_id, org.pk)
            return True, unit_id
        if row.unit_name:
            key = (org.pk, row.unit_name)
            if key not in self.by_name:
                found = Unit.objects.filter(org=org, name=row.unit_name).values_list("pk", flat=True).first()
                self.by_name[key] = found or self._create(org, row.unit_name, None)
            return True, self.by_name[key]
        return True, None

    def _create(self, org, name: str, code: str | None) -> int | None:
        self.created += 1
        if not self.write:
            return None
        full, initials = cached_pinyin(name)
        return Unit.objects.create(org=org, name=name, credit_code=code, name_pinyin=full,
                                   name_initials=initials).pk


def classify_and_write(batch: list[tuple[MemberRow, object, int | None]], *, errors: RowErrors, header: dict,
                       counts: Counts, transfers: list, write: bool) -> None:
    """One batch of good rows (row, union, unit id): a query for the persons they name and one for the phones
    they carry, then the writes (when ``write``)."""
    id_hashes = {services.id_number_hash(row.resident.number): (row, org, unit) for row, org, unit in batch}
    phone_hashes = {services.phone_hash(row.phone): row for row, _org, _unit in batch if row.phone}
    existing = {p["id_number_hash"]: p for p in Person.objects.filter(id_number_hash__in=list(id_hashes)).values(
        "pk", "id_number_hash", "name", "phone_hash", "category", "occupation")}
    current = {}
    if existing:
        for m in Membership.objects.filter(person_id__in=[p["pk"] for p in existing.values()],
                                           status__in=Membership.CURRENT).values("pk", "person_id", "org_id",
                                                                                 "unit_id", "org__name"):
            current[m["person_id"]] = m
    phone_owner = dict(Person.objects.filter(phone_hash__in=list(phone_hashes)).values_list(
        "phone_hash", "id_number_hash")) if phone_hashes else {}
    plan = Plan()
    today = timezone.localdate()
    for id_hash, (row, org, unit_id) in id_hashes.items():
        p_hash = services.phone_hash(row.phone) if row.phone else None
        if p_hash and phone_owner.get(p_hash, id_hash) != id_hash:
            errors.add(row.number, header.get("phone", ""), _("This mobile number belongs to another person."))
            continue
        person = existing.get(id_hash)
        if person is None:
            counts.new += 1
            if write:
                full, initials = cached_pinyin(row.name)
                plan.new_persons.append(Person(
                    name=row.name, name_pinyin=full, name_initials=initials, id_number=row.resident.number,
                    id_number_hash=id_hash, id_tail=row.resident.number[-4:], phone=row.phone,
                    phone_hash=p_hash, phone_tail=row.phone[-4:], sex=row.resident.sex,
                    birth_date=row.resident.birth_date, category=row.category, occupation=row.occupation,
                    current_org_id=org.pk))
                plan.new_memberships.append(Membership(
                    org_id=org.pk, unit_id=unit_id, joined_on=row.joined_on or today,
                    card_number=services.new_card_number(org.province_code)))
            continue
        membership = current.get(person["pk"])
        if membership is not None and membership["org_id"] != org.pk:
            counts.transfer += 1
            transfers.append((row.number, masking.mask_name(row.name), masking.mask_id_number(row.resident.number),
                              membership["org__name"]))
            continue
        changes = _person_changes(person, row, p_hash)
        if membership is None:  # a former member joins again
            counts.new += 1
            changes["current_org_id"] = org.pk
            if write:
                plan.new_memberships.append(Membership(
                    person_id=person["pk"], org_id=org.pk, unit_id=unit_id, joined_on=row.joined_on or today,
                    card_number=services.new_card_number(org.province_code)))
        elif changes or (unit_id and unit_id != membership["unit_id"]):
            counts.update += 1
            if unit_id and unit_id != membership["unit_id"]:
                plan.membership_units.append((membership["pk"], unit_id))
        else:
            counts.unchanged += 1
        if changes:
            plan.person_updates.append((person["pk"], changes))
    if write:
        _apply(plan)


def _person_changes(person: dict, row: MemberRow, p_hash: str | None) -> dict:
    changes = {}
    if row.name != person["name"]:
        full, initials = cached_pinyin(row.name)
        changes.update(name=row.name, name_pinyin=full, name_initials=initials)
    if row.phone and p_hash != person["phone_hash"]:
        changes.update(phone=row.phone, phone_hash=p_hash, phone_tail=row.phone[-4:])
    if row.category != person["category"]:
        changes["category"] = row.category
    if row.occupation and row.occupation != person["occupation"]:
        changes["occupation"] = row.occupation
    return changes


def _apply(plan: Plan) -> None:
    if plan.new_persons:
        created = Person.objects.bulk_create(plan.new_persons, batch_size=1000)
        fresh = [m for m in plan.new_memberships if m.person_id is None]
        for membership, person in zip(fresh, created, strict=True):
            membership.person_id = person.pk
    if plan.new_memberships:
        Membership.objects.bulk_create(plan.new_memberships, batch_size=1000)
    now = timezone.now()
    for person_id, changes in plan.person_updates:
        # Through the model's fields, so the phone is encrypted like any other write.
        Person.objects.filter(pk=person_id).update(updated_at=now, **changes)
    for membership_id, unit_id in plan.membership_units:
        Membership.objects.filter(pk=membership_id).update(unit_id=unit_id)

