"""Member export as a file: the member list's filters, CSV or .xlsx, masked unless allowed and reasoned."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from .. import exports

router = Router(tags=["persons"])


class ExportParams(Schema):
    format: Literal["csv", "xlsx"] = "csv"
    q: str = Field("", max_length=100)
    org_id: int | None = None
    category: Literal["employee", "migrant", "new_form"] | None = None
    status: Literal["active", "retired", "transferred", "lapsed", "none"] | None = None
    unmasked: bool = False
    reason: str = Field("", max_length=500)


@router.get("/persons/export", summary="Export persons to CSV or Excel",
            response={200: None}, openapi_extra={"responses": {"200": {
                "description": "The file: text/csv (UTF-8 with BOM) or .xlsx",
                "content": {"text/csv": {"schema": {"type": "string"}},
                            exports.XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}})
def person_export(request, params: Query[ExportParams]):
    """Persons in your export scope with the member list's filters (``q``, ``org_id``, ``category``,
    ``status``). ID and mobile numbers are masked unless ``unmasked=true`` with a ``reason``, which needs
    members.view_sensitive over the whole export. The first line names who exported the file and when; every
    export is written to the audit log."""
    filters = exports.ExportFilters(query=params.q, org_id=params.org_id, category=params.category or "",
                                    status=params.status or "")
    export = exports.member_export(actor=request.auth, fmt=params.format, filters=filters,
                                   unmasked=params.unmasked, reason=params.reason)
    return exports.http_response(export)
