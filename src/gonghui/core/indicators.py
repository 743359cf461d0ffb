"""The indicator registry: every figure a leader reads, declared once by the app that holds the rows.

An app declares its figures in ``<app>/indicators.py`` with ``register_indicator(Indicator(...))`` and imports that
module from its ``AppConfig.ready()`` (core imports no business app). A declaration says what the figure means
(code, label, definition), how it is measured (unit, aggregation over which field), where a row sits in time (a
*flow* names the date that places it; a *stock* names the dates between which a row exists, read "as of" the end
of the window) and where it sits in the tree (the lookup to its organisation's path). One scoped call answers any
figure for any subtree and window::

    indicator_value("mutual_aid.payout_amount", org, start, end, user=user)
    indicator_series("members.joinings", org, start, end, by="month" | "year" | "child", user=user)

Scope is the same as everywhere: the rows counted are those the user reaches with the indicator's permission, an
organisation outside the user's view is NotFound and one they see without the permission is PermissionDenied.
Money and areas come back as Decimal with two places, counts as int.
"""

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncMonth, TruncYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import roles, scope
from .errors import NotFound, PermissionDenied, ValidationFailed


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERSON_TIMES = "person_times", _("person-times")
    HOUSEHOLD_TIMES = "household_times", _("household-times")
    YUAN = "yuan", _("yuan")
    SQUARE_METRES = "m2", _("m²")
    ITEMS = "items", _("items")


DECIMAL_UNITS = frozenset({Unit.YUAN, Unit.SQUARE_METRES})
CENT = Decimal("0.01")


class Aggregation(models.TextChoices):
    COUNT = "count", _("count")
    DISTINCT = "distinct", _("distinct count")
    SUM = "sum", _("sum")


FLOW, STOCK = "flow", "stock"
BY_MONTH, BY_YEAR, BY_CHILD = "month", "year", "child"
SERIES_BY = (BY_MONTH, BY_YEAR, BY_CHILD)
EARLIEST = datetime.date(1950, 1, 1)  # "since ever": no row of the platform is older
WINDOW_LIMITS = (datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))  # keeps day and year arithmetic in range
MAX_BUCKETS = 600  # 50 years of months: a window larger than that is a mistake, not a report
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Indicator:
    """One figure.

    rows: a callable returning the base queryset (the rows that count, e.g. paid claims); called at query time.
    org_path: the lookup from a row to its organisation's materialised path ("org__path").
    when: a flow's date, datetime or integer-year field (a year counts on its 1 January).
    as_of: a stock's (since, until) fields: a row exists on day d when since <= d and (until is null or until > d).
    field: what a sum adds up, or what a distinct count counts once.
    parts: a figure that is the sum of other registered figures of the same unit (e.g. check-ins + head counts).
    """

    code: str
    label: str
    definition: str
    unit: str
    aggregation: str
    permission: str
    rows: Callable[[], QuerySet] | None = None
    org_path: str = "org__path"
    when: str | None = None
    as_of: tuple[str, str | None] | None = None
    field: str | None = None
    parts: tuple[str, ...] = ()

    @property
    def app(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def kind(self) -> str:
        if self.parts:
            return get_indicator(self.parts[0]).kind
        return STOCK if self.as_of else FLOW

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label) if self.unit in Unit.values else self.unit


_registry: dict[str, Indicator] = {}


def problems(indicator: Indicator) -> list[str]:
    """What is wrong with a declaration (empty when it is sound). Used at registration and by a test over the
    whole registry, so an indicator without a definition or unit never reaches a report."""
    found = []
    if not CODE_PATTERN.match(indicator.code or ""):
        found.append("code must look like 'app.figure' (lowercase, digits, underscores)")
    if not str(indicator.label or "").strip():
        found.append("label is missing")
    if not str(indicator.definition or "").strip():
        found.append("definition is missing")
    if indicator.unit not in Unit.values:
        found.append(f"unit must be one of {', '.join(Unit.values)}")
    if indicator.aggregation not in Aggregation.values:
        found.append(f"aggregation must be one of {', '.join(Aggregation.values)}")
    if not indicator.permission:
        found.append("permission is missing")
    if indicator.parts:
        if indicator.aggregation != Aggregation.SUM:
            found.append("a figure made of parts adds them up: aggregation must be 'sum'")
        for code in indicator.parts:
            part = _registry.get(code)
            if part is None:
                found.append(f"part {code} is not registered (register the parts first)")
            elif part.unit != indicator.unit:
                found.append(f"part {code} counts {part.unit}, not {indicator.unit}")
        return found
    if indicator.rows is None:
        found.append("rows is missing")
    if bool(indicator.when) == bool(indicator.as_of):
        found.append("declare exactly one of 'when' (a flow) or 'as_of' (a stock)")
    if indicator.aggregation in (Aggregation.SUM, Aggregation.DISTINCT) and not indicator.field:
        found.append("a sum or a distinct count names its field")
    if indicator.aggregation == Aggregation.SUM and indicator.unit in (Unit.PERSONS,):
        found.append("persons are counted, not summed: use a distinct count")
    return found


