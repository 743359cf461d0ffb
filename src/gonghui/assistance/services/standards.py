"""The minimum-living standards (低保) per county and year, kept by province staff."""

from django.db import transaction

from gonghui.core import audit, scope
from gonghui.core.errors import ValidationFailed
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
