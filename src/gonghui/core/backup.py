"""Backup and restore (等保三级: 数据备份恢复), with a drill that proves a backup can be restored.

``backup(output)`` writes one folder:
- ``database.pgdump`` (``pg_dump`` custom format) or ``database.sqlite3`` (SQLite's online backup);
- ``private-files.tar.gz``: the private files as stored, i.e. still encrypted with the field keys;
- ``manifest.json``: when, which engine, the applied migrations, the row count of every table, the heads of the
  audit and seal chains, the ids of the field keys in use (never a key: the keys stay with the security
  administrator's escrow, so a stolen backup is ciphertext) and the SHA-256 of each file.

``restore(folder, database_url, var_dir)`` checks the files against the manifest, loads the database into an empty
target and the files into ``var_dir/private-files``, then runs ``gonghui restore_check`` against the result in a
separate process with the target's settings. ``check(manifest)`` compares the row counts and migrations, walks the
audit and seal chains, decrypts a sample of every encrypted column and of the private files.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from . import audit, crypto, seals
from .fields import EncryptedTextField
from .models import Attachment, AuditEvent, Seal

DATABASE_PG, DATABASE_SQLITE, FILES, MANIFEST = "database.pgdump", "database.sqlite3", "private-files.tar.gz", \
    "manifest.json"
SAMPLE = 50


class BackupError(Exception):
    """A backup or restore that cannot go on; nothing was changed in the target."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def row_counts() -> dict[str, int]:
    return {m._meta.db_table: m._base_manager.count() for m in _models()}


def applied_migrations() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _run(program: str, *args: str, env: dict, timeout: int = 3600) -> subprocess.CompletedProcess:
    """A PostgreSQL client tool (or this platform's command) by its full path, with a list of arguments: never a
    shell, so no name or path can be read as a command."""
    executable = program if os.path.isabs(program) else shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (PostgreSQL client tools: apt-get install postgresql-client)")
    return subprocess.run([executable, *args], env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=timeout, check=False)


def _pg_env(settings_dict) -> tuple[list[str], dict]:
    args = ["-h", settings_dict.get("HOST") or "127.0.0.1", "-p", str(settings_dict.get("PORT") or 5432),
            "-U", settings_dict.get("USER") or "postgres"]
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    return args, env


def backup(output: Path) -> Path:
    """Write a backup folder under ``output`` and return it."""
    folder = output / f"gonghui-backup-{timezone.now():%Y%m%dT%H%M%S}"
    folder.mkdir(parents=True)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        result = _run("pg_dump", *args, "-Fc", "-f", str(folder / DATABASE_PG), connection.settings_dict["NAME"],
                      env=env)
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        database = DATABASE_PG
    else:
        target = sqlite3.connect(folder / DATABASE_SQLITE)
        with target:
            connection.connection.backup(target)
        target.close()
        database = DATABASE_SQLITE
    with tarfile.open(folder / FILES, "w:gz") as archive:
        location = Path(default_storage.location)
        if location.exists():
            archive.add(location, arcname="private-files")
    manifest = {
        "created_at": timezone.now().isoformat(), "engine": connection.vendor, "database": database,
        "migrations": applied_migrations(), "row_counts": row_counts(),
        "audit_head": AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first(),
        "seal_head": Seal.objects.order_by("-id").values_list("hash", flat=True).first(),
        "field_key_ids": sorted(crypto.keyring()[1]),
        "sha256": {name: _sha256(folder / name) for name in (database, FILES)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def _target_is_empty_pg(args, env, name) -> bool:
    query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    result = _run("psql", *args, "-d", name, "-tAc", query, env=env, timeout=60)
    if result.returncode != 0:
        raise BackupError(f"cannot reach the target database: {result.stderr.strip()}")
    return result.stdout.strip() == "0"


def restore(folder: Path, *, database_url: str, var_dir: Path) -> subprocess.CompletedProcess:
    """Restore ``folder`` into an empty database and an empty files folder, then check it (another process)."""
    import dj_database_url

    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, digest in manifest["sha256"].items():
        if _sha256(folder / name) != digest:
            raise BackupError(f"{name} differs from the manifest: the backup was changed or is incomplete")
    target = dj_database_url.parse(database_url)
    engine = "postgresql" if "postgresql" in target["ENGINE"] else "sqlite"
    if engine != manifest["engine"]:
        raise BackupError(f"the backup is of {manifest['engine']}, the target is {engine}")
    files_dir = var_dir / "private-files"
    if files_dir.exists() and any(files_dir.iterdir()):
        raise BackupError(f"{files_dir} is not empty")
    if engine == "postgresql":
        args, env = _pg_env(target)
        if not _target_is_empty_pg(args, env, target["NAME"]):
            raise BackupError("the target database is not empty")
        result = _run("pg_restore", *args, "--no-owner", "--exit-on-error", "-d", target["NAME"],
                      str(folder / DATABASE_PG), env=env)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")
    else:
        path = Path(target["NAME"])
        if path.exists():
            raise BackupError(f"{path} exists")
        shutil.copyfile(folder / DATABASE_SQLITE, path)
    var_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / FILES, "r:gz") as archive:
        archive.extractall(var_dir, filter="data")
    env = {**os.environ, "DATABASE_URL": database_url, "GONGHUI_VAR_DIR": str(var_dir)}
    return _run(sys.executable, "-m", "gonghui.cli", "restore_check", str(folder / MANIFEST), env=env)


def check(manifest: dict) -> list[str]:
    """Every way the database and files in use differ from what the manifest says was backed up."""
    problems = []
    if applied_migrations() != manifest["migrations"]:
        problems.append("the applied migrations differ from the backup's")
    counts = row_counts()
    for table, count in manifest["row_counts"].items():
        if counts.get(table) != count:
            problems.append(f"{table}: {counts.get(table)} rows, the backup had {count}")
    problems += [f"audit event {p.event_id}: {p.reason}" for p in audit.verify_chain()]
    problems += [f"{p.model} {p.object_id}: {p.reason}" for p in seals.verify()]
    if AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() != manifest["audit_head"]:
        problems.append("the audit chain ends elsewhere than in the backup")
    for model in _models():
        encrypted = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if encrypted:
            try:  # the values decrypt as the rows are read
                list(model._base_manager.order_by("pk").values_list(*encrypted)[:SAMPLE])
                list(model._base_manager.order_by("pk")[:SAMPLE])
            except Exception as error:
                problems.append(f"{model._meta.label}: an encrypted column does not decrypt: {error}")
    for attachment in Attachment.objects.order_by("pk")[:SAMPLE]:
        try:
            with attachment.file.open("rb") as handle:
                if hashlib.sha256(handle.read()).hexdigest() != attachment.sha256:
                    problems.append(f"attachment {attachment.pk}: the file differs from its checksum")
        except Exception as error:
            problems.append(f"attachment {attachment.pk}: {error}")
    return problems

