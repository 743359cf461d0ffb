"""What the staff and the worker claim pages share: the claim's arithmetic, history and documents as the
templates show them. A document's file is read through the one audited file view (``staff:file``, or
``m_files:file`` for the worker whose file it is)."""

from .. import selectors, services
from ..plans import BENEFIT_LABELS
from ..workflows import CLAIM_FLOW


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
            "history": list(selectors.claim_history(claim)), "documents": files,
            "missing": missing, "document_choices": [(code, str(label)) for code, label in documents],
            "invoices": list(claim.invoices.values_list("number", flat=True)),
            "editable": claim.state in services.claims.EDITABLE_STATES, **arithmetic(claim)}
