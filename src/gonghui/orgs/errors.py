from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ApplicationError, Conflict, PermissionDenied, SamePerson, ValidationFailed


class OrgError(ApplicationError):
    code = "org_error"


class RoleTooHigh(PermissionDenied):
    code = "role_too_high"
    default_message = _("Only a security administrator grants roles, and none higher than their own, inside "
                        "their part of the tree.")


class InvalidParent(ValidationFailed):
    code = "org_invalid_parent"
    default_message = _("An organisation must sit below an organisation of a higher level.")


class AdministratorRolesApart(PermissionDenied):
    code = "role_administrators_apart"
    default_message = _("The system administrator, the security administrator and the auditor must be three "
                        "different people: this user already holds another of these roles.")


class RoleRequestOwn(SamePerson):
    code = "role_request_own"
    default_message = _("A second person must approve this grant: not the one who asked for it, nor the one who "
                        "receives it.")


class RoleRequestDecided(Conflict):
    code = "role_request_decided"
    default_message = _("This request was already decided.")
