"""Reports: a period's figures (participants, contributions, claims and payouts by benefit and by organisation
below), trends over periods for charts, and the Excel export."""

from django.http import HttpResponse
from ninja import Query, Router, Schema

from gonghui.orgs import selectors as org_selectors

from .. import selectors
from ..services.payouts import XLSX_CONTENT_TYPE

router = Router(tags=["mutual aid: reports"])


class ReportParams(Schema):
    org_id: int | None = None


def _org(request, org_id):
    return org_selectors.organisation_get(request.auth, org_id) if org_id else None


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "quantize"):
        return str(value)
    return value


@router.get("/mutual-aid/reports/periods/{period_id}", response=dict, summary="A period's figures")
def report_period(request, period_id: int, params: Query[ReportParams]):
    """For your part of the tree (or ``org_id``'s subtree): participants by category, new and renewing, by
    organisation below; contributions by status; claims and payouts by benefit type, state and organisation."""
    period = selectors.period_get(request.auth, period_id)
    org = _org(request, params.org_id)
    return _jsonable({"period": period.number,
                      "participants": selectors.participants_report(request.auth, period=period, org=org),
                      "contributions": selectors.contributions_report(request.auth, period=period, org=org),
                      "claims": selectors.claims_report(request.auth, period=period, org=org)})


@router.get("/mutual-aid/reports/periods/{period_id}/export", summary="A period's figures as .xlsx",
            response={200: None}, openapi_extra={"responses": {"200": {
                "description": "The workbook", "content": {XLSX_CONTENT_TYPE: {
                    "schema": {"type": "string", "format": "binary"}}}}}})
def report_export(request, period_id: int, params: Query[ReportParams]):
    period = selectors.period_get(request.auth, period_id)
    content = selectors.report_workbook(request.auth, period=period, org=_org(request, params.org_id))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mutual-aid-period-{period.number}.xlsx"'
    return response


@router.get("/mutual-aid/reports/trends", response=dict, summary="Figures over the last periods (for charts)")
def report_trends(request, params: Query[ReportParams]):
    """{"periods": ["第18期", …], "series": [{"code", "name", "data"}]}: participants, contributions, person-times
    helped, benefits paid."""
    return selectors.trends(request.auth, org=_org(request, params.org_id))
