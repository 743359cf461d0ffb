"""Request models say exactly what they take, so the OpenAPI document and the code agree (issue 19 §8).

``enforce_request_contract(api)`` walks every operation's parameter and body models once, after the routers are
mounted:

- **Integers are bounded.**
An integer past 64 bits once reached the database (``PATCH /units/{id}`` with a huge
  ``staff_count``) and answered 500: SQLite cannot bind it, PostgreSQL refuses it. Each ``int`` without a bound of
  its own gets the range of a 64-bit column (what keys, ``BigIntegerField`` and SQLite hold); a field stored in a
  narrower column (``IntegerField``, ``PositiveIntegerField``…) declares its own (``Field(le=INT32_MAX)``).
- **A JSON body is taken as JSON types it.** The document says ``object``, ``integer``, ``number``, ``boolean``:
  pydantic's lax mode also took ``"5"``, ``"true"`` or ``1`` for them, and ninja read ``null`` or ``[null, null]``
  as an object with every field missing, so a PATCH of optional fields accepted them. In JSON bodies (not query
  strings or forms, where everything is text) a body must be an object, an integer or number may not be a string
  or a boolean (``8.0`` stays an integer, as in JSON Schema), and a boolean must be ``true`` or ``false``.
- **Money is a JSON string.** A ``Decimal`` field of a JSON body with ``ge=0``/``gt=0``, ``max_digits`` and
  ``decimal_places`` is declared as a string with the pattern of exactly what it accepts (``"1234.50"``); the
  document used to allow any string and any number, and ``""`` answered 422.
"""

import re
import types
from decimal import Decimal
from typing import Annotated, Union, get_args, get_origin

import annotated_types
from ninja.params.models import BodyModel, _MultiPartBodyModel
from pydantic import BaseModel, BeforeValidator, Strict, WithJsonSchema

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INT32_MAX = 2**31 - 1  # IntegerField / PositiveIntegerField on PostgreSQL


def _has(metadata, *kinds) -> bool:
    return any(isinstance(item, kinds) for item in metadata)


def _bounds_for(metadata) -> list:
    added = []
    if not _has(metadata, annotated_types.Ge, annotated_types.Gt, annotated_types.Interval):
        added.append(annotated_types.Ge(INT64_MIN))
    if not _has(metadata, annotated_types.Le, annotated_types.Lt, annotated_types.Interval):
        added.append(annotated_types.Le(INT64_MAX))
    return added


