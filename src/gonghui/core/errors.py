"""The application error tree.

Every error a user can cause is an ApplicationError with a stable `code`. The API turns it into an RFC 7807
problem document (core.api); pages show `message` (translated) to the user.
"""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    code = "application_error"
    status = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, code: str | None = None, field: str | None = None, extra=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.field = field
        self.extra = extra or {}
        super().__init__(str(self.message))


class ValidationFailed(ApplicationError):
    code = "validation_failed"
    status = 422
    default_message = _("Some of the data is not valid.")


class NotFound(ApplicationError):
    """Also what an out-of-scope object answers: its existence is not revealed."""

    code = "not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status = 403
    default_message = _("You do not have permission to do this.")


class SamePerson(PermissionDenied):
    """Four eyes: a step that must be taken by someone other than the person who asked for it (a workflow
    transition's ``distinct_from``). A module may raise its own subclass, with its own code."""

    code = "four_eyes"
    default_message = _("Someone else must take this step: not the person who asked for it.")


class Conflict(ApplicationError):
    """The object changed under the request (a double click, two reviewers at once)."""

    code = "conflict"
    status = 409
    default_message = _("This was changed by someone else in the meantime; reload and try again.")


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = _("This step is not possible in the current state.")


class RateLimited(ApplicationError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many attempts; please wait and try again.")


class AuthenticationFailed(ApplicationError):
    code = "authentication_failed"
    status = 401
    default_message = _("Authentication failed.")
