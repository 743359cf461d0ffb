"""Management commands: audit_verify (detects tampering) and rotate_field_keys (re-encrypts, idempotent)."""

import base64
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gonghui.core import audit, crypto
from gonghui.core.management.commands.rotate_field_keys import encrypted_columns
from gonghui.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db

# Codes only these tests write: the registry refuses undeclared actions.
audit.register_actions(*(audit.AuditAction(code, code) for code in ("test.event",)), owner="tests")


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_intact_chain_is_ok():
    for number in range(3):
        audit.record("test.event", object_type="x", object_id=number)
    code, output = _verify()
    assert code == 0 and "OK" in output


def test_forged_row_is_detected():
    audit.record("test.event")
    last = AuditEvent.objects.order_by("-id").first()
    forged = AuditEvent.objects.create(at=last.at, action="test.forged", prev_hash=last.hash, hash="f" * 64)
    code, output = _verify()
    assert code == 1 and f"event {forged.pk}" in output


def test_altered_row_is_detected():
    first = audit.record("test.event", detail={"amount": "100.00"})
    audit.record("test.event")
    with connection.cursor() as cursor:  # the append-only trigger must go first (rolled back with the test)
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_auditevent_no_update ON core_auditevent")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["test.changed", first.pk])
    code, output = _verify()
    assert code == 1 and f"event {first.pk}: content does not match" in output


def test_append_only_trigger_refuses_updates():
    from django.db import DatabaseError, transaction

    event = audit.record("test.event")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")


def _raw_values():
    values = []
    with connection.cursor() as cursor:
        for model, field in encrypted_columns():
            cursor.execute(f"SELECT {field.column} FROM {model._meta.db_table} "
                           f"WHERE {field.column} IS NOT NULL AND {field.column} <> ''")
            values += [row[0] for row in cursor.fetchall()]
    return values


def test_rotate_field_keys(world, settings, tmp_path):
    # The command re-encrypts private files too: a folder of this test's own, not the shared one.
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    user = world.user("county_officer")
    secret = user.totp_secret
    values_before = _raw_values()
    assert values_before and all(crypto.key_id_of(v) == "dev1" for v in values_before)
    new_key = base64.b64encode(b"0123456789abcdef").decode()  # SM4: 16 bytes
    settings.GONGHUI_FIELD_KEYS = f"k2:sm4:{new_key},{settings.GONGHUI_FIELD_KEYS}"
    crypto._keyring.cache_clear()

    out = io.StringIO()
    call_command("rotate_field_keys", batch_size=2, stdout=out)
    assert f"{len(values_before)} value(s) re-encrypted under key k2" in out.getvalue()
    values_after = _raw_values()
    assert len(values_after) == len(values_before)
    assert all(crypto.key_id_of(v) == "k2" for v in values_after)
    assert User.objects.get(pk=user.pk).totp_secret == secret

    again = io.StringIO()
    call_command("rotate_field_keys", stdout=again)
    assert "0 value(s) re-encrypted" in again.getvalue()
    assert _raw_values() == values_after
