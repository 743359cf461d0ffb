"""The indicator registry answers what a direct count of the rows answers, for every registered figure, on random
subtrees, windows and readers (hypothesis), by month, year and child organisation; and it is scoped.

The oracle below reads the rows into Python and filters and adds them up there (paths by prefix, datetimes turned
into Asia/Shanghai days, stocks by their since/until days), so it shares nothing with the SQL the registry writes
except each declaration's base rows."""

import datetime
import importlib
import random
from decimal import Decimal
from importlib.util import find_spec

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.core import indicators as I
from gonghui.core import scope
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.members import services as member_services
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.members.tests.factories import make_person, make_unit
from gonghui.mutual_aid.models import Claim, ContributionStatement, Enrolment, Payment, Period, SecondPayout, Settlement
from gonghui.mutual_aid.tests import factories as ma
from gonghui.orgs.models import Organisation
from gonghui.orgs.services import create_grassroots
from gonghui.venues.models import DailyVisitCount, FundingProject, Venue, Visit
from gonghui.venues.tests.factories import make_venue

pytestmark = pytest.mark.django_db

READERS = ["province_admin", "prefecture_officer", "county_officer", "sibling_officer", "grassroots_officer",
           "auditor", "staff_no_role", "worker"]
FIRST, LAST = datetime.date(2019, 1, 1), datetime.date(2025, 12, 31)
TIMES = (datetime.time(0, 10), datetime.time(12, 0), datetime.time(23, 50))  # either side of a local midnight


# --- the rows ----------------------------------------------------------------------------------------------------

def _day(rng) -> datetime.date:
    return FIRST + datetime.timedelta(days=rng.randrange((LAST - FIRST).days + 1))


def _moment(rng) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(rng), rng.choice(TIMES)),
                               timezone.get_default_timezone())


