"""Factories for persons, units and memberships; other apps' tests use them too."""

import datetime
import itertools
import random

from gonghui.core import synthetic
from gonghui.core.models import User
from gonghui.core.pinyin import pinyin_keys
from gonghui.members import services
from gonghui.members.models import Membership, Person, Unit

_seq = itertools.count(1)
_rng = random.Random(20261124)


def id_number(region: str = "530102", birth: datetime.date = datetime.date(1990, 5, 17)) -> str:
    return synthetic.resident_id(region, birth, next(_seq) % 1000)


def mobile() -> str:
    return synthetic.mobile(_rng)


def make_unit(org, name: str | None = None, **extra) -> Unit:
    name = name or f"测试单位{next(_seq)}"
    full, initials = pinyin_keys(name)
    return Unit.objects.create(org=org, name=name, name_pinyin=full, name_initials=initials,
                               credit_code=synthetic.credit_code(org.division_id or "530102", _rng), **extra)


def make_person(org=None, name: str = "张伟", *, unit=None, phone: str | None = None, region: str = "530102",
                birth: datetime.date = datetime.date(1990, 5, 17), category: str = "employee",
                user: User | None = None) -> Person:
    """A person (and, with ``org``, a current membership there) written straight to the database."""
    number = id_number(region, birth)
    phone = phone if phone is not None else mobile()
    full, initials = pinyin_keys(name)
    person = Person.objects.create(
        name=name, name_pinyin=full, name_initials=initials, id_number=number,
        id_number_hash=services.id_number_hash(number), id_tail=number[-4:],
        phone=phone, phone_hash=services.phone_hash(phone) if phone else None, phone_tail=phone[-4:],
        sex="M" if int(number[16]) % 2 else "F", birth_date=birth, category=category, current_org=org,
        user=user,
    )
    if org is not None:
        Membership.objects.create(person=person, org=org, unit=unit, joined_on=datetime.date(2020, 1, 1),
                                  card_number=services.new_card_number())
    return person
