"""County and province scales: units, persons, memberships and past transfers by the bulk loader.

Batches of persons are generated in forked worker processes (names, pinyin, identities, encryption and keyed
hashes) while the main process writes them with COPY (PostgreSQL) or executemany (SQLite). Every value goes
through the code the services use: the encrypted model field's get_prep_value, services.id_number_hash /
phone_hash, core.pinyin. A batch depends only on (seed, batch number), so the data set does not depend on how
the workers were scheduled.

Uniqueness without coordination: a batch owns one "order code" slot of the resident ID (000-999, two per
slot for the sexes), so IDs from different batches never collide and inside a batch a clash redraws the birth
date; phone and card numbers are an affine bijection of the person's index.
"""

import datetime
import math
import random
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core import demo, synthetic
from gonghui.core.models import PROVINCE_CODE, WorkflowLog
from gonghui.core.pinyin import pinyin_keys
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.demo import BRANDS, INDUSTRIES, SECOND_BRANDS, WUHUA, demo_grassroots_union

from .. import services
from ..models import Membership, Person, Transfer, Unit
from ..workflows import TRANSFER_FLOW
from .small import (
    FEMALE_CHARS,
    MALE_CHARS,
    NEW_FORM_UNITS,
    OPEN_TRANSFERS_TO_WUHUA,
    PAST_TRANSFER_SHARE,
    SURNAMES,
    TRANSFER_REASONS,
    _birth_date,
)

MAX_BATCHES = 500  # order-code slots: 1000 codes, two per slot (male odd, female even)
MIN_BATCH = 2000
PHONE_STEP, CARD_STEP = 48_271, 1_000_003  # coprime with 10**8 and 10**14: index -> number is a bijection
_SURNAMES = [s for s, _ in SURNAMES]
_SURNAME_CUM = [sum(w for _, w in SURNAMES[: i + 1]) for i in range(len(SURNAMES))]
_ID_FIELD = Person._meta.get_field("id_number")
_PHONE_FIELD = Person._meta.get_field("phone")


@cache
def _pinyin(name: str) -> tuple[str, str]:
    """Names repeat a lot (a few hundred thousand distinct in three million), pypinyin is the slow part."""
    return pinyin_keys(name)


def _columns(model, *, with_id: bool = True) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if with_id or not f.primary_key]


def _db_columns(model, *, with_id: bool = True) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if with_id or not f.primary_key]


# --- units ------------------------------------------------------------------------------------------------

def build_units(ctx: demo.DemoContext) -> None:
    rng = random.Random(ctx.seed * 7919 + 2)
    writer = demo.BulkWriter()
    next_id = writer.next_id(Unit._meta.db_table)
    now = timezone.now()
    columns = _columns(Unit)
    codes: set[str] = set()
    employer, new_form = [], {}  # (unit id, org id, county code) pools for the persons
    rows = []

    def add(org_id, county, name, industry, staff):
        nonlocal next_id
        while (code := synthetic.credit_code(county, rng)) in codes:
            pass
        codes.add(code)
        full, initials = _pinyin(name)
        values = dict(id=next_id, name=name, name_pinyin=full, name_initials=initials, credit_code=code,
                      industry=industry, address=f"{county_names[county]}{rng.choice('东南西北')}路"
                                                f"{rng.randint(1, 300)}号", org_id=org_id,
                      staff_count=staff, is_active=True, province_code=PROVINCE_CODE, created_at=now,
                      updated_at=now)
        rows.append(writer.adapt_row(tuple(values[c] for c in columns)))
        next_id += 1
        return next_id - 1

    county_names: dict[str, str] = {}
    for org_id, county, county_name, kind, name, plan in ctx.shared["bulk_unions"]:
        county_names[county] = county_name
        place = county_name[:2]
        if kind == "grassroots":
            employer.append((add(org_id, county, name.removesuffix("工会"), plan[0], rng.randint(20, 2000)),
                             org_id, county))
        elif kind == "joint":
            for index in range(plan):
                occupation, brand, site = NEW_FORM_UNITS[index % len(NEW_FORM_UNITS)]
                unit_id = add(org_id, county, f"{brand}{county_name}第{index // len(NEW_FORM_UNITS) + 1}{site}",
                              occupation, rng.randint(10, 300))
                new_form.setdefault(occupation, []).append((unit_id, org_id, county))
        else:
            for _ in range(plan):
                industry, suffix = rng.choice(INDUSTRIES)
                employer.append((add(org_id, county, f"{place}{rng.choice(BRANDS)}{rng.choice(SECOND_BRANDS)}"
                                                     f"{suffix}", industry, rng.randint(3, 60)), org_id, county))
    bar = ctx.progress_bar("units", len(rows))
    for start in range(0, len(rows), 5000):
        bar.advance(writer.write(Unit._meta.db_table, _db_columns(Unit), rows[start:start + 5000]))
    bar.close()
    writer.reset_sequences(Unit._meta.db_table)
    ctx.shared.update(employer_units=employer, new_form_units=new_form)
    ctx.progress(f"units: {len(rows):,}")