def populate(world, seed: int = 20260101) -> dict:
    """A few of every kind of row the figures count, spread over the tree (grassroots unions in two counties of
    Kunming, one in Yuxi, and rows held by the Wuhua county federation itself) and over seven years."""
    rng = random.Random(seed)
    yuxi = create_grassroots(parent=Organisation.objects.get(division_id="530402"), name="红塔区指标测试工会")
    holders = [world.wuhua_union, world.wuhua_union2, world.panlong_union, yuxi, world.wuhua]
    admin = world.user("province_admin")
    persons = list(Person.objects.all())
    for i in range(14):
        org = holders[i % len(holders)]
        persons.append(make_person(org, f"指标{i}", region="530102", category=rng.choice(Person.Category.values)))
    for membership in Membership.objects.all():
        Membership.objects.filter(pk=membership.pk).update(joined_on=_day(rng))
    for person in rng.sample(persons, 6):  # some left, some moved by an accepted transfer
        old = Membership.objects.get(person=person, status__in=Membership.CURRENT)
        ended = old.joined_on + datetime.timedelta(days=rng.randrange(0, 400))
        target = rng.choice([h for h in holders if h.pk != old.org_id])
        Membership.objects.filter(pk=old.pk).update(status="transferred" if rng.random() < .7 else "lapsed",
                                                    ended_on=ended)
        if rng.random() < .7:
            new = Membership.objects.create(person=person, org=target, joined_on=ended,
                                            card_number=member_services.new_card_number())
            decided = timezone.make_aware(datetime.datetime.combine(ended, rng.choice(TIMES)))
            Transfer.objects.create(person=person, from_membership=old, from_org_id=old.org_id, to_org=target,
                                    origin="old_union", state="accepted", requested_by=admin, decided_by=admin,
                                    decided_at=decided, new_membership=new)
    Transfer.objects.create(person=persons[-1], from_membership=Membership.objects.filter(person=persons[-1]).first(),
                            from_org=world.wuhua_union, to_org=world.panlong_union, origin="member",
                            state="requested", requested_by=admin)
    for org in holders * 2:
        unit = make_unit(org, is_active=rng.random() < .8)
        Unit.objects.filter(pk=unit.pk).update(created_at=_moment(rng))
    periods = []
    for number, year in enumerate(range(2020, 2026), start=1):
        period = ma.make_period(world, number=number, status=rng.choice(Period.Status.values),
                                **ma.period_dates(datetime.date(year, 1, 1)))
        periods.append(period)
        settlement = Settlement.objects.create(period=period, started_by=admin)
        for person in rng.sample([p for p in persons if p.current_org_id], 7):
            enrolment = ma.enrol(person, period, status=rng.choice(Enrolment.Status.values))
            state = rng.choice([Claim.State.PAID, Claim.State.PAID, Claim.State.SUBMITTED, Claim.State.DRAFT,
                                Claim.State.APPROVED])
            amount = Decimal(rng.randrange(100, 900_000)) / 100
            Claim.objects.create(
                org=enrolment.org, period=period, person=person, enrolment=enrolment, benefit_type="inpatient",
                hospital="医院", admission_date=period.coverage_start, discharge_date=period.coverage_start,
                diagnosis="肺炎", total_cost=amount * 2, insurance_paid=amount, self_paid=amount, state=state,
                approved_amount=amount if state in (Claim.State.PAID, Claim.State.APPROVED) else None,
                filed_by=admin, submitted_at=None if state == Claim.State.DRAFT else _moment(rng),
                paid_at=_moment(rng) if state == Claim.State.PAID else None)
            if rng.random() < .4:
                paid = rng.random() < .7
                SecondPayout.objects.create(settlement=settlement, period=period, person=person,
                                            org=enrolment.org, amount=Decimal(rng.randrange(1, 500_000)) / 100,
                                            status="paid" if paid else "payable", approved_by=admin,
                                            paid_at=_moment(rng) if paid else None)
    for n, statement in enumerate(ContributionStatement.objects.all()):
        for k in range(rng.randrange(3)):
            Payment.objects.create(statement=statement, amount=Decimal(rng.randrange(1, 2_000_000)) / 100,
                                   paid_on=_day(rng), reference=f"R{n}-{k}", recorded_by=admin)
    keys = [f"visitor-{i}" for i in range(9)]
    for i, org in enumerate(holders * 3):  # every kind and status at least once; one returned at approval
        venue = make_venue(org, kind=Venue.Kind.values[i % 6], status=Venue.Status.values[i % 3],
                           approval="rejected" if i == 13 else rng.choice(["pending", "approved"]),
                           county=org.division_id or "530102")
        Venue.objects.filter(pk=venue.pk).update(created_at=_moment(rng))
        for _ in range(rng.randrange(3)):
            FundingProject.objects.create(venue=venue, title="项目", year=rng.randrange(2018, 2027),
                                          amount=Decimal(rng.randrange(1, 10**9)) / 100,
                                          floor_area=rng.choice([None, Decimal(rng.randrange(1, 10**6)) / 100]))
        for _ in range(rng.randrange(6)):
            Visit.objects.create(venue=venue, visitor_key=rng.choice(keys), visited_at=_moment(rng))
        for day in {_day(rng) for _ in range(rng.randrange(5))}:
            DailyVisitCount.objects.create(venue=venue, day=day, count=rng.randrange(1, 50))
    # every other module brings its own rows: gonghui.<app>.tests.factories.indicator_rows (no list to edit here)
    for app in _module_apps():
        factories = importlib.import_module(f"{app.name}.tests.factories")
        factories.indicator_rows(holders, persons, rng, _day, moment=_moment, world=world)
    return {"holders": holders, "orgs": [world.province, world.kunming, world.wuhua, world.panlong,
                                         Organisation.objects.get(division_id="530400"), *holders]}


FOUNDATION_APPS = {"core", "members", "mutual_aid", "venues"}  # their rows are built above


def _module_apps() -> list:
    """Every other app that declares figures (it must also bring ``tests.factories.indicator_rows``)."""
    return [c for c in django_apps.get_app_configs() if c.name.startswith("gonghui.")
            and c.label not in FOUNDATION_APPS and find_spec(f"{c.name}.indicators")]


