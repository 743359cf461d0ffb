"""Demo legal-aid cases. Small scale (``make run``, tests): about a hundred cases of the last year in the demo
county, a lawyer and a mediator who can sign in, the demo worker's own cases. County and province scales: five
years of about 4,000 cases across the province, about 100 million yuan recovered, 136 mediation bodies with 724
mediators and a bench of lawyers; some employers behind many wage-arrears disputes."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import demo
from gonghui.core.models import WorkflowLog
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs import services as org_services

from .. import sla
from ..models import ALLOWED_OUTCOMES, MONEY_OUTCOMES, CaseType, CaseWorker, Channel, DisputeType, Holiday, LegalCase
from ..workflows import CASE_FLOW

SCALE = {"small": {"cases": 100, "years": 1, "bodies": 2, "mediators": 4, "lawyers": 3, "recovered": None},
         "county": {"cases": 600, "years": 2, "bodies": 20, "mediators": 100, "lawyers": 30, "recovered": 12_000_000},
         "province": {"cases": 4_000, "years": 5, "bodies": 136, "mediators": 724, "lawyers": 180,
                      "recovered": 100_000_000}}
DISPUTES = ((DisputeType.WAGE_ARREARS, 0.42), (DisputeType.CONTRACT, 0.12), (DisputeType.DISMISSAL, 0.12),
            (DisputeType.WORK_INJURY, 0.14), (DisputeType.SOCIAL_INSURANCE, 0.1), (DisputeType.OVERTIME, 0.1))
CHANNELS = ((Channel.MOBILE, 0.35), (Channel.PHONE, 0.2), (Channel.WALK_IN, 0.3), (Channel.COURT, 0.15))
TYPES = ((CaseType.CONSULTATION, 0.15), (CaseType.DOCUMENTS, 0.1), (CaseType.MEDIATION, 0.5),
         (CaseType.ARBITRATION, 0.15), (CaseType.LITIGATION, 0.1))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
BODIES = ("劳动争议调解中心", "工会调解委员会", "诉调对接工作室", "职工法律服务站")
COURTS = ("人民法院",)
LAWYER = "rights_demo_lawyer"
MEDIATOR = "rights_demo_mediator"
# 2025–2026 public holidays and make-up working days (the State Council's notices), for the SLA clock.
HOLIDAYS = [(datetime.date(2026, 1, 1), "元旦", False), (datetime.date(2026, 1, 2), "元旦", False),
            *[(datetime.date(2026, 2, d), "春节", False) for d in range(16, 23)],
            (datetime.date(2026, 2, 14), "春节调休", True), (datetime.date(2026, 2, 28), "春节调休", True),
            *[(datetime.date(2026, 4, d), "清明节", False) for d in (4, 5, 6)],
            *[(datetime.date(2026, 5, d), "劳动节", False) for d in range(1, 6)],
            (datetime.date(2026, 5, 9), "劳动节调休", True), (datetime.date(2026, 6, 19), "端午节", False),
            *[(datetime.date(2026, 10, d), "国庆节", False) for d in range(1, 8)],
            (datetime.date(2026, 9, 20), "国庆节调休", True), (datetime.date(2026, 10, 10), "国庆节调休", True)]


def _pick(rng, weighted):
    roll = rng.random()
    for value, share in weighted:
        if roll < share:
            return value
        roll -= share
    return weighted[-1][0]


def _staff(username: str, display: str, *, login: bool):
    user_model = get_user_model()
    user = user_model(username=username, display_name=display, kind=user_model.Kind.STAFF,
                      password_changed_at=timezone.now() if login else None)
    if login:  # county-level staff owe a second factor: a fixed, confirmed secret (printed with the accounts)
        user.set_password(demo.DEMO_PASSWORD)
        user.totp_secret, user.totp_confirmed_at = demo.demo_totp_secret(username), timezone.now()
    else:
        user.set_unusable_password()
    return user


def _case_workers(ctx, cfg, admin, security, counties) -> list[CaseWorker]:
    """Mediation bodies (one per county first, then round the counties again) with their mediators, and lawyers;
    each account holds the case-worker role at its county (granted by the security administrator)."""
    rng = ctx.rng
    user_model = get_user_model()
    specs = []
    for i in range(cfg["mediators"]):
        body = i % cfg["bodies"]
        county = counties[body % len(counties)]
        specs.append(("mediator", county, f"{county.name}{BODIES[body // len(counties) % len(BODIES)]}",
                      f"rights_m{i:04d}"))
    for i in range(cfg["lawyers"]):
        specs.append(("lawyer", counties[i % len(counties)], "云南法律援助律师团", f"rights_l{i:04d}"))
    if not ctx.bulk:  # two accounts a tester can sign in with, in the demo county
        specs[0] = ("mediator", counties[0], specs[0][2], MEDIATOR)
        specs[cfg["mediators"]] = ("lawyer", counties[0], "云南法律援助律师团", LAWYER)
    users = user_model.objects.bulk_create(
        [_staff(username, f"{SURNAMES[i % len(SURNAMES)]}{'律师' if role == 'lawyer' else '调解员'}{i}",
                login=username in (LAWYER, MEDIATOR)) for i, (role, _c, _b, username) in enumerate(specs)],
        batch_size=500)
    workers = []
    for user, (role, county, body, _username) in zip(users, specs, strict=True):
        org_services.role_grant(actor=security, user=user, org=county, role="rights_case_worker")
        workers.append(CaseWorker(org=county, province_code=county.province_code, user=user, role=role,
                                  name=user.display_name, body=body, max_open=rng.choice((10, 15, 20))))
    return CaseWorker.objects.bulk_create(workers, batch_size=500)


def _members(admin, wanted: int, rng, counties) -> list[tuple]:
    """About ``wanted`` members (person, union, unit), drawn by id across the subtree of ``counties``."""
    rows = member_selectors.membership_list(admin).filter(status="active")
    if len(counties) < 10:
        from django.db.models import Q

        q = Q()
        for county in counties:
            q |= Q(org__path__startswith=county.path)
        rows = rows.filter(q)
    ids = list(rows.order_by().values_list("id", flat=True)[:200_000])
    chosen = rng.sample(ids, min(len(ids), wanted))
    return list(rows.filter(id__in=chosen).order_by("id").values_list("person_id", "org_id", "org__path", "unit_id"))


def _employers(admin, rng, count: int) -> list[tuple]:
    units = list(member_selectors.units_visible(admin).exclude(credit_code=None).order_by("id")
                 .values_list("id", "name", "credit_code")[:5000])
    rng.shuffle(units)
    return units[:count]


def _state(rng, submitted: datetime.date, today: datetime.date) -> str:
    age = (today - submitted).days
    if age < 7:
        return rng.choice(("submitted", "review", "waiting"))
    if age < 40:
        return _pick(rng, (("in_progress", 0.45), ("assigned", 0.15), ("closed", 0.25), ("refused", 0.1),
                           ("accepted", 0.05)))
    return _pick(rng, (("closed", 0.86), ("refused", 0.08), ("withdrawn", 0.03), ("in_progress", 0.03)))


def build_cases(ctx: demo.DemoContext) -> None:
    cfg = SCALE[ctx.scale]
    rng = ctx.rng
    user_model = get_user_model()
    admin = user_model.objects.get(username="province_admin")
    security = user_model.objects.get(username="security_admin")
    Holiday.objects.bulk_create([Holiday(date=d, name=n, is_workday=w) for d, n, w in HOLIDAYS],
                                ignore_conflicts=True)
    federations = org_selectors.subtree(ctx.shared["province"]).filter(kind="federation", level="county")
    counties = list(federations.order_by("path"))
    if not ctx.bulk:
        counties = [c for c in counties if c.division_id == "530102"] or counties[:1]
    workers = _case_workers(ctx, cfg, admin, security, counties)
    by_county: dict[int, list[CaseWorker]] = {}
    for w in workers:
        by_county.setdefault(w.org_id, []).append(w)
    members = _members(admin, cfg["cases"], rng, counties)
    employers = _employers(admin, rng, max(20, cfg["cases"] // 8))
    repeat = employers[: max(3, len(employers) // 20)]  # a few employers behind many disputes
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365 * cfg["years"])
    cal = sla.Calendar(frozenset(d for d, _n, w in HOLIDAYS if not w), frozenset(d for d, _n, w in HOLIDAYS if w))
    county_of = {c.path: c for c in counties}
    cases, raw = [], []
    year_counter: dict[int, int] = {}
    for index in range(cfg["cases"]):
        person_id, org_id, org_path, _unit = members[index % len(members)]
        county = next((c for p, c in county_of.items() if org_path.startswith(p)), counties[0])
        submitted = start + datetime.timedelta(days=rng.randrange((today - start).days + 1))
        state = _state(rng, submitted, today)
        dispute = _pick(rng, DISPUTES)
        unit = rng.choice(repeat) if dispute == DisputeType.WAGE_ARREARS and rng.random() < 0.3 else \
            rng.choice(employers)
        channel = _pick(rng, CHANNELS)
        case_type = CaseType.MEDIATION if channel == Channel.COURT else _pick(rng, TYPES)
        workers_involved = rng.choice((1, 1, 1, 2, 3, 12, 40)) if dispute == DisputeType.WAGE_ARREARS else 1
        claimed = Decimal(rng.randrange(3_000, 60_000) * workers_involved).quantize(Decimal("1"))
        year_counter[submitted.year] = year_counter.get(submitted.year, 0) + 1
        due = sla.deadline(submitted, cal)
        case = LegalCase(
            org_id=org_id, province_code=county.province_code,
            reference=f"WQ{submitted.year}{year_counter[submitted.year]:06d}", channel=channel,
            dispute_type=dispute, case_type=case_type, state=state, person_id=person_id,
            employer_unit_id=unit[0], employer_name=unit[1], employer_credit_code=unit[2],
            summary=f"{unit[1]}：{DisputeType(dispute).label}", amount_claimed=claimed,
            urgency="urgent" if rng.random() < 0.1 else "normal", hardship=rng.random() < 0.15,
            workers_involved=workers_involved, submitted_on=submitted,
            decision_due=None if state == "waiting" else due)
        if channel == Channel.COURT:
            case.court_name = f"{county.name.replace('总工会', '')}{COURTS[0]}"
            case.court_case_number = f"({submitted.year})云民初{rng.randrange(1, 9999)}号"
            case.court_deadline = submitted + datetime.timedelta(days=30)
        if state not in ("submitted", "review", "waiting", "withdrawn"):
            days = rng.choice((1, 2, 3, 3, 4, 5, 5, 6))
            decided = submitted
            while days:
                decided += sla.ONE_DAY
                days -= cal.is_working(decided)
            case.decided_on, case.decision_days = decided, sla.working_days_between(submitted, decided, cal)
            case.decided_in_time = decided <= due
        if state == "refused":
            case.refusal_reason = rng.choice(("not_labour", "time_barred", "not_eligible", "out_of_area"))
        if state in ("assigned", "in_progress", "closed"):
            pool = [w for w in by_county.get(county.pk, workers)
                    if case_type in ("mediation", "consultation") or w.role == "lawyer"] or workers
            worker = rng.choice(pool)
            case.case_worker, case.assignee_id = worker, worker.user_id
        if state == "closed":
            outcome = _pick(rng, [(o, 0.8 if o in MONEY_OUTCOMES else 0.2 / 3) for o in ALLOWED_OUTCOMES[case_type]])
            case.outcome = outcome
            case.closed_on = min(today, case.decided_on + datetime.timedelta(days=rng.randrange(10, 120)))
            if outcome in MONEY_OUTCOMES:
                raw.append((case, Decimal(rng.uniform(0.55, 1.0)) * claimed))
                case.reached_worker = rng.random() < 0.93
            if rng.random() < 0.6:
                case.rating = rng.choice((5, 5, 5, 4, 4, 3))
        cases.append(case)
    # Scale the recovered amounts to the report's total (the figure the federation publishes).
    total = sum(amount for _c, amount in raw) or Decimal(1)
    factor = Decimal(cfg["recovered"]) / total if cfg["recovered"] else Decimal(1)
    for case, amount in raw:
        case.amount_recovered = min((amount * factor).quantize(Decimal("0.01"), ROUND_HALF_UP),
                                    Decimal("9999999999.99"))
    created = LegalCase.objects.bulk_create(cases, batch_size=1000)
    _histories(created, admin)
    _worker_cases(ctx, admin, workers)
    ctx.progress(f"rights: {len(created):,} legal-aid cases, {len(workers):,} lawyers and mediators")


def _histories(cases, admin) -> None:
    """Each case's history: its creation, then the state the demo gave it (a "recorded" note)."""
    logs = []
    for case in cases:
        logs.append(CASE_FLOW._log(case, "create", "", "submitted", None, "", save=False))
        if case.state != "submitted":
            logs.append(CASE_FLOW._log(case, "recorded", "submitted", case.state, admin, "", save=False,
                                       assignee=case.assignee_id and case.case_worker.user))
    WorkflowLog.objects.bulk_create(logs, batch_size=2000)


