"""Every integer the API reads is bounded in its schema (issue 19 §8).

An integer past 64 bits once reached the database (``PATCH /units/{id}`` with a huge ``staff_count``) and answered
500: SQLite cannot bind it, PostgreSQL refuses it. ``bound_integers(api)`` walks every operation's parameter and
body models, once, after the routers are mounted, and gives each ``int`` without a bound of its own the range of a
64-bit column (what keys, ``BigIntegerField`` and SQLite hold). So pydantic refuses anything larger with 422, and
the OpenAPI document says so (``minimum``/``maximum``). A field stored in a narrower column (``IntegerField``,
``PositiveIntegerField``, ``SmallIntegerField``) declares its own bounds with ``Field(ge=…, le=…)`` (``INT32_MAX``).
"""

import types
from typing import Annotated, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, Field

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


def _bounded(annotation):
    """``annotation`` with every bare ``int`` in it (also inside ``X | None`` and ``list[X]``) bounded."""
    if annotation is int:
        return Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        base, *metadata = args
        if base is int:
            added = _bounds_for(metadata)
            return Annotated[int, *metadata, *added] if added else annotation
        return annotation
    if origin in (Union, types.UnionType):
        return Union[tuple(_bounded(arg) for arg in args)]  # noqa: UP007 - built from a tuple
    if origin is list and args:
        return list[_bounded(args[0])]
    return annotation


def _nested_models(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from _nested_models(arg)


def bound_model(model: type[BaseModel], done: set) -> None:
    """Bound the integers of ``model`` and of the models it contains (those first), then rebuild it."""
    if model in done:
        return
    done.add(model)
    for field in model.model_fields.values():
        for nested in _nested_models(field.annotation):
            bound_model(nested, done)
        if field.annotation is int:
            field.metadata.extend(_bounds_for(field.metadata))
        else:
            field.annotation = _bounded(field.annotation)
    model.model_rebuild(force=True)


def _routers(api):
    pending = [router for _prefix, router in api._routers]
    while pending:
        router = pending.pop()
        yield router
        pending.extend(child for _prefix, child, *_rest in router._routers)


def bound_integers(api) -> None:
    """Bound every integer of every operation's parameters and body (call once, after mounting the routers)."""
    done: set = set()
    for router in _routers(api):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    bound_model(model, done)
