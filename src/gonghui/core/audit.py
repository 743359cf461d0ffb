"""The audit log: one function to write it, one to verify the hash chain, and the registry of actions.

Every action is declared once, with a translated label, in ``<app>/audit_actions.py`` (discovered by core's
``ready``); ``record`` refuses a code nobody declared, so the viewer can always say in words what happened.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import request_context
from .models import AuditAnchor, AuditEvent

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


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str
    # Codes written before a rename. The log is append-only and hash-chained, so old rows keep their code;
    # the registry maps them to the current action for labels and filters instead of rewriting history.
    aliases: tuple[str, ...] = ()
    owner: str = ""


class UnregisteredAuditAction(LookupError):
    """``record`` was called with a code no ``audit_actions.py`` declares (a typo, or a forgotten declaration)."""


_ACTIONS: dict[str, AuditAction] = {}
_ALIASES: dict[str, str] = {}


def register_actions(*actions: AuditAction, owner: str = "") -> None:
    for action in actions:
        if owner and not action.owner:
            action = AuditAction(action.code, action.label, action.aliases, owner)
        known = _ACTIONS.get(action.code)
        if known is not None and known != action:
            raise ValueError(f"audit action {action.code!r} is registered twice")
        if action.code in _ALIASES:
            raise ValueError(f"audit action {action.code!r} is already an alias of {_ALIASES[action.code]!r}")
        _ACTIONS[action.code] = action
        for alias in action.aliases:
            if alias in _ACTIONS or _ALIASES.get(alias, action.code) != action.code:
                raise ValueError(f"audit alias {alias!r} is taken")
            _ALIASES[alias] = action.code


def get_action(code: str) -> AuditAction | None:
    """The action a stored code stands for (an alias resolves to its current action)."""
    return _ACTIONS.get(_ALIASES.get(code, code))


def action_label(code: str) -> str:
    action = get_action(code)
    return str(action.label) if action else code


def all_actions() -> list[AuditAction]:
    return sorted(_ACTIONS.values(), key=lambda a: a.code)


def stored_codes(codes: Iterable[str]) -> list[str]:
    """Every code under which rows of these actions may be stored (the codes and their aliases)."""
    result = []
    for code in codes:
        result.append(code)
        action = _ACTIONS.get(code)
        if action:
            result.extend(action.aliases)
    return result


def object_type_of(obj) -> str:
    return obj._meta.label_lower if obj is not None else ""


def _event(action: str, *, actor=None, obj=None, object_type: str = "", object_id: str | int | None = "",
           object_label: str = "", result: str = AuditEvent.Result.SUCCESS, detail: dict | None = None,
           acting_org_id: int | None = None) -> AuditEvent:
    if action not in _ACTIONS:
        raise UnregisteredAuditAction(f"audit action {action!r} is not declared in any audit_actions.py")
    ctx = request_context.current()
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
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


def _append(events: list[AuditEvent]) -> None:
    """Chain the events after the last one and insert them: one lock and one read of the chain's end however
    many there are (a payout batch of 5,000 claims writes 5,000 events)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or chain_start()[1]
        for event in events:
            event.prev_hash = prev
            event.hash = prev = _digest(prev, _hashed_fields(event))
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            # Ids are given in the order of the rows, which is the chain's order (verify_chain walks by id).
            AuditEvent.objects.bulk_create(events, batch_size=1000)


def record(action: str, **fields) -> AuditEvent:
    """Append one event (fields: actor, obj, object_type, object_id, object_label, result, detail,
    acting_org_id). Runs inside the caller's transaction: a write that rolls back leaves no audit row, and the
    row of a committed write commits with it."""
    event = _event(action, **fields)
    _append([event])
    return event


def record_many(entries: Iterable[tuple[str, dict]]) -> list[AuditEvent]:
    """Append several events, each ``(action, fields)`` as for ``record``, in one step (bulk workflow moves)."""
    events = [_event(action, **fields) for action, fields in entries]
    if events:
        _append(events)
    return events


@dataclass
class ChainProblem:
    event_id: int
    reason: str


def chain_start() -> tuple[int, str]:
    """(id, hash) after which the chain continues: the last event purged into an archive, or the genesis."""
    anchor = AuditAnchor.objects.order_by("-purged_through_id").values_list("purged_through_id", "last_hash").first()
    return anchor if anchor else (0, GENESIS)


def verify_chain(batch_size: int = 5000) -> Iterator[ChainProblem]:
    """Walk the log in order, from the last purge's anchor, and yield every place where the chain breaks."""
    last_id, expected_prev = chain_start()
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
