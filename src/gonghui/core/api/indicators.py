"""The indicator registry over the API: the figures you may read, and one figure (or its series) for an
organisation's subtree and a window of days. Scoped like everything else: an organisation outside your view is
404, one you see without the figure's permission is 403."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from gonghui.core import indicators, scope
from gonghui.core.errors import NotFound

from .schemas import Ref

router = Router(tags=["indicators"])

FigureValue = int | str  # counts are integers; yuan and m² are decimal strings with two places ("1234.50")


class IndicatorOut(Schema):
    code: str = Field(description="Stable code, e.g. mutual_aid.payout_amount.")
    label: str
    definition: str
    unit: str = Field(description="persons, person_times, household_times, yuan, m2 or items.")
    unit_label: str
    aggregation: str = Field(description="count, distinct or sum.")
    kind: str = Field(description="flow: counted over the window; stock: read as of the window's last day.")


class IndicatorQuery(Schema):
    org: int | None = Field(None, description="An organisation id; its whole subtree is counted. "
                                              "Default: everything you reach.")
    start: datetime.date = Field(description="First day of the window (inclusive).")
    end: datetime.date = Field(description="Last day of the window (inclusive); a stock is read as of this day.")
    by: Literal["month", "year", "child"] | None = Field(
        None, description="Also split the figure: by month, by year, or by child organisation.")


class SeriesRow(Schema):
    key: str = Field(description="YYYY-MM, YYYY or the child organisation's id.")
    label: str
    value: FigureValue
    org_id: int | None = None


class IndicatorValueOut(Schema):
    code: str
    unit: str
    org: Ref | None
    start: datetime.date
    end: datetime.date
    value: FigureValue
    by: str | None
    series: list[SeriesRow] | None


def indicator_out(indicator) -> dict:
    return {"code": indicator.code, "label": str(indicator.label), "definition": str(indicator.definition),
            "unit": indicator.unit, "unit_label": indicator.unit_label, "aggregation": indicator.aggregation,
            "kind": indicator.kind}


@router.get("/indicators", response=list[IndicatorOut], summary="The figures you may read")
def indicator_list(request):
    """Every registered figure whose permission you hold somewhere in the tree, with its definition and unit."""
    return [indicator_out(i) for i in indicators.indicators_for(request.auth)]


@router.get("/indicators/{code}", response=IndicatorValueOut, summary="One figure for a subtree and a window")
def indicator_read(request, code: str, params: Query[IndicatorQuery]):
    org = None
    if params.org is not None:
        org = scope.org_ref(params.org)
        if org is None:
            raise NotFound()
    user = request.auth
    value = indicators.indicator_value(code, org, params.start, params.end, user=user)
    series = None
    if params.by:
        series = [{**row, "value": indicators.as_json_value(row["value"])} for row in indicators.indicator_series(
            code, org, params.start, params.end, by=params.by, user=user)]
    return {"code": code, "unit": indicators.get_indicator(code).unit,
            "org": {"id": org.pk, "name": org.name} if org else None, "start": params.start, "end": params.end,
            "value": indicators.as_json_value(value), "by": params.by, "series": series}
