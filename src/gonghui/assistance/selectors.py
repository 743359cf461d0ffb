"""Every read of the module, already narrowed to the caller's part of the tree (out of scope: not found)."""

import re

from django.db.models import Q, QuerySet

from gonghui.core import scope

from .models import AidRecord, Fund, HardshipFile, MinimumLivingStandard, YearlyReview
from .roles import VIEW

MAX_QUERY_LENGTH = 50
_DIGITS = re.compile(r"^\d{1,18}[0-9Xx]?$")
_LATIN = re.compile(r"^[a-zA-Z]+$")


def files_visible(user, permission: str = VIEW) -> QuerySet[HardshipFile]:
    return scope.scoped(HardshipFile.objects.select_related("org"), user, permission)


def file_search_q(query: str) -> Q:
    """Name (contains), pinyin ("zhangwei") or its initials ("zw") as a prefix, or the last digits of a household
    member's ID number."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Q()
    if _DIGITS.match(query):
        return Q(members__id_tail=query[-4:].upper())
    if _LATIN.match(query):
        lowered = query.lower()
        return Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered)
    return Q(name__contains=query)


def file_list(user, *, query: str = "", state: str = "", category: str = "", level: str = "", county: str = "",
              cause: str = "", org_id: int | None = None) -> QuerySet[HardshipFile]:
    qs = files_visible(user)
    if query:
        qs = qs.filter(pk__in=HardshipFile.objects.filter(file_search_q(query)).values("pk"))
    if state == "open":
        qs = qs.filter(state__in=("applied", "screened", "visited", "checked", "notice", "approved"))
    elif state:
        qs = qs.filter(state=state)
    if category:
        qs = qs.filter(category=category)
    if level:
        qs = qs.filter(level=level)
    if county:
        qs = qs.filter(county_code__startswith=county)
    if cause:
        qs = qs.filter(causes__contains=[cause]) if _json_contains() else qs.filter(causes__icontains=f'"{cause}"')
    if org_id:
        qs = qs.filter(org_id=org_id)
    return qs.order_by("-pk")


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def file_get(user, file_id, permission: str = VIEW) -> HardshipFile:
    return scope.get_scoped_or_404(HardshipFile.objects.select_related("org", "person"), user, permission,
                                   pk=file_id)


def members_of(file):
    return file.members.all().order_by("pk")


def file_history(file):
    from .workflows import FILE_FLOW

    return FILE_FLOW.history(file)


def my_files(person) -> QuerySet[HardshipFile]:
    """The worker's own files (as applicant), newest first."""
    return HardshipFile.objects.filter(person=person).select_related("org").order_by("-pk")


def my_file_get(person, file_id) -> HardshipFile:
    from gonghui.core.errors import NotFound

    file = my_files(person).filter(pk=file_id).first()
    if file is None:
        raise NotFound()
    return file


def funds_visible(user, permission: str = VIEW) -> QuerySet[Fund]:
    return scope.scoped(Fund.objects.select_related("org"), user, permission)


def fund_get(user, fund_id, permission: str = VIEW) -> Fund:
    return scope.get_scoped_or_404(Fund.objects.select_related("org"), user, permission, pk=fund_id)


def aid_list(user, *, state: str = "", kind: str = "", file_id: int | None = None) -> QuerySet[AidRecord]:
    qs = scope.scoped(AidRecord.objects.select_related("file", "fund", "org"), user, VIEW)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if file_id:
        qs = qs.filter(file_id=file_id)
    return qs.order_by("-pk")


def aid_get(user, aid_id, permission: str = VIEW) -> AidRecord:
    return scope.get_scoped_or_404(AidRecord.objects.select_related("file", "fund", "org"), user, permission,
                                   pk=aid_id)


def standards() -> QuerySet[MinimumLivingStandard]:
    return MinimumLivingStandard.objects.all()


def files_of_person(user, person) -> QuerySet[HardshipFile]:
    """For the member page: files the person heads or is a member of, that ``user`` may see."""
    from .models import HouseholdMember

    in_household = HouseholdMember.objects.filter(id_number_hash=person.id_number_hash).values("file_id")
    return files_visible(user).filter(Q(person=person) | Q(pk__in=in_household)).order_by("-pk")


def review_list(user, *, county: str = "", year: int | None = None) -> QuerySet[YearlyReview]:
    qs = scope.scoped(YearlyReview.objects.all(), user, VIEW)
    if county:
        qs = qs.filter(file__county_code__startswith=county)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-pk")


def review_get(user, review_id, permission: str = VIEW) -> YearlyReview:
    return scope.get_scoped_or_404(YearlyReview.objects.all(), user, permission, pk=review_id)
