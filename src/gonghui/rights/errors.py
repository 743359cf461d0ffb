"""Error codes of the rights module (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed


class OutcomeNotAllowed(ValidationFailed):
    code = "rights_outcome_not_allowed"
    default_message = _("This outcome does not close a case of this type.")


class RecoveredAmountMissing(ValidationFailed):
    code = "rights_recovered_missing"
    default_message = _("Give the amount recovered and whether it reached the worker.")


class ClosingPaperMissing(ValidationFailed):
    code = "rights_closing_paper_missing"
    default_message = _("Attach the closing document (the agreement, award or judgment) before closing.")


class RefusalReasonMissing(ValidationFailed):
    code = "rights_refusal_reason_missing"
    default_message = _("Choose the reason for the refusal.")


class NotAssignedToYou(PermissionDenied):
    code = "rights_not_assigned"
    default_message = _("Only the lawyer or mediator assigned to the case, or an officer, may do this.")


class CaseWorkerUnavailable(ValidationFailed):
    code = "rights_case_worker_unavailable"
    default_message = _("This lawyer or mediator is not available for the case (inactive, elsewhere or full).")


class RoleCannotClose(PermissionDenied):
    code = "rights_role_cannot_close"
    default_message = _("A mediator closes only mediation and consultation cases.")


class AlreadyRated(Conflict):
    code = "rights_already_rated"
    default_message = _("You have already rated this case.")


class NotClosedYet(Conflict):
    code = "rights_not_closed"
    default_message = _("A case can be rated once it is closed.")


class EmployerMissing(ValidationFailed):
    code = "rights_employer_missing"
    default_message = _("Name the employer, or choose a registered unit.")


class CreditCodeInvalid(ValidationFailed):
    code = "rights_credit_code_invalid"
    default_message = _("This is not a valid unified social credit code.")


class CourtDetailsMissing(ValidationFailed):
    code = "rights_court_missing"
    default_message = _("A court referral needs the court and its case number.")


class MediationOpen(Conflict):
    code = "rights_mediation_open"
    default_message = _("The court referral is still in mediation: record the confirmation or the return first.")


class CaseLocked(Conflict):
    code = "rights_case_locked"
    default_message = _("Someone else is editing this case; try again in a few minutes.")


class GroupRuleBroken(ValidationFailed):
    code = "rights_group_rule"
    default_message = _("This change would break the collective case (one employer, workers not in two cases).")
