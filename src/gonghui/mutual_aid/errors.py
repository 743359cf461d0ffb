"""Error codes of medical mutual aid (each an ApplicationError with a stable code; see docs/mutual-aid.md)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed


class PeriodNotOpen(Conflict):
    code = "ma_period_not_open"
    default_message = _("The period is not open.")


class PeriodNumberTaken(Conflict):
    code = "ma_period_number_taken"
    default_message = _("A period with this number already exists.")


class PeriodDatesInvalid(ValidationFailed):
    code = "ma_period_dates_invalid"
    default_message = _("The dates of the period do not fit together.")


class PlanMissing(ValidationFailed):
    code = "ma_plan_missing"
    default_message = _("The period has no benefit plan yet.")


class PlanInUse(Conflict):
    code = "ma_plan_in_use"
    default_message = _("Claims already use this plan version: make a new version instead of changing it.")


class EnrolmentClosed(Conflict):
    code = "ma_enrolment_closed"
    default_message = _("Enrolment is closed for this period: ask for a late enrolment instead.")


class EnrolmentLocked(Conflict):
    code = "ma_enrolment_locked"
    default_message = _("The enrolment deadline has passed: the enrolment can no longer be changed.")


class NotEligible(ValidationFailed):
    code = "ma_not_eligible"
    default_message = _("This person cannot be enrolled.")


class LateReasonRequired(ValidationFailed):
    code = "ma_late_reason_required"
    default_message = _("A late enrolment needs a reason.")


class SharesInvalid(ValidationFailed):
    code = "ma_shares_invalid"
    default_message = _("This number of shares is not allowed in the period.")


class PaymentDuplicate(Conflict):
    code = "ma_payment_duplicate"
    default_message = _("A payment with this bank reference is already recorded.")


# --- claims: the refusals given at once ---------------------------------------------------------------

class NotCovered(ValidationFailed):
    code = "ma_not_covered"
    default_message = _("The person is not enrolled in a period covering the admission date.")


class CoverNotActive(ValidationFailed):
    code = "ma_cover_not_active"
    default_message = _("The person's cover is not active (the contribution is not paid in full, or the "
                        "enrolment is awaiting approval).")


class OutsideCover(ValidationFailed):
    code = "ma_outside_cover"
    default_message = _("The admission date is outside the person's cover.")


class ClaimDeadlinePassed(ValidationFailed):
    code = "ma_claim_deadline_passed"
    default_message = _("The deadline for claims of this period has passed.")


class InWaitingPeriod(ValidationFailed):
    code = "ma_waiting_period"
    default_message = _("The admission falls within the waiting period for new joiners: no benefit is due.")


class DuplicateInvoice(Conflict):
    code = "ma_duplicate_invoice"
    default_message = _("This invoice (number and hospital) has already been claimed.")


class MissingDocuments(ValidationFailed):
    code = "ma_missing_documents"
    default_message = _("Required documents are missing.")


class ClaimDataInvalid(ValidationFailed):
    code = "ma_claim_invalid"
    default_message = _("The claim is not complete or not consistent.")


class DocumentInvalid(ValidationFailed):
    code = "ma_document_invalid"
    default_message = _("Only JPEG or PNG photos and PDF files up to 10 MB are accepted.")


class ClaimNotEditable(Conflict):
    code = "ma_claim_not_editable"
    default_message = _("The claim can no longer be changed.")


# --- review and payment -------------------------------------------------------------------------------

class SeparationOfDuties(PermissionDenied):
    code = "ma_separation_of_duties"
    default_message = _("The person who files, the person who approves and the person who pays a claim must be "
                        "different people.")


class BankChangeOwnRequest(SeparationOfDuties):
    """Four eyes on a change of the payee's bank account (workflows.BANK_CHANGE_FLOW)."""

    default_message = _("Someone else must review the bank account change you asked for.")


class BankChangeDecided(Conflict):
    code = "ma_bank_change_decided"
    default_message = _("This bank account change was already decided.")


class SecondApproverNotAbove(PermissionDenied):
    code = "ma_second_approver_not_above"
    default_message = _("The second approval must come from the level above the first approver.")


class ReasonRequired(ValidationFailed):
    code = "ma_reason_required"
    default_message = _("Please give a reason.")


class NothingToPay(ValidationFailed):
    code = "ma_nothing_to_pay"
    default_message = _("There are no approved claims to pay here.")


class BatchNotOpen(Conflict):
    code = "ma_batch_closed"
    default_message = _("This batch is already closed.")


class BatchNotExported(Conflict):
    code = "ma_batch_not_exported"
    default_message = _("Export the bank file of this batch before marking it paid: the bank can only have paid "
                        "what it was sent.")


class SettlementNotReady(Conflict):
    code = "ma_settlement_not_ready"
    default_message = _("The period cannot be settled in its current state.")


class NothingDue(ValidationFailed):
    code = "ma_nothing_due"
    default_message = _("The benefit comes to nothing (below the deductible, or the cap is used up): reject the "
                        "claim with the reason instead.")
