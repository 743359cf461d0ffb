"""Keyset (cursor) pagination for every list endpoint.

The list keeps the order its selector gives (``name, id`` for persons, ``requested_at, id`` for transfers),
with ``id`` added as the final tie-breaker. The cursor is the opaque, URL-safe base64 of the last row's
ordering values; the next page is "rows after that key", so pages never skip or repeat rows when others are
inserted, and deep pages cost the same as the first (no OFFSET, no COUNT).

    @router.get("/persons", response=list[PersonOut])
    @paginate(KeysetPagination)
    def person_list(request, ...): return selectors.person_list(...)

Ordering fields must be concrete, non-null columns (or paths to them through ``__``).
"""

import base64
import binascii
import datetime
import decimal
import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from gonghui.core.errors import ValidationFailed

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"  # URL-safe base64 without padding
MAX_CURSOR_LENGTH = 2000


class InvalidCursor(ValidationFailed):
    code = "invalid_cursor"


def _ordering(queryset: QuerySet) -> list[tuple[str, bool]]:
    query = queryset.query
    fields = list(query.order_by) or (list(queryset.model._meta.ordering) if query.default_ordering else [])
    result = []
    for item in fields:
        if not isinstance(item, str) or item == "?":
            raise TypeError(f"keyset pagination needs plain field orderings, not {item!r}")
        descending = item.startswith("-")
        name = item.lstrip("-+")
        result.append(("id" if name == "pk" else name, descending))
    if not result or result[-1][0] != "id":
        result = [r for r in result if r[0] != "id"] + [("id", False)]
    return result


def _value_of(obj, path: str):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot put {type(value).__name__} in a cursor; order by a column instead")


def encode_cursor(values: list) -> str:
    raw = json.dumps([_jsonable(v) for v in values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode())
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidCursor(field="cursor") from None
    if not isinstance(values, list) or len(values) != size or any(isinstance(v, list | dict) for v in values):
        raise InvalidCursor(field="cursor")
    return values


def after_key(ordering: list[tuple[str, bool]], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering``: (a > x) or (a = x and b > y) or ..."""
    condition = Q(pk__in=[])
    equal_so_far = Q()
    for (field, descending), value in zip(ordering, values, strict=True):
        condition |= equal_so_far & Q(**{f"{field}__{'lt' if descending else 'gt'}": value})
        equal_so_far &= Q(**{field: value})
    return condition


class KeysetPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                           description=f"Items per page, at most {MAX_LIMIT}.")
        cursor: str | None = Field(None, min_length=1, max_length=MAX_CURSOR_LENGTH, pattern=CURSOR_PATTERN,
                                   description="next_cursor of the previous page; omit for the first.")

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(
            description="Pass as ?cursor= for the next page; null on the last page.")

    items_attribute = "items"

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request, **params) -> Any:
        ordering = _ordering(queryset)
        queryset = queryset.order_by(*[("-" if desc else "") + field for field, desc in ordering])
        if pagination.cursor:
            try:
                key = decode_cursor(pagination.cursor, len(ordering))
                queryset = queryset.filter(after_key(ordering, key))
            except (ValueError, TypeError, DjangoValidationError):  # a value of the wrong type for its column
                raise InvalidCursor(field="cursor") from None
        rows = list(queryset[: pagination.limit + 1])
        has_more = len(rows) > pagination.limit
        rows = rows[: pagination.limit]
        next_cursor = encode_cursor([_value_of(rows[-1], f) for f, _ in ordering]) if has_more else None
        return {"items": rows, "next_cursor": next_cursor}