# --- persons, memberships, past transfers ---------------------------------------------------------------

@dataclass
class _Plan:
    seed: int
    persons: int
    batch_size: int
    slots: list[int]
    today: datetime.date
    now: object
    employer_units: list[tuple]
    new_form_units: dict[str, list[tuple]]
    county_codes: list[str]
    person_base: int
    membership_base: int
    transfer_base: int
    officer_id: int
    worker_unit: tuple | None
    writer: demo.BulkWriter
    columns: dict = field(default_factory=dict)


_PLAN: _Plan | None = None  # set before the workers fork, inherited by them


def plan_for(ctx: demo.DemoContext, writer: demo.BulkWriter) -> _Plan:
    n = ctx.person_count
    batch_size = max(MIN_BATCH, math.ceil(n / MAX_BATCHES))
    slots = list(range(MAX_BATCHES))
    random.Random(ctx.seed).shuffle(slots)
    officer_union = demo_grassroots_union()
    worker_unit = next((u for u in ctx.shared["employer_units"] if officer_union and u[1] == officer_union.pk),
                       None)
    return _Plan(
        seed=ctx.seed, persons=n, batch_size=batch_size, slots=slots, today=timezone.localdate(),
        now=timezone.now(), employer_units=ctx.shared["employer_units"],
        new_form_units=ctx.shared["new_form_units"],
        county_codes=sorted({u[2] for u in ctx.shared["employer_units"]}),
        person_base=writer.next_id(Person._meta.db_table), membership_base=writer.next_id(
            Membership._meta.db_table), transfer_base=writer.next_id(Transfer._meta.db_table),
        officer_id=get_user_model().objects.get(username="province_admin").pk, worker_unit=worker_unit,
        writer=writer, columns={model: _columns(model, with_id=model is not WorkflowLog)
                                for model in (Person, Membership, Transfer, WorkflowLog)},
    )


def _name(rng: random.Random, sex: str) -> str:
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    chars = MALE_CHARS if sex == "M" else FEMALE_CHARS
    return surname + (rng.choice(chars) if rng.random() < 0.35 else rng.choice(chars) + rng.choice(chars))