def _map(annotation, leaf):
    """``leaf`` applied to each type of ``annotation``, also inside ``X | None`` and ``list[X]``."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return Union[tuple(_map(arg, leaf) for arg in args)]  # noqa: UP007 - built from a tuple
    if origin is list and args:
        return list[_map(args[0], leaf)]
    return leaf(annotation)


def _split(annotation) -> tuple:
    return (get_args(annotation)[0], get_args(annotation)[1:]) if get_origin(annotation) is Annotated \
        else (annotation, ())


def _bounded(annotation):
    """A bare ``int`` bounded to 64 bits (an ``int`` with one bound of its own gets the other)."""
    base, metadata = _split(annotation)
    added = _bounds_for(metadata) if base is int else []
    return Annotated[int, *metadata, *added] if added else annotation


def _not_text(value):
    if isinstance(value, str | bool):
        raise ValueError("give a JSON number")
    return value


def _an_object(value):
    if not isinstance(value, dict | BaseModel):
        raise ValueError("give a JSON object")
    return value


def _json_typed(annotation):
    """Numbers, booleans and objects taken only as JSON types them."""
    base, metadata = _split(annotation)
    if base in (int, float):
        return Annotated[base, *metadata, BeforeValidator(_not_text)]
    if base is bool:
        return Annotated[bool, *metadata, Strict()]
    if not metadata and isinstance(base, type) and issubclass(base, BaseModel):
        return Annotated[base, BeforeValidator(_an_object)]
    return annotation


def _amount_text(pattern: str):
    """A validator that takes an amount only as a JSON string matching ``pattern`` (no number, no "1e3")."""
    compiled = re.compile(pattern)

    def check(value):
        if isinstance(value, str) and not compiled.fullmatch(value):
            raise ValueError('give an amount as digits with at most two decimals, e.g. "1234.50"')
        if isinstance(value, int | float):
            raise ValueError('give an amount as a JSON string, e.g. "1234.50"')
        return value

    return check


def _money_pattern(metadata) -> str | None:
    """The pattern of the decimal strings a non-negative ``Decimal`` field with digit limits accepts."""
    lower = next((m for m in metadata if isinstance(m, annotated_types.Ge | annotated_types.Gt)), None)
    digits = next((m for m in metadata if getattr(m, "max_digits", None) is not None), None)
    if lower is None or digits is None or getattr(lower, "ge", getattr(lower, "gt", None)) != 0 \
            or any(isinstance(m, annotated_types.Le | annotated_types.Lt) for m in metadata):
        return None
    places = digits.decimal_places or 0
    whole = f"[0-9]{{1,{digits.max_digits - places}}}"
    fraction = rf"(\.[0-9]{{1,{places}}})?" if places else ""
    nonzero = "(?=.*[1-9])" if isinstance(lower, annotated_types.Gt) else ""
    return f"^{nonzero}{whole}{fraction}$"


def _money(field) -> None:
    args = get_args(field.annotation)
    if field.annotation is not Decimal and not (Decimal in args and set(args) <= {Decimal, type(None)}):
        return
    pattern = _money_pattern(field.metadata)
    if pattern is None:
        return
    # The limits move into the type, so that the declared schema below is the whole of the document's.
    money = Annotated[Decimal, *field.metadata, BeforeValidator(_amount_text(pattern)),
                      WithJsonSchema({"type": "string", "pattern": pattern, "examples": ["1234.50"]})]
    field.metadata = []
    field.annotation = money if field.annotation is Decimal else money | None


def _push_inward(field) -> None:
    """``x: int | None = Field(None, ge=1)``: the limits belong to the ``int``; put them there, where the checks
    added below keep them in the document as ``minimum``/``maximum``."""
    args = get_args(field.annotation)
    if not field.metadata or get_origin(field.annotation) not in (Union, types.UnionType) or len(args) != 2 \
            or type(None) not in args:
        return
    (base,) = [arg for arg in args if arg is not type(None)]
    if base in (int, float):
        field.annotation = Annotated[base, *field.metadata] | None
        field.metadata = []


def _nested_models(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from _nested_models(arg)


def tighten(model: type[BaseModel], done: set, *, json_body: bool) -> None:
    """Bound the integers of ``model`` and of the models it contains (those first) and, in a JSON body, make its
    numbers and booleans strict and its money strings; then rebuild it."""
    if (model, json_body) in done:
        return
    done.add((model, json_body))
    for field in model.model_fields.values():
        for nested in _nested_models(field.annotation):
            tighten(nested, done, json_body=json_body)
        _push_inward(field)
        if field.annotation is int:  # a plain field keeps its limits in FieldInfo.metadata
            field.metadata.extend(_bounds_for(field.metadata))
        else:
            field.annotation = _map(field.annotation, _bounded)
        if json_body:
            _money(field)
            if field.annotation in (int, float):
                field.metadata.append(BeforeValidator(_not_text))
            elif field.annotation is bool:
                field.metadata.append(Strict())
            else:
                field.annotation = _map(field.annotation, _json_typed)
    model.model_rebuild(force=True)


def _routers(api):
    pending = [router for _prefix, router in api._routers]
    while pending:
        router = pending.pop()
        yield router
        pending.extend(child for _prefix, child, *_rest in router._routers)


def enforce_request_contract(api) -> None:
    """Tighten every operation's parameter and body models (call once, after mounting the routers)."""
    done: set = set()
    for router in _routers(api):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    json_body = issubclass(model, BodyModel) and not issubclass(model, _MultiPartBodyModel)
                    tighten(model, done, json_body=json_body)
