"""RFC 7807 problem documents: the one shape of every API error.

Each error answers ``application/problem+json`` with ``type`` (urn:gonghui:error:<code>), ``title``,
``status``, the stable ``code`` and, where they say something, ``detail``, ``field`` and (validation)
``errors``. Unexpected exceptions answer ``internal_error`` with nothing of their internals.
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gonghui.core.errors import ApplicationError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:gonghui:error:"
logger = logging.getLogger("gonghui.api")

HTTP_CODES = {
    400: "bad_request",
    401: "authentication_required",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_too_large",
    422: "validation_failed",
    429: "rate_limited",
}
DEFAULT_RETRY_AFTER_SECONDS = 60


def problem_body(*, code: str, status: int, title: str, detail: str | None = None, field: str | None = None,
                 errors: list | None = None) -> dict:
    body = {"type": TYPE_PREFIX + code, "title": title, "status": status, "code": code}
    if detail and detail != title:
        body["detail"] = detail
    if field:
        body["field"] = field
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(request: HttpRequest, api: NinjaAPI, body: dict) -> HttpResponse:
    response = api.create_response(request, body, status=body["status"])
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def application_error_body(exc: ApplicationError) -> dict:
    generic = str(type(exc).default_message)
    return problem_body(code=exc.code, status=exc.status, title=generic, detail=str(exc.message),
                        field=exc.field)


def _clean_errors(errors: list) -> list[dict]:
    """Keep what a client needs of pydantic's errors: ``ctx``/``input`` may hold objects or personal data."""
    cleaned = []
    for error in errors:
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        cleaned.append({"loc": loc, "msg": str(error.get("msg", "")),
                        "type": str(error.get("type", "invalid"))})
    return cleaned


def install(api: NinjaAPI) -> None:
    """Register the problem handlers on ``api`` (replacing ninja's defaults)."""

    def on_application_error(request, exc: ApplicationError):
        response = problem_response(request, api, application_error_body(exc))
        if exc.status == 429:  # RFC 9110: when to try again (a limiter may say, in extra["retry_after"])
            response["Retry-After"] = str(int(exc.extra.get("retry_after", DEFAULT_RETRY_AFTER_SECONDS)))
        return response

    def on_validation_error(request, exc: ValidationError):
        body = problem_body(code="validation_failed", status=422, title=_("Some of the data is not valid."),
                            errors=_clean_errors(exc.errors))
        return problem_response(request, api, body)

    def on_not_found(request, exc: Http404):
        body = problem_body(code="not_found", status=404, title=_("Not found."))
        return problem_response(request, api, body)

    def on_authentication_error(request, exc: AuthenticationError):
        body = problem_body(code="authentication_required", status=401,
                            title=_("Sign in or send a valid API token."))
        response = problem_response(request, api, body)
        response["WWW-Authenticate"] = 'Bearer realm="gonghui"'
        return response

    def on_http_error(request, exc: HttpError):
        code = HTTP_CODES.get(exc.status_code, "http_error")
        title = str(exc.message)
        if exc.status_code == 403 and "csrf" in title.lower():
            code = "csrf_failed"
            title = _("The CSRF token is missing or wrong; reload the page and try again.")
        return problem_response(request, api, problem_body(code=code, status=exc.status_code, title=title))

    # What Django refuses while reading the request, before any handler sees it: 400/413, never 500.
    def refusal(status: int, code: str, title):
        def on_refused(request, exc: Exception):
            if code == "bad_request":
                logger.warning("refused an unreadable API request %s %s: %s", request.method, request.path,
                               type(exc).__name__)
            return problem_response(request, api, problem_body(code=code, status=status, title=str(title)))

        return on_refused

    def on_unexpected(request, exc: Exception):
        # Logged for the operators; the caller learns only that it failed.
        logger.exception("unhandled error in API %s %s", request.method, request.path)
        body = problem_body(code="internal_error", status=500,
                            title=_("Something went wrong on our side; the error was logged."))
        return problem_response(request, api, body)

    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(ApplicationError, on_application_error)
    api.add_exception_handler(RequestDataTooBig, refusal(413, "request_too_large",
                                                         _lazy("The request body is too large.")))
    api.add_exception_handler(TooManyFieldsSent, refusal(400, "too_many_parameters", _lazy(
        "The request has too many parameters or form fields.")))
    api.add_exception_handler(MultiPartParserError, refusal(400, "bad_multipart", _lazy(
        "The multipart body cannot be read (is its boundary missing?).")))
    api.add_exception_handler(SuspiciousOperation, refusal(400, "bad_request", _lazy("The request cannot be read.")))
