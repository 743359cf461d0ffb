"""The restore drill (issue 20): a backup restores whole into an empty database and files folder, and the
restored platform passes its check in another process — row counts and migrations as backed up, the audit and
seal chains intact, encrypted columns and private files readable with the keys in use. A changed backup, or a
target that is not empty, is refused before anything is written."""

import json
import os
import uuid

import pytest
from django.db import connection

from gonghui.core import audit, backup
from gonghui.core.attachments import attachment_add
from gonghui.members.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def target_url(tmp_path):
    """An empty database of the engine in use; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:10]}"
    dsn = dict(host=settings.get("HOST") or "127.0.0.1", port=settings.get("PORT") or 5432,
               user=settings.get("USER") or "postgres", password=settings.get("PASSWORD") or "")
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{dsn['user']}@{dsn['host']}:{dsn['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_whole_and_passes_its_check(world, tmp_path, target_url, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"], "OPTIONS": {
        "location": str(tmp_path / "live" / "private-files")}}}
    person = Person.objects.get(name="李娜")
    attachment_add(actor=world.user("province_admin"), owner=person, kind="members.person_document",
                   upload=b"%PDF-1.4\ndrill\n%%EOF\n")
    audit.record("auth.logout", object_type="test", object_id="drill")
    folder = backup.backup(tmp_path / "backups")
    manifest = json.loads((folder / backup.MANIFEST).read_text())
    assert manifest["row_counts"]["members_person"] == Person.objects.count()
    assert manifest["field_key_ids"]  # which keys decrypt it, never a key
    assert sorted(os.listdir(folder)) == sorted([manifest["database"], backup.FILES, backup.MANIFEST])

    result = backup.restore(folder, database_url=target_url, var_dir=tmp_path / "restored-var")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore check OK" in result.stdout
    # a second restore into the same, now full, target is refused before anything is written
    with pytest.raises(backup.BackupError):
        backup.restore(folder, database_url=target_url, var_dir=tmp_path / "other-var")


def test_a_changed_backup_is_refused(world, tmp_path, target_url):
    folder = backup.backup(tmp_path / "backups")
    with open(folder / backup.FILES, "ab") as archive:
        archive.write(b"tampered")
    with pytest.raises(backup.BackupError, match="differs from the manifest"):
        backup.restore(folder, database_url=target_url, var_dir=tmp_path / "restored-var")
    assert not (tmp_path / "restored-var").exists()
