"""Who is acting, from where and for which organisation: set once per request by the middleware and read by
the audit log, so services need not pass the request around."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""
    acting_org_id: int | None = None
    channel: str = "system"  # web, mobile, api, cli, system


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("gonghui_request_context", default=None)


def current() -> RequestContext:
    return _current.get() or _EMPTY


def activate(ctx: RequestContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
