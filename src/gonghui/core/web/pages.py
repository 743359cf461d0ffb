"""What every staff page shares: the staff-only gate, calling a service with its ApplicationError turned into
form errors or messages, and pagination that keeps the filters. One mechanism for every app's pages."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property

from gonghui.core import scope
from gonghui.core.errors import ApplicationError, NotFound
from gonghui.core.web.decorators import staff_required

PAGE_SIZE = 50
# Counting a scoped list of millions of members takes seconds (COUNT(*) over the whole subtree): lists count
# up to this many and then say "more than", which is all a reader of page 1 needs.
COUNT_LIMIT = 1_000


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


class CappedPaginator(Paginator):
    """A paginator whose count stops at ``count_limit``: ``SELECT COUNT(*) FROM (SELECT … LIMIT n+1)`` reads
    at most n+1 rows. Past the limit, ``count_capped`` is true, ``count`` is the limit and the pages end
    there (the reader narrows the filters to go further)."""

    def __init__(self, object_list, per_page, *, count_limit: int = COUNT_LIMIT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_limit = count_limit

    @cached_property
    def _capped_count(self) -> int:
        items = self.object_list
        if hasattr(items, "order_by") and hasattr(items, "count"):
            # No ORDER BY in the count: with a LIMIT the database would otherwise sort the whole list first.
            return items.order_by()[: self.count_limit + 1].count()
        return len(items[: self.count_limit + 1])

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.count_limit)

    @property
    def count_capped(self) -> bool:
        return self._capped_count > self.count_limit


def paginate(request, queryset, per_page: int = PAGE_SIZE, count_limit: int | None = None):
    """The requested page (out-of-range numbers give the last page) and the query string without ``page``,
    for the page links. The count stops at ``count_limit`` (see CappedPaginator)."""
    page = CappedPaginator(queryset, per_page, count_limit=count_limit or COUNT_LIMIT).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def queue_filter(request, choices, *, queue: str, date_field: str) -> tuple[str, tuple[str, str], dict]:
    """A queue page's status filter: ``?status=`` one of ``choices`` (the queue's own state by default; "all" or
    anything else: every state, ""), the order (the queue oldest first, anything else newest first) and the
    context of ``core/_status_filter.html``."""
    status = request.GET.get("status", queue)
    if status not in dict(choices):
        status = ""
    order = (date_field, "id") if status == queue else (f"-{date_field}", "-id")
    return status, order, {"status": status, "statuses": choices}


def require_anywhere(user, permission: str) -> None:
    """Pages that only make sense with a permission somewhere (add forms, pickers) do not exist without it."""
    if not scope.has_perm(user, permission):
        raise Http404


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