def register_indicator(indicator: Indicator) -> Indicator:
    """Register a figure (from an AppConfig.ready()); a faulty declaration stops the start-up."""
    wrong = problems(indicator)
    if wrong:
        raise ImproperlyConfigured(f"indicator {indicator.code!r}: {'; '.join(wrong)}")
    existing = _registry.get(indicator.code)
    if existing is not None and _origin(existing) != _origin(indicator):
        raise ImproperlyConfigured(f"indicator {indicator.code!r} is declared twice")
    _registry[indicator.code] = indicator
    return indicator


def _origin(indicator: Indicator) -> str:
    """The module that declared a figure: registering it again from there (a second ready()) replaces it."""
    return getattr(indicator.rows, "__module__", "") or ",".join(indicator.parts)


def unregister_indicator(code: str) -> None:
    """For tests that register a probe figure."""
    _registry.pop(code, None)


def all_indicators() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: i.code)


def get_indicator(code: str) -> Indicator:
    try:
        return _registry[code]
    except KeyError:
        raise NotFound() from None


def indicators_for(user) -> list[Indicator]:
    """The figures ``user`` may read somewhere in the tree."""
    return [i for i in all_indicators() if scope.has_perm(user, i.permission)]


# --- the gate ------------------------------------------------------------------------------------------------

def _gate(indicator: Indicator, user, org) -> None:
    """``org`` None means the user's whole scope. An organisation the user cannot see at all is NotFound (its
    existence is not revealed); one they see without the figure's permission is PermissionDenied."""
    if org is None:
        if not scope.has_perm(user, indicator.permission):
            raise PermissionDenied()
        return
    if scope.has_perm(user, indicator.permission, org.path):
        return
    if scope.has_perm(user, roles.ORGS_VIEW, org.path):
        raise PermissionDenied()
    raise NotFound()


def _check_window(start: datetime.date, end: datetime.date) -> None:
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        raise ValidationFailed(_("Give the window as two dates."), field="start")
    if start > end:
        raise ValidationFailed(_("The window starts after it ends."), code="indicator_window_invalid", field="end")
    if start < WINDOW_LIMITS[0] or end > WINDOW_LIMITS[1]:
        raise ValidationFailed(_("Give a window between the years 1900 and 2999."), code="indicator_window_invalid",
                               field="start")


# --- fields and time -----------------------------------------------------------------------------------------

def _field_of(model, lookup: str):
    """The model field at the end of a lookup path ("period__coverage_start")."""
    parts = lookup.split("__")
    for name in parts[:-1]:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(parts[-1])


def _time_kind(model, lookup: str) -> str:
    f = _field_of(model, lookup)
    if isinstance(f, models.DateTimeField):
        return "datetime"
    if isinstance(f, models.DateField):
        return "date"
    if isinstance(f, models.IntegerField):
        return "year"
    raise ImproperlyConfigured(f"{lookup} is neither a date, a datetime nor a year")


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the platform's time zone (Asia/Shanghai): days are local days."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone())


def _window_q(model, lookup: str, start: datetime.date, end: datetime.date) -> Q:
    kind = _time_kind(model, lookup)
    if kind == "datetime":
        return Q(**{f"{lookup}__gte": _midnight(start), f"{lookup}__lt": _midnight(end + datetime.timedelta(days=1))})
    if kind == "year":  # a year counts on its 1 January
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        return Q(**{f"{lookup}__gte": first, f"{lookup}__lte": end.year})
    return Q(**{f"{lookup}__gte": start, f"{lookup}__lte": end})


def _on_or_before(model, lookup: str, day: datetime.date) -> Q:
    kind = _time_kind(model, lookup)
    if kind == "datetime":
        return Q(**{f"{lookup}__lt": _midnight(day + datetime.timedelta(days=1))})
    if kind == "year":
        return Q(**{f"{lookup}__lte": day.year})
    return Q(**{f"{lookup}__lte": day})


