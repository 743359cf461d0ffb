"""What both demo scales share: the periods, who joins each period (with the real eligibility rule), and
realistic claims (about one participant in five claims in a year, mostly small inpatient costs)."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from gonghui.members import selectors as member_selectors

from ..models import Period
from ..services import default_dates, eligibility, period_close, period_create, period_open

HISTORY = 4  # closed periods before the current one (Yunnan: periods 18-21 before 22)
UNIT_TAKES_PART = 0.9
PERSON_JOINS = 0.93
INSURED = 0.97
# Claims per participant and year, and their size: about one participant in seven is paid a claim in a year
# (Yunnan's record: 2.21 million person-times in 5 periods of about 2.2 million participants, 818 yuan each on
# average), about 700 yuan on average here, so the benefits paid stay below the contributions (120 yuan a head)
# and leave the surplus the second payout shares out.
CLAIM_RATE = 0.16
CATASTROPHIC = 0.004  # share of claims with a very large self-paid cost (cancer, intensive care…)
BENEFIT_WEIGHTS = (("inpatient", 80), ("accident", 13), ("serious_illness", 3), ("women", 4))
HOSPITALS = ("昆明医科大学第一附属医院", "云南省第一人民医院", "昆明市第一人民医院", "云南省肿瘤医院",
             "昆明市延安医院", "玉溪市人民医院", "曲靖市第一人民医院", "大理州人民医院", "红河州第一人民医院",
             "昆明市中医医院")
DIAGNOSES = {"inpatient": ("肺炎", "急性阑尾炎", "胆囊结石", "冠心病", "腰椎间盘突出", "糖尿病", "高血压",
                           "胃溃疡"),
             "accident": ("右桡骨骨折", "踝关节扭伤", "交通事故多处软组织挫伤", "手指切割伤"),
             "serious_illness": ("肺恶性肿瘤", "急性心肌梗死", "脑卒中后遗症", "慢性肾衰竭（尿毒症期）"),
             "women": ("乳腺恶性肿瘤", "子宫颈恶性肿瘤", "卵巢恶性肿瘤")}
BANKS = ("中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "云南农村信用社", "富滇银行")


def current_number(today: datetime.date | None = None) -> int:
    """The period open for claims today: this year's (period N covers 2004 + N), or last year's in January
    and February, while its claims are still coming in."""
    today = today or timezone.localdate()
    return today.year - 2004 - (1 if today.month < 3 else 0)


def create_periods(admin, province) -> list[Period]:
    """The history (closed) and the current period (open), through the service, plan version 1 each."""
    current = current_number()
    periods = []
    for number in range(current - HISTORY, current + 1):
        period = period_create(actor=admin, org=province, number=number, **default_dates(number))
        period_open(actor=admin, period=period)  # opened and closed through the services: steps in its history
        if number != current:
            period_close(actor=admin, period=period)
        periods.append(period)
    return periods


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    org_id: int
    unit_id: int | None
    birth_date: datetime.date
    category: str
    status: str
    sex: str
    province_code: str


def members(admin):
    """Every current membership, read through the members selectors (in id order, streamed)."""
    rows = member_selectors.membership_list(admin).filter(status__in=("active", "retired")).order_by("id")
    for values in rows.values_list("person_id", "org_id", "unit_id", "person__birth_date", "person__category",
                                   "status", "person__sex", "org__province_code").iterator(chunk_size=5000):
        yield Member(*values)


def member_count(admin) -> int:
    return member_selectors.membership_list(admin).filter(status__in=("active", "retired")).count()


def joins(rng, periods, member: Member, unit_in: dict) -> list[tuple[Period, bool, bool]]:
    """(period, is_renewal, insured) for each period the member joins, by the real eligibility rule."""
    result = []
    before = rng.random() < 0.7  # most were in the period before the demo's first
    insured = rng.random() < INSURED
    for period in periods:
        key = (period.number, member.unit_id or -member.org_id)
        if key not in unit_in:
            unit_in[key] = rng.random() < UNIT_TAKES_PART
        wants = unit_in[key] and rng.random() < (0.98 if before else PERSON_JOINS)
        ok = not eligibility(period, birth_date=member.birth_date, membership_status=member.status,
                             basic_insurance=insured, enrolled_before=before)
        joined = wants and ok
        if joined:
            result.append((period, before, insured))
        before = joined
    return result


def benefit_type(rng, sex: str) -> str:
    codes = [c for c, _w in BENEFIT_WEIGHTS if c != "women" or sex == "F"]
    weights = [w for c, w in BENEFIT_WEIGHTS if c != "women" or sex == "F"]
    return rng.choices(codes, weights=weights, k=1)[0]


def self_paid(rng, benefit: str) -> Decimal:
    """Mostly a few thousand yuan, a long tail into tens of thousands (lognormal), serious illness larger."""
    mu = {"inpatient": 6.8, "accident": 6.6, "serious_illness": 7.5, "women": 7.3}[benefit]
    if benefit != "accident" and rng.random() < CATASTROPHIC:
        mu = 10.6  # about 40,000 yuan left to pay after basic insurance: the second payout's candidates
    value = min(math.exp(rng.gauss(mu, 0.85)), 400_000)
    return Decimal(f"{max(value, 200):.2f}")


def stay(rng, period: Period, cover_start: datetime.date, last_day: datetime.date) -> tuple:
    """Admission and discharge inside the cover, after the waiting period of any benefit (day 100 on)."""
    first = cover_start + datetime.timedelta(days=100)
    last = min(period.coverage_end, last_day) - datetime.timedelta(days=25)
    span = max((last - first).days, 1)
    admission = first + datetime.timedelta(days=rng.randrange(span))
    return admission, admission + datetime.timedelta(days=rng.randint(2, 20))


def bank_account(rng) -> str:
    return "6" + "".join(str(rng.randrange(10)) for _ in range(18))
