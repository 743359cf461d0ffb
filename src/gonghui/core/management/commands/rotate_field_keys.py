"""Re-encrypt every encrypted field value, and every private file, that is not under the current key
(GONGHUI_FIELD_KEYS' first); private files stored in clear (from before encryption at rest) are encrypted.

Reads and writes raw column values (no model field conversion, so nothing is decrypted or encrypted twice),
in batches ordered by primary key, each batch in its own transaction. An UPDATE only lands when the column
still holds the value that was read, so a concurrent edit is never overwritten. A second run finds nothing.
"""

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from gonghui.core import audit, crypto
from gonghui.core.fields import EncryptedTextField


def encrypted_columns():
    """(model, field) for every concrete EncryptedTextField of every installed model."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def rotate_column(model, field, *, batch_size: int) -> int:
    qn = connection.ops.quote_name
    table, column, pk = qn(model._meta.db_table), qn(field.column), qn(model._meta.pk.column)
    current = f"{crypto.PREFIX}${crypto.current_key_id()}$"
    # substr, not LIKE: no wildcard escaping, and case-sensitive on both databases.
    # Identifiers come from model metadata (quoted), values are parameters.
    select = (f"SELECT {pk}, {column} FROM {table} WHERE {pk} > %s AND {column} IS NOT NULL "  # noqa: S608
              f"AND {column} <> '' AND SUBSTR({column}, 1, {len(current)}) <> %s ORDER BY {pk} LIMIT %s")
    update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s"  # noqa: S608
    rotated, last_pk = 0, None
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [last_pk if last_pk is not None else _lowest(model), current, batch_size])
            rows = cursor.fetchall()
            for row_pk, stored in rows:
                clear = crypto.decrypt(stored, purpose=field.purpose)
                cursor.execute(update, [crypto.encrypt(clear, purpose=field.purpose), row_pk, stored])
                rotated += cursor.rowcount
        if len(rows) < batch_size:
            return rotated
        last_pk = rows[-1][0]


def _lowest(model):
    """A value below every primary key, for the first batch."""
    internal = model._meta.pk.get_internal_type()
    return -(2**63) if internal in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField",
                                   "SmallAutoField"} else ""


def rotate_files() -> int:
    """Private files not under the current key (or in clear), re-encrypted in place one by one."""
    if not hasattr(default_storage, "reencrypt"):
        return 0
    rotated = 0
    for name in default_storage.names():
        try:
            rotated += default_storage.reencrypt(name)
        except FileNotFoundError:  # deleted meanwhile
            continue
    return rotated


class Command(BaseCommand):
    help = ("Re-encrypt encrypted fields and private files under the current key (idempotent; safe to run while "
            "the site is up).")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size, **options):
        total = 0
        for model, field in encrypted_columns():
            count = rotate_column(model, field, batch_size=batch_size)
            total += count
            self.stdout.write(f"{model._meta.label}.{field.name}: {count} re-encrypted")
        files = rotate_files()
        self.stdout.write(f"private files: {files} re-encrypted")
        key_id = crypto.current_key_id()
        audit.record("crypto.rotate_field_keys", object_type="core.fieldkey", object_id=key_id,
                     detail={"re_encrypted": total, "files": files})
        self.stdout.write(self.style.SUCCESS(f"{total} value(s) re-encrypted under key {key_id}"))
