"""Tamper evidence on money rows (等保三级: 重要数据的完整性).

A model whose rows carry money names the columns that must never change behind the platform's back::

    class Payout(models.Model):
        sealed_fields = ("batch_id", "claim_id", "amount", "status", "bank_reference", "decided_at")

and its service seals the rows when they reach a state that matters (``seals.seal(rows)``: a payout marked paid
or failed), inside the same transaction. A seal is the SHA-256 of those columns, chained to the seal before it
like the audit log. ``verify()`` (``gonghui seal_verify``) walks the chain and recomputes the fingerprint of the
latest seal of every row from the table: a row altered by hand in the database, or deleted, shows up. A row
sealed again later (a failed payout paid by a new one) is judged by its latest seal.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from .models import Seal

GENESIS = "0" * 64
_LOCK_KEY = 7_351_064_202  # pg_advisory_xact_lock key that serialises appends to the seal chain


def _canonical(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def fingerprint(obj) -> str:
    fields = type(obj).sealed_fields
    payload = {"model": obj._meta.label, "id": obj.pk,
               **{name: _canonical(getattr(obj, name)) for name in fields}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _chain(prev_hash: str, seal: Seal) -> str:
    text = f"{prev_hash}|{seal.model}|{seal.object_id}|{seal.digest}|{seal.at.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def seal(objs: Iterable) -> list[Seal]:
    """Seal the rows as they are in the database now (re-read, so what is sealed is what was stored)."""
    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    fresh = {o.pk: o for o in model._base_manager.filter(pk__in=[o.pk for o in objs])}
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        prev = Seal.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
        seals = []
        for pk in sorted(fresh):
            item = Seal(at=now, model=model._meta.label, object_id=pk, digest=fingerprint(fresh[pk]),
                        prev_hash=prev)
            item.hash = prev = _chain(item.prev_hash, item)
            seals.append(item)
        Seal.objects.bulk_create(seals, batch_size=1000)
    return seals


@dataclass
class SealProblem:
    model: str
    object_id: int
    reason: str


def verify(batch_size: int = 5000) -> Iterator[SealProblem]:
    """Every break: in the chain (a seal removed, inserted or altered), and between a row and its latest seal."""
    expected_prev, last_id, latest = GENESIS, 0, {}
    while True:
        batch = list(Seal.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for item in batch:
            if item.prev_hash != expected_prev:
                yield SealProblem(item.model, item.object_id, "the seal chain is broken: a seal was removed or added")
            if _chain(item.prev_hash, item) != item.hash:
                yield SealProblem(item.model, item.object_id, "a seal was altered")
            expected_prev, last_id = item.hash, item.id
            latest[(item.model, item.object_id)] = item.digest
    by_model: dict[str, dict[int, str]] = {}
    for (label, pk), digest in latest.items():
        by_model.setdefault(label, {})[pk] = digest
    for label, digests in by_model.items():
        model = apps.get_model(label)
        ids = sorted(digests)
        for start in range(0, len(ids), batch_size):
            chunk = ids[start:start + batch_size]
            rows = {o.pk: o for o in model._base_manager.filter(pk__in=chunk)}
            for pk in chunk:
                if pk not in rows:
                    yield SealProblem(label, pk, "the sealed row was deleted")
                elif fingerprint(rows[pk]) != digests[pk]:
                    yield SealProblem(label, pk, "the row differs from its seal: it was altered")
