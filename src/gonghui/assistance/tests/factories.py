"""Factories for hardship rows (usable by other apps' tests): written straight to the database."""

import datetime
from decimal import Decimal

from gonghui.members.tests.factories import make_person

from ..models import Fund, HardshipFile, HouseholdMember, MinimumLivingStandard
from ..workflows import FILE_FLOW


def make_standard(county: str = "530102", year: int | None = None, monthly: Decimal = Decimal("700.00")):
    year = year or datetime.date.today().year
    return MinimumLivingStandard.objects.update_or_create(county_code=county, year=year,
                                                          defaults={"monthly": monthly})[0]


def make_file(org, name: str = "赵帮扶", *, county: str = "530102", state: str = "applied", person=None,
              income: str = "12000.00", **fields) -> HardshipFile:
    """A file headed by ``person`` (a new member of ``org`` when None), with the worker as its one member."""
    from gonghui.core.pinyin import pinyin_keys

    person = person or make_person(org, name, region=county)
    full, initials = pinyin_keys(person.name)
    extra = {"filed_on": datetime.date(2026, 1, 5)} if state == "filed" else {}
    file = HardshipFile.objects.create(org=org, person=person, name=person.name, name_pinyin=full,
                                       name_initials=initials, county_code=county, state=state,
                                       applied_on=datetime.date(2026, 1, 2), **{**extra, **fields})
    HouseholdMember.objects.create(file=file, name=person.name, relation="self", id_number=person.id_number,
                                   id_number_hash=person.id_number_hash, id_tail=person.id_tail, income=income,
                                   active=state not in ("refused", "exited"))
    FILE_FLOW.start(file, actor=None)
    return file


def make_fund(org, name: str = "帮扶资金", balance: Decimal = Decimal("10000.00")) -> Fund:
    return Fund.objects.create(org=org, name=name, balance=balance)


def indicator_rows(holders, persons, rng, day, **_context) -> None:
    """Rows for tests/test_indicators.py: hardship files filed, lifted out and returned on various days (``day(rng)``
    draws one of the test's window), with aid of every kind and state."""
    from ..models import AidRecord

    fund = make_fund(holders[0], balance=Decimal("1000000.00"))
    for i, org in enumerate(holders * 3):
        filed = day(rng)
        exited = filed + datetime.timedelta(days=rng.randrange(1, 900)) if i % 3 else None
        returned = exited + datetime.timedelta(days=30) if exited and i % 4 == 0 else None
        file = make_file(org, f"帮扶指标{i}", state="exited" if exited and not returned else "filed",
                         exit_code="income_above" if exited and not returned else "")
        HardshipFile.objects.filter(pk=file.pk).update(filed_on=filed, exited_on=exited, returned_on=returned)
        for k in range(rng.randrange(1, 4)):
            AidRecord.objects.create(org=org, file=file, fund=fund, kind=AidRecord.Kind.values[(i + k) % 5],
                                     amount=Decimal(rng.randrange(100, 500_000)) / 100, given_on=day(rng),
                                     state=rng.choice(AidRecord.State.values))