def _worker_cases(ctx, admin, workers) -> None:
    """The demo worker's own: a wage-arrears case under mediation and an older one closed, to rate."""
    from .. import services

    user = get_user_model().objects.filter(username="worker").first()
    person = member_selectors.worker_person(user) if user else None
    if person is None or person.current_org is None:
        return
    case = services.case_create(actor=admin, org=person.current_org, person=person, channel=Channel.MOBILE,
                                dispute_type=DisputeType.WAGE_ARREARS, summary="外卖平台站点拖欠两个月工资",
                                employer_name="昆明某配送服务有限公司", amount_claimed="9600.00",
                                case_type=CaseType.MEDIATION)
    services.case_review(actor=admin, case=case, comment=str(_("The union is checking your request.")))



def describe(ctx: demo.DemoContext) -> None:
    """The lawyer and the mediator a tester can sign in with (small scale)."""
    for worker in CaseWorker.objects.filter(user__username__in=(LAWYER, MEDIATOR)).select_related("org", "user"):
        ctx.accounts.append(demo.DemoAccount(
            username=worker.user.username, role=str(worker.get_role_display()), organisation=worker.org.name,
            login_url=demo.base_url() + "/staff/", totp_secret=worker.user.totp_secret,
            note=str(_("works the legal-aid cases assigned to them"))))
