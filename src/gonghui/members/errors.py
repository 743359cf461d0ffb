from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ApplicationError, Conflict, ValidationFailed


class MemberError(ApplicationError):
    code = "member_error"


class DuplicatePerson(Conflict):
    code = "person_duplicate_id_number"
    default_message = _("A person with this ID number is already registered.")


class DuplicatePhone(Conflict):
    code = "person_duplicate_phone"
    default_message = _("This mobile number already belongs to another person.")


class DuplicateCreditCode(Conflict):
    code = "unit_duplicate_credit_code"
    default_message = _("A unit with this unified social credit code already exists.")


class AlreadyMember(Conflict):
    code = "already_member"
    default_message = _("This person already has a membership; ask for a transfer instead.")


class NotAMember(ValidationFailed):
    code = "not_a_member"
    default_message = _("This person has no current membership.")


class TransferOpen(Conflict):
    code = "transfer_already_open"
    default_message = _("A transfer for this person is already waiting for a decision.")


class TransferToSameUnion(ValidationFailed):
    code = "transfer_same_union"
    default_message = _("The person is already a member of this union.")


class InvalidTargetUnion(ValidationFailed):
    code = "transfer_invalid_target"
    default_message = _("Members join grassroots unions: choose a grassroots or joint union.")


class ReasonRequired(ValidationFailed):
    code = "reason_required"
    default_message = _("Please give a reason.")
