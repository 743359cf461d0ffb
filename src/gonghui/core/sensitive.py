"""Sensitive fields: one declaration for a resident ID, a mobile number or an account number.

``SensitiveField`` on a model stands for three columns that must always agree: the value encrypted at rest
(``EncryptedTextField``), its keyed hash for exact lookup and uniqueness (``crypto.lookup_hash``), and its last
four characters for "search by the last digits" (what the masked display shows anyway)::

    id_number = SensitiveField(_("resident ID number"), purpose="person.id_number",
                               hash_field="id_number_hash", tail_field="id_tail", mask=masking.mask_id_number)

It adds the three ordinary model fields (so existing columns stay exactly as they were: no data migration) and
a ``<name>_masked`` property. Writes go through ``assign`` (one object) or ``columns`` (bulk rows, ``update``,
``create``), reads by value through ``lookup``; the clear value is shown only through ``reveal``, which checks
the permission and writes the audit row.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import audit, crypto, masking, scope
from .errors import NotFound, PermissionDenied, ValidationFailed
from .fields import EncryptedTextField

TAIL = 4


class RevealReasonRequired(ValidationFailed):
    code = "reason_required"
    default_message = _("Please give a reason.")


@dataclass(frozen=True)
class _Declared:
    name: str
    purpose: str
    hash_purpose: str
    hash_field: str | None
    tail_field: str
    mask: object
    optional: bool


class SensitiveField:
    """Declares the encrypted value, its lookup hash and its tail as one (see the module's docstring).

    ``optional``: the value may be empty (a person without a mobile number): the value defaults to "", the hash
    to NULL (so a unique hash constraint allows many empties) and the tail to "". ``hash_purpose`` defaults to
    ``purpose``; ``unique_hash`` puts ``unique=True`` on the hash column (models that declare the constraint in
    ``Meta`` leave it off). ``hash_field=None``: a value nobody looks rows up by (a payee's bank account) has no
    hash column, and ``lookup`` refuses it."""

    def __init__(self, verbose_name=None, *, purpose: str, hash_field: str | None, tail_field: str,
                 mask=masking.mask_id_number, optional: bool = False, hash_purpose: str | None = None,
                 unique_hash: bool = False):
        self.purpose, self.hash_purpose = purpose, hash_purpose or purpose
        self.hash_field, self.tail_field, self.mask, self.optional = hash_field, tail_field, mask, optional
        # Made here, not in contribute_to_class, so the columns keep the place of the declaration in the model.
        blank = {"blank": True, "default": ""} if optional else {}
        self.value_field = EncryptedTextField(verbose_name, purpose=purpose, **blank)
        hash_options = {"null": True, "blank": True} if optional else {}
        if unique_hash:
            hash_options["unique"] = True
        self.hash_column = models.CharField(max_length=64, **hash_options) if hash_field else None
        self.tail_column = models.CharField(max_length=TAIL, blank=optional)

    def contribute_to_class(self, cls, name):
        self.value_field.contribute_to_class(cls, name)
        if self.hash_column is not None:
            self.hash_column.contribute_to_class(cls, self.hash_field)
        self.tail_column.contribute_to_class(cls, self.tail_field)
        declared = _Declared(name, self.purpose, self.hash_purpose, self.hash_field, self.tail_field, self.mask,
                             self.optional)
        # Each model class keeps its own map (a subclass must not write into its parent's).
        if "_sensitive_fields" not in cls.__dict__:
            cls._sensitive_fields = dict(getattr(cls, "_sensitive_fields", {}))
        cls._sensitive_fields[name] = declared
        if f"{name}_masked" not in cls.__dict__:
            setattr(cls, f"{name}_masked", property(lambda obj: declared.mask(getattr(obj, name))))


def declared(model, name: str) -> _Declared:
    try:
        return model._sensitive_fields[name]
    except (AttributeError, KeyError):
        raise KeyError(f"{getattr(model, '__name__', model)} declares no sensitive field {name!r}") from None


def sensitive_fields(model) -> tuple[str, ...]:
    return tuple(getattr(model, "_sensitive_fields", {}))


def lookup_hash(model, name: str, value: str) -> str:
    if declared(model, name).hash_field is None:
        raise KeyError(f"{name} has no lookup hash")
    return crypto.lookup_hash(value, purpose=declared(model, name).hash_purpose)


def columns(model, name: str, value: str | None) -> dict:
    """The three columns for a clean ``value`` (already normalised: a parsed ID, a normalised mobile number),
    as keyword arguments: ``Model(**columns(...))``, ``qs.update(**columns(...))``, bulk rows."""
    spec = declared(model, name)
    if not value:
        if not spec.optional:
            raise ValueError(f"{name} may not be empty")
        empty = {name: "", spec.hash_field: None, spec.tail_field: ""}
        return {k: v for k, v in empty.items() if k is not None}
    value = str(value)
    values = {name: value, spec.tail_field: value[-TAIL:]}
    if spec.hash_field is not None:
        values[spec.hash_field] = crypto.lookup_hash(value, purpose=spec.hash_purpose)
    return values


def assign(obj, name: str, value: str | None) -> list[str]:
    """Set the three columns on ``obj``; answer their names for ``save(update_fields=…)``."""
    values = columns(type(obj), name, value)
    for field, column_value in values.items():
        setattr(obj, field, column_value)
    return list(values)


def lookup(model, name: str, value: str) -> dict:
    """The filter that finds rows holding ``value`` exactly: ``Model.objects.filter(**lookup(...))``."""
    return {declared(model, name).hash_field: lookup_hash(model, name, str(value))}


def masked(obj, name: str) -> str:
    return declared(type(obj), name).mask(getattr(obj, name))


def reveal(*, actor, obj, field: str, reason: str, permission: str, action: str) -> str:
    """The clear value of a sensitive field, for someone holding ``permission`` over ``obj`` who gives a reason.

    Out of sight (not even the permission's view over ``obj``) or not a declared field: ``NotFound``, nothing
    written. In sight without the permission: an audit row with result ``denied``, then ``PermissionDenied``.
    Otherwise an audit row naming the field and the reason (never the value)."""
    if field not in sensitive_fields(type(obj)):
        raise NotFound()
    try:
        scope.require(actor, permission, obj)
    except PermissionDenied:
        audit.record(action, actor=actor, obj=obj, result="denied", detail={"field": field})
        raise
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise RevealReasonRequired(field="reason")
    audit.record(action, actor=actor, obj=obj, detail={"field": field, "reason": reason[:500]})
    return getattr(obj, field)
