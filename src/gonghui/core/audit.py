"""The audit log: one function to write it, one to verify the hash chain."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import request_context
from .models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 7_351_064_201  # pg_advisory_xact_lock key that serialises appends to the chain


def _digest(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict:
    return {
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "acting_org_id": event.acting_org_id,
        "ip": event.ip,
        "channel": event.channel,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "result": event.result,
        "detail": event.detail,
    }


def object_type_of(obj) -> str:
    return obj._meta.label_lower if obj is not None else ""


def record(
    action: str,
    *,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str | int | None = "",
    object_label: str = "",
    result: str = AuditEvent.Result.SUCCESS,
    detail: dict | None = None,
    acting_org_id: int | None = None,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction: a write that rolls back leaves no audit row, and
    the row of a committed write commits with it."""
    ctx = request_context.current()
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor.pk if actor_ok else None,
        actor_label=(actor.get_username() if actor_ok else "")[:150],
        acting_org_id=acting_org_id if acting_org_id is not None else ctx.acting_org_id,
        ip=ctx.ip,
        channel=ctx.channel,
        action=action,
        object_type=object_type or object_type_of(obj),
        object_id=str(object_id if object_id not in (None, "") else (obj.pk if obj is not None else ""))[:64],
        object_label=(object_label or (str(obj) if obj is not None else ""))[:200],
        result=result,
        detail=detail or {},
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event.prev_hash = last or GENESIS
        event.hash = _digest(event.prev_hash, _hashed_fields(event))
        event.save(force_insert=True)
    return event


@dataclass
class ChainProblem:
    event_id: int
    reason: str


def verify_chain(batch_size: int = 5000) -> Iterator[ChainProblem]:
    """Walk the log in order and yield every place where the chain breaks."""
    expected_prev = GENESIS
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        for event in batch:
            if event.prev_hash != expected_prev:
                yield ChainProblem(event.id, "previous hash does not match: a row was removed or inserted")
            if _digest(event.prev_hash, _hashed_fields(event)) != event.hash:
                yield ChainProblem(event.id, "content does not match its hash: the row was altered")
            expected_prev = event.hash
            last_id = event.id
