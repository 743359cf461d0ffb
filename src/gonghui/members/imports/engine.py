"""Classify checked rows against the database (new / update / to transfer / error) and, when committing, write
them in batches. The caller holds the one transaction that makes a commit all or nothing."""

import operator
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import demo, masking, roles, sensitive
from gonghui.core.fields import EncryptedTextField
from gonghui.core.imports import RowErrors
from gonghui.orgs import selectors as org_selectors

from .. import services
from ..models import Membership, Person, Unit
from .rows import MemberRow, cached_pinyin


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
    conflicts: list = field(default_factory=list)         # (person_id, account_id, org_id): issue 19 §3


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
    id_hashes = {row.id_hash: (row, org, unit) for row, org, unit in batch}
    phone_hashes = {id_hash: row.phone_hash for id_hash, (row, _o, _u) in id_hashes.items() if row.phone}
    existing = {p["id_number_hash"]: p for p in _persons_by_hash(
        "id_number_hash", list(id_hashes), ("id", "id_number_hash", "name", "phone_hash", "category",
                                            "occupation", "user_id", "self_registered_at",
                                            "identity_verified_at"))}
    current = {}
    if existing:
        for m in Membership.objects.filter(person_id__in=[p["id"] for p in existing.values()],
                                           status__in=Membership.CURRENT).values("pk", "person_id", "org_id",
                                                                                 "unit_id", "org__name"):
            current[m["person_id"]] = m
    phone_owner = {p["phone_hash"]: p["id_number_hash"] for p in _persons_by_hash(
        "phone_hash", list(phone_hashes.values()), ("phone_hash", "id_number_hash"))} if phone_hashes else {}
    plan = Plan()
    today = timezone.localdate()
    for id_hash, (row, org, unit_id) in id_hashes.items():
        p_hash = phone_hashes.get(id_hash)
        if p_hash and phone_owner.get(p_hash, id_hash) != id_hash:
            errors.add(row.number, header.get("phone", ""), _("This mobile number belongs to another person."))
            continue
        person = existing.get(id_hash)
        if person is None:
            counts.new += 1
            if write:
                plan.new_persons.append(dict(
                    name=row.name, name_pinyin=row.name_pinyin, name_initials=row.name_initials,
                    id_number=row.resident.number, _sealed=row.sealed,
                    id_number_hash=id_hash, id_tail=row.resident.number[-4:], phone=row.phone,
                    phone_hash=p_hash, phone_tail=row.phone[-4:], sex=row.resident.sex,
                    birth_date=row.resident.birth_date, category=row.category, occupation=row.occupation,
                    current_org_id=org.pk))
                plan.new_memberships.append(dict(
                    org_id=org.pk, unit_id=unit_id, joined_on=row.joined_on or today,
                    card_number=services.new_card_number(org.province_code)))
            continue
        membership = current.get(person["id"])
        if membership is not None and membership["org_id"] != org.pk:
            counts.transfer += 1
            transfers.append((row.number, masking.mask_name(row.name), masking.mask_id_number(row.resident.number),
                              membership["org__name"]))
            continue
        changes = _person_changes(person, row, p_hash)
        if person["self_registered_at"] and not person["identity_verified_at"] and person["user_id"]:
            # A worker registered this ID themself and nobody verified it: the union's record wins. The same
            # phone (proven by SMS at sign-up) verifies it; otherwise the account is detached, keeps nothing
            # (membership, phone) and an officer resolves the conflict.
            if p_hash and p_hash == person["phone_hash"]:
                changes["identity_verified_at"] = timezone.now()
            else:
                changes["user_id"] = None
                if not row.phone:
                    changes.update(sensitive.columns(Person, "phone", ""))
                plan.conflicts.append((person["id"], person["user_id"], org.pk))
        if membership is None:  # a former member joins again
            counts.new += 1
            changes["current_org_id"] = org.pk
            if write:
                plan.new_memberships.append(dict(
                    person_id=person["id"], org_id=org.pk, unit_id=unit_id, joined_on=row.joined_on or today,
                    card_number=services.new_card_number(org.province_code)))
        elif changes or (unit_id and unit_id != membership["unit_id"]):
            counts.update += 1
            if unit_id and unit_id != membership["unit_id"]:
                plan.membership_units.append((membership["pk"], unit_id))
        else:
            counts.unchanged += 1
        if changes:
            plan.person_updates.append((person["id"], changes))
    if write:
        _apply(plan)


