"""Error codes of the hardship-worker module (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed


class PersonInAnotherFile(Conflict):
    code = "hardship_person_in_another_file"
    default_message = _("This person already belongs to an active hardship file (one household, one file).")


class StandardMissing(ValidationFailed):
    code = "hardship_standard_missing"
    default_message = _("There is no minimum-living standard (低保) for this county and year yet.")


class ReasonRequired(ValidationFailed):
    code = "hardship_reason_required"
    default_message = _("Choose a coded reason.")


class DocumentsMissing(ValidationFailed):
    code = "hardship_documents_missing"
    default_message = _("The home visit needs its photos and the signed authorisation to check family finances.")


class NoticeNotOver(ValidationFailed):
    code = "hardship_notice_not_over"
    default_message = _("The public notice has not run its days yet.")


class CategoryRequired(ValidationFailed):
    code = "hardship_category_required"
    default_message = _("Confirm a category the rules allow before approving.")


class Ineligible(ValidationFailed):
    code = "hardship_ineligible"
    default_message = _("The cross-check found an exclusion: the household cannot be filed.")


class LevelTooLow(Conflict):  # a rule of levels, not a missing permission: 409, like a step out of order
    code = "hardship_level_too_low"
    default_message = _("Hardship files are approved at county level or above.")


class FundInsufficient(Conflict):
    code = "hardship_fund_insufficient"
    default_message = _("The fund's balance does not cover this aid.")


class YearlyLimitExceeded(ValidationFailed):
    code = "hardship_yearly_limit"
    default_message = _("This aid would pass the household's yearly limit for its kind.")


class SamePerson(PermissionDenied):
    code = "hardship_same_person"
    default_message = _("Proposer, approver and payer of aid must be different people.")


class FileNotFiled(ValidationFailed):
    code = "hardship_file_not_filed"
    default_message = _("Aid goes only to filed households.")


class EvidenceRequired(ValidationFailed):
    code = "hardship_evidence_required"
    default_message = _("An exit needs its evidence.")


class NotAWorker(ValidationFailed):
    code = "hardship_not_a_worker"
    default_message = _("Only a worker with a verified member record applies here.")
