"""Audit retention (等保三级: audit kept ≥ 6 months, protected): old events leave only into a verified archive,
the chain still verifies afterwards, and the database itself refuses to delete younger ones."""

import datetime
import gzip
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from gonghui.core import audit, audit_retention
from gonghui.core.models import AuditAnchor, AuditEvent

NOW = timezone.now()


def _events(*ages_in_days: int) -> list[AuditEvent]:
    """Append events dated ``age`` days ago, in the order given (the chain's order)."""
    events = []
    for age in ages_in_days:
        event = audit._event("auth.login", object_type="test", object_id=str(age), detail={"age": age})
        event.at = NOW - datetime.timedelta(days=age)
        events.append(event)
    audit._append(events)
    return events


def test_a_purge_within_the_retention_period_is_refused(db, tmp_path):
    _events(400, 10)
    with pytest.raises(audit_retention.PurgeRefused):
        audit_retention.purge(before=NOW - datetime.timedelta(days=30), archive_dir=tmp_path)
    with pytest.raises(CommandError):
        call_command("audit_purge", before=(NOW - datetime.timedelta(days=30)).date(), archive_dir=tmp_path)
    assert AuditEvent.objects.count() == 2 and not list(tmp_path.iterdir())


def test_old_events_go_into_a_verified_archive_and_the_chain_still_verifies(db, tmp_path):
    old = _events(500, 450, 400)
    _events(100, 1)
    anchor = audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path)
    assert anchor.count == 3 and anchor.purged_through_id == old[-1].id and anchor.last_hash == old[-1].hash
    assert not AuditEvent.objects.filter(id__lte=old[-1].id).exists()
    assert list(audit.verify_chain()) == []
    assert audit_retention.verify_archive(tmp_path / anchor.archive_name) == 3
    purge_event = AuditEvent.objects.get(action="audit.purge")
    assert purge_event.detail["count"] == 3 and purge_event.detail["sha256"] == anchor.archive_sha256
    # the archive holds every field, so each purged event can still be shown whole
    with gzip.open(tmp_path / anchor.archive_name, "rt", encoding="utf-8") as archive:
        first = archive.readline()
    assert '"age": 500' in first and old[0].hash in first


def test_a_changed_archive_is_detected(db, tmp_path):
    _events(500, 400)
    anchor = audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path)
    path = tmp_path / anchor.archive_name
    with gzip.open(path, "rt", encoding="utf-8") as archive:
        lines = archive.readlines()
    with gzip.open(path, "wt", encoding="utf-8") as archive:
        archive.writelines(lines[:-1])  # an event removed from the archive
    with pytest.raises(ValueError, match="SHA-256"):
        audit_retention.verify_archive(path)
    with pytest.raises(CommandError):
        call_command("audit_purge", verify=path)


def test_the_chain_continues_from_the_anchor_when_everything_old_was_purged(db, tmp_path):
    _events(500, 400)
    audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path)
    audit.record("auth.logout", object_type="test", object_id="after")
    assert list(audit.verify_chain()) == []
    # a second purge has nothing old left
    assert audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path) is None


def test_a_broken_chain_is_not_archived(db, tmp_path):
    events = _events(500, 400)
    if connection.vendor == "postgresql":
        pytest.skip("the trigger refuses the edit this test needs to simulate tampering")
    AuditEvent.objects.filter(pk=events[0].pk).delete()  # a row removed (SQLite has no delete trigger)
    with pytest.raises(audit_retention.PurgeRefused, match="broken"):
        audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path)
    assert not AuditAnchor.objects.exists() and not list(tmp_path.iterdir())


def test_the_database_refuses_to_delete_a_young_event_even_during_a_purge(db):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    young, old = _events(10, 400)
    for pk, flag in ((young.pk, True), (old.pk, False)):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            if flag:
                cursor.execute("SET LOCAL gonghui.audit_purge = 'on'")
            cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [pk])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL gonghui.audit_purge = 'on'")
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [old.pk])
        assert cursor.rowcount == 1


def test_anchors_cannot_be_changed(db, tmp_path):
    _events(500)
    anchor = audit_retention.purge(before=audit_retention.retention_cutoff(), archive_dir=tmp_path)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditAnchor.objects.filter(pk=anchor.pk).update(count=0)


def test_the_settings_refuse_a_retention_below_six_months():
    env = {**os.environ, "GONGHUI_AUDIT_RETENTION_DAYS": "90", "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
    result = subprocess.run([sys.executable, "-c", "import gonghui.settings"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0 and "at least 180" in result.stderr
