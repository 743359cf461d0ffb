"""The sensitive-field kit (core.sensitive): one declaration gives the encrypted value, its lookup hash and its
tail, kept in step by assign/columns; masked display; the one audited reveal. Members' persons and venues'
visitors use it without a migration."""

import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from gonghui.core import crypto, masking, sensitive
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.models import AuditEvent
from gonghui.core.sensitive import RevealReasonRequired
from gonghui.members import services
from gonghui.members.models import Person
from gonghui.members.tests.factories import id_number
from gonghui.venues.models import StationVisitor


def test_the_declaration_adds_the_three_columns_and_the_masked_property():
    assert sensitive.sensitive_fields(Person) == ("id_number", "phone")
    names = [f.name for f in Person._meta.fields]
    assert names[names.index("id_number"):names.index("id_number") + 6] == [
        "id_number", "id_number_hash", "id_tail", "phone", "phone_hash", "phone_tail"]
    person = Person(**sensitive.columns(Person, "id_number", "530102199005170018"),
                    **sensitive.columns(Person, "phone", "13812345678"))
    assert person.id_number_masked == "5301**********0018" and person.phone_masked == "138****5678"
    assert sensitive.masked(person, "phone") == masking.mask_phone("13812345678")
    assert sensitive.sensitive_fields(StationVisitor) == ("phone",)
    assert StationVisitor._meta.get_field("phone_hash").unique


def test_no_migration_is_needed_for_the_columns_it_declares(db):
    out = io.StringIO()
    call_command("makemigrations", "members", "venues", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_columns_and_assign_keep_value_hash_and_tail_in_step():
    values = sensitive.columns(Person, "phone", "13812345678")
    assert values == {"phone": "13812345678", "phone_tail": "5678",
                      "phone_hash": crypto.lookup_hash("13812345678", purpose="person.phone")}
    assert sensitive.columns(Person, "phone", "") == {"phone": "", "phone_hash": None, "phone_tail": ""}
    with pytest.raises(ValueError):
        sensitive.columns(Person, "id_number", "")  # not optional
    with pytest.raises(KeyError):
        sensitive.columns(Person, "name", "张伟")
    person = Person()
    assert sorted(sensitive.assign(person, "phone", "13900001111")) == ["phone", "phone_hash", "phone_tail"]
    assert (person.phone_tail, person.phone_hash) == ("1111", services.phone_hash("13900001111"))
    # Visitors hash under their own purpose: the same number is not linkable across the two tables by hash.
    assert sensitive.lookup_hash(StationVisitor, "phone", "13900001111") != person.phone_hash


@pytest.mark.django_db
def test_stored_encrypted_and_found_by_lookup(world):
    number = id_number("530102")
    person = Person.objects.create(name="赵敏", sex="F", birth_date="1990-05-17",
                                   **sensitive.columns(Person, "id_number", number),
                                   **sensitive.columns(Person, "phone", "13712345678"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id_number, phone FROM {Person._meta.db_table} WHERE id = %s", [person.pk])
        raw_id, raw_phone = cursor.fetchone()
    assert raw_id.startswith("g1$") and number not in raw_id and "13712345678" not in raw_phone
    assert Person.objects.get(**sensitive.lookup(Person, "id_number", number)).pk == person.pk
    assert Person.objects.get(**sensitive.lookup(Person, "phone", "13712345678")).pk == person.pk


@pytest.mark.django_db
def test_person_update_moves_hash_and_tail_with_the_phone(world):
    person = Person.objects.get(name="张伟")
    services.person_update(actor=world.user("county_officer"), person=person, name=person.name,
                           phone="13611112222", category=person.category)
    person.refresh_from_db()
    assert (person.phone, person.phone_tail) == ("13611112222", "2222")
    assert Person.objects.filter(**sensitive.lookup(Person, "phone", "13611112222")).get().pk == person.pk
    services.person_update(actor=world.user("county_officer"), person=person, name=person.name, phone="",
                           category=person.category)
    person.refresh_from_db()
    assert (person.phone, person.phone_hash, person.phone_tail) == ("", None, "")


@pytest.mark.django_db
def test_visitor_hash_stays_unique():
    StationVisitor.objects.create(**sensitive.columns(StationVisitor, "phone", "13812345678"), occupation="rider")
    with pytest.raises(IntegrityError), transaction.atomic():
        StationVisitor.objects.create(**sensitive.columns(StationVisitor, "phone", "13812345678"),
                                      occupation="courier")


# --- the one audited reveal ---------------------------------------------------------------------------------

def _reveal(actor, person, field="id_number", reason="核对身份"):
    return sensitive.reveal(actor=actor, obj=person, field=field, reason=reason,
                            permission="members.view_sensitive", action="person.reveal")


@pytest.mark.django_db
def test_reveal_gives_the_value_and_audits_field_and_reason_never_the_value(world):
    person = Person.objects.get(name="张伟")
    assert _reveal(world.user("county_officer"), person) == person.id_number
    event = AuditEvent.objects.get(action="person.reveal")
    assert event.result == "success" and event.detail == {"field": "id_number", "reason": "核对身份"}
    assert person.id_number not in str(event.detail)


@pytest.mark.django_db
def test_reveal_out_of_sight_is_404_and_writes_nothing(world):
    with pytest.raises(NotFound):
        _reveal(world.user("county_officer"), Person.objects.get(name="王芳"))
    with pytest.raises(NotFound):  # not a declared sensitive field
        _reveal(world.user("county_officer"), Person.objects.get(name="张伟"), field="name")
    assert not AuditEvent.objects.filter(action="person.reveal").exists()


@pytest.mark.django_db
def test_reveal_in_sight_without_the_permission_is_403_and_audited_as_denied(world):
    person = Person.objects.get(name="张伟")
    with pytest.raises(PermissionDenied):
        _reveal(world.user("prefecture_officer"), person, field="phone")
    event = AuditEvent.objects.get(action="person.reveal")
    assert event.result == "denied" and event.detail == {"field": "phone"}


@pytest.mark.django_db
def test_reveal_needs_a_reason(world):
    with pytest.raises(RevealReasonRequired) as exc:
        _reveal(world.user("county_officer"), Person.objects.get(name="张伟"), reason=" x ")
    assert exc.value.code == "reason_required" and exc.value.field == "reason"
    assert not AuditEvent.objects.filter(action="person.reveal").exists()
