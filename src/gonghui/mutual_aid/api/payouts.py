"""Payout batches (create, detail with reconciliation, bank file export, mark paid / failed) and the period's
settlement (start the job, read it with its progress, approve it, its second-payout candidates)."""

from django.http import HttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.errors import NotFound
from gonghui.orgs import selectors as org_selectors

from .. import permissions as P
from .. import selectors, services
from ..services.payouts import XLSX_CONTENT_TYPE
from .schemas import BatchDetailOut, BatchIn, BatchOut, CandidateOut, MarkIn, NoteIn, SettlementOut

router = Router(tags=["mutual aid: payouts and settlement"])


class BatchFilters(Schema):
    period_id: int | None = None
    status: str = ""


class PayoutExportParams(Schema):
    format: str = "xlsx"


def batch_detail_data(batch) -> dict:
    payouts = []
    for payout in selectors.batch_payouts(batch):
        row = selectors.payout_row(payout)
        payouts.append({"claim_id": row["claim_id"], "second_payout_id": row["second_payout_id"],
                        "claim_reference": row["reference"], "payee": row["payee"],
                        "bank_account_masked": row["account_masked"], "amount": payout.amount,
                        "status": payout.status, "failure_reason": payout.failure_reason})
    reconciliation = selectors.batch_reconciliation(batch)
    return {**{f.attname: getattr(batch, f.attname) for f in batch._meta.concrete_fields}, "org": batch.org,
            "payouts": payouts, "reconciliation": {
                "by_status": {k: {"count": v["count"], "amount": str(v["amount"])}
                              for k, v in reconciliation["by_status"].items()},
                "total": str(reconciliation["total"]), "balanced": reconciliation["balanced"]}}


@router.get("/mutual-aid/payout-batches", response=list[BatchOut], summary="List payout batches")
@paginate(KeysetPagination)
def batch_list(request, filters: Query[BatchFilters]):
    return selectors.batch_list(request.auth, period_id=filters.period_id, status=filters.status)


@router.post("/mutual-aid/payout-batches", response={201: BatchDetailOut},
             summary="Batch approved claims (or second payouts)")
def batch_create(request, payload: BatchIn):
    """The approved claims of the union's subtree in the period, except those you filed or approved; with
    ``kind: "second"``, its payable second payouts, except those of a settlement you approved."""
    org = org_selectors.organisation_get(request.auth, payload.org_id)
    period = selectors.period_get(request.auth, payload.period_id)
    batch = services.payout_batch_create(actor=request.auth, org=org, period=period, kind=payload.kind)
    return Status(201, batch_detail_data(batch))


@router.get("/mutual-aid/payout-batches/{batch_id}", response=BatchDetailOut,
            summary="One batch with its payouts and reconciliation")
def batch_detail(request, batch_id: int):
    return batch_detail_data(selectors.batch_get(request.auth, batch_id))


@router.get("/mutual-aid/payout-batches/{batch_id}/export", summary="The bank payment file (audited)",
            response={200: None}, openapi_extra={"responses": {"200": {
                "description": "text/csv (UTF-8 with BOM) or .xlsx with the account numbers in full",
                "content": {"text/csv": {"schema": {"type": "string"}},
                            XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}})
def batch_export(request, batch_id: int, params: Query[PayoutExportParams]):
    batch = selectors.batch_get(request.auth, batch_id)
    content, content_type, name = services.payout_batch_export(actor=request.auth, batch=batch, fmt=params.format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.post("/mutual-aid/payout-batches/{batch_id}/mark", response=BatchDetailOut,
             summary="Mark the batch paid (and some payouts failed)")
def batch_mark(request, batch_id: int, payload: MarkIn):
    batch = selectors.batch_get(request.auth, batch_id)
    services.payout_batch_mark(actor=request.auth, batch=batch, bank_reference=payload.bank_reference,
                               failures={f.claim_id: f.reason for f in payload.failures})
    return batch_detail_data(selectors.batch_get(request.auth, batch_id))


# --- settlement ---------------------------------------------------------------------------------------------

def settlement_data(settlement) -> dict:
    job = settlement.job
    return {"id": settlement.pk, "period_id": settlement.period_id, "status": settlement.status,
            "job_id": job.pk if job else None, "progress_done": job.progress_done if job else 0,
            "progress_total": job.progress_total if job else None, "totals": settlement.totals,
            "started_by": settlement.started_by.username, "started_at": settlement.started_at,
            "approved_by": settlement.reviewed_by.username if settlement.reviewed_by else None,
            "approved_at": settlement.approved_at}


def _settlement(request, period_id: int):
    period = selectors.period_get(request.auth, period_id)
    settlement = selectors.settlement_for_period(period)
    if settlement is None or not P.has_view(request.auth, settlement.scope_path):
        raise NotFound()
    return settlement


@router.post("/mutual-aid/periods/{period_id}/settlement", response={202: SettlementOut},
             summary="Start the settlement job of a closed period")
def settlement_start(request, period_id: int):
    """A background job: poll GET …/settlement (or /jobs/{job_id}) for progress; then approve it."""
    period = selectors.period_get(request.auth, period_id)
    settlement = services.settlement_start(actor=request.auth, period=period)
    settlement.refresh_from_db()
    return Status(202, settlement_data(settlement))


@router.get("/mutual-aid/periods/{period_id}/settlement", response=SettlementOut, summary="The settlement")
def settlement_detail(request, period_id: int):
    return settlement_data(_settlement(request, period_id))


@router.post("/mutual-aid/periods/{period_id}/settlement/approve", response=SettlementOut,
             summary="Approve the settlement: the period is settled")
def settlement_approve(request, period_id: int, payload: NoteIn | None = None):
    settlement = _settlement(request, period_id)
    services.settlement_approve(actor=request.auth, settlement=settlement, note=payload.note if payload else "")
    return settlement_data(_settlement(request, period_id))


@router.get("/mutual-aid/periods/{period_id}/settlement/candidates", response=list[CandidateOut],
            summary="Second-payout candidates")
@paginate(KeysetPagination)
def settlement_candidates(request, period_id: int):
    settlement = _settlement(request, period_id)
    return settlement.candidates.select_related("person", "org").order_by("id")