def _as_of_q(indicator: Indicator, model, day: datetime.date) -> Q:
    since, until = indicator.as_of
    q = _on_or_before(model, since, day)
    if until:
        q &= Q(**{f"{until}__isnull": True}) | ~_on_or_before(model, until, day)
    return q


# --- evaluation ------------------------------------------------------------------------------------------------

def _aggregate(indicator: Indicator, filter: Q | None = None):
    if indicator.aggregation == Aggregation.COUNT:
        return Count("pk", filter=filter)
    if indicator.aggregation == Aggregation.DISTINCT:
        return Count(indicator.field, distinct=True, filter=filter)
    return Sum(indicator.field, filter=filter)


def coerce(indicator: Indicator, value):
    """int for counts, Decimal with two places for money and areas; nothing counted is 0."""
    if indicator.unit in DECIMAL_UNITS:
        return Decimal(value or 0).quantize(CENT)
    return int(value or 0)


def _rows(indicator: Indicator, user, org) -> QuerySet:
    qs = indicator.rows().filter(scope.scope_q(user, indicator.permission, indicator.org_path))
    if org is not None:
        qs = qs.filter(**{f"{indicator.org_path}__startswith": org.path})
    return qs


def _value_as_of(indicator, qs, day):
    return coerce(indicator, qs.filter(_as_of_q(indicator, qs.model, day)).aggregate(v=_aggregate(indicator))["v"])


def indicator_value(code: str, org, start: datetime.date, end: datetime.date, *, user):
    """The figure for ``org``'s subtree (None: everything ``user`` reaches) over the days start..end inclusive; a
    stock is read as of ``end``."""
    indicator = get_indicator(code)
    _gate(indicator, user, org)
    _check_window(start, end)
    return _value(indicator, org, start, end, user)


def _value(indicator, org, start, end, user):
    if indicator.parts:
        return coerce(indicator, sum(_value(get_indicator(p), org, start, end, user) for p in indicator.parts))
    qs = _rows(indicator, user, org)
    if indicator.as_of:
        return _value_as_of(indicator, qs, end)
    qs = qs.filter(_window_q(qs.model, indicator.when, start, end))
    return coerce(indicator, qs.aggregate(v=_aggregate(indicator))["v"])


# --- series ----------------------------------------------------------------------------------------------------

def _buckets(start: datetime.date, end: datetime.date, by: str) -> list[tuple[str, datetime.date, datetime.date]]:
    """(key, first day, last day) of every month or year the window touches, clipped to the window."""
    result = []
    year, month = start.year, start.month if by == BY_MONTH else 1
    while True:
        if by == BY_MONTH:
            first = datetime.date(year, month, 1)
            last = datetime.date(year, month, calendar.monthrange(year, month)[1])
            key = f"{year:04d}-{month:02d}"
        else:
            first, last, key = datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year:04d}"
        if first > end:
            return result
        result.append((key, max(first, start), min(last, end)))
        if len(result) > MAX_BUCKETS:
            raise ValidationFailed(_("The window is too long for this series."), code="indicator_series_too_long",
                                   field="by")
        if by == BY_MONTH:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            year += 1


def indicator_series(code: str, org, start: datetime.date, end: datetime.date, *, by: str, user) -> list[dict]:
    """The figure split by month, by year or by child organisation (for the province one value per prefecture,
    for a prefecture one per county). Rows: ``{"key", "label", "value"}`` (and ``org_id`` by child). Months and
    years with nothing are there with 0; a stock gives its value as of each bucket's last day. By child, rows
    held by the organisation itself come last, labelled as its own, when there are any."""
    indicator = get_indicator(code)
    _gate(indicator, user, org)
    _check_window(start, end)
    if by not in SERIES_BY:
        raise ValidationFailed(_("Split a series by month, year or child organisation."), field="by")
    if by == BY_CHILD:
        return _series_by_child(indicator, org, start, end, user)
    return _series_in_time(indicator, org, start, end, by, user)


