"""Builds the hardship demo rows in bulk. Names of people are those of the demo members (a file's worker is a
member); household members other than the worker are generated with synthetic ID numbers that never collide."""

import datetime
from decimal import Decimal

from django.apps import apps

from gonghui.core.pinyin import pinyin_keys

from ..models import AidRecord, Fund, HardshipFile, HouseholdMember, MinimumLivingStandard

SCALE_FILES = {"small": 300, "county": 6000, "province": 71000}
AID_PER_FILE = 416 / 71  # ~5.9 household-times per file over five years
BATCH = 2000
YEARS = range(2021, 2026)
KINDS = ["living", "medical", "schooling", "employment", "emergency"]
AMOUNTS = {"living": (500, 3000), "medical": (1000, 8000), "schooling": (1000, 5000), "employment": (500, 2000),
           "emergency": (1000, 6000)}


def _persons(limit: int):
    # The demo reads the members it built (a read of demo rows, not a business dependency).
    person_model = apps.get_model("members", "Person")
    return list(person_model.objects.filter(current_org__isnull=False).select_related("current_org")
                .order_by("pk")[:limit])


def build_files(ctx) -> None:
    rng = ctx.rng
    target = SCALE_FILES.get(ctx.scale, 300)
    persons = _persons(target)
    if not persons:
        ctx.progress("assistance: no members to build files from")
        return
    counties = sorted({(p.id_number or "530102")[:6] for p in persons})
    MinimumLivingStandard.objects.bulk_create(
        [MinimumLivingStandard(county_code=c, year=y, monthly=Decimal(620 + 30 * (y - 2021)))
         for c in counties for y in range(2021, 2027)], ignore_conflicts=True)
    top_orgs = {}
    for p in persons:
        root = p.current_org.path.split("/")[0] + "/"
        top_orgs.setdefault(root, p.current_org)
    province_org = apps.get_model("orgs", "Organisation").objects.filter(path__in=list(top_orgs)).first()
    fund = Fund.objects.create(org=province_org, name="省总工会帮扶资金", balance=Decimal("900000000.00"))
    bar = ctx.progress_bar("assistance files", len(persons))
    made = 0
    for start in range(0, len(persons), BATCH):
        chunk = persons[start:start + BATCH]
        files, members, aid = [], [], []
        for p in chunk:
            year = rng.choice(list(YEARS))
            applied = datetime.date(year, rng.randint(1, 10), rng.randint(1, 28))
            filed = applied + datetime.timedelta(days=rng.randint(20, 60))
            exited = None
            if rng.random() < 0.55:
                exited = min(filed + datetime.timedelta(days=rng.randint(200, 1200)), datetime.date(2025, 12, 31))
            py, ini = pinyin_keys(p.name)
            returned = exited is not None and rng.random() < 0.03
            files.append(_file(p, py, ini, rng, applied, filed, exited, returned))
        HardshipFile.objects.bulk_create(files, batch_size=BATCH)
        for f, p in zip(files, chunk, strict=True):
            members.append(HouseholdMember(
                file=f, name=f.name, relation="self", active=f.state != "exited", id_number=p.id_number,
                id_number_hash=p.id_number_hash, id_tail=p.id_tail, income=str(Decimal(rng.randint(6000, 30000)))))
            for _n in range(int(AID_PER_FILE + rng.random() - 0.4)):
                kind = rng.choice(KINDS)
                low, high = AMOUNTS[kind]
                day = f.filed_on + datetime.timedelta(days=rng.randint(0, 700))
                if f.exited_on and day > f.exited_on:
                    day = f.exited_on
                aid.append(AidRecord(org=f.org, file=f, fund=fund, kind=kind,
                                     given_on=min(day, datetime.date(2025, 12, 31)),
                                     amount=Decimal(rng.randint(low, high)), state="paid"))
        HouseholdMember.objects.bulk_create(members, batch_size=BATCH)
        AidRecord.objects.bulk_create(aid, batch_size=BATCH)
        made += len(files)
        bar.advance(len(chunk))
    bar.close()
    ctx.progress(f"assistance: {made} hardship files")


def _file(p, py, ini, rng, applied, filed, exited, returned) -> HardshipFile:
    return HardshipFile(
        org=p.current_org, person=p, name=p.name, name_pinyin=py, name_initials=ini,
        county_code=(p.id_number or "530102")[:6], state="exited" if exited and not returned else "filed",
        category=rng.choice(["deep", "relative", "relative", "accident"]),
        level=rng.choice(["lower"] * 8 + ["provincial", "national"]),
        causes=sorted(rng.sample(["illness", "disability", "schooling", "accident", "unemployment"], 2)),
        housing=rng.choice(["own", "rented", "public"]), applied_on=applied, filed_on=filed,
        exited_on=exited if not returned else None, exit_code="income_above" if exited and not returned else "",
        returns=1 if returned else 0,
        returned_on=exited + datetime.timedelta(days=90) if returned else None)
