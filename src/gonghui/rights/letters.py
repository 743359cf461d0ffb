"""The rights module's letters, made by core.pdf from the case's facts: the refusal letter (with the reason), the
assignment letter to the lawyer or mediator (委派函) and the mediation feedback letter to the court (委托调解反馈函).
Made when asked for, from what the case records, so a letter always says what the case says."""

from django.utils.translation import gettext as _

from gonghui.core import masking, pdf

from .models import LegalCase

KINDS = ("refusal", "assignment", "feedback")


def available(case: LegalCase, mediation=None) -> list[str]:
    kinds = []
    if case.state == "refused":
        kinds.append("refusal")
    if case.case_worker_id and case.state in ("assigned", "in_progress", "closed"):
        kinds.append("assignment")
    if mediation is not None and mediation.feedback_on:
        kinds.append("feedback")
    return kinds


def _worker(case) -> str:
    return masking.mask_name(case.person.name)


def refusal(case: LegalCase) -> pdf.Document:
    return pdf.Document(
        title=_("Notice of refusal of legal aid"), org_name=case.org.name, reference=case.reference,
        paragraphs=[
            _("%(name)s: we have examined your request for legal aid about a dispute with %(employer)s, received on "
              "%(day)s. We cannot take it up, for the reason below.")
            % {"name": _worker(case), "employer": case.employer_name, "day": case.submitted_on.isoformat()},
            _("You may ask the legal-aid office again with new papers, or apply to labour arbitration yourself; "
              "mind the time limits for a claim."),
        ],
        facts=[(_("Case number"), case.reference), (_("Dispute type"), case.get_dispute_type_display()),
               (_("Reason for refusal"), case.get_refusal_reason_display()), (_("Decided on"), case.decided_on)],
        issued_on=case.decided_on)


def assignment(case: LegalCase) -> pdf.Document:
    worker = case.case_worker
    return pdf.Document(
        title=_("Assignment letter"), org_name=case.org.name, reference=case.reference,
        paragraphs=[
            _("%(lawyer)s (%(body)s): the union assigns you the legal-aid case below. Please contact the worker within "
              "three working days and record each step of the case.")
            % {"lawyer": worker.name, "body": worker.body or worker.get_role_display()},
        ],
        facts=[(_("Case number"), case.reference), (_("Worker"), _worker(case)),
               (_("Employer"), case.employer_name), (_("Employer's credit code"), case.employer_credit_code),
               (_("Dispute type"), case.get_dispute_type_display()), (_("Case type"), case.get_case_type_display()),
               (_("Amount claimed"), case.amount_claimed), (_("Workers involved"), case.workers_involved)])


def feedback(case: LegalCase, mediation) -> pdf.Document:
    agreed = mediation.state in ("agreed", "confirmed")
    result = (_("The parties reached an agreement; we ask the court to confirm it judicially.") if agreed
              else _("The parties did not reach an agreement; we return the case to the court."))
    facts = [(_("Court"), case.court_name), (_("Court case number"), case.court_case_number),
             (_("Case number"), case.reference), (_("Worker"), _worker(case)), (_("Employer"), case.employer_name),
             (_("Points in dispute"), mediation.points_in_dispute)]
    if agreed:
        facts += [(_("Terms of the agreement"), mediation.agreement_terms),
                  (_("Amount agreed"), mediation.agreed_amount)]
    else:
        facts.append((_("Why it goes back to the court"), mediation.return_reason))
    return pdf.Document(
        title=_("Mediation feedback letter"), org_name=case.org.name, reference=case.court_case_number,
        paragraphs=[_("%(court)s: the labour dispute you entrusted to the union for mediation has been mediated.")
                    % {"court": case.court_name}, result],
        facts=facts, issued_on=mediation.feedback_on)


def make(case: LegalCase, kind: str, mediation=None) -> tuple[bytes, str]:
    """The letter's PDF bytes and its file name; ``kind`` must be among ``available``."""
    document = {"refusal": lambda: refusal(case), "assignment": lambda: assignment(case),
                "feedback": lambda: feedback(case, mediation)}[kind]()
    return pdf.render(document), f"{case.reference}-{kind}.pdf"
