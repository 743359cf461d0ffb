"""The API base: NinjaAPI construction, authentication, problem documents, self-hosted docs.

Every operation authenticates with a personal API token or the browser session (core.api.auth), answers errors
as RFC 7807 problem documents (core.api.problems), and declares those error answers in the OpenAPI document.
The docs page at /api/v1/docs is ninja's Swagger UI served from the app's own static files (ninja ships them):
no CDN, and the online spec validator is switched off, so the page makes no outside request.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import problems
from .auth import ApiTokenAuth, FullSessionAuth
from .schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERROR_RESPONSES = {
    "400": "The request cannot be read: a body that is not JSON, multipart without a boundary, too many parameters.",
    "401": "Not signed in, or the API token is not valid.",
    "403": "Signed in, but not allowed to do this (or the CSRF token is missing).",
    "404": "Not found, or outside your part of the organisation tree.",
    "409": "The object is in a state that does not allow this (e.g. invalid_transition).",
    "422": "The input is not valid.",
    "500": "An unexpected error on the server (internal_error).",
}
BODY_TOO_LARGE = "The request body is larger than the server reads (request_too_large)."


def problem_response_doc(description: str, headers: dict | None = None) -> dict:
    doc = {"description": description, "content": {problems.PROBLEM_CONTENT_TYPE: {"schema": PROBLEM_REF}}}
    if headers:
        doc["headers"] = headers
    return doc


# openapi_extra of an operation that a rate limit guards: declares its 429 with Retry-After.
RATE_LIMITED = {"responses": {"429": problem_response_doc(
    "Too many attempts from this client (rate_limited); try again after Retry-After seconds.",
    headers={"Retry-After": {"description": "Seconds to wait before trying again.",
                             "schema": {"type": "integer", "minimum": 0}}})}}


# openapi_extra of an upload that the service asks for after its scope check, so that a caller out of reach gets
# 404 rather than a validation error about the missing file: optional to ninja (``File(None)``), required in the
# document.
REQUIRED_UPLOAD = {"x-gonghui-required-upload": "file"}


def _require_upload(operation: dict) -> None:
    name = operation.pop("x-gonghui-required-upload", None)
    if not name:
        return
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    body["properties"][name] = {"type": "string", "format": "binary", "title": name.title()}
    body["required"] = sorted({*body.get("required", []), name})


class GonghuiAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Handler names are unique across the API and read better in generated clients than module paths.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem_schema.pop("$defs", {}))
        components["Problem"] = problem_schema
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                operation["responses"] = _string_keys(operation["responses"])
                _require_upload(operation)
                for code, description in ERROR_RESPONSES.items():
                    operation["responses"].setdefault(code, problem_response_doc(description))
                if "requestBody" in operation:
                    operation["responses"].setdefault("413", problem_response_doc(BODY_TOO_LARGE))
        return schema


def _string_keys(responses: dict) -> dict:
    """Status codes as the strings OpenAPI wants. ninja keys its own responses by int; an operation's
    ``openapi_extra`` keys them by string: both "200"s would reach the JSON document (a duplicate key Swagger UI
    cannot read). The explicit (string) one wins."""
    merged = {str(code): value for code, value in responses.items() if not isinstance(code, str)}
    merged.update({code: value for code, value in responses.items() if isinstance(code, str)})
    return merged


def build_api() -> GonghuiAPI:
    api = GonghuiAPI(
        title="Gonghui API",
        version="1",
        description="The JSON API of Gonghui (工会). Authentication, pagination, error codes: docs/api.md.",
        urls_namespace="api",
        # Token first: a request that carries a token never needs the session's CSRF check.
        auth=[ApiTokenAuth(), FullSessionAuth()],
        docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    )
    problems.install(api)
    return api
