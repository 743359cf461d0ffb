"""The public card verification page that a member card's QR code opens (no sign-in)."""

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from gonghui.core import audit
from gonghui.core.middleware import client_ip

from .. import selectors

# Enough for a service desk scanning a queue of workers; far too few to walk through card tokens.
VERIFY_LIMIT_PER_MINUTE = 30


def _over_limit(request) -> bool:
    key = f"gonghui:card_verify:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, 60)
    try:
        return cache.incr(key) > VERIFY_LIMIT_PER_MINUTE
    except ValueError:
        cache.set(key, 1, 60)
        return False


@never_cache
def verify(request, token: str):
    if _over_limit(request):
        return render(request, "members/card/verify.html", {"rate_limited": True}, status=429)
    membership = selectors.card_lookup(token)
    valid = membership is not None and membership.is_current
    if membership is None:
        audit.record("card.verify", result="failure", object_type="members.membership",
                     detail={"valid": False, "reason": "token"})
    else:
        audit.record("card.verify", obj=membership, object_label=membership.card_number,
                     result="success" if valid else "failure", detail={"valid": valid})
    context = {"valid": valid}
    if valid:
        context.update(name_masked=membership.person.name_masked, union=membership.org.name)
    return render(request, "members/card/verify.html", context)