# --- the oracle --------------------------------------------------------------------------------------------------

def _local_day(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, timezone.get_default_timezone()).date()
    if isinstance(value, int):
        return datetime.date(value, 1, 1)
    return value


def oracle(indicator, path, start, end, user, *, exact: bool = False):
    """The figure counted in Python. ``path`` None: the whole scope; ``exact``: rows held by that organisation
    itself only."""
    if indicator.parts:
        return I.coerce(indicator, sum(oracle(I.get_indicator(p), path, start, end, user, exact=exact)
                                       for p in indicator.parts))
    roots = scope.paths_with(user, indicator.permission)
    since, until = indicator.as_of or (indicator.when, None)
    columns = [indicator.org_path, since, until or indicator.org_path, indicator.field or "pk"]
    kept = []
    for row_path, first, last, value in indicator.rows().values_list(*columns):
        if not any(row_path.startswith(r) for r in roots):
            continue
        if path is not None and not (row_path == path if exact else row_path.startswith(path)):
            continue
        first, last = _local_day(first), _local_day(last) if until else None
        if indicator.as_of:
            if not (first <= end and (last is None or last > end)):
                continue
        elif not (start <= first <= end):
            continue
        kept.append(value)
    if indicator.aggregation == I.Aggregation.COUNT:
        return I.coerce(indicator, len(kept))
    if indicator.aggregation == I.Aggregation.DISTINCT:
        return I.coerce(indicator, len(set(kept)))
    return I.coerce(indicator, sum(v for v in kept if v is not None))


def expected_refusal(indicator, user, org):
    if org is None:
        return None if scope.has_perm(user, indicator.permission) else PermissionDenied
    if scope.has_perm(user, indicator.permission, org.path):
        return None
    return PermissionDenied if scope.has_perm(user, "orgs.view", org.path) else NotFound


@pytest.fixture
def data(world):
    return populate(world)


CODES = [i.code for i in I.all_indicators()]


def test_every_indicator_equals_a_direct_count(world, data):
    """Every registered figure, for each reader, over the whole tree and three windows."""
    windows = [(FIRST, LAST), (datetime.date(2021, 3, 1), datetime.date(2021, 3, 31)),
               (datetime.date(2023, 1, 1), datetime.date(2024, 6, 30))]
    nonzero = set()
    for code in CODES:
        indicator = I.get_indicator(code)
        for reader in ("province_admin", "county_officer", "prefecture_officer"):
            user = world.user(reader)
            for start, end in windows:
                for org in (None, world.province, world.wuhua):
                    refusal = expected_refusal(indicator, user, org)
                    if refusal:
                        with pytest.raises(refusal):
                            I.indicator_value(code, org, start, end, user=user)
                        continue
                    got = I.indicator_value(code, org, start, end, user=user)
                    assert got == oracle(indicator, org and org.path, start, end, user), (code, reader, org, start)
                    assert type(got) is (Decimal if indicator.unit in I.DECIMAL_UNITS else int), code
                    nonzero.add(code) if got else None
    # the data set exercises every figure (a figure that is always 0 would prove nothing)
    assert not set(CODES) - nonzero, set(CODES) - nonzero


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def _random_values(world, orgs, draw_data):
    code = draw_data.draw(st.sampled_from(CODES), label="code")
    indicator = I.get_indicator(code)
    user = world.user(draw_data.draw(st.sampled_from(READERS), label="reader"))
    org = draw_data.draw(st.sampled_from([None, *orgs]), label="org")
    start = draw_data.draw(st.dates(datetime.date(2018, 6, 1), datetime.date(2026, 6, 30)), label="start")
    end = start + datetime.timedelta(days=draw_data.draw(st.integers(0, 2600), label="days"))
    refusal = expected_refusal(indicator, user, org)
    if refusal:
        with pytest.raises(refusal):
            I.indicator_value(code, org, start, end, user=user)
        return
    assert I.indicator_value(code, org, start, end, user=user) == oracle(indicator, org and org.path, start, end,
                                                                         user)