def _persons_by_hash(column: str, hashes: list[str], fields: tuple[str, ...]) -> list[dict]:
    """Persons whose ``column`` (a keyed-hash column) is one of ``hashes``: one query per batch. On PostgreSQL
    one array parameter (= ANY) instead of thousands of placeholders to build and parse."""
    if connection.vendor != "postgresql":
        return list(Person.objects.filter(**{f"{column}__in": hashes}).values(*fields))
    qn = connection.ops.quote_name
    sql = (f"SELECT {', '.join(qn(f) for f in fields)} FROM {qn(Person._meta.db_table)} "  # noqa: S608
           f"WHERE {qn(column)} = ANY(%s)")  # names from this module, values as one parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [hashes])
        return [dict(zip(fields, row, strict=True)) for row in cursor.fetchall()]


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
    if plan.conflicts:
        services.identity_conflicts_record(plan.conflicts, source="import")
    if plan.new_persons:
        person_ids = _insert_persons(plan.new_persons)
        fresh = [m for m in plan.new_memberships if "person_id" not in m]
        for membership, person_id in zip(fresh, person_ids, strict=True):
            membership["person_id"] = person_id
    if plan.new_memberships:
        _insert_memberships(plan.new_memberships)
    now = timezone.now()
    for person_id, changes in plan.person_updates:
        # Through the model's fields, so the phone is encrypted like any other write.
        Person.objects.filter(pk=person_id).update(updated_at=now, **changes)
    for membership_id, unit_id in plan.membership_units:
        Membership.objects.filter(pk=membership_id).update(unit_id=unit_id)


def _insert_persons(persons: list[dict]) -> list[int]:
    """New persons, their ids in order. PostgreSQL: ids drawn from the sequence in one query, then COPY inside
    the caller's transaction; other databases: bulk_create. Either way the values go through the model's
    fields (get_prep_value encrypts the ID number and the phone)."""
    if connection.vendor != "postgresql":
        for values in persons:
            values.pop("_sealed", None)  # the model's fields encrypt on save
        created = Person.objects.bulk_create([Person(**values) for values in persons], batch_size=1000)
        return [person.pk for person in created]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [Person._meta.db_table, len(persons)])
        ids = [row[0] for row in cursor.fetchall()]
    now = timezone.now()
    for person_id, values in zip(ids, persons, strict=True):
        values.update(id=person_id, created_at=now, updated_at=now)
    _copy(Person, persons)
    return ids


def _insert_memberships(memberships: list[dict]) -> None:
    if connection.vendor != "postgresql":
        Membership.objects.bulk_create([Membership(**values) for values in memberships], batch_size=1000)
        return
    now = timezone.now()
    for values in memberships:
        values["created_at"] = now
    _copy(Membership, memberships, with_id=False)


_ENCRYPTED = {Person: [f.attname for f in Person._meta.concrete_fields if isinstance(f, EncryptedTextField)]}


def _copy(model, rows: list[dict], *, with_id: bool = True) -> None:
    """COPY ``rows`` (attname -> Python value) into the model's table: every concrete column, defaults for the
    ones a row leaves out, encrypted fields through their own get_prep_value."""
    fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    encrypted = [(name, model._meta.get_field(name)) for name in _ENCRYPTED.get(model, ())]
    pick = operator.itemgetter(*(f.attname for f in fields))
    tuples = []
    for values in rows:
        sealed = values.pop("_sealed", None) or {}  # ciphertexts made where the row was read
        for name, field_ in encrypted:
            values[name] = sealed[name] if name in sealed else field_.get_prep_value(values.get(name))
        tuples.append(pick({**defaults, **values}))
    demo.BulkWriter().write(model._meta.db_table, [f.column for f in fields], tuples)
