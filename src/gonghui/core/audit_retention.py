"""Audit retention: events older than the retention period leave the database only into a verified archive.

MLPS level 3 asks that audit records be kept at least six months and protected from deletion. Here:
- ``GONGHUI_AUDIT_RETENTION_DAYS`` (default 365) may not be set below 180 (the settings refuse it), and on
  PostgreSQL the log's trigger refuses to delete any event younger than 180 days, even during a purge;
- a purge first checks the chain of what it removes, writes it to a gzip JSON-lines archive (every field, hash
  included) and its SHA-256, then deletes in the same transaction and leaves an ``AuditAnchor`` (the last purged
  id and hash, the archive's name and digest), from which ``verify_chain`` continues; an ``audit.purge`` event
  records who purged what;
- ``verify_archive`` re-reads an archive and checks it against its digest, its own chain and the anchor.
"""

import datetime
import gzip
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from . import audit
from .models import AuditAnchor, AuditEvent

MINIMUM_RETENTION_DAYS = 180


class PurgeRefused(Exception):
    """The purge would remove events still within their retention, or the chain it would archive is broken."""


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    days = max(settings.GONGHUI_AUDIT_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)
    return (now or timezone.now()) - datetime.timedelta(days=days)


def _row(event: AuditEvent) -> dict:
    return {"id": event.id, **audit._hashed_fields(event), "prev_hash": event.prev_hash, "hash": event.hash}


def purge(*, before: datetime.datetime, archive_dir: Path, actor=None) -> AuditAnchor | None:
    """Archive and delete every event before ``before`` (which must lie before the retention cutoff). Returns
    the new anchor, or None when there was nothing to purge."""
    if before > retention_cutoff():
        raise PurgeRefused(f"events after {retention_cutoff():%Y-%m-%d} are within their retention period")
    archive_dir.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [audit._LOCK_KEY])
                cursor.execute("SET LOCAL gonghui.audit_purge = 'on'")
        start_id, expected_prev = audit.chain_start()
        # The chain is walked by id; a purge takes the oldest events up to the first one at or after `before`.
        first_kept = AuditEvent.objects.filter(id__gt=start_id, at__gte=before).order_by("id").values_list(
            "id", flat=True).first()
        doomed = AuditEvent.objects.filter(id__gt=start_id)
        if first_kept is not None:
            doomed = doomed.filter(id__lt=first_kept)
        last = doomed.order_by("-id").first()
        if last is None:
            return None
        first = doomed.order_by("id").first()
        name = f"audit-{first.id}-{last.id}-{timezone.now():%Y%m%dT%H%M%S}.jsonl.gz"
        path = archive_dir / name
        digest, count = hashlib.sha256(), 0
        with gzip.open(path, "wt", encoding="utf-8") as archive:
            for event in doomed.order_by("id").iterator(chunk_size=5000):
                if event.prev_hash != expected_prev or audit._digest(event.prev_hash,
                                                                     audit._hashed_fields(event)) != event.hash:
                    path.unlink()
                    raise PurgeRefused(f"the chain is broken at event {event.id}: run audit_verify")
                archive.write(json.dumps(_row(event), ensure_ascii=False, sort_keys=True) + "\n")
                expected_prev, count = event.hash, count + 1
        digest.update(path.read_bytes())
        anchor = AuditAnchor.objects.create(
            at=timezone.now(), purged_through_id=last.id, last_hash=last.hash, count=count, oldest_at=first.at,
            newest_at=last.at, archive_name=name, archive_sha256=digest.hexdigest())
        doomed.delete()
        audit.record("audit.purge", actor=actor, obj=anchor, detail={
            "count": count, "through_id": last.id, "archive": name, "sha256": anchor.archive_sha256})
    return anchor


def verify_archive(path: Path, anchor: AuditAnchor | None = None) -> int:
    """Check an archive: its digest (against the anchor that names it), its own chain, and that it ends where
    the anchor says. Returns the number of events; raises ValueError on any mismatch."""
    anchor = anchor or AuditAnchor.objects.filter(archive_name=path.name).first()
    if anchor is None:
        raise ValueError(f"no anchor names {path.name}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != anchor.archive_sha256:
        raise ValueError("the archive's SHA-256 differs from its anchor: it was changed")
    count, prev, last = 0, None, None
    with gzip.open(path, "rt", encoding="utf-8") as archive:
        for line in archive:
            row = json.loads(line)
            event = AuditEvent(**{k: v for k, v in row.items() if k not in ("id", "at")},
                               at=datetime.datetime.fromisoformat(row["at"]))
            if prev is not None and row["prev_hash"] != prev:
                raise ValueError(f"event {row['id']}: the archive's chain is broken")
            if audit._digest(row["prev_hash"], audit._hashed_fields(event)) != row["hash"]:
                raise ValueError(f"event {row['id']}: content does not match its hash")
            prev, last, count = row["hash"], row, count + 1
    if last is None or last["id"] != anchor.purged_through_id or last["hash"] != anchor.last_hash:
        raise ValueError("the archive does not end where its anchor says")
    if count != anchor.count:
        raise ValueError("the archive holds a different number of events than its anchor says")
    return count
