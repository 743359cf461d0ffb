"""Check a roster file: read and clean each row (core.imports), find the unit, the person and their current
membership inside the officer's part of the tree, then ask the enrolment service who may join and why not.
Writes nothing; the commit job runs the same check inside its transaction."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.imports import CellError, ImportFileError, RowErrors, find_header, read_rows
from gonghui.core.imports.cells import compact, identity_number, is_blank, text
from gonghui.core.imports.cells import name as name_cell
from gonghui.core.imports.headers import is_total_row
from gonghui.core.validators import parse_resident_id
from gonghui.members import selectors as member_selectors
from gonghui.members import services as member_services

from ..models import Enrolment
from ..services import enrolment as enrolment_services
from .columns import COLUMNS, NO, YES, category_map

LOOKUP_CHUNK = 1000
SHOWN_REFUSALS = 200  # refused rows listed on the job page (all of them are in the report)


@dataclass
class RosterRow:
    number: int
    name: str
    id_hash: str
    unit_code: str
    unit_name: str
    shares: int
    basic_insurance: bool
    category: str


@dataclass
class UnitGroup:
    unit: object
    shares: int
    memberships: list = field(default_factory=list)
    without_insurance: set = field(default_factory=set)
    rows: dict = field(default_factory=dict)  # person id -> file row


@dataclass
class Checked:
    rows: int = 0
    errors: RowErrors = field(default_factory=RowErrors)
    groups: dict = field(default_factory=dict)  # unit id -> UnitGroup
    eligible: int = 0
    refused: list = field(default_factory=list)  # (row, name, unit name, [reason labels])
    already_enrolled: int = 0
    warnings: list = field(default_factory=list)
    header_row: int = 0


def _same_name(a: str, b: str) -> bool:
    return "".join(unicodedata.normalize("NFKC", a).split()) == "".join(unicodedata.normalize("NFKC", b).split())


def _shares(value) -> int:
    if is_blank(value):
        return 1
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = compact(value)
    if not cleaned.isdigit():
        raise CellError(_("The shares must be a whole number."))
    return int(cleaned)


def _parse(row, header, errors: RowErrors, categories: dict) -> RosterRow | None:
    names = header.header
    values = row.values
    problems = len(errors)

    def cell(key, clean, column_key=None):
        try:
            return clean(header.get(values, key))
        except CellError as exc:
            errors.add(row.number, names.get(column_key or key, ""), exc.reason)
        except ValidationFailed as exc:
            errors.add(row.number, names.get(column_key or key, ""), exc.message)
        return None

    name = cell("name", name_cell) or ""
    if not name and len(errors) == problems:
        errors.add(row.number, names.get("name", ""), _("The name is missing."))
    number = cell("id_number", lambda v: parse_resident_id(identity_number(v)).number)
    unit_code = (cell("unit_code", compact) or "").upper()
    unit_name = cell("unit_name", text) or ""
    if not unit_code and not unit_name:
        errors.add(row.number, names.get("unit_code") or names.get("unit_name", ""),
                   _("Give the unit's credit code or its name."))
    shares = cell("shares", _shares) or 1
    insured = (cell("basic_insurance", compact) or "").lower()
    if insured not in YES and insured not in NO:
        errors.add(row.number, names.get("basic_insurance", ""), _("Write yes or no (是 / 否)."))
    category = (cell("category", text) or "").lower()
    if category and category not in categories:
        errors.add(row.number, names.get("category", ""), _("Unknown worker category."))
    if len(errors) != problems:
        return None
    return RosterRow(row.number, name, member_services.id_number_hash(number), unit_code, unit_name, shares,
                     insured in YES, categories.get(category, ""))


def read_roster(path: str, filename: str, errors: RowErrors, progress) -> tuple[list[RosterRow], int, dict, int]:
    """The clean rows (rows with a fault are in ``errors``), the number of rows read, the header names and the
    header's row number."""
    rows = read_rows(path, filename=filename)
    header = find_header(rows, COLUMNS)
    if "unit_code" not in header.index and "unit_name" not in header.index:
        raise ImportFileError(_("The header row needs a unit column: the credit code or the unit's name."),
                              code="import_columns_missing")
    categories = category_map()
    parsed, seen, count = [], {}, 0
    serial = header.index.get("serial")
    for row in rows:
        if errors.truncated:  # enough to report: stop reading (the count is then "at least")
            break
        # Blank rows, rows holding only their serial number (a pre-numbered template) and a totals row are skipped
        if all(is_blank(v) for i, v in enumerate(row.values) if i != serial) or is_total_row(row.values):
            continue
        count += 1
        clean = _parse(row, header, errors, categories)
        if clean is None:
            continue
        first = seen.setdefault(clean.id_hash, clean.number)
        if first != clean.number:
            errors.add(clean.number, header.header.get("id_number", ""),
                       _("The same ID number is already on row %(row)s of this file.") % {"row": first})
            continue
        parsed.append(clean)
        if count % LOOKUP_CHUNK == 0:
            progress(count)
    return parsed, count, header.header, header.row_number


def _units(actor, org, rows: list[RosterRow]) -> tuple[dict, dict]:
    codes = {r.unit_code for r in rows if r.unit_code}
    names = {r.unit_name for r in rows if r.unit_name and not r.unit_code}
    units = member_selectors.units_visible(actor).filter(org__path__startswith=org.path).filter(
        Q(credit_code__in=codes) | Q(name__in=names))
    by_code, by_name = {}, defaultdict(list)
    for unit in units:
        if unit.credit_code:
            by_code[unit.credit_code.upper()] = unit
        by_name[unit.name].append(unit)
    return by_code, by_name


