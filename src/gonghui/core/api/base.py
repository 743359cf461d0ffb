"""The API base: NinjaAPI construction, authentication, RFC 7807 problem documents."""

from ninja import NinjaAPI
from ninja.security import SessionAuth

from gonghui.core.errors import ApplicationError


def problem(request, api, exc: ApplicationError):
    body = {"type": f"urn:gonghui:error:{exc.code}", "title": str(exc.message), "status": exc.status,
            "code": exc.code}
    if exc.field:
        body["field"] = exc.field
    response = api.create_response(request, body, status=exc.status)
    response["Content-Type"] = "application/problem+json"
    return response


def build_api() -> NinjaAPI:
    api = NinjaAPI(title="Gonghui API", version="1", urls_namespace="api", auth=[SessionAuth()])
    api.add_exception_handler(ApplicationError, lambda request, exc: problem(request, api, exc))
    return api
