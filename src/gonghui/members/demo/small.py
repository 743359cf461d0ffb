"""Demo data for members: units, persons with valid identities, memberships, past and open transfers, and the
demo worker's account (registered with core.demo in MembersConfig.ready).

Rows go in with bulk_create for speed, but every encrypted field and keyed hash is filled by the same code the
services use (the encrypted field itself, services.id_number_hash / phone_hash, core.pinyin).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core import demo, sensitive, synthetic
from gonghui.core.models import WorkflowLog
from gonghui.core.pinyin import pinyin_keys

from .. import services
from ..models import Membership, Person, Transfer, Unit
from ..workflows import TRANSFER_FLOW

WORKER_USERNAME = "worker"
CENTRAL_KUNMING = ("530102", "530103", "530111", "530112")
WUHUA = "530102"

# Surnames with rough weights from the 2020 census (per mille of the population).
SURNAMES = (
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 20), ("赵", 20),
    ("吴", 18),
    ("周", 17), ("徐", 13), ("孙", 12), ("马", 11), ("朱", 11), ("胡", 9), ("郭", 9), ("何", 9), ("高", 8),
    ("林", 8), ("罗", 8), ("郑", 7), ("梁", 7), ("谢", 6), ("宋", 5), ("唐", 5), ("许", 5), ("韩", 5),
    ("冯", 5), ("邓", 5), ("曹", 5), ("彭", 4), ("曾", 4), ("肖", 4), ("田", 4), ("董", 4), ("袁", 4),
    ("潘", 3), ("于", 3), ("蒋", 3), ("蔡", 3), ("余", 3), ("杜", 3), ("叶", 3), ("程", 3), ("苏", 3),
    ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("沈", 3), ("姚", 2), ("卢", 2), ("姜", 2), ("崔", 2),
    ("钟", 2), ("谭", 2), ("陆", 2), ("汪", 2), ("范", 2), ("金", 2), ("石", 2), ("廖", 2), ("贾", 2),
    ("夏", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2), ("孟", 2), ("熊", 2), ("段", 2), ("雷", 2),
    ("龙", 2), ("普", 1), ("字", 1), ("岩", 1), ("刀", 1), ("和", 1),
)
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志文成海东兵亮峰晨博云祥荣德顺"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲燕红英梅琳婷雪慧莉萍颖琴兰倩洁丹蓉佳欣悦思雨晶月彤瑶怡璐"
NEW_FORM_UNITS = (  # occupation -> (brand, kind of site)
    ("courier", "顺丰速运", "营业部"), ("courier", "中通快递", "分拨中心"),
    ("rider", "美团外卖", "配送站"), ("rider", "饿了么", "配送站"),
    ("ride_hailing", "滴滴出行", "司机服务站"), ("truck_driver", "货拉拉", "货运服务站"),
)
TRANSFER_REASONS = ("换工作", "单位搬迁", "回户籍地就业", "调动工作", "转入新就业形态联合工会")
PAST_TRANSFER_SHARE = 0.02
OPEN_TRANSFERS_TO_WUHUA = 6


def _org_of(username: str) -> int | None:
    """The organisation where a demo staff account holds its role."""
    user = get_user_model().objects.filter(username=username).first()
    return user.role_assignments.values_list("org_id", flat=True).first() if user else None


class _Unique:
    """Draw values until one is new (identities, phone numbers and card numbers are unique)."""

    def __init__(self):
        self.seen: set[str] = set()

    def draw(self, make) -> str:
        while True:
            value = make()
            if value not in self.seen:
                self.seen.add(value)
                return value


def _weighted_pick(rng, items, weights, k):
    return rng.choices(items, weights=weights, k=k)


def _person_name(rng, sex: str) -> str:
    surname = _weighted_pick(rng, [s for s, _ in SURNAMES], [w for _, w in SURNAMES], 1)[0]
    chars = MALE_CHARS if sex == "M" else FEMALE_CHARS
    return surname + "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.35 else 2))


def _birth_date(rng, today: datetime.date) -> datetime.date:
    # Ages 16-65, most of them between 22 and 55.
    age = rng.randint(22, 55) if rng.random() < 0.85 else rng.randint(16, 65)
    return today - datetime.timedelta(days=age * 365 + rng.randrange(365))


def _county_code(union) -> str:
    return union.parent.division_id


def _build_units(ctx: demo.DemoContext) -> None:
    rng, codes = ctx.rng, _Unique()
    units: dict[int, list[Unit]] = {}
    rows: list[Unit] = []
    for union, industry in ctx.shared["employer_unions"]:
        unit = Unit(org=union, name=union.name.removesuffix("工会"), industry=industry,
                    staff_count=rng.randint(20, 2000))
        rows.append(unit)
        units.setdefault(union.pk, []).append(unit)
    for union in ctx.shared["joint_unions"]:
        place = union.parent.division.name
        for occupation, brand, site in rng.sample(NEW_FORM_UNITS, 3):
            unit = Unit(org=union, name=f"{brand}{place}{site}", industry=occupation,
                        staff_count=rng.randint(10, 300))
            rows.append(unit)
            units.setdefault(union.pk, []).append(unit)
    for unit in rows:
        unit.credit_code = codes.draw(lambda u=unit: synthetic.credit_code(_county_code(u.org), rng))
        unit.name_pinyin, unit.name_initials = pinyin_keys(unit.name)
        unit.address = f"{unit.org.parent.division.name}{rng.choice('东南西北')}路{rng.randint(1, 300)}号"
    Unit.objects.bulk_create(rows, batch_size=500)
    ctx.shared["units_by_union"] = units
    ctx.progress(f"units: {len(rows)}")


def _categories(rng, count: int) -> list[tuple[str, str]]:
    """(category, occupation) in realistic shares: 70% employees, 15% migrant workers, 15% new-form."""
    result = []
    for _ in range(count):
        draw = rng.random()
        if draw < 0.70:
            result.append((Person.Category.EMPLOYEE, ""))
        elif draw < 0.85:
            result.append((Person.Category.MIGRANT, ""))
        else:
            result.append((Person.Category.NEW_FORM,
                           rng.choice(("courier", "rider", "ride_hailing", "truck_driver"))))
    return result


def _build_persons(ctx: demo.DemoContext) -> None:
    rng, today = ctx.rng, timezone.localdate()
    employers = [union for union, _ in ctx.shared["employer_unions"]]
    joints = ctx.shared["joint_unions"]
    weight = lambda union: 6 if _county_code(union) in CENTRAL_KUNMING else 1  # noqa: E731
    county_codes = sorted({_county_code(u) for u in employers})
    units_by_union = ctx.shared["units_by_union"]
    ids, phones, cards = _Unique(), _Unique(), _Unique()
    persons: list[Person] = []
    placements = []  # (union, unit) per person
    # The first employee goes to the grassroots officer's union: the demo worker (see _build_worker).
    officer_union_id = _org_of("grassroots_officer")
    worker_union = next((u for u in employers if u.pk == officer_union_id), None)
    for category, occupation in _categories(rng, ctx.person_count):
        pool = joints if category == Person.Category.NEW_FORM and joints else employers
        union = _weighted_pick(rng, pool, [weight(u) for u in pool], 1)[0]
        if worker_union is not None and category == Person.Category.EMPLOYEE:
            union, worker_union = worker_union, None
        own_units = units_by_union.get(union.pk, [None])
        unit = rng.choice([u for u in own_units if not occupation or u.industry == occupation] or own_units)
        sex = "M" if rng.random() < (0.8 if category == Person.Category.NEW_FORM else 0.55) else "F"
        birth = _birth_date(rng, today)
        region = _county_code(union) if rng.random() < 0.8 else rng.choice(county_codes)
        number = ids.draw(lambda r=region, b=birth, s=sex: synthetic.resident_id(
            r, b, rng.randrange(500) * 2 + (1 if s == "M" else 0)))
        phone = phones.draw(lambda: synthetic.mobile(rng))
        name = _person_name(rng, sex)
        full, initials = pinyin_keys(name)
        persons.append(Person(
            name=name, name_pinyin=full, name_initials=initials, **sensitive.columns(Person, "id_number", number),
            **sensitive.columns(Person, "phone", phone), sex=sex, birth_date=birth,
            category=category, occupation=occupation, current_org=union,
        ))
        placements.append((union, unit))
    Person.objects.bulk_create(persons, batch_size=500)
    memberships = []
    for person, (union, unit) in zip(persons, placements, strict=True):
        earliest = max(person.birth_date + datetime.timedelta(days=16 * 366), datetime.date(2005, 1, 1))
        span = max((today - earliest).days - 30, 1)
        age = (today - person.birth_date).days // 365
        # (nobody retires in the worker's union, so the demo worker is an active member)
        retirement_age = 60 if person.sex == "M" else 55
        retired = age >= retirement_age and rng.random() < 0.8 and union.pk != officer_union_id
        memberships.append(Membership(
            person=person, org=union, unit=unit,
            joined_on=earliest + datetime.timedelta(days=rng.randrange(span)),
            status=Membership.Status.RETIRED if retired else Membership.Status.ACTIVE,
            card_number=cards.draw(lambda: f"53{rng.randrange(10**14):014d}"),
        ))
    Membership.objects.bulk_create(memberships, batch_size=500)
    ctx.shared.update(persons=persons, memberships=memberships, card_numbers=cards)
    ctx.progress(f"persons: {len(persons)}, of them retired: "
                 f"{sum(m.status == Membership.Status.RETIRED for m in memberships)}")


def _build_past_transfers(ctx: demo.DemoContext) -> None:
    """Some members moved in the past: an ended membership, a new one, and the accepted transfer between them
    with its workflow history."""
    rng, today = ctx.rng, timezone.localdate()
    officer = get_user_model().objects.get(username="province_admin")
    employers = [union for union, _ in ctx.shared["employer_unions"]]
    cards = ctx.shared["card_numbers"]
    moved = []
    for membership in ctx.shared["memberships"]:
        if (membership.status != Membership.Status.ACTIVE or rng.random() >= PAST_TRANSFER_SHARE
                or (today - membership.joined_on).days < 400):
            continue
        target = rng.choice([u for u in employers if u.pk != membership.org_id])
        moved_on = membership.joined_on + datetime.timedelta(
            days=rng.randint(365, (today - membership.joined_on).days - 30))
        new = Membership(person=membership.person, org=target, unit=rng.choice(
            ctx.shared["units_by_union"][target.pk]), joined_on=moved_on, status=Membership.Status.ACTIVE,
            card_number=cards.draw(lambda: f"53{rng.randrange(10**14):014d}"))
        moved.append((membership, new, moved_on))
    # The old row must stop being current before the new one arrives (one current membership per person).
    for old, _new, moved_on in moved:
        old.status, old.ended_on = Membership.Status.TRANSFERRED, moved_on
    Membership.objects.bulk_update([old for old, _, _ in moved], ["status", "ended_on"], batch_size=500)
    Membership.objects.bulk_create([new for _, new, _ in moved], batch_size=500)
    transfers = [Transfer(
        person=old.person, from_membership=old, from_org=old.org, to_org=new.org, to_unit=new.unit,
        origin=Transfer.Origin.OLD_UNION, reason=rng.choice(TRANSFER_REASONS), state=Transfer.State.ACCEPTED,
        requested_by=officer, decided_by=officer, new_membership=new,
        decided_at=datetime.datetime.combine(moved_on, datetime.time(10), tzinfo=datetime.UTC),
    ) for old, new, moved_on in moved]
    Transfer.objects.bulk_create(transfers, batch_size=500)
    asked_before = datetime.timedelta(days=3)
    for transfer, (_old, new, _on) in zip(transfers, moved, strict=True):
        Transfer.objects.filter(pk=transfer.pk).update(requested_at=transfer.decided_at - asked_before)
        Person.objects.filter(pk=transfer.person_id).update(current_org=new.org)
    logs = []
    for transfer in transfers:
        for step, source, target in (("create", "", Transfer.State.REQUESTED),
                                     ("accept", Transfer.State.REQUESTED, Transfer.State.ACCEPTED)):
            logs.append(WorkflowLog(
                workflow=TRANSFER_FLOW.name, object_type=Transfer._meta.label_lower,
                object_id=str(transfer.pk), transition=step, from_state=source, to_state=target,
                actor=officer, comment=transfer.reason if step == "create" else ""))
    WorkflowLog.objects.bulk_create(logs, batch_size=500)
    for log, transfer in zip(logs, [t for t in transfers for _ in range(2)], strict=True):
        at = transfer.decided_at - (asked_before if log.transition == "create" else datetime.timedelta())
        WorkflowLog.objects.filter(pk=log.pk).update(at=at)
    ctx.progress(f"past transfers: {len(transfers)}")


def _build_open_transfers(ctx: demo.DemoContext) -> None:
    """A few requests arriving in Wuhua, so the county officer has a queue; made through the service."""
    rng = ctx.rng
    officer = get_user_model().objects.get(username="province_admin")
    wuhua_unions = [u for u, _ in ctx.shared["employer_unions"] if _county_code(u) == WUHUA]
    moved = {t.person_id for t in Transfer.objects.only("person_id")}
    candidates = [m for m in ctx.shared["memberships"] if m.status == Membership.Status.ACTIVE
                  and _county_code(m.org) != WUHUA and m.person_id not in moved]
    for membership in rng.sample(candidates, min(OPEN_TRANSFERS_TO_WUHUA, len(candidates))):
        person = Person.objects.get(pk=membership.person_id)
        services.transfer_request(actor=officer, person=person, to_org=rng.choice(wuhua_unions),
                                  reason=rng.choice(TRANSFER_REASONS))
    ctx.progress(f"open transfers to Wuhua: {min(OPEN_TRANSFERS_TO_WUHUA, len(candidates))}")


def _build_worker(ctx: demo.DemoContext) -> None:
    """The first member of the grassroots officer's union gets a worker account (phone sign-in at /m/)."""
    user_model = get_user_model()
    union_id = _org_of("grassroots_officer")
    person = (Person.objects.filter(current_org_id=union_id, memberships__status=Membership.Status.ACTIVE,
                                    category=Person.Category.EMPLOYEE).exclude(phone_hash=None)
              .order_by("id").first())
    user = user_model(username=WORKER_USERNAME, kind=user_model.Kind.WORKER, display_name=person.name,
                      password_changed_at=timezone.now())
    user.set_password(demo.DEMO_PASSWORD)
    user.save(force_insert=True)
    Person.objects.filter(pk=person.pk).update(user=user)
    ctx.progress(f"worker account for {person.name_masked}")


def _describe_worker(ctx: demo.DemoContext) -> None:
    person = Person.objects.filter(user__username=WORKER_USERNAME).select_related("current_org").first()
    if person is None:
        return
    ctx.accounts.append(demo.DemoAccount(
        username=WORKER_USERNAME, role=str(get_user_model().Kind.WORKER.label),
        organisation=person.current_org.name if person.current_org else "", login_url=demo.base_url() + "/m/",
        note=f"{person.name}, mobile {person.phone} (sign in with this number)",
    ))
