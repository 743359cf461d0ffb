"""Access gates for staff pages."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from ..auth import policy


def staff_required(view):
    """Signed in as staff (not a worker) with every sign-in step done; anything else is sent to sign in (or,
    for a worker, does not exist). The middleware checks the steps too; this keeps each view safe alone."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_worker:
            raise Http404
        step = policy.pending_step(request)
        if step:
            return redirect(step)
        return view(request, *args, **kwargs)

    return wrapper