def generate_batch(batch: int, plan: _Plan | None = None, *, encrypt: bool = True) -> list[tuple]:
    """Rows of one batch: [(model, rows)] in insertion order. ``encrypt=False`` leaves identities in clear text
    (the benchmark's baseline of a raw load of the same rows)."""
    plan = plan or _PLAN
    rng = random.Random(plan.seed * 1_000_003 + batch)
    start, stop = batch * plan.batch_size, min((batch + 1) * plan.batch_size, plan.persons)
    today, now, n, slot = plan.today, plan.now, plan.persons, plan.slots[batch]
    persons, memberships, transfers, logs = [], [], [], []
    seen: set[tuple] = set()
    occupations = ("courier", "rider", "ride_hailing", "truck_driver")
    for i in range(start, stop):
        draw = rng.random()
        category, occupation = ("employee", "") if draw < 0.70 else ("migrant", "") if draw < 0.85 else \
            ("new_form", rng.choice(occupations))
        if i == 0 and plan.worker_unit:  # the demo worker: an employee of the grassroots officer's union
            category, occupation, unit = "employee", "", plan.worker_unit
        elif occupation and plan.new_form_units.get(occupation):
            unit = rng.choice(plan.new_form_units[occupation])
        else:
            unit = rng.choice(plan.employer_units)
        unit_id, org_id, county = unit
        sex = "M" if rng.random() < (0.8 if occupation else 0.55) else "F"
        region = county if rng.random() < 0.8 else rng.choice(plan.county_codes)
        birth = _birth_date(rng, today)
        while (region, birth, sex) in seen or (i == 0 and (today - birth).days > 50 * 365):
            birth = _birth_date(rng, today)
        seen.add((region, birth, sex))
        number = synthetic.resident_id(region, birth, slot * 2 + (sex == "M"))
        phone = rng.choice(synthetic.MOBILE_PREFIXES) + f"{(i * PHONE_STEP + plan.seed) % 10**8:08d}"
        name = _name(rng, sex)
        full, initials = _pinyin(name)
        person_id = plan.person_base + i
        persons.append(dict(
            id=person_id, name=name, name_pinyin=full, name_initials=initials,
            id_number=_ID_FIELD.get_prep_value(number) if encrypt else number,
            id_number_hash=services.id_number_hash(number) if encrypt else number, id_tail=number[-4:],
            phone=_PHONE_FIELD.get_prep_value(phone) if encrypt else phone,
            phone_hash=services.phone_hash(phone) if encrypt else phone, phone_tail=phone[-4:], sex=sex,
            birth_date=birth, category=category, occupation=occupation, current_org_id=org_id, user_id=None,
            province_code=PROVINCE_CODE, self_registered_at=None, identity_verified_at=None, created_at=now,
            updated_at=now))  # union records
        earliest = max(birth + datetime.timedelta(days=16 * 366), datetime.date(2005, 1, 1))
        span = max((today - earliest).days - 30, 1)
        joined = earliest + datetime.timedelta(days=rng.randrange(span))
        age = (today - birth).days // 365
        retired = i and age >= (60 if sex == "M" else 55) and rng.random() < 0.8
        current = dict(id=plan.membership_base + i, person_id=person_id, org_id=org_id, unit_id=unit_id,
                       status="retired" if retired else "active", joined_on=joined, ended_on=None,
                       card_number=_card(i, plan.seed), province_code=PROVINCE_CODE, created_at=now)
        days = (today - joined).days
        if i and not retired and days >= 400 and rng.random() < PAST_TRANSFER_SHARE:
            old_unit, old_org, _ = rng.choice(plan.employer_units)
            if old_org != org_id:
                moved_on = joined + datetime.timedelta(days=rng.randint(365, days - 30))
                old_id = plan.membership_base + n + i
                memberships.append(dict(current, id=old_id, org_id=old_org, unit_id=old_unit,
                                        status="transferred", ended_on=moved_on, card_number=_card(n + i, plan.seed)))
                current["joined_on"] = moved_on
                decided = datetime.datetime.combine(moved_on, datetime.time(10), tzinfo=datetime.UTC)
                asked = decided - datetime.timedelta(days=3)
                reason = rng.choice(TRANSFER_REASONS)
                transfer_id = plan.transfer_base + i
                transfers.append(dict(
                    id=transfer_id, person_id=person_id, from_membership_id=old_id, from_org_id=old_org,
                    to_org_id=org_id, to_unit_id=unit_id, origin="old_union", reason=reason, state="accepted",
                    requested_by_id=plan.officer_id, requested_at=asked, decided_by_id=plan.officer_id,
                    decided_at=decided, decision_comment="", new_membership_id=current["id"]))
                for step, source, target, at, comment in (("create", "", "requested", asked, reason),
                                                          ("accept", "requested", "accepted", decided, "")):
                    logs.append(dict(workflow=TRANSFER_FLOW.name, object_type=Transfer._meta.label_lower,
                                     object_id=str(transfer_id), transition=step, from_state=source,
                                     to_state=target, actor_id=plan.officer_id, at=at, comment=comment,
                                     assignee_id=None, due_date=None))
        memberships.append(current)
    result = []
    for model, rows in ((Person, persons), (Membership, memberships), (Transfer, transfers),
                        (WorkflowLog, logs)):
        columns = plan.columns[model]
        tuples = [plan.writer.adapt_row(tuple(row[c] for c in columns)) for row in rows]
        result.append((model, demo.copy_text(tuples) if plan.writer.vendor == "postgresql" else tuples))
    return result


