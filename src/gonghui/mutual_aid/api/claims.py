"""Claims: list (the review queue, or a worker's own), file, change, detail with the arithmetic and history,
documents (multipart upload; each read through the one audited file view its ``url`` names), submit."""

from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.base import REQUIRED_UPLOAD
from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.errors import NotFound
from gonghui.members import selectors as member_selectors

from .. import selectors, services
from ..models import Claim
from ..selectors.claims import age_days, is_overdue
from ..workflows import CLAIM_FLOW
from .schemas import ClaimDetailOut, ClaimIn, ClaimOut, ClaimPatch, CommentIn, DocumentOut

router = Router(tags=["mutual aid: claims"])


class ClaimFilters(Schema):
    state: str = ""
    benefit_type: str = ""
    period_id: int | None = None
    org_id: int | None = None
    q: str = ""
    overdue: bool = False
    all: bool = False


def own_person(user):
    return member_selectors.worker_person(user)


def claim_for(user, claim_id, permission=None) -> Claim:
    """Staff reach claims in their part of the tree; a worker reaches their own."""
    person = own_person(user)
    if person is not None:
        return selectors.my_claim_get(person, claim_id)
    if getattr(user, "is_worker", False):
        raise NotFound()
    return selectors.claim_get(user, claim_id, **({"permission": permission} if permission else {}))


def claim_detail_data(claim: Claim) -> dict:
    calc, recomputed = selectors.claim_calculation(claim)
    return {
        **{f.attname: getattr(claim, f.attname) for f in Claim._meta.concrete_fields if f.attname != "bank_account"},
        "reference": claim.reference, "person": claim.person, "org": claim.org,
        "age_days": age_days(claim), "overdue": is_overdue(claim),
        "bank_account_masked": claim.bank_account_masked,
        "invoice_numbers": list(claim.invoices.values_list("number", flat=True)),
        "plan_version": claim.plan_version.version if claim.plan_version_id else None,
        "steps": selectors.claim_steps(calc), "steps_recomputed": recomputed,
        "remaining_before": calc.remaining_before if calc else None,
        "remaining_after": calc.remaining_after if calc else None,
        "history": [{"transition": log.transition, "from_state": log.from_state, "to_state": log.to_state,
                     "at": log.at, "actor": log.actor.display_name or log.actor.username if log.actor else None,
                     "comment": log.comment} for log in selectors.claim_history(claim)],
        "documents": list(selectors.claim_documents(claim)),
        "missing_documents": [code for code, _label in services.missing_documents(claim)],
        "transitions": [t.name for t in CLAIM_FLOW.available(claim)],
        "bank_account_change": selectors.claim_bank_change_pending(claim),
    }


@router.get("/mutual-aid/claims", response=list[ClaimOut], summary="List claims (the review queue)")
@paginate(KeysetPagination)
def claim_list(request, filters: Query[ClaimFilters]):
    """Staff: open claims (submitted, under review, awaiting second approval) in their part of the tree, oldest
    submission first, with ``age_days`` and ``overdue`` (SLA); ``state`` picks another state, ``all=true``
    every state. A worker: their own claims."""
    person = own_person(request.auth)
    if person is not None:
        return selectors.my_claims(person).order_by("-id")
    if filters.all and not filters.state:
        qs = selectors.claims_visible(request.auth).order_by("-id")
    else:
        qs = selectors.claim_queue(request.auth, state=filters.state, benefit_type=filters.benefit_type,
                                   period_id=filters.period_id, org_id=filters.org_id, query=filters.q,
                                   overdue=filters.overdue).order_by("id")
    return qs


@router.post("/mutual-aid/claims", response={201: ClaimDetailOut}, summary="File a claim (a draft)")
def claim_create(request, payload: ClaimIn):
    """Refused at once, with the reason as the problem's code: ``ma_not_covered``, ``ma_cover_not_active``,
    ``ma_outside_cover``, ``ma_claim_deadline_passed``, ``ma_waiting_period``, ``ma_duplicate_invoice``. Add the
    documents, then submit."""
    person = own_person(request.auth)
    if person is not None:
        if payload.person_id not in (None, person.pk):
            raise NotFound()
    elif getattr(request.auth, "is_worker", False) or payload.person_id is None:
        raise NotFound(field="person_id")
    else:
        person = selectors.person_for_claim(request.auth, payload.person_id)
    data = payload.model_dump(exclude={"person_id"})
    claim = services.claim_file(actor=request.auth, person=person, **data)
    return Status(201, claim_detail_data(claim_for(request.auth, claim.pk)))


@router.get("/mutual-aid/claims/{claim_id}", response=ClaimDetailOut, summary="One claim with its arithmetic")
def claim_detail(request, claim_id: int):
    return claim_detail_data(claim_for(request.auth, claim_id))


@router.patch("/mutual-aid/claims/{claim_id}", response=ClaimDetailOut, summary="Change a draft or returned claim")
def claim_update(request, claim_id: int, payload: ClaimPatch):
    claim = claim_for(request.auth, claim_id)
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    services.claim_update(actor=request.auth, claim=claim, **changes)
    return claim_detail_data(claim_for(request.auth, claim_id))


class DocumentIn(Schema):
    doc_type: str = ""


@router.post("/mutual-aid/claims/{claim_id}/documents", response={201: DocumentOut},
             summary="Attach a document (JPEG, PNG or PDF, at most 10 MB)",
             openapi_extra=REQUIRED_UPLOAD)
def document_upload(request, claim_id: int, payload: Form[DocumentIn], file: UploadedFile | None = File(None)):  # noqa: B008  (the service asks for it after the scope check)
    claim = claim_for(request.auth, claim_id)
    return Status(201, services.claim_document_add(actor=request.auth, claim=claim, doc_type=payload.doc_type,
                                                   upload=file))


@router.delete("/mutual-aid/documents/{document_id}", response={204: None}, summary="Remove a document")
def document_delete(request, document_id: int):
    """A draft or returned claim only (else ``ma_claim_not_editable``, 409); by the worker whose claim it is or
    staff holding claim_file over it. Audited (``mutual_aid.claim.document_remove``)."""
    services.claim_document_remove(actor=request.auth, document=selectors.document_get(request.auth, document_id))
    return Status(204, None)


@router.post("/mutual-aid/claims/{claim_id}/submit", response=ClaimDetailOut, summary="Submit a claim")
def claim_submit(request, claim_id: int, payload: CommentIn | None = None):
    """Refused with ``ma_missing_documents`` (the missing codes in ``extra``) until every document of the plan's
    checklist is attached."""
    claim = claim_for(request.auth, claim_id)
    services.claim_submit(actor=request.auth, claim=claim, comment=payload.comment if payload else "")
    return claim_detail_data(claim_for(request.auth, claim_id))
