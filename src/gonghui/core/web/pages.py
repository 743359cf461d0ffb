"""What every staff page shares: the staff-only gate, calling a service with its ApplicationError turned into
form errors or messages, and pagination that keeps the filters. One mechanism for every app's pages."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404

from gonghui.core import scope
from gonghui.core.errors import ApplicationError, NotFound
from gonghui.core.web.decorators import staff_required

PAGE_SIZE = 50


def staff_view(view):
    """Signed-in staff with every sign-in step done (core's staff_required: workers get 404); an out-of-scope
    object (core NotFound from a selector or service) answers 404 too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return staff_required(wrapper)


@dataclass
class Outcome:
    ok: bool
    result: object = None
    error: ApplicationError | None = None


def call_service(request, service, /, *, form=None, success=None, **kwargs) -> Outcome:
    """Run ``service(**kwargs)``. An ApplicationError becomes an error on the form field it names
    (``e.field``), else a form-wide error, else a message on the next page. NotFound is left to staff_view
    (404). ``success`` is the message shown when it worked."""
    try:
        result = service(**kwargs)
    except NotFound:
        raise
    except ApplicationError as exc:
        if form is not None:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc.message))
        else:
            messages.error(request, exc.message)
        return Outcome(ok=False, error=exc)
    if success:
        messages.success(request, success)
    return Outcome(ok=True, result=result)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page (out-of-range numbers give the last page) and the query string without ``page``,
    for the page links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def require_anywhere(user, permission: str) -> None:
    """Pages that only make sense with a permission somewhere (add forms, pickers) do not exist without it."""
    if not scope.has_perm(user, permission):
        raise Http404


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