def _card(index: int, seed: int) -> str:
    return f"{PROVINCE_CODE}{(index * CARD_STEP + seed) % 10**14:014d}"


def _generate(batch: int) -> list[tuple]:
    return generate_batch(batch)


def build_persons(ctx: demo.DemoContext) -> None:
    global _PLAN
    writer = demo.BulkWriter()
    _PLAN = plan = plan_for(ctx, writer)
    batches = math.ceil(plan.persons / plan.batch_size)
    db_columns = {model: _db_columns(model, with_id=model is not WorkflowLog) for model in plan.columns}
    bar = ctx.progress_bar("persons", plan.persons)
    counts = dict.fromkeys(plan.columns, 0)
    try:
        for batch, result in enumerate(demo.parallel_map(_generate, range(batches), ctx.workers)):
            for model, rows in result:
                counts[model] += writer.write(model._meta.db_table, db_columns[model], rows)
            bar.advance(min(plan.batch_size, plan.persons - batch * plan.batch_size))
    finally:
        _PLAN = None
    elapsed = bar.close()
    writer.reset_sequences(Person._meta.db_table, Membership._meta.db_table, Transfer._meta.db_table)
    ctx.shared["bulk_counts"] = {model._meta.label_lower: count for model, count in counts.items()}
    ctx.shared["bulk_seconds"] = elapsed
    ctx.progress(f"persons: {counts[Person]:,}, memberships: {counts[Membership]:,}, "
                 f"past transfers: {counts[Transfer]:,} ({sum(counts.values()) / max(elapsed, 1e-9):,.0f} rows/s)")


def build_open_transfers(ctx: demo.DemoContext) -> None:
    """A few requests arriving in Wuhua, made through the service (the sample is drawn by id, no full scan)."""
    rng = random.Random(ctx.seed * 7919 + 3)
    officer = get_user_model().objects.get(username="province_admin")
    wuhua = list(org_selectors.grassroots_unions_below_division(WUHUA, kind="grassroots").order_by("path")[:50])
    base = Person.objects.order_by("id").values_list("id", flat=True).first() or 0
    sample = sorted({base + rng.randrange(ctx.person_count) for _ in range(400)})
    moved = set(Transfer.objects.filter(person_id__in=sample).values_list("person_id", flat=True))
    candidates = [m for m in Membership.objects.filter(person_id__in=sample, status=Membership.Status.ACTIVE)
                  .select_related("org__parent").order_by("person_id")
                  if m.org.parent.division_id != WUHUA and m.person_id not in moved]
    chosen = rng.sample(candidates, min(OPEN_TRANSFERS_TO_WUHUA, len(candidates)))
    for membership in chosen:
        services.transfer_request(actor=officer, person=Person.objects.get(pk=membership.person_id),
                                  to_org=rng.choice(wuhua), reason=rng.choice(TRANSFER_REASONS))
    ctx.progress(f"open transfers to Wuhua: {len(chosen)}")
