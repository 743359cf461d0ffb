"""The minimum-living standards (低保) per county and year, kept by province staff."""

from decimal import Decimal

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core import audit, scope
from gonghui.core.errors import ValidationFailed
from gonghui.core.imports import Column, RowErrors, cells, find_header, read_rows
from gonghui.core.imports.cells import is_blank
from gonghui.core.imports.uploads import local_copy, store_upload
from gonghui.core.money import parse_amount

from ..models import MinimumLivingStandard
from ..roles import STANDARDS


def standard_set(*, actor, county_code: str, year: int, monthly) -> MinimumLivingStandard:
    scope.require(actor, STANDARDS)
    county_code = str(county_code or "").strip()
    if not county_code.isdigit() or len(county_code) != 6:
        raise ValidationFailed(code="hardship_county_invalid", field="county_code")
    if not 2000 <= int(year) <= 2100:
        raise ValidationFailed(code="hardship_year_invalid", field="year")
    monthly = parse_amount(monthly, allow_zero=False, field="monthly")
    with transaction.atomic():
        row, _ = MinimumLivingStandard.objects.update_or_create(county_code=county_code, year=int(year),
                                                                defaults={"monthly": monthly})
        audit.record("assistance.standard.set", actor=actor, obj=row,
                     detail={"county": county_code, "year": int(year), "monthly": str(monthly)})
    return row


COLUMNS = [
    Column("county_code", _("County code"), ("区县代码", "行政区划代码", "county"), required=True),
    Column("year", _("Year"), ("年度", "年份"), required=True),
    Column("monthly", _("Monthly standard (yuan per person)"), ("低保标准", "月低保标准", "monthly"), required=True),
]


def standards_import(*, actor, upload) -> tuple[int, RowErrors]:
    """The county 低保 table from Excel (.xlsx) or CSV through the import kit: each row checked (six-digit county
    code, a year, an amount in yuan); any error and nothing is written (the errors name row, column and reason),
    else every row is set at once. Small (a province has ~130 counties a year): read at once, no job."""
    scope.require(actor, STANDARDS)
    stored, filename = store_upload(upload)
    errors = RowErrors()
    rows: list[tuple[str, int, Decimal, int]] = []
    try:
        with local_copy(stored) as path:
            reader = read_rows(path, filename=filename)
            header = find_header(reader, COLUMNS)
            for row in reader:
                values = {key: row.values[i] if i < len(row.values) else None for key, i in header.index.items()}
                if all(is_blank(v) for v in values.values()):
                    continue
                county = cells.compact(values["county_code"])
                if isinstance(values["county_code"], float | int):
                    county = str(int(values["county_code"]))
                if not (county.isdigit() and len(county) == 6):
                    errors.add(row.number, header.header["county_code"], _("A six-digit county code."))
                    continue
                try:
                    year = int(values["year"])
                    if not 2000 <= year <= 2100:
                        raise ValueError
                except (TypeError, ValueError):
                    errors.add(row.number, header.header["year"], _("A year such as 2026."))
                    continue
                raw = values["monthly"]
                try:
                    monthly = parse_amount(str(raw) if isinstance(raw, int | float) else raw, allow_zero=False)
                except ValidationFailed:
                    errors.add(row.number, header.header["monthly"], _("An amount in yuan, e.g. 720.00."))
                    continue
                rows.append((county, year, monthly, row.number))
    finally:
        default_storage.delete(stored)
    if errors.total or not rows:
        if not rows and not errors.total:
            errors.add(0, "", _("The file has no rows."))
        return 0, errors
    with transaction.atomic():
        for county, year, monthly, _number in rows:
            MinimumLivingStandard.objects.update_or_create(county_code=county, year=year,
                                                           defaults={"monthly": monthly})
        audit.record("assistance.standard.set", actor=actor, object_type="assistance.minimumlivingstandard",
                     detail={"imported": len(rows), "file": filename[-100:]})
    return len(rows), errors