def test_random_subtrees_windows_and_readers(world, data):
    _random_values(world, data["orgs"])


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def _random_series(world, orgs, draw_data):
    code = draw_data.draw(st.sampled_from(CODES), label="code")
    indicator = I.get_indicator(code)
    user = world.user(draw_data.draw(st.sampled_from(["province_admin", "prefecture_officer", "county_officer"])))
    org = draw_data.draw(st.sampled_from([o for o in orgs if scope.has_perm(user, indicator.permission, o.path)]
                                         or [None]), label="org")
    by = draw_data.draw(st.sampled_from(I.SERIES_BY), label="by")
    start = draw_data.draw(st.dates(datetime.date(2018, 6, 1), datetime.date(2026, 6, 30)), label="start")
    end = start + datetime.timedelta(days=draw_data.draw(st.integers(0, 800 if by == "month" else 2600)))
    rows = I.indicator_series(code, org, start, end, by=by, user=user)
    if by == I.BY_CHILD:
        for row in rows:
            child = Organisation.objects.get(pk=row["org_id"])
            exact = org is not None and child.pk == org.pk
            assert row["value"] == oracle(indicator, child.path, start, end, user, exact=exact), (code, row)
        if org is not None:
            assert [r["org_id"] for r in rows if r["org_id"] != org.pk] == list(
                Organisation.objects.filter(parent=org).order_by("path").values_list("pk", flat=True))
        return
    assert rows[0]["key"] == (f"{start:%Y-%m}" if by == "month" else f"{start:%Y}")
    assert rows[-1]["key"] == (f"{end:%Y-%m}" if by == "month" else f"{end:%Y}")
    for row, (key, first, last) in zip(rows, I._buckets(start, end, by), strict=True):
        assert row["key"] == key
        assert row["value"] == oracle(indicator, org and org.path, first, last, user), (code, key)


def test_random_series_by_month_year_and_child(world, data):
    _random_series(world, data["orgs"])


def test_series_add_up_to_the_value(world, data):
    """Counts and sums: the children (and the organisation's own rows) add up to the figure."""
    admin = world.user("province_admin")
    for code in ("members.joinings", "mutual_aid.payout_amount", "venues.workers_served", "members.units"):
        for org in (world.province, world.kunming, world.wuhua):
            total = I.indicator_value(code, org, FIRST, LAST, user=admin)
            assert sum(r["value"] for r in I.indicator_series(code, org, FIRST, LAST, by="child", user=admin)) == total
            if I.get_indicator(code).kind == I.FLOW:
                assert sum(r["value"] for r in I.indicator_series(code, org, FIRST, LAST, by="year",
                                                                  user=admin)) == total


