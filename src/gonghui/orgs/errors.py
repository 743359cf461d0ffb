from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ApplicationError, PermissionDenied, ValidationFailed


class OrgError(ApplicationError):
    code = "org_error"


class RoleTooHigh(PermissionDenied):
    code = "role_too_high"
    default_message = _("You may grant only roles of your own family and no higher than your own, inside your "
                        "part of the tree.")


class InvalidParent(ValidationFailed):
    code = "org_invalid_parent"
    default_message = _("An organisation must sit below an organisation of a higher level.")
