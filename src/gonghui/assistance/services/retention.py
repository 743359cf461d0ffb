"""Withdrawn files are kept 10 years (DOMAIN.md), then anonymised: names, ID numbers, incomes, health, costs,
objections and the link to the member go; the counts, categories, dates, aid amounts and history steps stay, so
the figures of past years do not change. Run daily by `gonghui assistance_anonymise` (cron or a systemd timer)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gonghui.core import audit
from gonghui.core.sensitive import columns

from ..models import HardshipFile, HouseholdMember

KEEP_YEARS = 10
ANONYMOUS = "已匿名"


def anonymise_withdrawn(*, today: datetime.date | None = None, years: int = KEEP_YEARS) -> int:
    """Anonymise files lifted out or refused more than ``years`` ago; answers how many. Running it again finds
    nothing left to do (anonymised files have no person)."""
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    old = HardshipFile.objects.filter(person__isnull=False).filter(
        Q(state="exited", exited_on__lt=cutoff)
        | Q(state="refused", updated_at__date__lt=cutoff))
    ids = list(old.values_list("pk", flat=True)[:10000])
    if not ids:
        return 0
    with transaction.atomic():
        HardshipFile.objects.filter(pk__in=ids).update(person=None, name=ANONYMOUS, name_pinyin="", name_initials="",
                                                       medical_costs="", schooling_costs="", objections="")
        for member in HouseholdMember.objects.filter(file_id__in=ids).only("pk"):
            HouseholdMember.objects.filter(pk=member.pk).update(
                name=ANONYMOUS, income="", health="", disability="", schooling="", employment="", active=False,
                **columns(HouseholdMember, "id_number", f"ANON{member.pk:014d}"))
        audit.record("assistance.file.anonymise", object_type="assistance.hardshipfile",
                     detail={"files": len(ids), "cutoff": cutoff.isoformat()})
    return len(ids)