def _people(actor, org, rows: list[RosterRow]) -> tuple[dict, dict]:
    """Persons by ID hash and their current memberships, both inside ``org``'s subtree."""
    persons, memberships = {}, {}
    hashes = [r.id_hash for r in rows]
    for start in range(0, len(hashes), LOOKUP_CHUNK):
        found = member_selectors.persons_visible(actor).filter(
            id_number_hash__in=hashes[start:start + LOOKUP_CHUNK], current_org__path__startswith=org.path)
        persons.update({p.id_number_hash: p for p in found})
    ids = [p.pk for p in persons.values()]
    for start in range(0, len(ids), LOOKUP_CHUNK):
        current = member_selectors.membership_list(actor).filter(
            person_id__in=ids[start:start + LOOKUP_CHUNK], status__in=enrolment_services.CURRENT,
            org__path__startswith=org.path).select_related("person")
        memberships.update({m.person_id: m for m in current})
    return persons, memberships


def _group(row: RosterRow, unit, membership, checked: Checked, names: dict) -> None:
    group = checked.groups.get(unit.pk)
    if group is None:
        group = checked.groups[unit.pk] = UnitGroup(unit=unit, shares=row.shares)
    elif group.shares != row.shares:
        checked.errors.add(row.number, names.get("shares", ""),
                           _("Every member of a unit holds the same number of shares (%(shares)s on the first row "
                             "of this unit).") % {"shares": group.shares})
        return
    group.memberships.append(membership)
    group.rows[membership.person_id] = row
    if not row.basic_insurance:
        group.without_insurance.add(membership.person_id)


def _resolve(actor, org, period, rows: list[RosterRow], checked: Checked, names: dict) -> None:
    by_code, by_name = _units(actor, org, rows)
    persons, memberships = _people(actor, org, rows)
    unit_column = names.get("unit_code") or names.get("unit_name", "")
    for row in rows:
        if row.unit_code:
            unit = by_code.get(row.unit_code)
        else:
            matches = by_name.get(row.unit_name, [])
            unit = matches[0] if len(matches) == 1 else None
            if len(matches) > 1:
                checked.errors.add(row.number, unit_column,
                                   _("Several units have this name; give the unit's credit code."))
                continue
        if unit is None:
            checked.errors.add(row.number, unit_column, _("No unit with this code or name in your part of the tree."))
            continue
        person = persons.get(row.id_hash)
        membership = memberships.get(person.pk) if person else None
        if membership is None:
            checked.errors.add(row.number, names.get("id_number", ""),
                               _("No current member with this ID number in your part of the tree."))
            continue
        if not _same_name(person.name, row.name):
            checked.errors.add(row.number, names.get("name", ""),
                               _("The name does not match the member record of this ID number."))
            continue
        if membership.unit_id != unit.pk:
            checked.errors.add(row.number, unit_column, _("The member record names another unit: %(unit)s.")
                               % {"unit": membership.unit.name if membership.unit_id else _("none")})
            continue
        if row.category and row.category != person.category:
            checked.errors.add(row.number, names.get("category", ""),
                               _("The member record gives another worker category: %(category)s.")
                               % {"category": person.get_category_display()})
            continue
        if not 1 <= row.shares <= period.max_shares:
            checked.errors.add(row.number, names.get("shares", ""),
                               _("Between 1 and %(max)s shares per person in this period.")
                               % {"max": period.max_shares})
            continue
        _group(row, unit, membership, checked, names)


def _assess(actor, period, checked: Checked) -> None:
    """Eligibility per person (the enrolment service's rules) and the threshold per unit."""
    unit_ids = list(checked.groups)
    roster_sizes = {r["unit_id"]: r["n"] for r in member_selectors.membership_list(actor).filter(
        unit_id__in=unit_ids, status__in=enrolment_services.CURRENT).order_by().values("unit_id").annotate(
        n=Count("id"))}
    counted = {r["unit_id"]: r["n"] for r in Enrolment.objects.filter(
        period=period, unit_id__in=unit_ids, status__in=Enrolment.COUNTED).order_by().values("unit_id").annotate(
        n=Count("id"))}
    for group in checked.groups.values():
        unit = group.unit
        eligible, refused, _before = enrolment_services.assess(
            period, group.memberships, without_insurance=group.without_insurance, org=unit.org)
        checked.eligible += len(eligible)
        for refusal in refused:
            if refusal.reasons == ["already_enrolled"]:
                checked.already_enrolled += 1
            checked.refused.append((group.rows[refusal.person_id].number, refusal.name, unit.name, refusal.labels))
        staff = enrolment_services.unit_staff(unit, roster_size=roster_sizes.get(unit.pk, 0))
        warning = enrolment_services.threshold_warning(period, staff=staff,
                                                       participants=counted.get(unit.pk, 0) + len(eligible))
        if warning:
            checked.warnings.append(_("%(unit)s: %(warning)s") % {"unit": unit.name, "warning": warning})
    checked.refused.sort()


def check_roster(*, actor, period, org, path: str, filename: str, progress) -> Checked:
    checked = Checked()
    rows, checked.rows, names, checked.header_row = read_roster(path, filename, checked.errors, progress)
    if checked.rows == 0:
        raise ValidationFailed(_("The sheet has a header row but no member rows."), code="import_no_rows")
    _resolve(actor, org, period, rows, checked, names)
    progress(checked.rows)
    _assess(actor, period, checked)
    return checked