def _series_in_time(indicator, org, start, end, by, user) -> list[dict]:
    buckets = _buckets(start, end, by)
    if indicator.parts:
        parts = [_series_in_time(get_indicator(p), org, start, end, by, user) for p in indicator.parts]
        return [{"key": key, "label": key, "value": coerce(indicator, sum(p[i]["value"] for p in parts))}
                for i, (key, _first, _last) in enumerate(buckets)]
    qs = _rows(indicator, user, org)
    if indicator.as_of:  # a stock: one reading per bucket, as of its last day, all in one query
        return _stock_series(indicator, qs, buckets)
    model, lookup = qs.model, indicator.when
    kind = _time_kind(model, lookup)
    qs = qs.filter(_window_q(model, lookup, start, end))
    if kind == "year":
        grouped = qs.values(bucket=models.F(lookup))
    else:
        trunc = TruncMonth if by == BY_MONTH else TruncYear
        tz = {"tzinfo": timezone.get_default_timezone()} if kind == "datetime" else {}
        grouped = qs.annotate(bucket=trunc(lookup, **tz)).values("bucket")
    found = {}
    for row in grouped.annotate(v=_aggregate(indicator)).order_by():
        found[_bucket_key(row["bucket"], by, kind)] = row["v"]
    return [{"key": key, "label": key, "value": coerce(indicator, found.get(key))} for key, _f, _l in buckets]


def _stock_series(indicator, qs, buckets) -> list[dict]:
    """Every bucket's reading (as of its last day) in one query: one filtered aggregate per bucket over the rows
    that exist on some reading day (born by the last one, not gone before the first). Each filter is the very
    condition ``indicator_value`` applies, so a bucket reads what the value as of its last day reads; a distinct
    count stays distinct per bucket (it cannot be added up from changes, so no running total is used)."""
    model, (since, until) = qs.model, indicator.as_of
    first_day, last_day = buckets[0][2], buckets[-1][2]
    qs = qs.filter(_on_or_before(model, since, last_day))
    if until:
        qs = qs.filter(Q(**{f"{until}__isnull": True}) | ~_on_or_before(model, until, first_day))
    readings = qs.aggregate(**{f"b{i}": _aggregate(indicator, filter=_as_of_q(indicator, model, last))
                               for i, (_key, _first, last) in enumerate(buckets)})
    return [{"key": key, "label": key, "value": coerce(indicator, readings[f"b{i}"])}
            for i, (key, _first, _last) in enumerate(buckets)]


def _bucket_key(value, by: str, kind: str) -> str:
    if kind == "year":
        return f"{value:04d}" if by == BY_YEAR else f"{value:04d}-01"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return f"{value.year:04d}-{value.month:02d}" if by == BY_MONTH else f"{value.year:04d}"


def _series_by_child(indicator, org, start, end, user) -> list[dict]:
    if org is None:  # the user's whole scope: one row per organisation at the top of it
        refs = scope.org_refs_at(scope.paths_with(user, indicator.permission))
        own = None
    else:
        refs, own = scope.org_children(org.path), org
    values = _values_by_prefix(indicator, org, start, end, user, [r.path for r in refs])
    rows = [{"key": str(r.pk), "org_id": r.pk, "label": r.name, "value": coerce(indicator, values.get(r.path))}
            for r in refs]
    own_value = values.get(org.path) if own is not None else None
    if own_value:
        rows.append({"key": str(own.pk), "org_id": own.pk, "label": str(_("%(org)s (own)") % {"org": own.name}),
                     "value": coerce(indicator, own_value)})
    return rows


def _values_by_prefix(indicator, org, start, end, user, prefixes: list[str]) -> dict[str, object]:
    """{prefix: value} in one GROUP BY per prefix length: a row belongs to the child whose path starts its own
    (a row of ``org`` itself groups under ``org.path``, which is shorter)."""
    if indicator.parts:
        totals: dict[str, object] = {}
        for code in indicator.parts:
            for key, value in _values_by_prefix(get_indicator(code), org, start, end, user, prefixes).items():
                totals[key] = totals.get(key, 0) + value
        return totals
    qs = _rows(indicator, user, org)
    if indicator.as_of:
        qs = qs.filter(_as_of_q(indicator, qs.model, end))
    else:
        qs = qs.filter(_window_q(qs.model, indicator.when, start, end))
    own = org.path if org is not None else None
    values: dict[str, object] = {}
    for i, length in enumerate(sorted({len(p) for p in prefixes} or {len(own or "")})):
        wanted = {p for p in prefixes if len(p) == length} | ({own} if own is not None and i == 0 else set())
        grouped = (qs.annotate(prefix=Substr(indicator.org_path, 1, length)).values("prefix")
                   .annotate(v=_aggregate(indicator)).order_by())
        for row in grouped:
            if row["prefix"] in wanted and row["v"]:
                values[row["prefix"]] = row["v"]
    return values


def as_json_value(value) -> str | int:
    """Decimal figures go out as strings (as money does everywhere in the API)."""
    return f"{value:.2f}" if isinstance(value, Decimal) else value
