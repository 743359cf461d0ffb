"""Reads of persons, units, memberships and transfers, already scoped to the caller."""

import re

from django.core import signing
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

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
    return Q(name__charcontains=query)


DENSE_MATCHES = 2000  # a character search matching at least this many persons walks the name index


def _few_matches(qs: QuerySet) -> bool:
    return not qs.order_by().values("pk")[DENSE_MATCHES - 1:DENSE_MATCHES].exists()


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
        current = Membership.objects.filter(person=OuterRef("pk"), status__in=Membership.CURRENT)
        qs = qs.filter(memberships__status=status) if status != "none" else qs.filter(~Exists(current))
    query = (query or "").strip()
    if connections[qs.db].vendor == "postgresql" and query and not _DIGITS.match(query) and (
            _LATIN.match(query) or _few_matches(qs)):
        # Persons are listed by name. A selective search sorts by the same name through an expression no index
        # serves: PostgreSQL then finds the matches by their own index (pinyin prefix, name characters) and sorts
        # them, instead of walking the name index through millions of rows until it has found fifty (seconds at
        # province scale). Pinyin and initials always take this plan: their matches cluster by surname in name
        # order, so a walk can pass a million names before the first ("zy": 4.3 s walking, 0.5 s sorting
        # 82,647 matches). A broad character search ("英": 30,000 matches spread through the names) is faster
        # walking (0.05 s against 0.4 s), which one capped probe detects. SQLite has no index for these
        # matches, so walking the name index is always its best plan. An annotation rather than an expression
        # in order_by, so keyset pagination (the API) can read the sort key back.
        return qs.annotate(sort_name=Concat("name", Value(""))).order_by("sort_name", "id")
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


# --- staff workbench pages ------------------------------------------------------------------------------

def with_current_membership(qs: QuerySet[Person]) -> QuerySet[Person]:
    """Attach ``current_memberships`` (a list of 0 or 1) in one extra query, whatever the number of rows."""
    from django.db.models import Prefetch

    current = Membership.objects.filter(status__in=Membership.CURRENT).select_related("unit")
    return qs.prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_memberships"))


def transfer_tab(user, tab: str, *, query: str = "", state: str = "") -> QuerySet[Transfer]:
    """The transfer queue's tabs: ``in`` (waiting for the user's decision), ``out`` (asked by the user's
    unions, still open) and ``decided`` (everything visible that is no longer open)."""
    if tab == "out":
        qs = transfer_queue(user, state=Transfer.State.REQUESTED, direction="out")
    elif tab == "decided":
        qs = transfers_visible(user).exclude(state=Transfer.State.REQUESTED)
        if state:
            qs = qs.filter(state=state)
        qs = qs.order_by("-decided_at", "-id")
    else:
        qs = transfer_queue(user, state=Transfer.State.REQUESTED, direction="in")
    if (query or "").strip():
        qs = qs.filter(person__in=Person.objects.filter(person_search_q(query)).values("pk"))
    return qs


def transfer_histories(transfers) -> dict[int, list]:
    """Workflow history of several transfers in one query: {transfer id: [WorkflowLog, ...]}."""
    from gonghui.core.models import WorkflowLog

    ids = [str(t.pk) for t in transfers]
    result: dict[int, list] = {t.pk: [] for t in transfers}
    if not ids:
        return result
    logs = WorkflowLog.objects.filter(object_type=Transfer._meta.label_lower, object_id__in=ids)
    for log in logs.select_related("actor").order_by("id"):
        result[int(log.object_id)].append(log)
    return result


# --- API (members.api) ----------------------------------------------------------------------------------

def membership_list(user, *, org_id: int | None = None, unit_id: int | None = None, status: str = "",
                    person_id: int | None = None) -> QuerySet[Membership]:
    """Memberships held in the user's part of the tree; ``org_id`` narrows to that union's subtree."""
    qs = scope.scoped(Membership.objects.select_related("org", "unit"), user, roles.MEMBERS_VIEW)
    if org_id:
        from gonghui.orgs.selectors import organisation_get

        qs = qs.filter(org__path__startswith=organisation_get(user, org_id).path)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    if person_id:
        qs = qs.filter(person_id=person_id)
    return qs.order_by("-joined_on", "-id")


def transfer_target_unit_get(to_org, unit_id) -> Unit:
    """An active unit of the receiving union, whatever the caller's scope (like orgs.selectors.
    transfer_target_get): the requester names the new employer, the receiving union decides."""
    unit = Unit.objects.filter(pk=unit_id, org_id=to_org.pk, is_active=True).first()
    if unit is None:
        from gonghui.core.errors import NotFound

        raise NotFound(field="to_unit_id")
    return unit


def unit_list_below(user, *, query: str = "", org_id: int | None = None) -> QuerySet[Unit]:
    """Like unit_list, but ``org_id`` may be any organisation in scope: its whole subtree is listed."""
    qs = unit_list(user, query=query)
    if org_id:
        from gonghui.orgs.selectors import organisation_get

        qs = qs.filter(org__path__startswith=organisation_get(user, org_id).path)
    return qs


# --- identities registered by workers themselves (issue 19 §3) -----------------------------------------------

def worker_person(user) -> Person | None:
    """The person of a signed-in worker account, once the identity is verified: an unverified self-registered
    worker sees and acts on nothing tied to the person (card, membership, claims)."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_worker", False) and user.is_active):
        return None
    person = getattr(user, "person", None)
    return None if person is None or person.identity_unverified else person


def worker_identity_unverified(user) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_worker", False) else None
    return person is not None and person.identity_unverified


def identity_conflicts_visible(user, *, status: str = "pending") -> QuerySet:
    from .models import IdentityConflict

    qs = scope.scoped(IdentityConflict.objects.select_related("person", "org", "account", "resolved_by"), user,
                      roles.MEMBERS_VIEW)
    return qs.filter(status=status) if status else qs


def identity_conflict_get(user, conflict_id):
    from .models import IdentityConflict

    return scope.get_scoped_or_404(IdentityConflict.objects.select_related("person", "org", "account"), user,
                                   roles.MEMBERS_VIEW, pk=conflict_id)


def identity_conflict_resolvable(user, conflict) -> bool:
    """May ``user`` confirm or detach this conflict now (pending, members.change over the union: the kit's gate)."""
    from .workflows import IDENTITY_CONFLICT_FLOW

    return conflict.status == conflict.Status.PENDING and IDENTITY_CONFLICT_FLOW.may(
        user, conflict, IDENTITY_CONFLICT_FLOW.transitions["confirm"])


def identity_conflict_history(conflict):
    from .workflows import IDENTITY_CONFLICT_FLOW

    return IDENTITY_CONFLICT_FLOW.history(conflict)
