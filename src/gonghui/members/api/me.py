"""Who am I: the signed-in user, their grants, and for a worker their person (masked) and member card."""

from ninja import Router

from gonghui.core import scope
from gonghui.orgs import selectors as org_selectors

from .. import selectors
from .schemas import MeOut

router = Router(tags=["me"])


def _grants(user) -> list[dict]:
    held = scope.all_grants(user)
    names = {org.pk: org.name for org in org_selectors.acting_organisations(user)}
    return [{"org": {"id": g.org_id, "name": names.get(g.org_id, str(g.org_id))}, "org_level": g.org_level,
             "role": g.role_code, "role_label": str(g.role.label), "permissions": sorted(g.permissions)}
            for g in held]


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request):
    user = request.auth
    answer = {"user": user, "kind": user.kind, "grants": _grants(user)}
    person = selectors.worker_person(user)  # unverified self-registered identities see nothing of the person
    if person is not None:
        membership = selectors.current_membership(person)
        answer.update(person=person, membership=membership,
                      card_number=membership.card_number if membership else None)
    return answer
