"""Reads of persons, units, memberships and transfers, already scoped to the caller."""

import re

from django.core import signing
from django.db.models import Q, QuerySet

from gonghui.core import roles, scope

from .models import Membership, Person, Transfer, Unit

_DIGITS = re.compile(r"^[0-9]{3,4}[0-9Xx]?$")
_LATIN = re.compile(r"^[a-zA-Z]+$")
CARD_SALT = "gonghui.members.card"


def persons_visible(user, permission: str = roles.MEMBERS_VIEW) -> QuerySet[Person]:
    return scope.scoped(Person.objects.select_related("current_org"), user, permission)


def person_search_q(query: str) -> Q:
    """Name (contains), pinyin ("zhangwei") or initials ("zw") as a prefix, or the last digits of the ID or
    mobile number."""
    query = (query or "").strip()
    if not query:
        return Q()
    if _DIGITS.match(query):
        tail = query[-4:].upper()
        return Q(id_tail=tail) | Q(phone_tail=tail)
    if _LATIN.match(query):
        lowered = query.lower()
        return Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered)
    return Q(name__contains=query)


def person_list(user, *, query: str = "", org_id: int | None = None, category: str = "", status: str = "",
                unit_id: int | None = None) -> QuerySet[Person]:
    qs = persons_visible(user).filter(person_search_q(query))
    if org_id:
        from gonghui.orgs.selectors import organisation_get

        org = organisation_get(user, org_id)
        qs = qs.filter(current_org__path__startswith=org.path)
    if category:
        qs = qs.filter(category=category)
    if unit_id:
        qs = qs.filter(memberships__unit_id=unit_id, memberships__status__in=Membership.CURRENT)
    if status:
        qs = qs.filter(memberships__status=status) if status != "none" else qs.filter(current_org__isnull=True)
    return qs.order_by("name", "id")


def person_get(user, person_id, permission: str = roles.MEMBERS_VIEW) -> Person:
    return scope.get_scoped_or_404(Person.objects.select_related("current_org"), user, permission, pk=person_id)


def person_by_id_number(number_hash: str) -> Person | None:
    return Person.objects.filter(id_number_hash=number_hash).first()


def memberships_of(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("org", "unit").order_by("-joined_on", "-id")


def current_membership(person: Person) -> Membership | None:
    return person.memberships.filter(status__in=Membership.CURRENT).select_related("org", "unit").first()


def units_visible(user, permission: str = roles.MEMBERS_VIEW) -> QuerySet[Unit]:
    return scope.scoped(Unit.objects.select_related("org"), user, permission)


def unit_list(user, *, query: str = "", org_id: int | None = None) -> QuerySet[Unit]:
    qs = units_visible(user)
    query = (query or "").strip()
    if query:
        lowered = query.lower()
        qs = qs.filter(Q(name__contains=query) | Q(name_pinyin__startswith=lowered)
                       | Q(name_initials__startswith=lowered) | Q(credit_code=query.upper()))
    if org_id:
        qs = qs.filter(org_id=org_id)
    return qs.order_by("name", "id")


def unit_get(user, unit_id, permission: str = roles.MEMBERS_VIEW) -> Unit:
    return scope.get_scoped_or_404(Unit.objects.select_related("org"), user, permission, pk=unit_id)


def transfers_visible(user) -> QuerySet[Transfer]:
    """Transfers arriving in the user's part of the tree (to decide) or leaving it (to follow)."""
    base = Transfer.objects.select_related("person", "from_org", "to_org", "to_unit", "requested_by",
                                           "decided_by")
    return base.filter(scope.scope_q(user, roles.MEMBERS_VIEW, "to_org__path")
                       | scope.scope_q(user, roles.MEMBERS_VIEW, "from_org__path"))


def transfer_queue(user, *, state: str = Transfer.State.REQUESTED, direction: str = "") -> QuerySet[Transfer]:
    qs = transfers_visible(user)
    if state:
        qs = qs.filter(state=state)
    if direction == "in":
        qs = qs.filter(scope.scope_q(user, roles.TRANSFERS_DECIDE, "to_org__path"))
    elif direction == "out":
        qs = qs.filter(scope.scope_q(user, roles.MEMBERS_VIEW, "from_org__path"))
    return qs.order_by("requested_at", "id")


def transfer_get(user, transfer_id) -> Transfer:
    try:
        return transfers_visible(user).get(pk=transfer_id)
    except (Transfer.DoesNotExist, ValueError, TypeError):
        from gonghui.core.errors import NotFound

        raise NotFound() from None


def transfers_of_person(person: Person) -> QuerySet[Transfer]:
    return person.transfers.select_related("from_org", "to_org").order_by("-requested_at")


# --- member card ----------------------------------------------------------------------------------------

def card_token(membership: Membership) -> str:
    """A signed token naming the card; the QR code carries a URL with it, so card numbers cannot be guessed."""
    return signing.dumps({"c": membership.card_number}, salt=CARD_SALT, compress=True)


def card_lookup(token: str) -> Membership | None:
    try:
        data = signing.loads(token, salt=CARD_SALT)
    except signing.BadSignature:
        return None
    return Membership.objects.select_related("person", "org").filter(card_number=data.get("c")).first()