def test_a_stock_series_is_one_query_whatever_the_number_of_buckets(world, data):
    """members.members (a distinct count of persons between joined_on and ended_on) and members.units (a count
    from created_at): 3 months or 7 years of months, the same single query; each bucket still agrees with the
    value as of its last day."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = world.user("province_admin")
    scope.has_perm(admin, "members.view")  # the user's grants read once, before counting
    for code in ("members.members", "members.units", "venues.venues"):
        counts = {}
        for start in (datetime.date(2025, 10, 1), FIRST):
            with CaptureQueriesContext(connection) as queries:
                rows = I.indicator_series(code, world.kunming, start, LAST, by="month", user=admin)
            counts[start] = len(queries)
            for row, (_key, _first, last) in zip(rows, I._buckets(start, LAST, "month"), strict=True):
                if last.month in (1, 6, 12):  # a few readings against the value (each is a query of its own)
                    assert row["value"] == I.indicator_value(code, world.kunming, FIRST, last, user=admin), row
        assert len(rows) == 84 and counts[FIRST] == counts[datetime.date(2025, 10, 1)] <= 2, (code, counts)


# --- definitions and scope ---------------------------------------------------------------------------------------

def test_every_registered_indicator_is_fully_declared():
    assert len(CODES) >= 30
    for indicator in I.all_indicators():
        assert I.problems(indicator) == [], indicator.code
        assert str(indicator.label).strip() and str(indicator.definition).strip(), indicator.code
        assert indicator.unit in I.Unit.values and indicator.aggregation in I.Aggregation.values
    with_indicators = {c.label for c in django_apps.get_app_configs()
                       if c.name.startswith("gonghui.") and c.label != "core" and find_spec(f"{c.name}.indicators")}
    assert with_indicators == {i.app for i in I.all_indicators()}
    for needed in ("members.members", "members.members_migrant", "members.units", "members.joinings",
                   "members.transfers", "mutual_aid.enrolled_persons", "mutual_aid.contributions_paid",
                   "mutual_aid.claims_submitted", "mutual_aid.claims_paid", "mutual_aid.payout_amount",
                   "mutual_aid.second_payouts", "venues.kind_station", "venues.status_open", "venues.investment",
                   "venues.checkins", "venues.workers_served"):
        assert needed in CODES


@pytest.mark.parametrize("change, complaint", [
    ({"definition": ""}, "definition is missing"),
    ({"definition": "   "}, "definition is missing"),
    ({"unit": ""}, "unit must be one of"),
    ({"unit": "people"}, "unit must be one of"),
    ({"label": ""}, "label is missing"),
    ({"aggregation": "avg"}, "aggregation must be one of"),
    ({"when": None}, "exactly one of"),
    ({"as_of": ("created_at", None)}, "exactly one of"),
    ({"aggregation": "sum"}, "names its field"),
    ({"code": "NoDot"}, "code must look like"),
    ({"permission": ""}, "permission is missing"),
])
def test_an_indicator_without_definition_or_unit_is_refused(change, complaint):
    declaration = {"code": "probe.figure", "label": "Probe", "definition": "Rows of the probe.",
                   "unit": I.Unit.ITEMS, "aggregation": I.Aggregation.COUNT, "permission": "members.view",
                   "rows": lambda: Unit.objects.all(), "when": "created_at"}
    declaration.update(change)
    with pytest.raises(ImproperlyConfigured, match=complaint):
        I.register_indicator(I.Indicator(**declaration))
    assert "probe.figure" not in [i.code for i in I.all_indicators()]


def test_a_code_declared_by_two_modules_is_refused():
    clash = I.Indicator("members.members", "x", "y", I.Unit.ITEMS, I.Aggregation.COUNT, "members.view",
                        rows=lambda: Unit.objects.all(), when="created_at")
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        I.register_indicator(clash)


def test_scope_county_officer_gets_only_their_subtree(world, data):
    officer = world.user("county_officer")
    admin = world.user("province_admin")
    whole = I.indicator_value("members.members", None, FIRST, LAST, user=officer)
    assert whole == I.indicator_value("members.members", world.wuhua, FIRST, LAST, user=admin)
    with pytest.raises(NotFound):  # above their grant: not revealed
        I.indicator_value("members.members", world.province, FIRST, LAST, user=officer)
    with pytest.raises(PermissionDenied):  # the auditor sees the tree but reads no member figures
        I.indicator_value("members.members", world.province, FIRST, LAST, user=world.user("auditor"))
    with pytest.raises(NotFound):
        I.indicator_value("members.members", world.panlong, FIRST, LAST, user=officer)
    with pytest.raises(NotFound):
        I.indicator_series("venues.checkins", world.panlong_union, FIRST, LAST, by="month", user=officer)
    with pytest.raises(NotFound):
        I.indicator_value("members.members", world.wuhua, FIRST, LAST, user=world.user("worker"))
    with pytest.raises(PermissionDenied):
        I.indicator_value("mutual_aid.payout_amount", None, FIRST, LAST, user=world.user("staff_no_role"))
    rows = I.indicator_series("members.members", None, FIRST, LAST, by="child", user=officer)
    assert [r["org_id"] for r in rows] == [world.wuhua.pk] and rows[0]["value"] == whole


def test_province_series_by_child_is_one_row_per_prefecture(world, data):
    admin = world.user("province_admin")
    rows = I.indicator_series("members.members", world.province, FIRST, LAST, by="child", user=admin)
    prefectures = Organisation.objects.filter(parent=world.province)
    assert [r["org_id"] for r in rows] == list(prefectures.order_by("path").values_list("pk", flat=True))
    assert {r["org_id"] for r in rows if r["value"]} == {world.kunming.pk, data["holders"][3].parent.parent_id}
    counties = I.indicator_series("members.members", world.kunming, FIRST, LAST, by="child", user=admin)
    assert world.wuhua.pk in [r["org_id"] for r in counties] and world.panlong.pk in [r["org_id"] for r in counties]


def test_own_rows_of_a_federation_come_last(world, data):
    admin = world.user("province_admin")
    rows = I.indicator_series("venues.venues", world.wuhua, FIRST, LAST, by="child", user=admin)
    own = [r for r in rows if r["org_id"] == world.wuhua.pk]
    assert own == [] or rows[-1] is own[0]
    assert own and own[0]["value"] == Venue.objects.filter(org=world.wuhua).exclude(approval="rejected").count()


def test_bad_windows_and_series_are_refused(world):
    admin = world.user("province_admin")
    with pytest.raises(ValidationFailed):
        I.indicator_value("members.members", None, LAST, FIRST, user=admin)
    with pytest.raises(ValidationFailed):
        I.indicator_series("members.members", None, FIRST, LAST, by="week", user=admin)
    with pytest.raises(ValidationFailed):
        I.indicator_series("members.joinings", None, datetime.date(1950, 1, 1), LAST, by="month", user=admin)
    with pytest.raises(NotFound):
        I.indicator_value("members.nothing", None, FIRST, LAST, user=admin)


def test_a_datetime_counts_on_its_local_day(world):
    """A payment confirmed at 00:10 in Kunming belongs to that day, though it is the evening before in UTC."""
    admin = world.user("province_admin")
    person = Person.objects.get(name="李娜")
    period = ma.make_period(world, number=1)
    enrolment = ma.enrol(person, period)
    local = timezone.make_aware(datetime.datetime(2024, 3, 1, 0, 10), timezone.get_default_timezone())
    Claim.objects.create(org=enrolment.org, period=period, person=person, enrolment=enrolment, benefit_type="x",
                         hospital="h", admission_date=period.coverage_start, discharge_date=period.coverage_start,
                         diagnosis="d", total_cost=1, insurance_paid=0, self_paid=1, state="paid",
                         approved_amount=Decimal("10.05"), filed_by=admin, paid_at=local)
    march_1 = datetime.date(2024, 3, 1)
    assert I.indicator_value("mutual_aid.payout_amount", None, march_1, march_1, user=admin) == Decimal("10.05")
    feb_29 = datetime.date(2024, 2, 29)
    assert I.indicator_value("mutual_aid.payout_amount", None, feb_29, feb_29, user=admin) == Decimal("0.00")
    months = I.indicator_series("mutual_aid.claims_paid", None, feb_29, march_1, by="month", user=admin)
    assert months == [{"key": "2024-02", "label": "2024-02", "value": 0},
                      {"key": "2024-03", "label": "2024-03", "value": 1}]


def test_home_tiles_read_their_figures_through_the_registry(world, data, rf):
    from gonghui.core.web import panels

    officer = world.user("county_officer")
    request = rf.get("/staff/")
    request.user = officer
    with translation.override("en"):
        tiles = {item["label"]: item["value"] for panel in panels.home_panels(request) for item in panel["items"]}
    today = timezone.localdate()
    assert tiles["Members in my scope"] == I.indicator_value("members.members", None, today, today, user=officer)
    assert tiles["Units in my scope"] == I.indicator_value("members.units", None, today, today, user=officer) > 0
    assert tiles["Venues"] == I.indicator_value("venues.venues", None, today, today, user=officer) > 0
    # a venue returned at approval is not a venue of the tile (the registry's definition), nor out of scope ones
    assert tiles["Venues"] == Venue.objects.filter(org__path__startswith=world.wuhua.path).exclude(
        approval="rejected").count()
