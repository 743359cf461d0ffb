"""What the staff and the worker claim pages share: the claim's arithmetic, history and documents as the
templates show them, and the file response of a private document."""


from django.http import FileResponse

from .. import selectors, services
from ..plans import BENEFIT_LABELS
from ..workflows import CLAIM_FLOW


def history_rows(claim) -> list[dict]:
    rows = []
    for log in selectors.claim_history(claim):
        rows.append({"at": log.at, "label": CLAIM_FLOW.step_label(log.transition),
                     "to": CLAIM_FLOW.state_label(log.to_state), "to_state": log.to_state,
                     "actor": (log.actor.display_name or log.actor.username) if log.actor else "",
                     "comment": log.comment})
    return rows


def arithmetic(claim) -> dict:
    calc, recomputed = selectors.claim_calculation(claim)
    return {"steps": selectors.claim_steps(calc), "steps_recomputed": recomputed,
            "remaining_before": calc.remaining_before if calc else None,
            "remaining_after": calc.remaining_after if calc else None,
            "amount": calc.amount if calc else None}


def claim_context(claim) -> dict:
    missing = services.missing_documents(claim) if claim.plan_version_id else []
    rules = claim.plan_version.rules if claim.plan_version_id else None
    documents = rules.required_documents(claim.benefit_type) if rules else []
    files = list(selectors.claim_documents(claim))
    for document in files:
        document.label = str(rules.document_labels.get(document.doc_type, document.doc_type)) if rules else \
            document.doc_type
    return {"claim": claim, "state_label": CLAIM_FLOW.state_label(claim.state),
            "benefit_label": BENEFIT_LABELS.get(claim.benefit_type, claim.benefit_type),
            "history": history_rows(claim), "documents": files,
            "missing": missing, "document_choices": [(code, str(label)) for code, label in documents],
            "invoices": list(claim.invoices.values_list("number", flat=True)),
            "editable": claim.state in services.claims.EDITABLE_STATES, **arithmetic(claim)}


def document_response(document) -> FileResponse:
    """The file itself, for this response only: never cached, never sniffed, shown inline when it is an image
    or a PDF (the type was read from the content on upload)."""
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(document.content_type, "bin")
    response["Content-Disposition"] = f'inline; filename="document-{document.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
