"""Personal API tokens: list, create (shown once), revoke."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..auth import tokens
from ..errors import NotFound
from .decorators import staff_required
from .forms import ApiTokenForm


@never_cache
@staff_required
def api_tokens_view(request):
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = tokens.token_create(user=request.user, name=form.cleaned_data["name"],
                                                expires_at=form.expires_at())
        form = ApiTokenForm()
    context = {"form": form, "new_token": new_token, "tokens": tokens.tokens_of(request.user)}
    return render(request, "staff/auth/api_tokens.html", context)


@require_POST
@staff_required
def api_token_revoke_view(request, token_id: int):
    try:
        tokens.token_revoke(user=request.user, token_id=token_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The token was revoked."))
    return redirect("staff:api_tokens")
